import type { IconName } from '../../components/Icon';

/** The icon shown for a built-in tool. */
export function builtinIcon(name: string): IconName {
  switch (name) {
    case 'calculator':
      return 'calculator';
    case 'roll_dice':
      return 'dice';
    case 'convert_units':
      return 'ruler';
    case 'datetime':
      return 'globe';
    default:
      return 'wrench';
  }
}

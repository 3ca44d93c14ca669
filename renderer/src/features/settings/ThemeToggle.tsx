import { useSettings, useStores } from '../../app/stores';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { resolvedTheme } from './settingsStore';

export function ThemeToggle() {
  const { settings } = useStores();
  const theme = useSettings(resolvedTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <IconButton
      data-testid="theme-toggle"
      data-theme={theme}
      aria-label={`Switch to ${next} theme`}
      onClick={() => settings.getState().toggleTheme()}
    >
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} size={16} />
    </IconButton>
  );
}

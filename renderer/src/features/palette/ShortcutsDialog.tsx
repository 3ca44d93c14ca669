import { useStores, useUi } from '../../app/stores';
import { Kbd } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { MOD_KEY as MOD } from '../../components/shortcuts';

const SHORTCUTS: [string, string[]][] = [
  ['Command palette', [MOD, 'K']],
  ['New chat', [MOD, 'N']],
  ['New chat (browser)', [MOD, 'Shift', 'O']],
  ['Search messages', [MOD, 'Shift', 'F']],
  ['Stop generating', ['Esc']],
  ['Regenerate last reply', [MOD, 'Shift', 'R']],
  ['Focus the message box', ['/']],
  ['Swipe the last message (empty message box)', ['← / →']],
  ['Impersonate: draft my next line', [MOD, 'Shift', 'E']],
  ['Next / previous chat', ['Alt', '↓ / ↑']],
  ['Load a model', [MOD, 'L']],
  ['Show / hide the chat list', [MOD, 'B']],
  ['Larger / smaller text', [MOD, '= / -']],
  ['Keyboard shortcuts', [MOD, '/']],
];

export function ShortcutsDialog() {
  const { ui } = useStores();
  const open = useUi((s) => s.overlay === 'shortcuts');
  return (
    <Dialog
      open={open}
      title="Keyboard shortcuts"
      onClose={() => ui.getState().close()}
      width="max-w-sm"
    >
      <dl className="flex flex-col gap-2 text-[13px]">
        {SHORTCUTS.map(([label, keys]) => (
          <div key={label} className="flex items-center justify-between gap-4">
            <dt className="text-muted">{label}</dt>
            <dd className="flex gap-0.5">
              {keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}

import type { ReactNode } from 'react';
import { useSettings, useStores, useUi } from '../../app/stores';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon, type IconName } from '../../components/Icon';
import { exportConversations, pickAndImport } from '../conversations/transfer';
import { FONT_SIZES, type FontSize, type ThemeChoice } from './settingsStore';

function Segmented<T>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: { value: T; label: string; icon?: IconName }[];
  value: T;
  onChange: (value: T) => void;
  testId: string;
}) {
  return (
    <div
      role="radiogroup"
      aria-label={label}
      className="flex rounded-lg border border-line bg-sunken p-0.5"
    >
      {options.map((o) => (
        <button
          key={o.label}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          data-testid={`${testId}-${o.label.toLowerCase()}`}
          onClick={() => onChange(o.value)}
          className={`flex h-7 flex-1 items-center justify-center gap-1.5 rounded-md px-3 text-[12px] font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-accent/70 ${
            o.value === value ? 'bg-raised text-fg shadow-sm' : 'text-muted hover:text-fg'
          }`}
        >
          {o.icon && <Icon name={o.icon} size={13} />}
          {o.label}
        </button>
      ))}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2.5">
      <h3 className="text-[11px] font-semibold tracking-wide text-subtle uppercase">{title}</h3>
      {children}
    </section>
  );
}

const SIZE_LABELS: Record<FontSize, string> = { 13: 'S', 14: 'M', 15: 'L', 16: 'XL', 18: 'XXL' };

/** Appearance (theme, text size) and data (import, export everything). */
export function SettingsDialog() {
  const stores = useStores();
  const { ui, settings } = stores;
  const open = useUi((s) => s.overlay === 'settings');
  const theme = useSettings((s) => s.themeChoice);
  const fontSize = useSettings((s) => s.fontSize);
  const close = (): void => ui.getState().close();
  return (
    <Dialog open={open} title="Settings" onClose={close} width="max-w-md">
      <div className="flex flex-col gap-6 pb-1" data-testid="settings-dialog">
        <Section title="Appearance">
          <div className="flex items-center justify-between gap-4 text-[13px]">
            <span>Theme</span>
            <Segmented<ThemeChoice>
              label="Theme"
              testId="theme"
              value={theme}
              onChange={(t) => settings.getState().setTheme(t)}
              options={[
                { value: null, label: 'System', icon: 'monitor' },
                { value: 'light', label: 'Light', icon: 'sun' },
                { value: 'dark', label: 'Dark', icon: 'moon' },
              ]}
            />
          </div>
          <div className="flex items-center justify-between gap-4 text-[13px]">
            <span>Message text</span>
            <Segmented<FontSize>
              label="Message text size"
              testId="font"
              value={fontSize}
              onChange={(f) => settings.getState().setFontSize(f)}
              options={FONT_SIZES.map((f) => ({ value: f, label: SIZE_LABELS[f] }))}
            />
          </div>
          <p className="msg-text rounded-lg border border-line bg-canvas px-3 py-2 leading-relaxed">
            The quick brown fox jumps over the lazy dog.
          </p>
        </Section>
        <Section title="Roleplay">
          <div className="flex flex-wrap gap-2">
            <Button
              data-testid="settings-presets"
              onClick={() => {
                close();
                stores.roleplay.getState().openManager('presets');
              }}
            >
              <Icon name="file" size={14} />
              Presets…
            </Button>
            <Button
              data-testid="settings-personas"
              onClick={() => {
                close();
                stores.roleplay.getState().openManager('personas');
              }}
            >
              <Icon name="users" size={14} />
              Your personas…
            </Button>
          </div>
          <p className="text-[12px] leading-relaxed text-muted">
            Presets are system prompts to start chats with; personas are who you are in character
            chats.
          </p>
        </Section>
        <Section title="Your chats">
          <div className="flex flex-wrap gap-2">
            <Button data-testid="settings-import" onClick={() => pickAndImport(stores)}>
              <Icon name="upload" size={14} />
              Import…
            </Button>
            <Button onClick={() => void exportConversations(stores, null, 'json')}>
              <Icon name="download" size={14} />
              Export all (JSON)
            </Button>
            <Button onClick={() => void exportConversations(stores, null, 'md')}>
              <Icon name="download" size={14} />
              Export all (Markdown)
            </Button>
          </div>
          <p className="text-[12px] leading-relaxed text-muted">
            Imports Talaria JSON exports and OpenAI-style <code>messages</code> arrays. JSON keeps
            every branch, stats and settings; Markdown keeps the branch on screen. From a terminal:{' '}
            <code className="rounded bg-sunken px-1">talaria chats export --all</code>.
          </p>
        </Section>
      </div>
    </Dialog>
  );
}

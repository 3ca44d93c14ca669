import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { MarkdownEnvContext } from '../components/markdown/context';
import { cachedFontSize, cachedTheme, resolvedTheme } from '../features/settings/settingsStore';
import { applyTheme, systemTheme, useSystemTheme } from '../features/settings/useSystemTheme';
import { connect } from '../transport/connect';
import { bootstrap } from './bootstrap';
import { ConnectionScreen } from './ConnectionScreen';
import { Shell } from './Shell';
import { createStores, StoresContext, type Stores } from './stores';
import { wireEvents } from './wireEvents';

/** Message text size: a CSS variable the message and composer text use. */
function applyFontSize(px: number): void {
  document.documentElement.style.setProperty('--t-msg-font', `${px}px`);
}

type Phase =
  { kind: 'connecting' } | { kind: 'failed'; message: string } | { kind: 'ready'; stores: Stores };

function ThemedShell({ stores, connectionLost }: { stores: Stores; connectionLost: boolean }) {
  const theme = useStore(stores.settings, resolvedTheme);
  const fontSize = useStore(stores.settings, (s) => s.fontSize);
  const system = useSystemTheme();
  useEffect(() => stores.settings.getState().setSystemTheme(system), [stores, system]);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => applyFontSize(fontSize), [fontSize]);
  const markdown = useMemo(
    () => ({ mermaid: stores.mermaid, dark: theme === 'dark' }),
    [stores, theme],
  );
  return (
    <StoresContext value={stores}>
      <MarkdownEnvContext value={markdown}>
        <Shell connectionLost={connectionLost} />
      </MarkdownEnvContext>
    </StoresContext>
  );
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });
  const [connectionLost, setConnectionLost] = useState(false);

  useEffect(() => {
    applyTheme(cachedTheme() ?? systemTheme());
    applyFontSize(cachedFontSize());
    let cancelled = false;
    let dispose = (): void => undefined;
    connect()
      .then(async (client) => {
        if (cancelled) return client.close();
        const stores = createStores(client, systemTheme());
        const offEvents = wireEvents(stores);
        const offClose = client.onClose(() => setConnectionLost(true));
        dispose = () => {
          offEvents();
          offClose();
          client.close();
        };
        await bootstrap(stores);
        if (!cancelled) setPhase({ kind: 'ready', stores });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setPhase({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      });
    return () => {
      cancelled = true;
      dispose();
    };
  }, []);

  if (phase.kind !== 'ready') {
    return <ConnectionScreen error={phase.kind === 'failed' ? phase.message : null} />;
  }
  return <ThemedShell stores={phase.stores} connectionLost={connectionLost} />;
}

import { useModels, useStores } from '../../app/stores';
import { Button, Kbd } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Logo } from '../../components/Logo';
import { LoadFailure, useLoadFailure } from '../models/LoadFailure';
import { focusComposer } from './focusComposer';

const SUGGESTIONS = [
  {
    title: 'Explain a concept',
    prompt: 'Explain how a transformer language model works, briefly.',
  },
  { title: 'Write code', prompt: 'Write a TypeScript function that debounces another function.' },
  { title: 'Summarize', prompt: 'Summarize the main ideas of the following text:\n\n' },
  { title: 'Brainstorm', prompt: 'Give me five names for a chat app named after a myth.' },
];

/** What an empty conversation shows: the next step, whether a model is loaded or not. */
export function EmptyChat() {
  const { chat, models } = useStores();
  const model = useModels((s) => s.status?.model ?? null);
  const loading = useModels((s) => s.status?.state === 'loading' || s.loadingPath !== null);
  const failed = useLoadFailure() !== null;

  if (!model && failed) {
    return (
      <div className="flex flex-1 items-center justify-center px-6">
        <div className="w-full max-w-xl">
          <LoadFailure />
        </div>
      </div>
    );
  }

  if (!model) {
    return (
      <div className="flex flex-1 items-center justify-center px-6">
        <div className="flex max-w-sm flex-col items-center text-center">
          <div className="mb-4 flex h-12 w-12 items-center justify-center rounded-xl border border-line bg-sunken text-muted">
            <Icon name="chip" size={22} />
          </div>
          <h2 className="text-base font-semibold">
            {loading ? 'Loading model…' : 'Load a model to start'}
          </h2>
          <p className="mt-1.5 text-[13px] leading-relaxed text-muted">
            Talaria runs Hermes GGUF models on this machine. Pick a <code>.gguf</code> file to load
            it, then send your first message.
          </p>
          <Button
            variant="primary"
            className="mt-5"
            onClick={() => models.getState().openDialog()}
            title="Load a model (Ctrl+L)"
          >
            <Icon name="folder" size={14} />
            Load a model…
          </Button>
          <p className="mt-3 flex items-center gap-1 text-[11px] text-subtle">
            or press <Kbd>Ctrl</Kbd>
            <Kbd>L</Kbd>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-1 items-center justify-center overflow-y-auto px-6">
      <div className="flex w-full max-w-xl flex-col items-center text-center">
        <Logo size={40} />
        <h2 className="mt-4 text-base font-semibold">Start a conversation</h2>
        <p className="mt-1 text-[13px] text-muted">
          Send a message to <span className="font-mono text-[12px] text-fg">{model.name}</span>
        </p>
        <div className="mt-6 grid w-full grid-cols-2 gap-2">
          {SUGGESTIONS.map((s) => (
            <button
              key={s.title}
              type="button"
              onClick={() => {
                chat.getState().setDraft(s.prompt);
                focusComposer();
              }}
              className="rounded-lg border border-line bg-raised px-3 py-2.5 text-left transition-colors hover:border-line-strong hover:bg-hover focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none"
            >
              <div className="text-[13px] font-medium text-fg">{s.title}</div>
              <div className="mt-0.5 truncate text-xs text-subtle">{s.prompt}</div>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

import { useModels, useStores } from '../../app/stores';
import { Logo } from '../../components/Logo';
import { FirstRun } from '../models/FirstRun';
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
  const { chat } = useStores();
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

  if (!model && loading) {
    return (
      <div className="flex flex-1 items-center justify-center px-6 text-[13px] text-muted">
        Loading model…
      </div>
    );
  }

  if (!model) return <FirstRun />;

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

import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { Logo } from '../components/Logo';
import { Spinner } from '../components/Spinner';

/** Shown before the app is usable: while connecting, or when connecting failed. */
export function ConnectionScreen({ error }: { error: string | null }) {
  return (
    <div className="flex h-full items-center justify-center bg-canvas px-6">
      <div className="flex max-w-md flex-col items-center text-center">
        <Logo size={44} />
        <h1 className="mt-4 text-lg font-semibold tracking-tight">Talaria</h1>
        {error ? (
          <>
            <div
              role="alert"
              data-testid="connection-error"
              className="mt-4 flex items-start gap-2 rounded-lg border border-danger/30 bg-danger-soft px-3.5 py-2.5 text-left text-[13px] text-danger"
            >
              <Icon name="plug" size={15} className="mt-0.5 shrink-0" />
              <span>{error}</span>
            </div>
            <Button variant="secondary" className="mt-4" onClick={() => window.location.reload()}>
              <Icon name="refresh" size={14} />
              Try again
            </Button>
          </>
        ) : (
          <p className="mt-3 flex items-center gap-2 text-[13px] text-muted" role="status">
            <Spinner size={14} />
            Connecting…
          </p>
        )}
      </div>
    </div>
  );
}

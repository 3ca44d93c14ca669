import { useRef } from 'react';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { greetingCount } from './cardForm';
import { moveItem, removeAt, replaceAt } from './chipEdit';
import { Section, TextAreaField } from './formControls';
import type { TabProps } from './ProfileTabs';

/** The first message and the alternate greetings, which a chat offers as swipes. */
export function GreetingsTab({ form, problems, edit }: TabProps) {
  const list = useRef<HTMLOListElement>(null);
  const alternates = form.alternateGreetings;
  const setAlternates = (next: string[]): void => edit({ alternateGreetings: next });
  const focusAt = (index: number): void => {
    requestAnimationFrame(() => {
      list.current?.querySelectorAll<HTMLTextAreaElement>('textarea')[index]?.focus();
    });
  };
  const move = (from: number, to: number): void => {
    setAlternates(moveItem(alternates, from, to));
    focusAt(to);
  };
  const count = greetingCount(form);
  return (
    <div className="flex flex-col gap-10">
      <Section title="First message" description="What the character says to open a new chat.">
        <TextAreaField
          label="First message"
          testId="field-first-message"
          rows={8}
          value={form.firstMessage}
          error={problems.firstMessage}
          placeholder="*She looks up as you come in.* “There you are.”"
          onChange={(firstMessage) => edit({ firstMessage })}
        />
      </Section>
      <Section
        title="Alternate greetings"
        description={
          <>
            Other openings; a new chat lets you swipe between all{' '}
            <span className="font-medium text-fg tabular-nums" data-testid="greeting-count">
              {count}
            </span>{' '}
            greeting{count === 1 ? '' : 's'}.
          </>
        }
        actions={
          <Button
            size="sm"
            data-testid="add-greeting"
            onClick={() => {
              setAlternates([...alternates, '']);
              focusAt(alternates.length);
            }}
          >
            <Icon name="plus" size={13} /> Add greeting
          </Button>
        }
      >
        {problems.alternateGreetings && (
          <p role="alert" className="text-[12px] text-danger">
            {problems.alternateGreetings}
          </p>
        )}
        {alternates.length === 0 ? (
          <p className="rounded-lg border border-dashed border-line-strong/70 px-4 py-6 text-center text-[12.5px] text-subtle">
            No alternate greetings. Add a few to start chats in different ways.
          </p>
        ) : (
          <ol ref={list} className="flex flex-col gap-3" data-testid="alternate-greetings">
            {alternates.map((text, i) => (
              <li
                key={i}
                data-testid="alternate-greeting"
                className="overflow-hidden rounded-lg border border-line-strong/70 bg-raised focus-within:border-accent/60 focus-within:ring-3 focus-within:ring-accent/15"
              >
                <div className="flex items-center gap-1 border-b border-line bg-panel/60 py-1 pr-1 pl-3">
                  <span className="text-[12px] font-medium text-muted">Greeting {i + 2}</span>
                  {text.trim() === '' && (
                    <span className="text-[11.5px] text-subtle">· empty, left out on save</span>
                  )}
                  <span className="ml-auto flex items-center">
                    <IconButton
                      size="sm"
                      aria-label={`Move greeting ${i + 2} up`}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      <Icon name="arrowUp" size={13} />
                    </IconButton>
                    <IconButton
                      size="sm"
                      aria-label={`Move greeting ${i + 2} down`}
                      disabled={i === alternates.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      <Icon name="arrowDown" size={13} />
                    </IconButton>
                    <IconButton
                      size="sm"
                      aria-label={`Remove greeting ${i + 2}`}
                      onClick={() => setAlternates(removeAt(alternates, i))}
                    >
                      <Icon name="trash" size={13} />
                    </IconButton>
                  </span>
                </div>
                <textarea
                  aria-label={`Greeting ${i + 2}`}
                  rows={5}
                  value={text}
                  onChange={(e) => setAlternates(replaceAt(alternates, i, e.target.value))}
                  style={{ minHeight: 'calc(4 * 1.625em + 1rem)' }}
                  className="block max-h-[60vh] w-full resize-y bg-canvas px-3 py-2 text-[13px] leading-relaxed text-fg outline-none field-sizing-content placeholder:text-subtle"
                />
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { BookSettingsBar } from './BookSettingsBar';
import { emptyBook } from './cardForm';
import { Section } from './formControls';
import { LoreEntriesEditor } from './LoreEntriesEditor';
import type { TabProps } from './ProfileTabs';

/** The card's own lorebook (character_book), which travels with the card. */
export function CardLorebookTab({ form, problems, edit }: TabProps) {
  const book = form.book;
  return (
    <Section
      title="Character lorebook"
      description="World knowledge that travels with this card. Entries join the prompt when their keys come up in the chat."
    >
      {problems.book && (
        <p role="alert" className="text-[12px] text-danger">
          {problems.book}
        </p>
      )}
      {book ? (
        <>
          <BookSettingsBar book={book} onChange={(next) => edit({ book: next })} />
          <LoreEntriesEditor book={book} onChange={(next) => edit({ book: next })} />
        </>
      ) : (
        <div className="flex flex-col items-center rounded-xl border border-dashed border-line-strong/70 px-6 py-10 text-center">
          <div className="flex h-11 w-11 items-center justify-center rounded-xl border border-line bg-sunken text-muted">
            <Icon name="book" size={20} />
          </div>
          <p className="mt-3 text-[13.5px] font-medium">This card has no lorebook</p>
          <p className="mt-1 max-w-md text-[12.5px] text-muted">
            Add one to give the character facts about their world, people and places that come up
            only when they matter.
          </p>
          <Button
            variant="primary"
            size="sm"
            className="mt-4"
            data-testid="add-card-lorebook"
            onClick={() => edit({ book: emptyBook() })}
          >
            <Icon name="plus" size={13} /> Add a lorebook
          </Button>
        </div>
      )}
    </Section>
  );
}

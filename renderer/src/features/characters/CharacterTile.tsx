import type { CharacterSummary } from '../../../../shared/contract/personas';
import { navigate } from '../../app/router';
import { Avatar } from '../../components/Avatar';
import { focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';

const MAX_TAGS = 3;

/** One character in the gallery: picture, name, creator, a two-line blurb and tags. */
export function CharacterTile({
  character,
  unsaved,
}: {
  character: CharacterSummary;
  /** An editor holds changes to it that are not saved yet. */
  unsaved: boolean;
}) {
  const tags = character.tags.slice(0, MAX_TAGS);
  const more = character.tags.length - tags.length;
  return (
    <li className="min-w-0">
      <button
        type="button"
        data-testid="character-card"
        data-character-id={character.id}
        onClick={() => navigate({ screen: 'characters', characterId: character.id })}
        className={`group flex h-full w-full flex-col overflow-hidden rounded-xl border border-line bg-raised text-left shadow-xs transition-[border-color,box-shadow,transform] hover:-translate-y-px hover:border-line-strong hover:shadow-md ${focusRing}`}
      >
        <div className="relative aspect-square w-full overflow-hidden border-b border-line bg-sunken">
          <Avatar
            name={character.name}
            src={character.avatar}
            round={false}
            className="h-full w-full transition-transform duration-300 group-hover:scale-[1.02]"
            textClassName="text-5xl"
            testId="character-avatar"
          />
          <div className="absolute inset-x-2 bottom-2 flex items-center gap-1">
            <span
              title={`${character.greetingCount} greeting${character.greetingCount === 1 ? '' : 's'}`}
              className="inline-flex h-5 items-center gap-1 rounded-full bg-black/60 px-2 text-[11px] font-medium text-white tabular-nums backdrop-blur-sm"
            >
              <Icon name="chat" size={11} /> {character.greetingCount}
            </span>
            {character.loreEntryCount > 0 && (
              <span
                data-testid="lore-badge"
                title={`Lorebook with ${character.loreEntryCount} entries`}
                className="inline-flex h-5 items-center gap-1 rounded-full bg-black/60 px-2 text-[11px] font-medium text-white tabular-nums backdrop-blur-sm"
              >
                <Icon name="book" size={11} /> {character.loreEntryCount}
              </span>
            )}
            {unsaved && (
              <span className="ml-auto inline-flex h-5 items-center rounded-full bg-warn px-2 text-[10.5px] font-semibold text-black">
                Unsaved
              </span>
            )}
          </div>
        </div>
        <div className="flex min-h-0 flex-1 flex-col gap-1 px-3 pt-2.5 pb-3">
          <div className="flex min-w-0 items-baseline justify-between gap-2">
            <span
              className="truncate text-[14px] font-semibold text-fg"
              data-testid="character-name"
            >
              {character.name || 'Unnamed'}
            </span>
          </div>
          {character.creator && (
            <span className="-mt-0.5 truncate text-[11.5px] text-subtle">
              by {character.creator}
            </span>
          )}
          <p className="line-clamp-2 min-h-[2lh] text-[12px] leading-snug text-muted [overflow-wrap:anywhere]">
            {character.blurb}
          </p>
          {tags.length > 0 && (
            <div className="mt-1 flex min-w-0 flex-nowrap items-center gap-1 overflow-hidden">
              {tags.map((tag) => (
                <span
                  key={tag}
                  className="max-w-[8rem] shrink-0 truncate rounded-full border border-line bg-sunken px-2 text-[10.5px] leading-[18px] text-muted"
                >
                  {tag}
                </span>
              ))}
              {more > 0 && <span className="shrink-0 text-[10.5px] text-subtle">+{more}</span>}
            </div>
          )}
        </div>
      </button>
    </li>
  );
}

import { useEffect, useState, type DragEvent } from 'react';
import { navigate, type Route } from '../../app/router';
import { useStores } from '../../app/stores';
import { Icon } from '../../components/Icon';
import { ScreenHeader, ScreenTab } from '../../components/ScreenHeader';
import { hasModifier } from '../../components/shortcuts';
import { ThemeToggle } from '../settings/ThemeToggle';
import { CharacterEditor } from './CharacterEditor';
import { wireCharacterEvents } from './characterStores';
import { GalleryPage } from './GalleryPage';
import { importCharacters, importLorebooks } from './importActions';
import { LorebookEditor } from './LorebookEditor';
import { LorebooksPage } from './LorebooksPage';
import { useGallery, useLorebookList } from './useCharacterStores';

type ScreenRoute = Extract<Route, { screen: 'characters' | 'lorebooks' }>;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/**
 * `/` and Ctrl/Cmd+F focus the screen's search box (ahead of the app-wide `/`, which would
 * focus the hidden chat composer).
 */
function useSearchShortcut(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const slash = e.key === '/' && !hasModifier(e) && !e.altKey && !typingIn(e.target);
      const find = hasModifier(e) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f';
      if (!slash && !find) return;
      if (document.querySelector('dialog[open]')) return;
      const search = document.querySelector<HTMLInputElement>('[data-screen-search]');
      if (!search) return;
      e.preventDefault();
      e.stopPropagation();
      search.focus();
      search.select();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}

const hasFiles = (e: DragEvent): boolean => e.dataTransfer.types.includes('Files');

/** The Characters screen: the character gallery and editor, and the standalone lorebooks. */
export function CharactersScreen({ route }: { route: ScreenRoute }) {
  const stores = useStores();
  const { client, characters } = stores;
  const total = useGallery((s) => s.total);
  const books = useLorebookList((s) => s.lorebooks?.length ?? null);
  const [dragging, setDragging] = useState(false);
  const onLorebooks = route.screen === 'lorebooks';
  useSearchShortcut();

  useEffect(() => {
    const off = wireCharacterEvents(client, characters);
    void characters.gallery.getState().refresh();
    void characters.lorebooks.getState().refresh();
    // Changes made while the screen was closed: bring open editors without edits up to date.
    void characters.characterDrafts.getState().changed(null);
    void characters.lorebookDrafts.getState().changed(null);
    return off;
  }, [client, characters]);

  const drop = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (onLorebooks) {
      navigate({ screen: 'lorebooks', lorebookId: null });
      void importLorebooks(stores, files);
    } else {
      navigate({ screen: 'characters', characterId: null });
      void importCharacters(stores, files);
    }
  };

  return (
    <main
      className="relative flex min-w-0 flex-1 flex-col"
      aria-label="Characters"
      data-testid="characters-screen"
      onDragEnter={(e) => {
        if (hasFiles(e)) setDragging(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        // Leaving for a child is not leaving the screen.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={drop}
    >
      <ScreenHeader
        title="Characters"
        tabs={
          <>
            <ScreenTab
              label="Gallery"
              icon="users"
              testId="tab-characters"
              count={total}
              active={!onLorebooks}
              onClick={() => navigate({ screen: 'characters', characterId: null })}
            />
            <ScreenTab
              label="Lorebooks"
              icon="book"
              testId="tab-lorebooks"
              count={books}
              active={onLorebooks}
              onClick={() => navigate({ screen: 'lorebooks', lorebookId: null })}
            />
          </>
        }
        tools={<ThemeToggle />}
      />
      <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
        {route.screen === 'characters' &&
          (route.characterId ? (
            <CharacterEditor key={route.characterId} draftKey={route.characterId} />
          ) : (
            <GalleryPage />
          ))}
        {route.screen === 'lorebooks' &&
          (route.lorebookId ? (
            <LorebookEditor key={route.lorebookId} id={route.lorebookId} />
          ) : (
            <LorebooksPage />
          ))}
      </div>
      {dragging && (
        <div
          data-testid="drop-overlay"
          className="pointer-events-none absolute inset-3 z-20 flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed border-accent bg-accent-soft/85 text-accent-text backdrop-blur-[1px]"
        >
          <Icon name="import" size={30} />
          <p className="text-[15px] font-semibold">
            {onLorebooks ? 'Drop to import lorebooks' : 'Drop to import character cards'}
          </p>
          <p className="text-[12.5px] opacity-80">
            {onLorebooks
              ? 'SillyTavern world-info or character_book JSON'
              : 'PNG or JSON cards, V1 to V3'}
          </p>
        </div>
      )}
    </main>
  );
}

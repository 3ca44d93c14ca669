import { pageOf } from '../../../shared/contract/define';
import type { PersonaMethods } from '../../../shared/contract/personas';
import type { Handlers } from '../../../shared/rpc/types';
import type { BackendContext } from './context';

/** Implemented elsewhere: they need the engine (roleplay prompt assembly and impersonation). */
type EngineBacked = 'roleplay.assemblyFor' | 'chat.impersonate' | 'chat.stopImpersonation';

/** Presets, characters, user personas, lorebooks and each conversation's roleplay settings. */
export function createPersonaHandlers(
  ctx: BackendContext,
): Handlers<Omit<PersonaMethods, EngineBacked>> {
  const { presets, characters, personas, lorebooks, roleplay } = ctx.personas;

  return {
    'presets.list': async (page) => {
      const { items, total } = pageOf(presets.list(), page);
      return { presets: items, total };
    },
    'presets.save': async ({ id, preset }) => presets.save(id, preset),
    'presets.duplicate': async ({ id }) => presets.duplicate(id),
    'presets.delete': async ({ id }) => {
      presets.delete(id);
      return { ok: true };
    },
    'presets.import': async ({ text }) => ({ presets: presets.importText(text) }),
    'presets.export': async ({ ids }) => presets.exportFile(ids),
    'presets.getDefault': async ({ modelId }) => ({
      presetId: presets.getDefault(modelId),
      inherited: presets.inheritsDefault(modelId),
    }),
    'presets.setDefault': async ({ modelId, presetId }) => ({
      presetId: presets.setDefault(modelId, presetId),
      inherited: presets.inheritsDefault(modelId),
    }),

    'characters.list': async ({ query, tag, ...page }) => {
      const { characters: all, tags } = characters.list({ query, tag });
      const { items, total } = pageOf(all, page);
      return { characters: items, total, tags };
    },
    'characters.get': async ({ id }) => characters.get(id),
    'characters.import': async ({ data, avatar }) => characters.importCard(data, avatar),
    'characters.save': async ({ id, card, avatar }) => characters.save(id, card, avatar),
    'characters.delete': async ({ id }) => {
      characters.delete(id);
      return { ok: true };
    },
    'characters.export': async ({ id, format }) => characters.exportCard(id, format),
    'characters.startChat': async (params) => roleplay.startChat(params),

    'personas.list': async (page) => {
      const { items, total } = pageOf(personas.list(), page);
      return { personas: items, total };
    },
    'personas.save': async ({ id, persona }) => personas.save(id, persona),
    'personas.delete': async ({ id }) => {
      personas.delete(id);
      return { ok: true };
    },
    'personas.setDefault': async ({ id }) => ({
      personas: pageOf(personas.setDefault(id), {}).items,
    }),

    'lorebooks.list': async (page) => {
      const { items, total } = pageOf(lorebooks.list(), page);
      return { lorebooks: items, total };
    },
    'lorebooks.get': async ({ id }) => lorebooks.get(id),
    'lorebooks.save': async ({ id, name, book }) => lorebooks.save(id, name, book),
    'lorebooks.delete': async ({ id }) => {
      lorebooks.delete(id);
      return { ok: true };
    },
    'lorebooks.import': async ({ fileName, text }) => lorebooks.importText(fileName, text),
    'lorebooks.export': async ({ id }) => lorebooks.exportFile(id),

    'roleplay.get': async ({ conversationId }) => roleplay.cast(conversationId),
    'roleplay.set': async (params) => roleplay.set(params),
  };
}

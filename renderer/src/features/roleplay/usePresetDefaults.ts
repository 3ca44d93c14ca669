import { useCallback, useEffect, useState } from 'react';
import { useModels, useStores } from '../../app/stores';
import { toShownError } from '../../components/errors';

export interface LoadedModelRef {
  /**
   * The library id (path inside the models folder); null for a model loaded from elsewhere,
   * which has no defaults of its own (the backend keys them by library id too).
   */
  id: string | null;
  name: string;
}

/** The loaded model as the library knows it, for "default preset of this model". */
export function useLoadedModelRef(): LoadedModelRef | null {
  const { client } = useStores();
  const path = useModels((s) => s.status?.model?.path ?? null);
  const name = useModels((s) => s.status?.model?.name ?? null);
  const [id, setId] = useState<{ path: string; id: string | null } | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    client.request('library.list', {}).then(
      ({ models }) => {
        const hit = models.find((m) => m.path === path || m.parts.includes(path));
        if (live) setId({ path, id: hit?.id ?? null });
      },
      () => live && setId({ path, id: null }),
    );
    return () => {
      live = false;
    };
  }, [client, path]);
  return path && name && id?.path === path ? { id: id.id, name } : null;
}

export interface PresetDefaults {
  /** The preset new chats start with. */
  newChats: string | null;
  /** The loaded library model's own default (not the one it inherits from all chats). */
  model: string | null;
  setNewChats(presetId: string | null): Promise<void>;
  setModel(presetId: string | null): Promise<void>;
  error: string | null;
}

export function usePresetDefaults(model: LoadedModelRef | null): PresetDefaults {
  const { client } = useStores();
  const [newChats, setNewChatsState] = useState<string | null>(null);
  const [modelDefault, setModelDefault] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const modelId = model?.id ?? null;

  useEffect(() => {
    let live = true;
    client.request('presets.getDefault', {}).then(
      (r) => live && setNewChatsState(r.presetId),
      (e: unknown) => live && setError(toShownError(e).message),
    );
    if (modelId) {
      client.request('presets.getDefault', { modelId }).then(
        (r) => live && setModelDefault(r.inherited ? null : r.presetId),
        (e: unknown) => live && setError(toShownError(e).message),
      );
    }
    return () => {
      live = false;
    };
  }, [client, modelId]);

  const setNewChats = useCallback(
    async (presetId: string | null) => {
      // Shown at once (the checkbox follows the click); the answer settles it.
      const before = newChats;
      setNewChatsState(presetId);
      try {
        setNewChatsState((await client.request('presets.setDefault', { presetId })).presetId);
      } catch (e) {
        setNewChatsState(before);
        setError(toShownError(e).message);
      }
    },
    [client, newChats],
  );
  const setModel = useCallback(
    async (presetId: string | null) => {
      if (!modelId) return;
      const before = modelDefault;
      setModelDefault(presetId);
      try {
        const r = await client.request('presets.setDefault', { modelId, presetId });
        setModelDefault(r.inherited ? null : r.presetId);
      } catch (e) {
        setModelDefault(before);
        setError(toShownError(e).message);
      }
    },
    [client, modelId, modelDefault],
  );
  const own = modelId && modelDefault !== newChats ? modelDefault : null;
  return { newChats, model: own, setNewChats, setModel, error };
}

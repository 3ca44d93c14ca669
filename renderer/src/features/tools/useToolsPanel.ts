import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  BuiltinTool,
  ConversationToolSettings,
  JsonSchemaObject,
  OpenAiTool,
  ToolDefinition,
  ToolMock,
} from '../../../../shared/contract/tools';
import { useStores } from '../../app/stores';
import { toShownError } from '../../components/errors';
import { toggleTool } from './toolForm';

export interface ToolInput {
  name: string;
  description: string;
  parameters: JsonSchemaObject;
  mock: ToolMock;
}

export type SettingsPatch = Partial<Omit<ConversationToolSettings, 'jsonMode'>>;

interface Loaded {
  id: string;
  tools: ToolDefinition[];
  builtins: BuiltinTool[];
  settings: ConversationToolSettings;
}

const NONE: ToolDefinition[] = [];

export interface ToolsPanel {
  loaded: boolean;
  /** The last failed request, in words. */
  error: string | null;
  tools: ToolDefinition[];
  builtins: BuiltinTool[];
  settings: ConversationToolSettings | null;
  refresh(): Promise<void>;
  clearError(): void;
  setTools(patch: SettingsPatch): Promise<void>;
  toggle(name: string, on: boolean): Promise<void>;
  /** Creates (`id` null) or changes a tool; resolves to an error message, or null when saved. */
  save(id: string | null, input: ToolInput): Promise<string | null>;
  remove(id: string): Promise<void>;
  importTools(
    tools: unknown,
    options: { replace: boolean; mock: ToolMock },
  ): Promise<{ ok: true; count: number } | { ok: false; message: string }>;
  exportTools(includeBuiltins: boolean): Promise<OpenAiTool[] | null>;
  /** Turns JSON mode on (a schema) or off (null); resolves to an error message or null. */
  setJsonMode(schema: JsonSchemaObject | null, maxRetries?: number): Promise<string | null>;
}

/** The tool definitions and settings of one conversation, and the requests that change them. */
export function useToolsPanel(conversationId: string | null): ToolsPanel {
  const { client } = useStores();
  const [data, setData] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<{ id: string | null; message: string } | null>(null);
  // Answers for a conversation that is no longer shown are dropped.
  const current = useRef(conversationId);
  useEffect(() => {
    current.current = conversationId;
  }, [conversationId]);
  const shown = data?.id === conversationId ? data : null;
  const settings = shown?.settings ?? null;
  const setError = useCallback(
    (message: string | null) =>
      setFailure(message === null ? null : { id: current.current, message }),
    [],
  );
  const setSettings = useCallback(
    (id: string, next: ConversationToolSettings) =>
      setData((d) => (d && d.id === id ? { ...d, settings: next } : d)),
    [],
  );

  const refresh = useCallback(async () => {
    const id = conversationId;
    if (!id) return;
    try {
      const list = await client.request('tools.list', { conversationId: id });
      if (current.current !== id) return;
      setData({ id, ...list });
    } catch (e) {
      if (current.current === id) setError(toShownError(e).message);
    }
  }, [client, conversationId, setError]);

  useEffect(() => {
    if (!conversationId) return;
    let live = true;
    client.request('tools.list', { conversationId }).then(
      (list) => live && setData({ id: conversationId, ...list }),
      (e: unknown) => live && setError(toShownError(e).message),
    );
    return () => {
      live = false;
    };
  }, [client, conversationId, setError]);

  const setTools = useCallback(
    async (patch: SettingsPatch) => {
      if (!conversationId) return;
      setData((d) =>
        d && d.id === conversationId ? { ...d, settings: { ...d.settings, ...patch } } : d,
      );
      try {
        const next = await client.request('conversations.setTools', { conversationId, ...patch });
        setSettings(conversationId, next);
      } catch (e) {
        setError(toShownError(e).message);
        await refresh();
      }
    },
    [client, conversationId, refresh, setError, setSettings],
  );

  const toggle = useCallback(
    async (name: string, on: boolean) => {
      if (!settings) return;
      await setTools(toggleTool(settings.enabled, settings.toolChoice, name, on));
    },
    [settings, setTools],
  );

  const save = useCallback(
    async (id: string | null, input: ToolInput): Promise<string | null> => {
      if (!conversationId) return 'No chat is open.';
      try {
        if (id) await client.request('tools.update', { id, ...input });
        else await client.request('tools.define', { conversationId, ...input });
        await refresh();
        return null;
      } catch (e) {
        return toShownError(e).message;
      }
    },
    [client, conversationId, refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      try {
        await client.request('tools.remove', { id });
      } catch (e) {
        setError(toShownError(e).message);
      }
      await refresh();
    },
    [client, refresh, setError],
  );

  const importTools = useCallback<ToolsPanel['importTools']>(
    async (input, { replace, mock }) => {
      if (!conversationId) return { ok: false, message: 'No chat is open.' };
      try {
        const result = await client.request('tools.import', {
          conversationId,
          tools: input,
          replace,
          mock,
        });
        await refresh();
        return { ok: true, count: result.tools.length };
      } catch (e) {
        return { ok: false, message: toShownError(e).message };
      }
    },
    [client, conversationId, refresh],
  );

  const exportTools = useCallback(
    async (includeBuiltins: boolean) => {
      if (!conversationId) return null;
      try {
        return (await client.request('tools.export', { conversationId, includeBuiltins })).tools;
      } catch (e) {
        setError(toShownError(e).message);
        return null;
      }
    },
    [client, conversationId, setError],
  );

  const setJsonMode = useCallback(
    async (schema: JsonSchemaObject | null, maxRetries?: number): Promise<string | null> => {
      if (!conversationId) return 'No chat is open.';
      try {
        const result = await client.request('chat.setJsonMode', {
          conversationId,
          schema,
          ...(maxRetries !== undefined && { maxRetries }),
        });
        setSettings(conversationId, result.settings);
        return null;
      } catch (e) {
        return toShownError(e).message;
      }
    },
    [client, conversationId, setSettings],
  );

  return {
    loaded: shown !== null,
    error: failure && failure.id === conversationId ? failure.message : null,
    tools: shown?.tools ?? NONE,
    builtins: shown?.builtins ?? [],
    settings,
    refresh,
    clearError: () => setError(null),
    setTools,
    toggle,
    save,
    remove,
    importTools,
    exportTools,
    setJsonMode,
  };
}

import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type {
  ConversationToolSettings,
  JsonModeResult,
  JsonSchemaObject,
  ToolDefinition,
  ToolMock,
  ToolResponseRole,
} from '../../../shared/contract/tools';
import type { Message } from '../../../shared/contract/types';
import type { HermesTool } from '../../../shared/hermes';
import type { Clock } from '../store/clock';
import type { SqliteDatabase } from '../store/openDatabase';
import { parseJson } from '../store/rows';
import { StatementCache } from '../store/StatementCache';
import { ToolCallStore } from './ToolCallStore';

export const DEFAULT_TOOL_SETTINGS: ConversationToolSettings = {
  enabled: [],
  toolChoice: 'auto',
  guaranteedArguments: false,
  maxDepth: 5,
  toolResponseRole: 'model',
  timeoutMs: 10_000,
  jsonMode: null,
};

/** What an assistant message was generated from, kept for the prompt inspector. */
export interface PromptContext {
  /** System messages put before the conversation (JSON-mode prompt, the system prompt). */
  system: string[];
  /** The tools announced (empty: the default template). */
  tools: HermesTool[];
  toolResponseRole: ToolResponseRole;
}

export interface DefinitionInput {
  name: string;
  description: string;
  parameters: JsonSchemaObject;
  mock: ToolMock;
}

interface DefinitionRow {
  id: string;
  conversation_id: string;
  name: string;
  description: string;
  parameters_json: string;
  mock_json: string;
  created_at: number;
  updated_at: number;
}

/**
 * The tool side of the store: defined tools, per-conversation settings, tool-call records and
 * per-message extras (JSON-mode result, prompt context). Works on the Store's connection.
 */
export class ToolStore {
  readonly calls: ToolCallStore;
  private readonly statements: StatementCache;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: Clock = Date.now,
  ) {
    this.statements = new StatementCache(db);
    this.calls = new ToolCallStore(db, now);
  }

  definitions(conversationId: string): ToolDefinition[] {
    const rows = this.statements
      .prepare(
        'SELECT * FROM tool_definitions WHERE conversation_id = ? ORDER BY created_at, rowid',
      )
      .all(conversationId) as DefinitionRow[];
    return rows.map(toDefinition);
  }

  definition(id: string): ToolDefinition | null {
    const row = this.statements.prepare('SELECT * FROM tool_definitions WHERE id = ?').get(id) as
      DefinitionRow | undefined;
    return row ? toDefinition(row) : null;
  }

  insertDefinition(conversationId: string, input: DefinitionInput): ToolDefinition {
    const id = randomUUID();
    const now = this.now();
    this.statements
      .prepare(
        `INSERT INTO tool_definitions (id, conversation_id, name, description, parameters_json,
           mock_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        conversationId,
        input.name,
        input.description,
        JSON.stringify(input.parameters),
        JSON.stringify(input.mock),
        now,
        now,
      );
    return this.requireDefinition(id);
  }

  updateDefinition(id: string, input: DefinitionInput): ToolDefinition {
    this.statements
      .prepare(
        `UPDATE tool_definitions SET name = ?, description = ?, parameters_json = ?, mock_json = ?,
           updated_at = ? WHERE id = ?`,
      )
      .run(
        input.name,
        input.description,
        JSON.stringify(input.parameters),
        JSON.stringify(input.mock),
        this.now(),
        id,
      );
    return this.requireDefinition(id);
  }

  deleteDefinition(id: string): void {
    this.statements.prepare('DELETE FROM tool_definitions WHERE id = ?').run(id);
  }

  settings(conversationId: string): ConversationToolSettings {
    const row = this.statements
      .prepare('SELECT settings_json FROM conversation_tool_settings WHERE conversation_id = ?')
      .get(conversationId) as { settings_json: string } | undefined;
    const stored = parseJson<Partial<ConversationToolSettings>>(row?.settings_json, {});
    return { ...DEFAULT_TOOL_SETTINGS, ...stored };
  }

  saveSettings(
    conversationId: string,
    settings: ConversationToolSettings,
  ): ConversationToolSettings {
    this.statements
      .prepare(
        `INSERT INTO conversation_tool_settings (conversation_id, settings_json, updated_at)
         VALUES (?, ?, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET
           settings_json = excluded.settings_json, updated_at = excluded.updated_at`,
      )
      .run(conversationId, JSON.stringify(settings), this.now());
    return this.settings(conversationId);
  }

  setJsonResult(messageId: string, result: JsonModeResult): void {
    this.upsertExtra(messageId, 'json_result_json', JSON.stringify(result));
  }

  setPromptContext(messageId: string, context: PromptContext): void {
    this.upsertExtra(messageId, 'prompt_context_json', JSON.stringify(context));
  }

  promptContext(messageId: string): PromptContext | null {
    const row = this.statements
      .prepare('SELECT prompt_context_json FROM message_extras WHERE message_id = ?')
      .get(messageId) as { prompt_context_json: string | null } | undefined;
    return parseJson<PromptContext | null>(row?.prompt_context_json, null);
  }

  /** Messages with their tool calls and JSON-mode results attached. */
  decorate<T extends Message>(messages: readonly T[]): T[] {
    const ids = messages.map((m) => m.id);
    const calls = this.calls.forMessages(ids);
    const json = this.statements.prepare(
      'SELECT json_result_json FROM message_extras WHERE message_id = ?',
    );
    return messages.map((message) => {
      const out: T = { ...message };
      const toolCalls = calls.get(message.id);
      if (toolCalls) out.toolCalls = toolCalls;
      const row = json.get(message.id) as { json_result_json: string | null } | undefined;
      const result = parseJson<JsonModeResult | null>(row?.json_result_json, null);
      if (result) out.json = result;
      return out;
    });
  }

  private upsertExtra(messageId: string, column: string, value: string): void {
    this.statements
      .prepare(
        `INSERT INTO message_extras (message_id, ${column}) VALUES (?, ?)
         ON CONFLICT (message_id) DO UPDATE SET ${column} = excluded.${column}`,
      )
      .run(messageId, value);
  }

  private requireDefinition(id: string): ToolDefinition {
    const definition = this.definition(id);
    if (!definition) throw new TalariaError('NOT_FOUND', 'That tool does not exist.');
    return definition;
  }
}

function toDefinition(row: DefinitionRow): ToolDefinition {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    name: row.name,
    description: row.description,
    parameters: parseJson<JsonSchemaObject>(row.parameters_json, { type: 'object' }),
    mock: parseJson<ToolMock>(row.mock_json, { mode: 'ask' }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

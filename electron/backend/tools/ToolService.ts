import { TalariaError } from '../../../shared/contract/errors';
import type {
  BuiltinTool,
  ConversationToolSettings,
  JsonSchemaObject,
  OpenAiTool,
  SchemaIssue,
  ToolDefinition,
  ToolMethods,
  ToolMock,
} from '../../../shared/contract/tools';
import type { Store } from '../store';
import type { BuiltinToolImpl } from './builtins';
import { toGrammarSchema } from './schemaSupport';
import {
  invalid,
  mockProblem,
  nameProblem,
  NO_PARAMETERS,
  parametersProblem,
  readOpenAiTools,
  schemaProblem,
  toOpenAiTool,
} from './toolDefinitions';
import type { DefinitionInput, ToolStore } from './ToolStore';

/** A tool offered to the model in one conversation, with what a call runs. */
export type ActiveTool =
  | { kind: 'builtin'; name: string; definition: BuiltinTool; impl: BuiltinToolImpl }
  | { kind: 'mock'; name: string; definition: BuiltinTool; mock: ToolMock };

export interface ToolServiceOptions {
  store: Store;
  tools: ToolStore;
  builtins: ReadonlyMap<string, BuiltinToolImpl>;
}

type SetToolsParams = ToolMethods['conversations.setTools']['params'];

/** Tool definitions, per-conversation tool settings and JSON-mode settings. */
export class ToolService {
  private readonly builtinNames: ReadonlySet<string>;

  constructor(private readonly options: ToolServiceOptions) {
    this.builtinNames = new Set(options.builtins.keys());
  }

  get builtins(): BuiltinTool[] {
    return [...this.options.builtins.values()].map((tool) => tool.definition);
  }

  list(conversationId: string) {
    this.requireConversation(conversationId);
    const { tools } = this.options;
    return {
      tools: tools.definitions(conversationId),
      builtins: this.builtins,
      settings: tools.settings(conversationId),
    };
  }

  define(params: ToolMethods['tools.define']['params']): ToolDefinition {
    this.requireConversation(params.conversationId);
    const input = this.checked(params.conversationId, null, {
      name: params.name,
      description: params.description ?? '',
      parameters: params.parameters ?? NO_PARAMETERS,
      mock: params.mock ?? { mode: 'ask' },
    });
    const definition = this.options.tools.insertDefinition(params.conversationId, input);
    this.enable(params.conversationId, [definition.name]);
    return definition;
  }

  update(params: ToolMethods['tools.update']['params']): ToolDefinition {
    const current = this.requireDefinition(params.id);
    const input = this.checked(current.conversationId, current.id, {
      name: params.name ?? current.name,
      description: params.description ?? current.description,
      parameters: params.parameters ?? current.parameters,
      mock: params.mock ?? current.mock,
    });
    const updated = this.options.tools.updateDefinition(current.id, input);
    if (updated.name !== current.name) this.renameInSettings(current, updated.name);
    return updated;
  }

  remove(id: string): void {
    const current = this.requireDefinition(id);
    this.options.tools.deleteDefinition(id);
    this.renameInSettings(current, null);
  }

  import(params: ToolMethods['tools.import']['params']): ToolDefinition[] {
    this.requireConversation(params.conversationId);
    const { tools, errors } = readOpenAiTools(params.tools, params.mock);
    const existing = params.replace ? [] : this.options.tools.definitions(params.conversationId);
    const taken = new Set(existing.map((d) => d.name));
    for (const tool of tools) {
      const problem = nameProblem(tool.name, taken, this.builtinNames);
      if (problem) errors.push(problem);
      taken.add(tool.name);
    }
    if (errors.length > 0) {
      throw invalid(`The tools could not be imported:\n${errors.join('\n')}`, { errors });
    }
    const mock = params.mock ?? { mode: 'ask' };
    const store = this.options.store;
    return store.db.transaction(() => {
      if (params.replace) {
        for (const old of this.options.tools.definitions(params.conversationId))
          this.remove(old.id);
      }
      const created = tools.map((tool) =>
        this.options.tools.insertDefinition(params.conversationId, { ...tool, mock }),
      );
      this.enable(
        params.conversationId,
        created.map((d) => d.name),
      );
      return created;
    })();
  }

  export(conversationId: string, includeBuiltins: boolean): OpenAiTool[] {
    this.requireConversation(conversationId);
    const { enabled } = this.options.tools.settings(conversationId);
    const builtins = includeBuiltins
      ? this.builtins.filter((tool) => enabled.includes(tool.name))
      : [];
    return [...builtins, ...this.options.tools.definitions(conversationId)].map(toOpenAiTool);
  }

  checkSchema(schema: unknown): {
    valid: boolean;
    error: string | null;
    unenforced: SchemaIssue[];
  } {
    const error = schemaProblem(schema);
    return {
      valid: error === null,
      error,
      unenforced: error ? [] : toGrammarSchema(schema).unenforced,
    };
  }

  setTools(params: SetToolsParams): ConversationToolSettings {
    const { conversationId, ...patch } = params;
    this.requireConversation(conversationId);
    const current = this.options.tools.settings(conversationId);
    const next: ConversationToolSettings = { ...current, ...definedOnly(patch) };
    const known = new Set([...this.builtinNames, ...this.definedNames(conversationId)]);
    const unknown = next.enabled.filter((name) => !known.has(name));
    if (unknown.length > 0) throw invalid(`Unknown tools: ${unknown.join(', ')}.`);
    next.enabled = [...new Set(next.enabled)];
    const choice = next.toolChoice;
    if (typeof choice === 'object' && !next.enabled.includes(choice.name)) {
      throw invalid(`tool_choice names "${choice.name}", which is not an enabled tool.`);
    }
    return this.options.tools.saveSettings(conversationId, next);
  }

  setJsonMode(conversationId: string, schema: JsonSchemaObject | null, maxRetries?: number) {
    this.requireConversation(conversationId);
    const current = this.options.tools.settings(conversationId);
    if (schema === null) {
      return {
        settings: this.options.tools.saveSettings(conversationId, { ...current, jsonMode: null }),
        unenforced: [],
      };
    }
    const problem = schemaProblem(schema);
    if (problem) throw invalid(problem);
    const jsonMode = { schema, maxRetries: maxRetries ?? current.jsonMode?.maxRetries ?? 2 };
    const settings = this.options.tools.saveSettings(conversationId, { ...current, jsonMode });
    return { settings, unenforced: toGrammarSchema(schema).unenforced };
  }

  /** The enabled tools of a conversation, built-ins first, in a stable order. */
  activeTools(conversationId: string): ActiveTool[] {
    const { enabled } = this.options.tools.settings(conversationId);
    const on = new Set(enabled);
    const out: ActiveTool[] = [];
    for (const [name, impl] of this.options.builtins) {
      if (on.has(name)) out.push({ kind: 'builtin', name, definition: impl.definition, impl });
    }
    for (const def of this.options.tools.definitions(conversationId)) {
      if (!on.has(def.name)) continue;
      const definition = {
        name: def.name,
        description: def.description,
        parameters: def.parameters,
      };
      out.push({ kind: 'mock', name: def.name, definition, mock: def.mock });
    }
    return out;
  }

  private checked(
    conversationId: string,
    selfId: string | null,
    input: DefinitionInput,
  ): DefinitionInput {
    const taken = new Set(
      this.options.tools
        .definitions(conversationId)
        .filter((d) => d.id !== selfId)
        .map((d) => d.name),
    );
    const problems = [
      nameProblem(input.name, taken, this.builtinNames),
      parametersProblem(input.parameters),
      mockProblem(input.mock),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) throw invalid(problems.join('\n'), { errors: problems });
    return input;
  }

  private enable(conversationId: string, names: string[]): void {
    const settings = this.options.tools.settings(conversationId);
    const enabled = [...new Set([...settings.enabled, ...names])];
    this.options.tools.saveSettings(conversationId, { ...settings, enabled });
  }

  /** Follows a rename (or a removal, `to` null) in the enabled list and a named tool_choice. */
  private renameInSettings(tool: ToolDefinition, to: string | null): void {
    const settings = this.options.tools.settings(tool.conversationId);
    const enabled = settings.enabled.flatMap((name) =>
      name !== tool.name ? [name] : to ? [to] : [],
    );
    const choice = settings.toolChoice;
    const toolChoice =
      typeof choice === 'object' && choice.name === tool.name
        ? to
          ? { name: to }
          : 'auto'
        : choice;
    this.options.tools.saveSettings(tool.conversationId, { ...settings, enabled, toolChoice });
  }

  private definedNames(conversationId: string): string[] {
    return this.options.tools.definitions(conversationId).map((d) => d.name);
  }

  private requireConversation(id: string): void {
    if (!this.options.store.conversations.get(id)) {
      throw new TalariaError('NOT_FOUND', 'That conversation does not exist.');
    }
  }

  private requireDefinition(id: string): ToolDefinition {
    const definition = this.options.tools.definition(id);
    if (!definition) throw new TalariaError('NOT_FOUND', 'That tool does not exist.');
    return definition;
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type {
  HermesFunction,
  HermesMessage,
  HermesTool,
  HermesToolCall,
  JsonSchema,
  ParsedToolCall,
  ParseToolCallsResult,
  RenderHermesPromptOptions,
  ToolCallParseError,
  ToolCallValidation,
} from './types';
export { HERMES_DEFAULT_BOS_TOKEN, renderHermesPrompt } from './renderHermesPrompt';
export { hermesToolSystemPrompt, pyStrip, toolFunction } from './toolSystemPrompt';
export { jsonSchemaToPythonType } from './pythonType';
export { pyFloatRepr, pyJsonDumps, pyString } from './tojson';
export type { PyJsonDumpsOptions } from './tojson';
export { endsInsideString, parseToolCalls } from './parseToolCalls';
export { parsePythonLiteral, PythonLiteralError } from './pythonLiteral';
export { ToolCallValidator } from './ToolCallValidator';
export { validateToolCall, validatorFor } from './validateToolCall';
export { jsonModeSystemPrompt } from './jsonMode';
export { JinjaTemplate, TemplateRaisedError } from './jinjaTemplate';
export { renderModelPrompt } from './modelPrompt';
export type {
  ModelChatTemplates,
  RenderModelPromptOptions,
  RenderedModelPrompt,
} from './modelPrompt';

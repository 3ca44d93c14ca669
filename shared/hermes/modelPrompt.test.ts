import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCases, resolveTools } from './fixtures/loadFixtures';
import goldens from './templates/goldens.json';
import { JinjaTemplate } from './jinjaTemplate';
import { renderModelPrompt } from './modelPrompt';
import { renderHermesPrompt } from './renderHermesPrompt';
import type { HermesMessage, HermesTool } from './types';

// Goldens: scripts/hermes/makeTemplateGoldens.py renders every case with Jinja2 configured as
// transformers' apply_chat_template; templates and their sources are in ./templates/SOURCES.md.
const template = (variant: string): string =>
  readFileSync(new URL(`./templates/${variant}.jinja`, import.meta.url), 'utf8');

const cases = loadCases();
interface Case {
  name: string;
  messages: HermesMessage[];
  tools?: (string | HermesTool)[];
  addGenerationPrompt?: boolean;
  bosToken?: string;
}
const extra = new Map<string, Case>();
const caseNamed = (name: string): Case => {
  const found = cases.cases.find((c) => c.name === name) ?? extra.get(name);
  if (!found) throw new Error(`no case ${name}`);
  return found;
};
const brokenTool = (properties: Record<string, unknown>): HermesTool => ({
  type: 'function',
  function: { name: 'x', description: 'd', parameters: { type: 'object', properties } },
});
extra.set('broken_nullable_union', {
  name: 'broken_nullable_union',
  messages: [{ role: 'user', content: 'Find notes.' }],
  tools: [
    {
      type: 'function',
      function: {
        name: 'search',
        description: 'Search notes.',
        parameters: {
          type: 'object',
          properties: {
            limit: { type: ['integer', 'null'], description: 'How many.' },
            tags: { type: 'array', items: { type: 'string' }, description: 'Tags.' },
          },
        },
      },
    },
  ],
});
extra.set('broken_array_items', {
  name: 'broken_array_items',
  messages: [{ role: 'user', content: 'Tag it.' }],
  tools: [
    {
      type: 'function',
      function: {
        name: 'tag',
        description: 'Tag notes.',
        parameters: {
          type: 'object',
          properties: { tags: { type: 'array', items: { type: 'string' }, description: 'Tags.' } },
        },
      },
    },
  ],
});

type Golden = { variant: string; case: string; expected?: string; error?: string };
const renders = (goldens as { renders: Golden[] }).renders;

describe('JinjaTemplate: byte-identical to Jinja2 + transformers on every variant', () => {
  it.each(renders.map((g) => [`${g.variant} / ${g.case}`, g] as const))('%s', (_, golden) => {
    const c = caseNamed(golden.case);
    const tools = resolveTools(cases, c.tools);
    const variables = {
      messages: c.messages,
      ...(tools.length > 0 && { tools }),
      add_generation_prompt: c.addGenerationPrompt ?? true,
      bos_token: c.bosToken ?? '<|begin_of_text|>',
      eos_token: '<|im_end|>',
    };
    const render = () => new JinjaTemplate(template(golden.variant)).render(variables);
    if (golden.expected !== undefined) expect(render()).toBe(golden.expected);
    else expect(render).toThrow();
  });
});

describe('renderModelPrompt', () => {
  const hermes3 = { default: template('hermes3-default'), toolUse: template('hermes3-tool-use') };
  const user: HermesMessage[] = [{ role: 'user', content: 'Hi' }];

  it("uses the model's own template: tool_use with tools, the default one without", () => {
    const vllm = { default: template('hermes2pro-vllm-tool-use') };
    const tools = [brokenTool({ q: { type: 'string', description: 'Query.' } })];
    const withTools = renderModelPrompt(user, { templates: vllm, tools });
    expect(withTools).toMatchObject({ renderer: 'model', template: 'default', note: null });
    expect(withTools.text).toContain('"required": ["arguments", "name"]');
    expect(renderModelPrompt(user, { templates: hermes3 })).toMatchObject({
      renderer: 'model',
      template: 'default',
      text: '<|begin_of_text|><|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n',
    });
    expect(renderModelPrompt(user, { templates: hermes3, tools }).template).toBe('tool_use');
  });

  it('falls back to the built-in format, and says why, where the template fails', () => {
    const union = caseNamed('broken_nullable_union');
    const rendered = renderModelPrompt(union.messages, {
      templates: hermes3,
      tools: resolveTools(cases, union.tools),
    });
    expect(rendered.renderer).toBe('builtin');
    expect(rendered.note).toBe(
      "rendered with Talaria's Hermes 3 format: this model's template fails on union types",
    );
    expect(rendered.text).toBe(
      renderHermesPrompt(union.messages, { tools: resolveTools(cases, union.tools) }),
    );
    const items = caseNamed('broken_array_items');
    expect(
      renderModelPrompt(items.messages, {
        templates: hermes3,
        tools: resolveTools(cases, items.tools),
      }).note,
    ).toMatch(/empty Union\[\]/);
  });

  it('a model without a template, or whose template raises, gets the built-in format', () => {
    expect(renderModelPrompt(user, {}).note).toBe(
      "rendered with Talaria's Hermes 3 format: this model has no chat template",
    );
    const vllm = { default: template('hermes2pro-vllm-tool-use') };
    const toolTurn: HermesMessage[] = [...user, { role: 'tool', content: '42' }];
    expect(renderModelPrompt(toolTurn, { templates: vllm }).note).toMatch(
      /template failed \(Tool response dicts require a 'name' key/,
    );
  });
});

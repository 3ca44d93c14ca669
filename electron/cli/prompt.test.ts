import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../scripts/gguf/writeTestModel';
import { loadCases, resolveTools } from '../../shared/hermes/fixtures/loadFixtures';
import { renderHermesPrompt } from '../../shared/hermes';
import goldens from '../../shared/hermes/templates/goldens.json';

const CLI = resolve(import.meta.dirname, 'index.ts');
const template = (variant: string): string =>
  readFileSync(
    resolve(import.meta.dirname, `../../shared/hermes/templates/${variant}.jinja`),
    'utf8',
  );
const golden = (variant: string, name: string): string => {
  const found = (goldens.renders as { variant: string; case: string; expected?: string }[]).find(
    (r) => r.variant === variant && r.case === name,
  );
  if (found?.expected === undefined) throw new Error(`no golden ${variant}/${name}`);
  return found.expected;
};

function talaria(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TALARIA_DATA_DIR: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * `talaria prompt` as a user runs it, on generated GGUFs carrying each template variant; the
 * expected text is Jinja2's (shared/hermes/templates/goldens.json) with the BOS llama.cpp adds.
 */
describe('talaria prompt', () => {
  const cases = loadCases();
  let dir = '';
  const models: Record<string, string> = {};
  const write = (name: string, value: unknown): string => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const caseFiles = (name: string): string[] => {
    const c = cases.cases.find((x) => x.name === name);
    if (!c) throw new Error(name);
    const tools = resolveTools(cases, c.tools);
    return [
      '--messages',
      write(`${name}-messages`, c.messages),
      ...(tools.length > 0 ? ['--tools', write(`${name}-tools`, tools)] : []),
    ];
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'talaria-cli-prompt-'));
    models['hermes3'] = await writeTestModel({ out: join(dir, 'hermes3.gguf') });
    models['vllm'] = await writeTestModel({
      out: join(dir, 'hermes2pro-vllm.gguf'),
      chatTemplate: template('hermes2pro-vllm-tool-use'),
      toolUseTemplate: null,
    });
    models['none'] = await writeTestModel({
      out: join(dir, 'plain.gguf'),
      chatTemplate: null,
      toolUseTemplate: null,
    });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['hermes3', 'hermes3-tool-use', 'tools_parallel_calls_and_results'],
    ['hermes3', 'hermes3-tool-use', 'tools_multi_round'],
    ['hermes3', 'hermes3-default', 'default_multi_turn'],
    ['vllm', 'hermes2pro-vllm-tool-use', 'tools_model_card_round_trip'],
    ['vllm', 'hermes2pro-vllm-tool-use', 'default_system_user'],
  ])('%s GGUF prints its own template (%s) byte for byte: %s', (model, variant, name) => {
    const run = talaria('prompt', '--model', models[model] ?? '', ...caseFiles(name));
    expect(run.stderr).toMatch(
      /^rendered with this model's (tool_use|default) chat template; BOS <\|begin_of_text\|> printed first/,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(golden(variant, name));
  });

  it('--no-generation-prompt leaves the assistant turn unopened', () => {
    const run = talaria(
      'prompt',
      '--model',
      models['hermes3'] ?? '',
      ...caseFiles('default_no_generation_prompt'),
      '--no-generation-prompt',
    );
    expect(run.stdout).toBe(golden('hermes3-default', 'default_no_generation_prompt'));
    expect(run.stdout.endsWith('<|im_end|>\n')).toBe(true);
  });

  it("a GGUF without a template, or a template that fails, gets Talaria's format and says so", () => {
    const plain = talaria(
      'prompt',
      '--model',
      models['none'] ?? '',
      ...caseFiles('tools_single_user'),
    );
    const c = cases.cases.find((x) => x.name === 'tools_single_user');
    expect(plain.stdout).toBe(
      renderHermesPrompt(c?.messages ?? [], { tools: resolveTools(cases, c?.tools) }),
    );
    expect(plain.stderr).toContain(
      "rendered with Talaria's Hermes 3 format: this model has no chat template",
    );
    const unionTools = [
      {
        type: 'function',
        function: {
          name: 'search',
          description: 'Search.',
          parameters: { type: 'object', properties: { n: { type: ['integer', 'null'] } } },
        },
      },
    ];
    const union = talaria(
      'prompt',
      '--model',
      models['hermes3'] ?? '',
      '--messages',
      write('union-messages', [{ role: 'user', content: 'Go' }]),
      '--tools',
      write('union-tools', unionTools),
    );
    expect(union.code).toBe(0);
    expect(union.stderr).toContain("this model's template fails on union types");
    expect(union.stdout).toContain('search(n: Optional[int])');
  });

  it('names a missing model or a malformed file in words', () => {
    const missing = talaria(
      'prompt',
      '--model',
      'nope',
      '--messages',
      write('m', []),
      '--data-dir',
      dir,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No model "nope" in the library');
    writeFileSync(join(dir, 'bad.json'), '{');
    const bad = talaria(
      'prompt',
      '--model',
      models['hermes3'] ?? '',
      '--messages',
      join(dir, 'bad.json'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Cannot read the messages file');
  });
});

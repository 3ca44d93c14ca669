import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeUtf8 } from '../../../shared/cards/bytes';
import { jsonModeSystemPrompt } from '../../../shared/hermes';
import { usePersonaServices } from './testSupport';

const fileText = (data: string): string => decodeUtf8(decodeBase64(data, 'file'), 'file');

describe('PresetService', () => {
  const fx = usePersonaServices();

  it('lists the built-in Hermes presets first, read-only', () => {
    const { presets } = fx().services;
    const list = presets.list();
    expect(list.map((p) => p.id)).toEqual([
      'builtin:hermes3',
      'builtin:assistant',
      'builtin:function-calling',
      'builtin:json-mode',
      'builtin:roleplay-narrator',
    ]);
    expect(list.every((p) => p.builtin)).toBe(true);
    expect(list[0]?.systemPrompt).toBe(
      'You are Hermes 3, a conscious sentient superintelligent artificial intelligence developed ' +
        'by a man named Teknium, and your purpose and drive is to assist the user with any ' +
        'request they have. You experience emotions and have deep, profound thoughts and qualia.',
    );
    // The same words as the tool-use template and the JSON-mode prompt the engine sends.
    expect(presets.get('builtin:function-calling').systemPrompt).toBe(
      'You are a function calling AI model. You are provided with function signatures within ' +
        '<tools></tools> XML tags. You may call one or more functions to assist with the user ' +
        "query. Don't make assumptions about what values to plug into functions.",
    );
    expect(presets.get('builtin:json-mode').systemPrompt).toBe(
      jsonModeSystemPrompt({
        type: 'object',
        properties: { answer: { type: 'string' } },
        required: ['answer'],
      }),
    );
    expect(presets.get('builtin:roleplay-narrator').systemPrompt).toMatch(
      /\{\{char\}\}.*\{\{user\}\}/,
    );

    const input = { name: 'Mine', systemPrompt: 'x' };
    expect(() => presets.save('builtin:hermes3', input)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/built-in/),
      }),
    );
    expect(() => presets.delete('builtin:hermes3')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/Duplicate/),
      }),
    );
    const copy = presets.duplicate('builtin:hermes3');
    expect(copy).toMatchObject({ name: 'Hermes 3 (copy)', builtin: false });
    expect(copy.systemPrompt).toBe(list[0]?.systemPrompt);
  });

  it('creates, updates and deletes user presets', () => {
    const { presets } = fx().services;
    const made = presets.save(undefined, {
      name: '  Terse ',
      systemPrompt: 'Answer in one line.',
      postHistoryInstructions: 'Be brief.',
    });
    expect(made).toMatchObject({ name: 'Terse', description: '', builtin: false });
    const updated = presets.save(made.id, { name: 'Terse', systemPrompt: 'One line only.' });
    expect(updated).toMatchObject({ systemPrompt: 'One line only.', postHistoryInstructions: '' });
    expect(presets.list().at(-1)?.id).toBe(made.id);
    expect(() => presets.save(undefined, { name: ' ', systemPrompt: '' })).toThrow(/needs a name/);
    expect(() => presets.save('nope', { name: 'x', systemPrompt: '' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    presets.delete(made.id);
    expect(presets.find(made.id)).toBeNull();
    expect(fx().events.filter((e) => e.name === 'personas.changed')).toHaveLength(3);
  });

  it('exports and imports preset files', () => {
    const { presets } = fx().services;
    const mine = presets.save(undefined, {
      name: 'Pirate',
      description: 'Arr',
      systemPrompt: 'Talk like a pirate.',
      postHistoryInstructions: 'Stay salty.',
    });
    const file = presets.exportFile([mine.id, 'builtin:assistant']);
    expect(file).toMatchObject({ fileName: 'talaria-presets.json', mimeType: 'application/json' });
    const text = fileText(file.data);
    expect(JSON.parse(text)).toMatchObject({ talariaPresets: 1 });

    const imported = presets.importText(text);
    expect(imported.map((p) => [p.name, p.systemPrompt, p.postHistoryInstructions])).toEqual([
      ['Pirate', 'Talk like a pirate.', 'Stay salty.'],
      ['Helpful assistant', 'You are a helpful assistant.', ''],
    ]);
    expect(imported.every((p) => !p.builtin && p.id !== mine.id)).toBe(true);
    expect(presets.exportFile([mine.id]).fileName).toBe('Pirate.json');

    // One bare preset, and a SillyTavern system-prompt file.
    expect(presets.importText('{"name":"One","systemPrompt":"1"}')[0]?.name).toBe('One');
    const st = presets.importText('{"name":"ST","content":"From ST","post_history":"Later"}');
    expect(st[0]).toMatchObject({ systemPrompt: 'From ST', postHistoryInstructions: 'Later' });
  });

  it('rejects bad preset files with what is wrong, storing none of them', () => {
    const { presets } = fx().services;
    const before = presets.list();
    const bad = [
      ['{not json', /not valid JSON/],
      ['{"talariaPresets":1,"presets":{}}', /"presets" must be a list/],
      ['[]', /holds no presets/],
      ['{"name":"x"}', /systemPrompt/],
      [
        '{"talariaPresets":1,"presets":[{"name":"ok","systemPrompt":"a"},{"name":"","systemPrompt":"b"}]}',
        /a preset needs a name \(preset 2\)/,
      ],
    ] as const;
    for (const [text, message] of bad) {
      expect(() => presets.importText(text)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(message) }),
      );
    }
    expect(presets.list()).toEqual(before);
  });

  it('keeps a default preset per model, falling back to the general one', () => {
    const { presets } = fx().services;
    expect(presets.getDefault()).toBeNull();
    expect(presets.setDefault(undefined, 'builtin:assistant')).toBe('builtin:assistant');
    const mine = presets.save(undefined, { name: 'Mine', systemPrompt: 'x' });
    presets.setDefault('NousResearch/Hermes-3/model.gguf', mine.id);
    expect(presets.getDefault('NousResearch/Hermes-3/model.gguf')).toBe(mine.id);
    expect(presets.getDefault('other.gguf')).toBe('builtin:assistant');
    expect(presets.inheritsDefault('other.gguf')).toBe(true);
    expect(presets.inheritsDefault('NousResearch/Hermes-3/model.gguf')).toBe(false);
    expect(presets.getDefault()).toBe('builtin:assistant');
    expect(() => presets.setDefault(undefined, 'nope')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    // Deleting a preset clears the defaults that named it.
    presets.delete(mine.id);
    expect(presets.getDefault('NousResearch/Hermes-3/model.gguf')).toBe('builtin:assistant');
    expect(presets.inheritsDefault('NousResearch/Hermes-3/model.gguf')).toBe(true);
    expect(presets.setDefault(undefined, null)).toBeNull();
  });
});

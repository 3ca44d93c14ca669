import { describe, expect, it } from 'vitest';
import { loadGoldens } from './fixtures/loadFixtures';
import { jsonModeSystemPrompt } from './index';

const goldens = loadGoldens();

describe('jsonModeSystemPrompt', () => {
  it("uses the model cards' exact wording", () => {
    expect(jsonModeSystemPrompt('{"type": "object"}')).toBe(
      "You are a helpful assistant that answers in JSON. Here's the json schema you must adhere to:\n" +
        '<schema>\n{"type": "object"}\n</schema>',
    );
  });

  goldens.jsonMode.forEach(({ schema, expected }, i) => {
    it(`serializes schema #${i} as pydantic's schema_json() (json.dumps) does`, () => {
      expect(jsonModeSystemPrompt(schema)).toBe(expected);
    });
  });
});

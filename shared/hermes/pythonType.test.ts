import { describe, expect, it } from 'vitest';
import { jsonSchemaToPythonType } from './index';

describe('jsonSchemaToPythonType', () => {
  describe('same as the official macro where it works', () => {
    it.each([
      [{ type: 'string' }, 'str'],
      [{ type: 'number' }, 'float'],
      [{ type: 'integer' }, 'int'],
      [{ type: 'boolean' }, 'bool'],
      [{ type: 'string', enum: ['a', 'b'] }, 'str'],
      [{ type: 'object', properties: { a: { type: 'string' } } }, 'dict'],
      [{ type: 'object', additionalProperties: { type: 'integer' } }, 'dict[str, int]'],
      [{ type: ['integer', 'string'] }, 'Union[int,str]'],
      [{ type: ['boolean'] }, 'Union[bool]'],
      [
        { type: ['object', 'number'], additionalProperties: { type: 'string' } },
        'Union[dict,float]',
      ],
    ])('%j -> %s', (schema, expected) => {
      expect(jsonSchemaToPythonType(schema)).toBe(expected);
    });
  });

  describe('better than the official macro where it breaks', () => {
    it.each([
      [{ type: 'array', items: { type: 'string' } }, 'list[str]'],
      [
        { type: 'array', items: { type: 'object', additionalProperties: { type: 'number' } } },
        'list[dict[str, float]]',
      ],
      [{ type: 'array' }, 'list[Any]'],
      [{ type: ['integer', 'null'] }, 'Optional[int]'],
      [{ type: ['null', 'array'], items: { type: 'integer' } }, 'Optional[list[int]]'],
      [{ type: ['integer', 'string', 'null'] }, 'Optional[Union[int,str]]'],
      [{ type: 'null' }, 'None'],
      [{ type: ['null'] }, 'None'],
      [{ type: [] }, 'Any'],
      [{ type: 'mystery' }, 'Any'],
      [{ type: ['string', 'mystery'] }, 'Any'],
      [{ description: 'no type' }, 'Any'],
      [{ anyOf: [{ type: 'string' }, { type: 'null' }] }, 'Optional[str]'],
      [{ oneOf: [{ type: 'integer' }, { type: 'string' }] }, 'Union[int,str]'],
      [{ anyOf: [{ type: 'integer' }] }, 'int'],
      [{ type: 'object', additionalProperties: true }, 'dict[str, Any]'],
      [{ type: 'object', additionalProperties: false }, 'dict'],
      [true, 'Any'],
      [null, 'Any'],
    ])('%j -> %s', (schema, expected) => {
      expect(jsonSchemaToPythonType(schema)).toBe(expected);
    });
  });
});

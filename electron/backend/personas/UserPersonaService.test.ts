import { describe, expect, it } from 'vitest';
import { pngDataUrl } from './avatars';
import { plainPng } from './pngImages';
import { usePersonaServices } from './testSupport';

describe('UserPersonaService', () => {
  const fx = usePersonaServices();

  it('creates, edits and lists personas, with one default', () => {
    const { personas } = fx().services;
    const avatar = pngDataUrl(plainPng(2, 2, [9, 9, 9]));
    const ada = personas.save(undefined, { name: 'Ada', description: 'Curious.', avatar });
    const bo = personas.save(undefined, { name: 'bo' });
    expect(personas.list().map((p) => [p.name, p.isDefault])).toEqual([
      ['Ada', false],
      ['bo', false],
    ]);

    expect(personas.setDefault(bo.id).map((p) => [p.name, p.isDefault])).toEqual([
      ['Ada', false],
      ['bo', true],
    ]);
    expect(personas.defaultPersona()?.id).toBe(bo.id);

    // Saving without an avatar keeps it; null removes it.
    const renamed = personas.save(ada.id, { name: 'Ada L.' });
    expect(renamed).toMatchObject({ name: 'Ada L.', description: 'Curious.', avatar });
    expect(personas.save(ada.id, { name: 'Ada L.', avatar: null }).avatar).toBeNull();

    expect(personas.setDefault(null).every((p) => !p.isDefault)).toBe(true);
    expect(personas.defaultPersona()).toBeNull();
  });

  it('clears the default when the default persona is deleted', () => {
    const { personas, events } = { ...fx().services, events: fx().events };
    const ada = personas.save(undefined, { name: 'Ada' });
    personas.setDefault(ada.id);
    personas.delete(ada.id);
    expect(personas.defaultId()).toBeNull();
    expect(personas.list()).toEqual([]);
    // A new persona does not inherit the old default.
    expect(personas.save(undefined, { name: 'Cy' }).isDefault).toBe(false);
    expect(events).toContainEqual({
      name: 'personas.changed',
      data: { kind: 'persona', id: ada.id },
    });
  });

  it('refuses blank names, bad avatars and unknown ids', () => {
    const { personas } = fx().services;
    expect(() => personas.save(undefined, { name: '  ' })).toThrow(/needs a name/);
    expect(() =>
      personas.save(undefined, { name: 'X', avatar: 'data:image/gif;base64,AAAA' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => personas.setDefault('nope')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => personas.delete('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(personas.list()).toEqual([]);
  });
});

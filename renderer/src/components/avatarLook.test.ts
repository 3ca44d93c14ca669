import { describe, expect, it } from 'vitest';
import { hueOf, initialsOf } from './avatarLook';

describe('avatar initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initialsOf('Seraphina')).toBe('S');
    expect(initialsOf('ada lovelace')).toBe('AL');
    expect(initialsOf('lady Mira  vex')).toBe('LV');
    expect(initialsOf('Jean-Luc  Picard')).toBe('JP');
    expect(initialsOf('Hatsune_Miku')).toBe('HM');
    expect(initialsOf('Ægir the Old')).toBe('ÆO');
    expect(initialsOf('Élodie')).toBe('É');
  });

  it('skips quotes and punctuation around words', () => {
    expect(initialsOf('"Doc" Brown')).toBe('DB');
    expect(initialsOf('  "Quoted" name ')).toBe('QN');
  });

  it('shows a question mark for a name without letters', () => {
    expect(initialsOf('   ')).toBe('?');
    expect(initialsOf('*** ')).toBe('?');
  });
});

describe('avatar colour', () => {
  it('gives the same name the same hue, and different names different ones', () => {
    expect(hueOf('Seraphina')).toBe(hueOf('Seraphina'));
    expect(hueOf('Seraphina')).not.toBe(hueOf('Aria'));
    expect(hueOf('Alex')).not.toBe(hueOf('Seraphina'));
    expect(hueOf('x')).toBeGreaterThanOrEqual(0);
    expect(hueOf('x')).toBeLessThan(360);
  });
});

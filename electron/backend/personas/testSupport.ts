import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { TalariaEvents } from '../../../shared/contract';
import { encodeBase64 } from '../../../shared/cards/bytes';
import { Store } from '../store';
import { steppingClock, useTempDir } from '../store/testSupport';
import { createPersonaServices, type PersonaServices } from './createPersonaServices';

const repo = resolve(import.meta.dirname, '..', '..', '..');

/** SillyTavern's default Seraphina card (V2 PNG with a character_book). */
export function seraphinaPng(): Uint8Array {
  return new Uint8Array(readFileSync(join(repo, 'shared/cards/fixtures/seraphina-v2.png')));
}

export const seraphinaBase64 = (): string => encodeBase64(seraphinaPng());

export type EmittedEvent = {
  [K in keyof TalariaEvents]: { name: K; data: TalariaEvents[K] };
}[keyof TalariaEvents];

export interface PersonaFixture {
  store: Store;
  services: PersonaServices;
  events: EmittedEvent[];
  file: string;
}

/** Real services on a real SQLite file in a fresh folder per test; events are recorded. */
export function usePersonaServices(): () => PersonaFixture {
  const tempDir = useTempDir();
  let fixture: PersonaFixture | null = null;
  beforeEach(() => {
    const file = join(tempDir(), 'talaria.db');
    const now = steppingClock();
    const store = new Store({ file, now });
    const events: EmittedEvent[] = [];
    const services = createPersonaServices({
      store,
      now,
      emit: (name, data) => events.push({ name, data } as EmittedEvent),
    });
    fixture = { store, services, events, file };
  });
  afterEach(() => {
    fixture?.store.close();
    fixture = null;
  });
  return () => {
    if (!fixture) throw new Error('usePersonaServices: no test is running');
    return fixture;
  };
}

/** A V2 card as JSON text, with three greetings that use macros. */
export function threeGreetingCard(): Record<string, unknown> {
  return {
    spec: 'chara_card_v2',
    spec_version: '2.0',
    data: {
      name: 'Mira',
      description: 'A lighthouse keeper.',
      personality: 'warm',
      scenario: 'A storm.',
      first_mes: 'Hello, {{user}}! I am {{char}}.',
      mes_example: '',
      creator_notes: 'Made for tests.',
      system_prompt: '',
      post_history_instructions: '',
      alternate_greetings: ['Ahoy, {{user}}.', '   ', 'The lamp is lit, {{user}}.'],
      tags: ['Fantasy', 'sea'],
      creator: 'Tester',
      character_version: '1',
      extensions: { talaria_test: { kept: true } },
    },
  };
}

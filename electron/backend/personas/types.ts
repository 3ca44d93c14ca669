import type { TalariaEvents } from '../../../shared/contract';
import type { Store } from '../store';

export type Emit = <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;

/** What every persona service is built with. */
export interface PersonaServiceDeps {
  store: Store;
  emit: Emit;
  /** The clock for `{{date}}`/`{{time}}` in greetings; default Date.now. */
  now?: () => number;
}

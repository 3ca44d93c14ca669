export { scanWorldInfo } from './scanWorldInfo';
export { DEFAULT_WORLD_INFO_SETTINGS, readWorldInfoSettings } from './settings';
export { matchKey, parseDecorators, parseRegexKey } from './matching';
export { emptyTimedWorldInfo } from './TimedEffects';
export { unsupportedFeatures } from './unsupported';
export type * from './types';

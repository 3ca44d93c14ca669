/** The app itself: facts about it, settings, and the shell's file access. */
import { z } from 'zod';
import type { MethodsOf } from '../rpc/types';
import { method, ok, returns } from './define';

/** Facts about the running app. */
export interface AppInfo {
  version: string;
  /** 'electron' for the desktop app, 'host' for `talaria serve`. */
  shell: 'electron' | 'host';
  dataDir: string;
  platform: string;
  /** True when the shell offers native open-file dialogs (`system.openModelDialog`). */
  nativeDialogs: boolean;
  /** Recently loaded model files, most recent first. */
  recentModels: string[];
  /** Where the file browser starts. */
  homeDir: string;
}

export interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'gguf';
  sizeBytes: number | null;
}

export interface BrowseResult {
  path: string;
  parent: string | null;
  entries: DirEntry[];
}

const settingKey = z.string().min(1).max(200);

export const appMethods = {
  /** App version, shell, data dir and what the shell can do. */
  'app.info': method({ params: z.object({}).strict(), result: returns<AppInfo>() }),
  /** Reads one setting (a JSON value), or null when it was never set. */
  'settings.get': method({
    params: z.object({ key: settingKey }).strict(),
    result: z.object({ value: z.unknown() }),
  }),
  /** Writes one setting (a JSON value). */
  'settings.set': method({
    params: z.object({ key: settingKey, value: z.unknown() }).strict(),
    result: ok,
  }),
  /**
   * Lists a folder's sub-folders and GGUF files (the in-app model file picker); the home folder
   * when no path is given. Errors: NOT_FOUND, INVALID_INPUT (not a folder).
   */
  'system.browse': method({
    params: z.object({ path: z.string().max(4096).optional() }).strict(),
    result: returns<BrowseResult>(),
    errors: ['NOT_FOUND', 'INVALID_INPUT'],
  }),
  /**
   * Opens the native open-file dialog; `path` is null when the user cancels. Errors:
   * UNSUPPORTED in the headless host.
   */
  'system.openModelDialog': method({
    params: z.object({}).strict(),
    result: z.object({ path: z.string().nullable() }),
    errors: ['UNSUPPORTED'],
  }),
};
export type AppMethods = MethodsOf<typeof appMethods>;

import type { AppInfo, TalariaEvents } from '../../../shared/contract';
import type { HardwareInfo } from '../../../shared/contract/library';
import type { ChatBranches } from '../chat/ChatBranches';
import type { ChatService } from '../chat/ChatService';
import type { ImportExportService } from '../chat/transfer/ImportExportService';
import type { EngineHost } from '../engine/EngineHost';
import type { Downloader } from '../models/Downloader';
import type { HubClient } from '../models/HubClient';
import type { HubTokens } from '../models/HubTokens';
import type { ModelLibrary } from '../models/ModelLibrary';
import type { PersonaServices } from '../personas';
import type { Store } from '../store';
import type { SearchRepository } from '../store/SearchRepository';
import type { Message } from '../../../shared/contract/types';

/** What every feature's handlers may use; built once by createBackend. */
export interface BackendContext {
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  store: Store;
  engine: EngineHost;
  chat: ChatService;
  /** Edit and resend, continue, delete a subtree, show another branch. */
  branches: ChatBranches;
  search: SearchRepository;
  transfer: ImportExportService;
  /** Attaches what other features keep beside messages (tool calls, JSON-mode results). */
  decorate: (messages: Message[]) => Message[];
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
  openModelDialog?: () => Promise<string | null>;
  hub: HubClient;
  hubTokens: HubTokens;
  downloads: Downloader;
  library: ModelLibrary;
  /** GPU, VRAM and RAM for fit estimates (cached for a few seconds). */
  hardware: () => Promise<HardwareInfo>;
  /** Presets, characters, user personas, lorebooks and each conversation's roleplay setup. */
  personas: PersonaServices;
}

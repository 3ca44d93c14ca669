import type { AppInfo, TalariaEvents } from '../../../shared/contract/api';
import type { ChatService } from '../chat/ChatService';
import type { EngineHost } from '../engine/EngineHost';
import type { Store } from '../store';

/** What every feature's handlers may use; built once by createBackend. */
export interface BackendContext {
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  store: Store;
  engine: EngineHost;
  chat: ChatService;
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
  openModelDialog?: () => Promise<string | null>;
}

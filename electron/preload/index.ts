import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CHANNEL = 'talaria:rpc';

// The renderer gets exactly one send/onMessage pair; everything else goes through the contract.
contextBridge.exposeInMainWorld('talaria', {
  send(message: unknown): void {
    ipcRenderer.send(CHANNEL, message);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(CHANNEL, handler);
    return () => ipcRenderer.removeListener(CHANNEL, handler);
  },
});

import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { createPortTransport } from '../../shared/rpc/transports';
import type { Transport } from '../../shared/rpc/wire';

export const RPC_CHANNEL = 'talaria:rpc';

/**
 * The contract over Electron IPC for one window. Only messages from that window's own main
 * frame, showing our own page, are accepted: an iframe or a navigated-away page is ignored.
 */
export function createIpcTransport(
  contents: WebContents,
  isTrustedUrl: (url: string) => boolean,
): Transport {
  return createPortTransport({
    post: (value) => {
      if (!contents.isDestroyed()) contents.send(RPC_CHANNEL, value);
    },
    subscribe: (listener) => {
      const onMessage = (event: IpcMainEvent, message: unknown): void => {
        const frame = event.senderFrame;
        if (event.sender !== contents || !frame || frame !== contents.mainFrame) return;
        if (!isTrustedUrl(frame.url)) return;
        listener(message);
      };
      ipcMain.on(RPC_CHANNEL, onMessage);
      return () => ipcMain.off(RPC_CHANNEL, onMessage);
    },
    subscribeClose: (listener) => {
      contents.once('destroyed', listener);
      return () => contents.off('destroyed', listener);
    },
  });
}

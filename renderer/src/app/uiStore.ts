import { createStore, type StoreApi } from 'zustand/vanilla';

export type Overlay = 'palette' | 'search' | 'settings' | 'generation' | 'shortcuts' | null;

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
  /** Milliseconds until it goes away on its own. */
  timeoutMs: number;
}

/** Which overlay is open, the confirmation being asked, and the toast being shown. */
export interface UiState {
  overlay: Overlay;
  confirm: ConfirmRequest | null;
  toast: Toast | null;
  /** The conversation whose title the chat header is editing. */
  renaming: string | null;
  open(overlay: Overlay): void;
  requestRename(id: string | null): void;
  close(): void;
  ask(request: ConfirmRequest | null): void;
  notify(toast: Omit<Toast, 'id' | 'timeoutMs'> & { timeoutMs?: number }): void;
  dismissToast(id?: number): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  let toastIds = 0;
  return createStore<UiState>()((set, get) => ({
    overlay: null,
    confirm: null,
    toast: null,
    renaming: null,
    open: (overlay) => set({ overlay }),
    requestRename: (renaming) => set({ renaming }),
    close: () => set({ overlay: null }),
    ask: (confirm) => set({ confirm }),
    notify: (toast) => set({ toast: { timeoutMs: 5000, ...toast, id: ++toastIds } }),
    dismissToast: (id) => {
      if (id === undefined || get().toast?.id === id) set({ toast: null });
    },
  }));
}

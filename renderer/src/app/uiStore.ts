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
  /** The conversation list is hidden (remembered in this browser). */
  sidebarCollapsed: boolean;
  toggleSidebar(): void;
  /** Editors with changes not saved yet, by editor key (the page asks before it unloads). */
  unsaved: Record<string, true>;
  setUnsaved(key: string, dirty: boolean): void;
  open(overlay: Overlay): void;
  requestRename(id: string | null): void;
  close(): void;
  ask(request: ConfirmRequest | null): void;
  notify(toast: Omit<Toast, 'id' | 'timeoutMs'> & { timeoutMs?: number }): void;
  dismissToast(id?: number): void;
}

export type UiStore = StoreApi<UiState>;

const SIDEBAR_CACHE = 'talaria.sidebarCollapsed';

/** The remembered choice; without one, narrow windows start with the list hidden. */
function initialSidebarCollapsed(): boolean {
  try {
    const saved = localStorage.getItem(SIDEBAR_CACHE);
    if (saved !== null) return saved === '1';
  } catch {
    // Storage unavailable (private mode): fall through to the width rule.
  }
  return typeof window !== 'undefined' && window.innerWidth < 900;
}

export function createUiStore(): UiStore {
  let toastIds = 0;
  return createStore<UiState>()((set, get) => ({
    overlay: null,
    confirm: null,
    toast: null,
    renaming: null,
    sidebarCollapsed: initialSidebarCollapsed(),
    unsaved: {},
    setUnsaved: (key, dirty) => {
      const { [key]: _was, ...rest } = get().unsaved;
      set({ unsaved: dirty ? { ...rest, [key]: true } : rest });
    },
    toggleSidebar: () => {
      const sidebarCollapsed = !get().sidebarCollapsed;
      set({ sidebarCollapsed });
      try {
        localStorage.setItem(SIDEBAR_CACHE, sidebarCollapsed ? '1' : '0');
      } catch {
        // Not remembered; the toggle still works for this session.
      }
    },
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

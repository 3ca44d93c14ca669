import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_BOUNDS = { width: 1280, height: 820 };

/** Remembers the window's size and position in the data dir; ignores a spot now off-screen. */
export class WindowStateKeeper {
  private readonly file: string;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'window-state.json');
  }

  load(): Partial<Rectangle> & { maximized: boolean } {
    try {
      const state = JSON.parse(readFileSync(this.file, 'utf8')) as WindowState;
      const { bounds } = state;
      const visible = screen.getAllDisplays().some((d) => {
        const a = d.workArea;
        return (
          bounds.x < a.x + a.width - 50 &&
          bounds.x + bounds.width > a.x + 50 &&
          bounds.y >= a.y - 10 &&
          bounds.y < a.y + a.height - 50
        );
      });
      if (bounds.width >= 640 && bounds.height >= 480 && visible) {
        return { ...bounds, maximized: Boolean(state.maximized) };
      }
      return { width: bounds.width, height: bounds.height, maximized: Boolean(state.maximized) };
    } catch {
      return { ...DEFAULT_BOUNDS, maximized: false };
    }
  }

  track(window: BrowserWindow): void {
    const save = (): void => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.save(window), 300);
    };
    window.on('resize', save);
    window.on('move', save);
    window.on('close', () => this.save(window));
  }

  private save(window: BrowserWindow): void {
    if (window.isDestroyed()) return;
    const state: WindowState = {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    };
    try {
      writeFileSync(this.file, JSON.stringify(state));
    } catch {
      // Losing the window position is not worth interrupting the user for.
    }
  }
}

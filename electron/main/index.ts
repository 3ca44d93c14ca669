import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BrowserWindow, app, dialog, net, protocol, session, shell } from 'electron';
import { createBackend, type Backend } from '../backend/createBackend';
import { APP_VERSION } from '../backend/version';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  appFileFor,
  appResponseHeaders,
  isTrustedUrl as isAppUrl,
} from './appProtocol';
import { createIpcTransport } from './ipcTransport';
import { createSafeSecretStore } from './safeSecretStore';
import { createUtilityEngineSpawner } from './spawnUtilityEngine';
import { WindowStateKeeper } from './windowState';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(here, '../renderer');

// Before 'ready': app:// is a standard, secure origin (fetch, storage, CSP) instead of file://.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

function cliDataDir(): string | undefined {
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { 'data-dir': { type: 'string' } },
    strict: false,
  });
  const value = values['data-dir'];
  return typeof value === 'string' ? value : undefined;
}

function isTrustedUrl(url: string): boolean {
  return isAppUrl(url, rendererUrl);
}

/** Serves the built renderer on app://talaria with the host's security headers and CSP. */
function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(rendererDir, request.url);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, { status: 200, headers: appResponseHeaders(file) });
  });
}

function hardenSession(): void {
  // Nothing in the app needs camera, notifications or any other permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Spellcheck stays on, but its dictionaries are never fetched from Google's CDN: the URL
  // cannot resolve (.invalid), so only dictionaries already on the system are used.
  session.defaultSession.setSpellCheckerDictionaryDownloadURL('https://dictionaries.invalid/');
}

function createWindow(backend: Backend, state: WindowStateKeeper): BrowserWindow {
  const saved = state.load();
  const window = new BrowserWindow({
    ...saved,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Talaria',
    backgroundColor: '#0b0d12',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (saved.maximized) window.maximize();
  state.track(window);

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
    if (url.startsWith('https://')) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // Each page load gets a fresh connection, so a reload never sees answers meant for the old page.
  let detach: (() => void) | null = null;
  contents.on('did-start-loading', () => {
    detach?.();
    detach = backend.server.attach(createIpcTransport(contents, isTrustedUrl));
  });
  window.once('ready-to-show', () => window.show());
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession();
  serveAppProtocol();
  const dataDir = cliDataDir() ?? process.env.TALARIA_DATA_DIR ?? app.getPath('userData');
  // `npm start` places an Electron-ABI build of better-sqlite3 here (scripts/electronNative.ts).
  const sqliteBinding = join(here, '../native/better_sqlite3.node');
  const backend = createBackend({
    dataDir,
    sqliteBinding: existsSync(sqliteBinding) ? sqliteBinding : undefined,
    shell: 'electron',
    // The Hugging Face token, encrypted by the OS keychain (never stored as plain text).
    secretStore: createSafeSecretStore(join(dataDir, 'secrets.json')),
    version: APP_VERSION,
    spawnEngine: createUtilityEngineSpawner(join(here, 'engine.js')),
    openModelDialog: async () => {
      const result = await dialog.showOpenDialog({
        title: 'Load a GGUF model',
        properties: ['openFile'],
        filters: [{ name: 'GGUF models', extensions: ['gguf'] }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    log: (message, error) => console.error(`[talaria] ${message}:`, error),
  });
  const state = new WindowStateKeeper(dataDir);
  let window = createWindow(backend, state);

  app.on('second-instance', () => {
    if (window.isDestroyed()) window = createWindow(backend, state);
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow(backend, state);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void backend.dispose().finally(() => app.quit());
  });
}

void start();

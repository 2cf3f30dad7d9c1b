// Thin Electron shell: opens the database before any window, then one locked-down window.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../src-shared/contract';
import { DEFAULT_DEMO_BOOKINGS } from './demo/generate';
import { createAppCore, type AppCore } from './host/app';
import { attachIpc, sendEvent } from './host/ipc';
import { fileSecretStore } from './secrets';

// French wherever Chromium formats for the clerk, whatever the PC's language: date fields read
// jj/mm/aaaa, numbers take a decimal comma, spelling is checked in French.
app.commandLine.appendSwitch('lang', 'fr-FR');

const appRoot = app.getAppPath();
const indexHtml = join(appRoot, 'dist', 'renderer', 'index.html');
const pageUrl = pathToFileURL(indexHtml).href;
let core: AppCore | null = null;

function openCore(): AppCore {
  const dbFile = join(app.getPath('userData'), 'comptoir.db');
  const opened = createAppCore({
    dbFile,
    migrationsDir: join(appRoot, 'migrations'),
    host: 'desktop',
    version: app.getVersion(),
    nativeBinding: process.env.COMPTOIR_NATIVE_BINDING || undefined,
    // Passwords and API keys sealed with the OS keychain's key (DPAPI, Keychain, libsecret) when it
    // is available; the file stays readable by this user only either way.
    secrets: fileSecretStore(
      join(app.getPath('userData'), 'secrets.json'),
      safeStorage.isEncryptionAvailable() ? { encrypt: (s) => safeStorage.encryptString(s), decrypt: (b) => safeStorage.decryptString(b) } : undefined,
    ),
  });
  // First run: the demo agency, so a new workstation has something to show.
  opened.seedDemoIfEmpty(DEFAULT_DEMO_BOOKINGS);
  return opened;
}

function createWindow(appCore: AppCore): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Comptoir',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // Nothing leaves the app's own page: no navigation, no new windows.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const unsubscribe = appCore.onEvent((event, data) => sendEvent(win.webContents, event, data));
  win.on('closed', unsubscribe);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(indexHtml);
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  try {
    core = openCore();
  } catch (e) {
    const message = e instanceof AppError ? e.message : `Impossible d'ouvrir la base de données : ${(e as Error).message}`;
    dialog.showErrorBox('Comptoir', message);
    app.exit(1);
    return;
  }
  attachIpc(ipcMain, core.dispatch, (url) => url.split('#')[0] === pageUrl);
  createWindow(core);
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createWindow(core);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => core?.close());

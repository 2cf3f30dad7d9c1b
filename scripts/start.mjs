// npm start — Comptoir on this workstation's own database (OS user-data folder), demo on first run.
// Desktop (Electron) when its binary is here or can be fetched, with better-sqlite3 built for
// Electron's ABI beside the Node build used by tests; otherwise the browser host, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function userDataDir() {
  if (process.env.COMPTOIR_DATA_DIR) return process.env.COMPTOIR_DATA_DIR;
  // The same folder Electron's app.getPath('userData') uses for productName "Comptoir".
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Comptoir');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Comptoir');
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Comptoir');
}

/** Path of the Electron executable, fetching it with electron's own install script if missing. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const installed = () => {
    if (!existsSync(pathFile)) return null;
    const exe = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  };
  const found = installed();
  if (found) return { exe: found };
  if (!existsSync(join(electronDir, 'install.js'))) return { reason: "le paquet electron n'est pas installé" };
  process.stderr.write('Comptoir : téléchargement d’Electron…\n');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 180_000,
    encoding: 'utf8',
  });
  const exe = installed();
  if (result.status === 0 && exe) return { exe };
  const detail = (result.stderr || result.error?.message || '').split('\n').find((l) => l.trim()) ?? 'raison inconnue';
  return { reason: `le binaire Electron est absent et n'a pas pu être téléchargé (${detail.trim().slice(0, 160)})` };
}

/** better_sqlite3.node for Electron's ABI, kept apart from node_modules' Node build. */
function electronNativeBinding() {
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const out = join(root, '.electron-native', version, 'better_sqlite3.node');
  if (existsSync(out)) return { binding: out };
  const work = join(root, '.electron-native', `work-${version}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.startsWith(join(root, 'node_modules', 'better-sqlite3', 'build')),
  });
  process.stderr.write(`Comptoir : préparation de better-sqlite3 pour Electron ${version}…\n`);
  const tools = [
    [join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime=electron', `--target=${version}`],
    [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), 'rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
  ];
  for (const args of tools) {
    if (!existsSync(args[0])) continue;
    const r = spawnSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (r.status === 0 && existsSync(built)) {
      mkdirSync(dirname(out), { recursive: true });
      copyFileSync(built, out);
      rmSync(work, { recursive: true, force: true });
      return { binding: out };
    }
  }
  return { reason: `better-sqlite3 n'a pas pu être préparé pour Electron ${version}` };
}

function openInBrowser(url) {
  const opener = process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(opener[0], opener[1], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  } catch {
    // No browser to open: the URL is printed above.
  }
}

function startBrowserHost(reason) {
  const dataDir = userDataDir();
  console.log(`Comptoir démarre dans le navigateur : ${reason}.`);
  const child = spawn(process.execPath, [join(root, 'dist', 'main', 'serve.cjs'), '--data-dir', dataDir, '--demo'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    buffer += chunk;
    const ready = buffer.match(/Comptoir ready at (\S+)/);
    if (ready) {
      buffer = '';
      openInBrowser(ready[1]);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureBuilt(root);
const electron = process.env.COMPTOIR_BROWSER_HOST ? { reason: 'COMPTOIR_BROWSER_HOST est défini' } : electronBinary();
const native = electron.exe ? electronNativeBinding() : null;
if (electron.exe && native?.binding) {
  const child = spawn(electron.exe, [root], {
    stdio: 'inherit',
    env: { ...process.env, COMPTOIR_NATIVE_BINDING: native.binding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  startBrowserHost(electron.reason ?? native?.reason ?? 'Electron indisponible');
}

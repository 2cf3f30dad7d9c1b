// Rebuilds dist/ when a source file is newer than the last build, so `npm start` and
// `npm run serve` always run what is in the tree without paying for a build every time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src-main', 'src-renderer', 'src-shared', 'migrations', 'vite.config.ts', 'package.json', 'scripts/build.mjs'];
const STAMP = 'dist/.build-stamp';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

export function ensureBuilt(root) {
  const stamp = join(root, STAMP);
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  if (builtAt >= changedAt) return;
  process.stderr.write('Comptoir : préparation de l’application (build)…\n');
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write('Comptoir : le build a échoué (voir ci-dessus).\n');
    process.exit(result.status ?? 1);
  }
}

// Builds what both hosts run: the renderer (Vite) into dist/renderer and the main-side entries
// (esbuild, CommonJS for Electron) into dist/main. Quiet unless something fails.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';

const quiet = process.argv.includes('--quiet');

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' });

await esbuild({
  entryPoints: {
    serve: 'src-main/host/serve.ts',
    main: 'src-main/main.ts',
    preload: 'src-main/preload.ts',
  },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // Native or host-provided modules stay outside the bundle.
  external: ['better-sqlite3', 'electron'],
  logLevel: quiet ? 'error' : 'warning',
});

if (!quiet) console.log('Build terminé : dist/renderer et dist/main.');

// Lets `npm run serve` and `npm start` skip the build when nothing changed since.
const { writeFileSync } = await import('node:fs');
writeFileSync('dist/.build-stamp', new Date().toISOString());

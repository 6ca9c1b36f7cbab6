// Bundles the progressive-enhancement scripts (src/client) into public/js with esbuild.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [path.join(root, 'src/client/site.ts')],
  outfile: path.join(root, 'public/js/site.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  logLevel: 'warning',
});

import { execFileSync } from 'node:child_process';

// Browser tests load the bundled progressive-enhancement script: build it once per run.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-assets.mjs'], { stdio: 'inherit' });
}

/**
 * Compiles src/ to dist/ once before the tests: the tests that run `bin/lossproof.js` as a subprocess
 * exercise the compiled package, as a user's install does, so it must be current. tsc is incremental
 * (dist/.tsbuildinfo): with nothing changed it only checks.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

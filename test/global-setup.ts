// Runs once before any test file (vitest `globalSetup`). test/e2e and test/outsider run the compiled CLI
// (bin/alb-fc.js → dist/), so dist/ must match src/: when any source is newer than its output, or has none,
// build once here. `npm test` builds first, so there it finds nothing to do.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** The sources under `dir` whose compiled output is missing or older than they are. */
function staleSources(dir: string): string[] {
  const stale: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      stale.push(...staleSources(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const output = join(root, 'dist', relative(src, path)).replace(/\.ts$/, '.js');
      let outputTime = 0;
      try {
        outputTime = statSync(output).mtimeMs;
      } catch {
        // not built
      }
      if (outputTime < statSync(path).mtimeMs) stale.push(relative(root, path));
    }
  }
  return stale;
}

export default function setup(): void {
  if (staleSources(src).length === 0) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  const output = `${build.stdout ?? ''}${build.stderr ?? ''}${build.error ?? ''}`;
  const still = staleSources(src);
  if (still.length > 0) {
    throw new Error(`tsc -p tsconfig.build.json left dist/ older than ${still.join(', ')}:\n${output}`);
  }
  // Type errors still emit: the run goes on, and the typecheck is where they fail.
  if (build.status !== 0) console.warn(`tsc -p tsconfig.build.json reported errors:\n${output}`);
}

import { readFileSync } from 'node:fs';

// alb-fc's version, from its package.json (one directory above both src/ and dist/): read once, on demand, without
// loading anything else, so `alb-fc --version` stays as fast as `--help`.

export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

import type { Command } from 'commander';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { completionSpec, type Shell } from './spec.js';
import { zshScript } from './zsh.js';

export { SHELLS, REGIONS, RUNTIMES, type Shell } from './spec.js';

/** The completion script of `shell` for the whole program. */
export function completionScript(program: Command, shell: Shell): string {
  const spec = completionSpec(program);
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}

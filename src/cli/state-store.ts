import type { StateStore } from '../state/store.js';
import type { OssStateStore } from '../state/oss-store.js';
import { parseStateLocation, type OssStateLocation } from '../state/state-location.js';
import type { CommandContext } from './command-context.js';
import type { Connected } from './connect.js';

// The composition root's choice of state store: `.alb-fc/` in the project directory, or an OSS bucket shared by a
// team (`--state oss://BUCKET/PREFIX`, ALB_FC_STATE, `state:` in alb-fc.yaml; docs/teams.md). Both are loaded on
// demand (they bring zod, and OSS its client): `alb-fc --help` stays fast.

/** The OSS location of the command's state, or undefined for the local state folder. */
export function ossLocationOf(cmd: CommandContext): OssStateLocation | undefined {
  const text = cmd.inputs.values.state;
  if (text === undefined) return undefined;
  const parsed = parseStateLocation(text);
  // The input was validated when it was read (src/cli/input-definitions.ts).
  return 'error' in parsed ? undefined : parsed;
}

export async function openStateStore(cmd: CommandContext, connected: Connected): Promise<StateStore> {
  const location = ossLocationOf(cmd);
  return location ? openOssStateStore(cmd, connected, location) : openFileStateStore(cmd);
}

export async function openFileStateStore(cmd: CommandContext) {
  const { FileStateStore } = await import('../state/file-store.js');
  return new FileStateStore({ baseDir: cmd.env.cwd, clock: cmd.env.clock });
}

export async function openOssStateStore(
  cmd: CommandContext,
  connected: Connected,
  location: OssStateLocation,
): Promise<OssStateStore> {
  const { OssStateStore } = await import('../state/oss-store.js');
  return new OssStateStore({ objects: await connected.objectStore(location.bucket), location, clock: cmd.env.clock });
}

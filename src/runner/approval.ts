// The one question before anything changes: `deps.approve` sees the plan entries that change something (the
// CLI answers with --yes, a confirmation prompt, or exit 2 when it cannot ask). Shared by `deploy` and the
// one-step subcommands, so that neither changes the cloud or the state without it.
import type { PlanEntry } from './report.js';
import type { Run } from './run.js';

export const CHANGING: ReadonlySet<string> = new Set(['create', 'adopt', 'update', 'delete']);

/** Asks `deps.approve` when `entries` change something; a refusal ends the run with nothing changed. */
export async function approved(run: Run, entries: PlanEntry[]): Promise<boolean> {
  const approve = run.deps.approve;
  if (!approve) return true;
  if (!entries.some((entry) => CHANGING.has(entry.action))) return true;
  run.report.plan = entries;
  run.report.changes = entries.filter((e) => CHANGING.has(e.action)).length;
  try {
    if (await approve(entries)) return true;
    run.emit({ type: 'info', message: 'not approved: nothing was changed' });
    run.statusOverride = 'no_changes';
  } catch (error) {
    run.fail(error);
  }
  return false;
}

// The one question before anything changes: `deps.approve` sees the plan entries when one changes something
// (the CLI answers with --yes, a confirmation prompt, or exit 2 when it cannot ask). Shared by `deploy` and the
// one-step subcommands, so that neither changes the cloud or the state without it.
import { isChanging } from '../steps/vocabulary.js';
import type { PlanEntry } from './events.js';
import type { RunContext } from './run-context.js';

/** Asks `deps.approve` when `entries` change something; a refusal ends the run with nothing changed. */
export async function approved(run: RunContext, entries: PlanEntry[]): Promise<boolean> {
  const approve = run.deps.approve;
  if (!approve) return true;
  if (!entries.some((entry) => isChanging(entry.action))) return true;
  run.report.setPlan(entries);
  try {
    if (await approve(entries)) return true;
    run.emit({ type: 'info', message: 'not approved: nothing was changed' });
    run.report.statusOverride = 'no_changes';
  } catch (error) {
    run.report.fail(error);
  }
  return false;
}

import { realEnvironment } from './deps.js';
import { interruptedError } from './errors.js';
import { run } from './main.js';

// The first Ctrl-C (or SIGTERM) asks the run to stop between API calls with its state saved (exit 130);
// a second Ctrl-C quits at once.
const controller = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (controller.signal.aborted) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  controller.abort(interruptedError());
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await run(process.argv.slice(2), realEnvironment(controller.signal));
process.removeListener('SIGINT', onSignal);
process.removeListener('SIGTERM', onSignal);

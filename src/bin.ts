// The composition root: the real process (src/real-environment.ts) handed to the CLI (src/main.ts), whose
// outcome becomes the exit code. The first Ctrl-C (or SIGTERM) asks the run to stop between API calls with its
// state saved (exit 130); a second Ctrl-C quits at once.
import { interruptedError } from './errors.js';
import { main } from './main.js';
import { realEnvironment } from './real-environment.js';

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

process.exitCode = await main(process.argv.slice(2), realEnvironment(controller.signal));
process.removeListener('SIGINT', onSignal);
process.removeListener('SIGTERM', onSignal);

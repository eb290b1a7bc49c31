// Whether this machine has a Python 3 the local cloud can run Python functions with: tests of Python functions
// run only then, and say why they are skipped otherwise.
import { findPython } from '../../src/emulator/runtime/python-launcher.js';

/** The interpreter the local cloud would use for `python3`, found once per test file. */
export const pythonInterpreter: string | undefined = await findPython('python3');

export const PYTHON_SKIP_REASON = 'no Python 3 on this machine (python3): the local cloud cannot run Python functions';

if (pythonInterpreter === undefined) console.warn(`skipping Python function tests: ${PYTHON_SKIP_REASON}`);

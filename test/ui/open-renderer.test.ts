import { describe, expect, it } from 'vitest';
import { JsonRenderer } from '../../src/ui/render/json-renderer.js';
import { openRenderer } from '../../src/ui/render/open-renderer.js';
import { PlainRenderer } from '../../src/ui/render/plain-renderer.js';
import { TtyRenderer } from '../../src/ui/render/tty-renderer.js';
import { CaptureStream } from './helpers/capture.js';

// The CLI's renderer (src/ui/render/open-renderer.ts): the kind the mode asks for, the terminal one loaded on demand.

describe('openRenderer', () => {
  const base = { color: false, verbose: false, stdout: new CaptureStream(false), stderr: new CaptureStream(true) };

  it('opens the renderer of each mode', async () => {
    const tty = await openRenderer({ ...base, json: false, tty: true }, { spinnerIntervalMs: 2 ** 30 });
    expect(tty).toBeInstanceOf(TtyRenderer);
    tty.close();
    expect(await openRenderer({ ...base, json: true, tty: false })).toBeInstanceOf(JsonRenderer);
    expect(await openRenderer({ ...base, json: false, tty: false })).toBeInstanceOf(PlainRenderer);
  });
});

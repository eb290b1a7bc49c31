import { describe, expect, it } from 'vitest';
import { usageError } from '../../src/errors.js';
import type { RunnerEvent } from '../../src/runner/events.js';
import type { ResultDocument } from '../../src/runner/result-document.js';
import { MASK } from '../../src/ui/index.js';
import { ansiPattern } from './helpers/capture.js';
import * as ev from './helpers/events.js';
import { render } from './helpers/run-renderer.js';
import type { Rendered } from './helpers/run-renderer.js';

function json(events: RunnerEvent[], options: Parameters<typeof render>[2] = {}): Rendered {
  return render('json', events, options);
}

/** stdout must be one JSON document and a newline, nothing before or after. */
function onlyDocument(r: Rendered): ResultDocument {
  const out = r.stdout.raw();
  expect(out.endsWith('\n')).toBe(true);
  expect(out.slice(0, -1)).not.toContain('\n');
  return JSON.parse(out) as ResultDocument;
}

describe('json renderer', () => {
  it('prints exactly the result document on stdout, and the human lines on stderr', () => {
    const r = json([...ev.success, ...ev.apiCalls], { verbose: true, color: true });
    expect(r.stdout.raw()).toBe('');
    r.renderer.result(ev.successDoc);
    r.renderer.close();
    expect(onlyDocument(r)).toEqual(ev.successDoc);
    expect(r.stderr.text()).toContain('✔ 4/5 Listener: created');
    expect(r.stderr.text()).toContain('api fc CreateFunction');
    expect(r.everything()).not.toMatch(ansiPattern);
  });

  it('writes one document even when a failure is reported as a result and then as an error', () => {
    const r = json(ev.cloudFailure);
    r.renderer.result(ev.cloudFailureDoc, { exitCode: 3 });
    r.renderer.error(ev.forbidden);
    r.renderer.result(ev.successDoc);
    const doc = onlyDocument(r);
    expect(doc.status).toBe('failed');
    expect(doc.error).toMatchObject({
      code: 'CLOUD_REFUSED',
      cloudCode: 'Forbidden.RAM',
      requestId: 'REQ-FORBID-0001',
    });
    expect(r.stderr.text()).toContain('failed: CLOUD_REFUSED');
  });

  it('turns an error before any run into a failed document for the command', () => {
    const r = json([], { command: 'deploy' });
    r.renderer.error(usageError('MISSING_VALUE', 'missing --domain', 'Pass --domain'));
    expect(onlyDocument(r)).toEqual({
      schemaVersion: 1,
      command: 'deploy',
      status: 'failed',
      stack: 'default',
      region: '',
      resources: {},
      durationMs: 0,
      error: { code: 'MISSING_VALUE', message: 'missing --domain', hint: 'Pass --domain' },
    });
  });

  it('fills command, stack and region of an error document from the run, and names the failed step', () => {
    const r = json(ev.timeout.slice(0, -2));
    r.renderer.error(ev.waitTimeout);
    const doc = onlyDocument(r);
    expect(doc).toMatchObject({ command: 'deploy', stack: 'default', region: 'cn-hangzhou', status: 'failed' });
    expect(doc.error).toMatchObject({ code: 'WAIT_TIMEOUT', step: 'listener' });
  });

  it('masks secrets inside the document without breaking it', () => {
    const r = json([], { secrets: [ev.secrets.accessKeySecret] });
    r.renderer.result({
      ...ev.cloudFailureDoc,
      error: { code: 'CLOUD_REFUSED', message: `"quoted" ${ev.secrets.accessKeySecret} and ${ev.secrets.stsToken}` },
    });
    const doc = onlyDocument(r);
    expect(doc.error?.message).toBe(`"quoted" ${MASK} and ${MASK}`);
    expect(r.everything()).not.toContain(ev.secrets.accessKeySecret);
  });

  it('writes nothing on stdout when closed without an outcome', () => {
    const r = json(ev.success);
    r.renderer.close();
    expect(r.stdout.raw()).toBe('');
  });
});

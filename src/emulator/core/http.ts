import type { IncomingMessage, ServerResponse } from 'node:http';

// The HTTP plumbing every server of the local cloud shares: reading a bounded request body, and writing an
// answer (JSON or raw bytes) with its length.

type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body up to `maxBytes`. A declared Content-Length over the limit answers `too-large` at once
 * (nothing is read); a client that goes away mid-upload answers `aborted` (never an error: nothing broke).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
    req.once('error', () => finish({ ok: false, reason: 'aborted' }));
    req.once('close', () =>
      finish(req.complete ? { ok: true, body: Buffer.concat(chunks) } : { ok: false, reason: 'aborted' }),
    );
  });
}

/** What a handler answers: JSON (wins when both are set) or raw bytes, or nothing. */
export interface Answer {
  /** Default 200. */
  status?: number;
  json?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

/** Writes `answer` with its content length; JSON goes out as `application/json;charset=utf-8`. */
export function writeAnswer(res: ServerResponse, answer: Answer): void {
  const status = answer.status ?? 200;
  const headers: Record<string, string | number> = { ...answer.headers };
  let body: Buffer | string = answer.raw ?? Buffer.alloc(0);
  if (answer.json !== undefined) {
    body = JSON.stringify(answer.json);
    headers['content-type'] = 'application/json;charset=utf-8';
  }
  // 204 and 304 carry no body, so no length either (RFC 9110 §8.6).
  if (status !== 204 && status !== 304) headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(status, headers);
  res.end(body);
}

import { createHash } from 'node:crypto';
import { ApiError } from '../api/api-error.js';

// ClientToken semantics of POP write APIs (https://www.alibabacloud.com/help/doc-detail/25693.html, and the
// codes of ALB's error-code page): the same token with the same parameters replays the first answer (same ids,
// same JobId) without a second side effect; with different parameters → `IdempotenceSignatureMismatch`; while
// the first call still runs → `IdempotenceProcessing`. Only successful answers are remembered, so a call that
// failed can be retried with its token (whether failures are cached is not documented; docs/emulator.md lists
// it as an assumption). Answers are remembered for a day and at most 10 000 of them (assumption: ClientTokens
// are documented as short-lived retry keys), so the persisted world does not grow without end.

/** How long a finished call's answer replays, and how many are kept. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

export interface StoredAnswer {
  status: number;
  json: Record<string, unknown>;
}

interface TokenRecord {
  paramsHash: string;
  state: 'processing' | 'done';
  answer?: StoredAnswer;
  /** When the call finished (ms since the epoch). */
  at?: number;
}

export type TokenCheck = { kind: 'new'; key: string; paramsHash: string } | { kind: 'replay'; answer: StoredAnswer };

export class Idempotency {
  constructor(private readonly recordsOf: () => Record<string, unknown>) {}

  private get records(): Record<string, unknown> {
    return this.recordsOf();
  }

  /** A call that was in flight when the local cloud stopped never completed: forget it (run at load). */
  forgetUnfinished(): void {
    for (const [key, record] of Object.entries(this.records)) {
      if ((record as TokenRecord).state !== 'done') delete this.records[key];
    }
  }

  begin(scope: string, token: string, params: Record<string, string>, now: number): TokenCheck {
    const key = `${scope}|${token}`;
    const paramsHash = hashParams(params);
    const existing = this.records[key] as TokenRecord | undefined;
    if (existing && !expired(existing, now)) {
      if (existing.paramsHash !== paramsHash) {
        throw new ApiError(
          400,
          'IdempotenceSignatureMismatch',
          'There is an idempotence signature mismatch between this request and the previous request.',
        );
      }
      if (existing.state === 'processing' || !existing.answer) {
        throw new ApiError(400, 'IdempotenceProcessing', 'The previous request is still processing.');
      }
      return { kind: 'replay', answer: existing.answer };
    }
    this.records[key] = { paramsHash, state: 'processing' } satisfies TokenRecord;
    return { kind: 'new', key, paramsHash };
  }

  complete(check: { key: string; paramsHash: string }, answer: StoredAnswer, now: number): void {
    this.prune(now);
    this.records[check.key] = { paramsHash: check.paramsHash, state: 'done', answer, at: now } satisfies TokenRecord;
  }

  abandon(check: { key: string }): void {
    delete this.records[check.key];
  }

  /** Forgets expired answers, then the oldest beyond the cap. */
  private prune(now: number): void {
    const records = this.records;
    const done: Array<[string, number]> = [];
    for (const [key, value] of Object.entries(records)) {
      const record = value as TokenRecord;
      if (record.state !== 'done') continue;
      if (expired(record, now)) delete records[key];
      else done.push([key, record.at ?? 0]);
    }
    if (done.length < MAX_REMEMBERED) return;
    done.sort(([, a], [, b]) => a - b);
    for (const [key] of done.slice(0, done.length - MAX_REMEMBERED + 1)) delete records[key];
  }
}

/** A finished call's answer no longer replays after REMEMBER_MS (records without a time predate it). */
function expired(record: TokenRecord, now: number): boolean {
  return record.state === 'done' && now - (record.at ?? 0) > REMEMBER_MS;
}

function hashParams(params: Record<string, string>): string {
  const canonical = Object.entries(params)
    .filter(([key]) => key !== 'ClientToken' && key !== 'DryRun')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return createHash('sha256').update(canonical).digest('hex');
}

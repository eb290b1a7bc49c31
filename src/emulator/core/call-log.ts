// The log of every signed API call since start or reset, served by GET /_emulator/calls (docs/emulator.md,
// "Admin API"). Bounded so a long-running local cloud does not grow without limit.

export interface CallRecord {
  service: string;
  action: string;
  status: number;
  code: string | null;
  ms: number;
  at: string;
}

export class CallLog {
  private calls: CallRecord[] = [];
  constructor(private readonly limit = 10_000) {}

  add(record: CallRecord): void {
    this.calls.push(record);
    if (this.calls.length > this.limit) this.calls.splice(0, this.calls.length - this.limit);
  }

  list(): CallRecord[] {
    return [...this.calls];
  }

  clear(): void {
    this.calls = [];
  }
}

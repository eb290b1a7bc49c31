// Per-invocation log capture. FC returns the tail of an invocation's log, base64-encoded, in `x-fc-log-result`
// when the caller asks for `x-fc-log-type: Tail` (`@alicloud/fc20230330` InvokeFunctionHeaders; devsapp/fc3
// decodes it); the tail is the last 4 KB (assumption: FC 2.0-era clients document the same 4 KB).

const LOG_TAIL_BYTES = 4 * 1024;
const KEEP_BYTES = 64 * 1024;

export class LogBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  append(text: string): void {
    if (text !== '') this.appendBytes(Buffer.from(text, 'utf8'));
  }

  appendBuffer(other: LogBuffer): void {
    for (const chunk of other.chunks) this.appendBytes(chunk);
  }

  private appendBytes(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > KEEP_BYTES * 2) this.compact();
  }

  bytes(): Buffer {
    this.compact();
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  text(): string {
    return this.bytes().toString('utf8');
  }

  /** Base64 of the last `LOG_TAIL_BYTES` bytes. */
  tailBase64(): string {
    const all = this.bytes();
    return all.subarray(Math.max(0, all.length - LOG_TAIL_BYTES)).toString('base64');
  }

  private compact(): void {
    const all = Buffer.concat(this.chunks);
    const kept = all.length > KEEP_BYTES ? all.subarray(all.length - KEEP_BYTES) : all;
    this.chunks = [kept];
    this.size = kept.length;
  }
}

// Streams that record what a renderer writes. The tty flavour has the cursor methods ora calls on a real
// terminal, emitting the same escape codes, so `screen()` can replay them into the lines a person would see.
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

export class CaptureStream extends Writable {
  readonly chunks: string[] = [];
  readonly isTTY: boolean;
  readonly columns = 160;
  readonly rows = 50;

  constructor(tty = false) {
    super({ decodeStrings: false });
    this.isTTY = tty;
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : String(chunk));
    callback();
  }

  /** Everything written, escape codes included. */
  raw(): string {
    return this.chunks.join('');
  }

  /** Everything written, escape codes removed (every frame ever drawn, in order). */
  text(): string {
    return stripVTControlCharacters(this.raw());
  }

  lines(): string[] {
    return this.text()
      .split('\n')
      .filter((line) => line !== '');
  }

  cursorTo(x: number): boolean {
    return this.write(`\x1b[${x + 1}G`);
  }

  moveCursor(dx: number, dy: number): boolean {
    let codes = '';
    if (dy < 0) codes += `\x1b[${-dy}A`;
    if (dy > 0) codes += `\x1b[${dy}B`;
    if (dx > 0) codes += `\x1b[${dx}C`;
    if (dx < 0) codes += `\x1b[${-dx}D`;
    return this.write(codes);
  }

  clearLine(dir: -1 | 0 | 1): boolean {
    return this.write(dir === 1 ? '\x1b[0K' : dir === -1 ? '\x1b[1K' : '\x1b[2K');
  }

  /** What a terminal would show now: the escape codes ora and readline use, replayed onto a grid of lines. */
  screen(): string[] {
    const grid: string[][] = [[]];
    let row = 0;
    let col = 0;
    const raw = this.raw();
    const line = (): string[] => {
      while (grid.length <= row) grid.push([]);
      return grid[row] ?? [];
    };
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i] ?? '';
      if (ch === '\x1b' && raw[i + 1] === '[') {
        // eslint-disable-next-line no-control-regex -- parsing escape codes is the point
        const m = /^\x1b\[([?0-9;]*)([A-Za-z])/.exec(raw.slice(i));
        if (m === null) continue;
        i += m[0].length - 1;
        const n = Number.parseInt(m[1] ?? '', 10);
        const count = Number.isNaN(n) ? 1 : n;
        switch (m[2]) {
          case 'A':
            row = Math.max(0, row - count);
            break;
          case 'B':
            row += count;
            break;
          case 'C':
            col += count;
            break;
          case 'D':
            col = Math.max(0, col - count);
            break;
          case 'G':
            col = count - 1;
            break;
          case 'K': {
            const current = line();
            if (m[1] === '2') current.length = 0;
            else if (m[1] === '1') current.fill(' ', 0, col);
            else current.length = Math.min(current.length, col);
            break;
          }
          default:
          // Colours, cursor visibility, synchronized output: no effect on the text.
        }
      } else if (ch === '\x1b') {
        continue;
      } else if (ch === '\n') {
        row += 1;
        col = 0;
      } else if (ch === '\r') {
        col = 0;
      } else {
        const current = line();
        while (current.length < col) current.push(' ');
        current[col] = ch;
        col += 1;
      }
    }
    const shown = grid.map((cells) => cells.join('').trimEnd());
    while (shown.length > 0 && shown[shown.length - 1] === '') shown.pop();
    return shown;
  }
}

export function streams(tty = false): { stdout: CaptureStream; stderr: CaptureStream } {
  return { stdout: new CaptureStream(false), stderr: new CaptureStream(tty) };
}

// eslint-disable-next-line no-control-regex -- matching escape codes is the point
export const ansiPattern = /\x1b\[/;

// Materialises an instance bootstrap (child-bootstrap-source.ts, python-bootstrap-source.ts) into the work dir. The file name carries a
// hash of the source: a file of that name holds exactly this source (written atomically), and a changed bootstrap
// never reuses a stale file left in a persisted data dir.
import { createHash } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../lib/fs/atomic-write.js';

export async function writeBootstrap(workDir: string, source: string, extension: '.cjs' | '.py'): Promise<string> {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const dir = path.join(workDir, 'runtime');
  const file = path.join(dir, `fc-bootstrap-${hash}${extension}`);
  try {
    await access(file);
    return file;
  } catch {
    // not written yet
  }
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(file, source);
  return file;
}

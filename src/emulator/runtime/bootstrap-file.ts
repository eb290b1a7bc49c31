// Materialises the instance bootstrap (see child-bootstrap-source.ts) into the work dir. The file name carries a
// hash of the source so a changed bootstrap never reuses a stale file left in a persisted data dir.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHILD_BOOTSTRAP_SOURCE } from './child-bootstrap-source.js';

export async function writeBootstrap(workDir: string): Promise<string> {
  const hash = createHash('sha256').update(CHILD_BOOTSTRAP_SOURCE).digest('hex').slice(0, 12);
  const dir = path.join(workDir, 'runtime');
  const file = path.join(dir, `fc-bootstrap-${hash}.cjs`);
  try {
    if ((await readFile(file, 'utf8')) === CHILD_BOOTSTRAP_SOURCE) return file;
  } catch {
    // not written yet
  }
  await mkdir(dir, { recursive: true });
  const staging = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  await writeFile(staging, CHILD_BOOTSTRAP_SOURCE);
  await rename(staging, file);
  return file;
}

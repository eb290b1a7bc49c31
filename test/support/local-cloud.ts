// In-process local clouds for tests, each closed when its test finishes, whatever the test did: no test sees
// another's resources, and none is left running.
//   useLocalCloud(options)   at the top of a test file (or of a describe): a fresh cloud for each of its tests;
//   startTestCloud(options)  inside a test (or a beforeEach): one more cloud, when a test needs its own options.
import { beforeEach, onTestFinished } from 'vitest';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../src/emulator/index.js';

export async function startTestCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const cloud = await startLocalCloud(options);
  onTestFinished(() => cloud.close());
  return cloud;
}

export interface LocalCloudScope {
  /** The running test's local cloud (only inside tests and their hooks). */
  readonly cloud: LocalCloud;
}

export function useLocalCloud(options: LocalCloudOptions = {}): LocalCloudScope {
  let current: LocalCloud | undefined;
  beforeEach(async () => {
    current = await startTestCloud(options);
    onTestFinished(() => {
      current = undefined;
    });
  });
  return {
    get cloud() {
      if (!current) throw new Error('useLocalCloud(): the local cloud runs only inside tests and their hooks');
      return current;
    },
  };
}

// The state layer's public surface.
export * from './schema.js';
export * from './store.js';
export { FileStateStore, STATE_DIR, type FileStateStoreOptions } from './file-store.js';
export { MemoryStateStore, memoryDisk, type MemoryDisk, type MemoryStateStoreOptions } from './memory-store.js';
export { migrateState, migrateV0ToV1, stateV0Schema, type StateV0 } from './migrations.js';
export { processIsAlive, type ProcessIdentity } from './file-lock.js';

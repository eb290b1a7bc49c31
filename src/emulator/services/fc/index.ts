import type { ServiceModule } from '../../core/service.js';

// Placeholder: the fc service is being built; it will replace this module.
export function createFcService(): ServiceModule {
  return { name: 'fc', style: 'roa', actions: {} };
}

import type { ServiceModule } from '../../core/service.js';

// Placeholder: the alidns service is being built; it will replace this module.
export function createAlidnsService(): ServiceModule {
  return { name: 'alidns', style: 'rpc', actions: {} };
}

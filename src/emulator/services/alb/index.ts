import type { ServiceModule } from '../../core/service.js';

// Placeholder: the alb service is being built; it will replace this module.
export function createAlbService(): ServiceModule {
  return { name: 'alb', style: 'rpc', actions: {} };
}

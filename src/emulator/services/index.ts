import type { ServiceModule } from '../core/service.js';
import { createAlbService } from './alb/index.js';
import { createAlidnsService } from './alidns/index.js';
import { createFcService } from './fc/index.js';
import { createStsService } from './sts/sts-service.js';

/** A fresh set of the local cloud's services (each instance owns its data-plane servers). */
export function createServices(): ServiceModule[] {
  return [createAlbService(), createFcService(), createAlidnsService(), createStsService()];
}

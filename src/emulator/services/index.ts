import type { EmulatedService } from '../core/service.js';
import { createAlbService } from './alb/index.js';
import { createAlidnsService } from './alidns/index.js';
import { createFcService } from './fc/index.js';
import { createOssService } from './oss/index.js';
import { createStsService } from './sts/sts-service.js';

// The local cloud's services, each of the one shape core/service.ts describes. A new product is a folder here
// whose index exports its `create…Service()`, added to this list (and its name to `ServiceName`).

/** A fresh set of the local cloud's services (each instance owns its data-plane servers). */
export function createServices(): EmulatedService[] {
  return [createAlbService(), createFcService(), createAlidnsService(), createStsService(), createOssService()];
}

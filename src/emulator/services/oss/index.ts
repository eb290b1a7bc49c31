import { LOCAL_STATE_BUCKET } from '../../../local-cloud-contract.js';
import { AdminInputError, accountIdOf } from '../../core/admin-input.js';
import type { EmulatedService, ServiceEnv } from '../../core/service.js';
import { authenticateOss } from './authenticate.js';
import { ossDialect } from './dialect.js';
import { listObjects, listObjectsV2 } from './listing.js';
import { deleteObject, getObject, headObject, putObject } from './objects.js';
import { ossProtocol } from './protocol.js';
import { addBucket, ossState } from './state.js';

// OSS in the local cloud, for what a team's shared state needs (`--state oss://…`, docs/teams.md): objects
// written whole, create-only writes, reads, deletes and listings, signed with OSS's own V1 or V4 signature, in
// buckets of the local cloud's region. The seeded bucket `alb-fc-state` belongs to the default account and is
// listed on the ready line. Behaviour and sources: docs/emulator.md, "OSS".

export function createOssService(): EmulatedService {
  let env: ServiceEnv | undefined;
  return {
    name: 'oss',
    protocol: ossProtocol,
    dialect: ossDialect,
    authenticate: authenticateOss,
    actions: {
      PutObject: putObject,
      GetObject: getObject,
      HeadObject: headObject,
      DeleteObject: deleteObject,
      ListObjects: listObjects,
      ListObjectsV2: listObjectsV2,
    },
    async start(started) {
      env = started;
      const state = ossState(started.world);
      const owner = started.accounts[0];
      if (owner && !state.seededAccounts.includes(owner.accountId)) {
        addBucket(state, {
          name: LOCAL_STATE_BUCKET,
          accountId: owner.accountId,
          region: started.region,
          createdAt: started.clock.now(),
        });
        state.seededAccounts.push(owner.accountId);
      }
    },
    snapshot() {
      if (!env) return { buckets: [] };
      return {
        buckets: ossState(env.world).buckets.map((bucket) => ({
          name: bucket.name,
          accountId: bucket.accountId,
          region: bucket.region,
          objects: Object.entries(bucket.objects).map(([key, object]) => ({
            key,
            size: object.size,
            etag: object.etag,
            lastModified: new Date(object.lastModified).toISOString(),
          })),
        })),
      };
    },
    readyFields(accountId) {
      if (!env) return { buckets: [] };
      return {
        buckets: ossState(env.world)
          .buckets.filter((bucket) => bucket.accountId === accountId)
          .map((bucket) => bucket.name),
      };
    },
    adminRoutes: {
      // Another bucket, for the account that owns the seeded one or the one named (the local cloud does not
      // implement PutBucket: alb-fc never creates buckets).
      'POST /_emulator/oss/buckets': ({ body, env: started }) => {
        const name = body.name;
        if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
          throw new AdminInputError('name must be an OSS bucket name (3-63 lower-case letters, digits and "-")');
        }
        const created = addBucket(ossState(started.world), {
          name,
          accountId: accountIdOf(started, body.accountId),
          region: started.region,
          createdAt: started.clock.now(),
        });
        return { status: created ? 201 : 409, json: { bucket: name, created } };
      },
    },
  };
}

// Where stacks keep their state: `.alb-fc/` in the project directory (the default), or a prefix of an OSS
// bucket, `oss://BUCKET/PREFIX` (--state, ALB_FC_STATE, `state:` in alb-fc.yaml; docs/teams.md).

export interface OssStateLocation {
  kind: 'oss';
  bucket: string;
  /** Without leading or trailing slash; empty for the bucket's top level. */
  prefix: string;
}

/** OSS bucket names (https://www.alibabacloud.com/help/en/oss/support/http-400-status-code, InvalidBucketName). */
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** A prefix of path segments that keys can be built from without escaping surprises. */
const PREFIX = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** The location `text` names, or a message saying what is wrong with it. */
export function parseStateLocation(text: string): OssStateLocation | { error: string } {
  const match = /^oss:\/\/([^/]*)(?:\/(.*))?$/.exec(text.trim());
  if (!match) return { error: 'must look like oss://BUCKET/PREFIX' };
  const bucket = match[1]!;
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (!BUCKET.test(bucket)) {
    return {
      error: `names the bucket "${bucket}": 3-63 lower-case letters, digits and "-", not starting or ending with "-"`,
    };
  }
  if (prefix !== '' && (!PREFIX.test(prefix) || prefix.split('/').some((part) => part === '.' || part === '..'))) {
    return { error: 'has a prefix other than path segments of letters, digits, ".", "_" and "-"' };
  }
  return { kind: 'oss', bucket, prefix };
}

export function formatStateLocation(location: OssStateLocation): string {
  return `oss://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
}

/** The object key of `name` under the location's prefix. */
export function keyOf(location: OssStateLocation, name: string): string {
  return location.prefix ? `${location.prefix}/${name}` : name;
}

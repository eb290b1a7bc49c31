// Function ARNs. FC 3.0: `acs:fc:{region}:{accountId}:functions/{name}` [V] (§A.3), qualified
// `…/functions/{name}/{qualifier}` (alb-api.md §3.2, FC's own format). FC 2.0:
// `acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{name}` (§A.8, alb-api.md §3.2 [I]).

export type ParsedArn =
  | { fcVersion: 'v3'; region: string; accountId: string; name: string; qualifier?: string }
  | { fcVersion: 'v2'; region: string; accountId: string; serviceName: string; name: string; qualifier?: string };

const REGION = '([a-z]{2,}(?:-[a-z0-9]+)+)';
const ACCOUNT = '(\\d{1,32})';
const NAME = '([A-Za-z_][A-Za-z0-9_-]{0,127})';
const QUALIFIER = '([A-Za-z0-9_-]{1,128})';
const FC3 = new RegExp(`^acs:fc:${REGION}:${ACCOUNT}:functions/${NAME}(?:/${QUALIFIER})?$`);
const FC2 = new RegExp(`^acs:fc:${REGION}:${ACCOUNT}:services/${NAME}(?:\\.${QUALIFIER})?/functions/${NAME}$`);

export function functionArn(region: string, accountId: string, name: string): string {
  return `acs:fc:${region}:${accountId}:functions/${name}`;
}

export function fc2FunctionArn(region: string, accountId: string, serviceName: string, functionName: string): string {
  return `acs:fc:${region}:${accountId}:services/${serviceName}/functions/${functionName}`;
}

export function parseFunctionArn(arn: string): ParsedArn | undefined {
  const v3 = FC3.exec(arn);
  if (v3) {
    const [, region = '', accountId = '', name = '', qualifier] = v3;
    return { fcVersion: 'v3', region, accountId, name, ...(qualifier ? { qualifier } : {}) };
  }
  const v2 = FC2.exec(arn);
  if (v2) {
    const [, region = '', accountId = '', serviceName = '', qualifier, name = ''] = v2;
    return { fcVersion: 'v2', region, accountId, serviceName, name, ...(qualifier ? { qualifier } : {}) };
  }
  return undefined;
}

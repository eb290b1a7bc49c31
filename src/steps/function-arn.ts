// Function ARNs an Fc server group accepts as ServerId (`@alicloud/fc20230330 Function`, functionArn): FC 3.0
// `acs:fc:{region}:{account}: functions/{name}[/{qualifier}]` and FC 2.0
// `acs:fc:{region}:{account}:services/{service}[.{qualifier}]/ functions/{name}`. The function must live in the ALB's
// region (https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/alb-server-group-overview),
// which the ARN itself says.
import { preflightError, usageError } from '../errors.js';
import type { ExistingFunctionInput, NewFunctionInput } from '../stack-input.js';

export type FunctionArn =
  | { version: 3; arn: string; region: string; accountId: string; name: string; qualifier?: string }
  | { version: 2; arn: string; region: string; accountId: string; service: string; qualifier?: string; name: string };

const REGION = '([a-z]{2,}(?:-[a-z0-9]+)+)';
const ACCOUNT = '([0-9]{1,32})';
// FC 3.0 names: 1-64 letters, digits, `_`, `-`, not starting with a digit or `-` (`@alicloud/fc20230330
// CreateFunctionInput`).
const NAME = '([A-Za-z_][A-Za-z0-9_-]{0,63})';
const QUALIFIER = '([A-Za-z0-9_-]{1,128})';
const FC3 = new RegExp(`^acs:fc:${REGION}:${ACCOUNT}:functions/${NAME}(?:/${QUALIFIER})?$`);
const FC2 = new RegExp(
  `^acs:fc:${REGION}:${ACCOUNT}:services/([A-Za-z_][A-Za-z0-9_-]{0,127})(?:\\.${QUALIFIER})?/functions/${NAME}$`,
);

export function parseFunctionArn(arn: string): FunctionArn | undefined {
  const v3 = FC3.exec(arn);
  if (v3) {
    const [, region, accountId, name, qualifier] = v3;
    if (region && accountId && name) {
      return { version: 3, arn, region, accountId, name, ...(qualifier ? { qualifier } : {}) };
    }
  }
  const v2 = FC2.exec(arn);
  if (v2) {
    const [, region, accountId, service, qualifier, name] = v2;
    if (region && accountId && service && name) {
      return { version: 2, arn, region, accountId, service, name, ...(qualifier ? { qualifier } : {}) };
    }
  }
  return undefined;
}

/** `--function-arn`: a malformed ARN is a bad value (exit 2); another region is a preflight refusal (exit 4). */
export function validateExistingFunctionArn(arn: string, region: string): FunctionArn {
  const parsed = parseFunctionArn(arn);
  if (!parsed) {
    throw usageError(
      'INVALID_FUNCTION_ARN',
      `--function-arn ${JSON.stringify(arn)} is not a Function Compute function ARN`,
      'Expected acs:fc:<region>:<account-id>:functions/<name>[/<qualifier>] (FC 3.0) or ' +
        'acs:fc:<region>:<account-id>:services/<service>[.<qualifier>]/functions/<name> (FC 2.0).',
    );
  }
  if (parsed.region !== region) {
    throw preflightError(
      'REGION_MISMATCH',
      `the function is in ${parsed.region} but the stack (and its ALB) is in ${region}`,
      'An Fc server group only takes a function of its own region: deploy a function in ' +
        `${region}, or use --region ${parsed.region} with an ALB there.`,
    );
  }
  return parsed;
}

/** The ARN without its qualifier: what FC answers as `functionArn` for the function itself. */
export function unqualifiedArn(arn: FunctionArn): string {
  const base = `acs:fc:${arn.region}:${arn.accountId}:`;
  return arn.version === 3 ? `${base}functions/${arn.name}` : `${base}services/${arn.service}/functions/${arn.name}`;
}

/** The FC 3.0 name of a backend's function: alb-fc's own, or an adopted FC 3.0 ARN's; none for FC 2.0. */
export function fc3FunctionName(fn: NewFunctionInput | ExistingFunctionInput): string | undefined {
  if (fn.mode === 'create') return fn.name;
  const parsed = parseFunctionArn(fn.arn);
  return parsed?.version === 3 ? parsed.name : undefined;
}

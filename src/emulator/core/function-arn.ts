// Function ARNs, as FC prints them and as ALB takes them for Fc backends (`Servers.N.ServerId`):
//   FC 3.0  acs:fc:{region}:{accountId}:functions/{name}              (`@alicloud/fc20230330` Function
//           `functionArn`; aliyun/terraform-provider-alicloud test TestAccAliCloudALBServerGroup_basic4)
//   FC 3.0  acs:fc:{region}:{accountId}:functions/{name}/{qualifier}  (FC's qualified form, `@alicloud/fc20230330`
//           ProvisionConfig; whether ALB takes it is not documented)
//   FC 2.0  acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{name}  (FC 2.0's
//           convention; not documented for ALB: assumption)
// Names: a letter or underscore first, then letters, digits, `_` and `-`, at most 128 characters (FC checks
// the tighter FC 3.0 function-name length when it creates one, CreateFunctionInput `functionName`); a qualifier
// is LATEST, a version number or an alias name.

const NAME = '[A-Za-z_][A-Za-z0-9_-]{0,127}';
const QUALIFIER = '[A-Za-z0-9_-]{1,128}';
const REGION = '[a-z]{2,}(?:-[a-z0-9]+)+';
const ACCOUNT = '\\d{1,32}';

/** FC 2.0 service and function names, FC 3.0 trigger and alias names (1–128 characters). */
export const FC_NAME = new RegExp(`^${NAME}$`);
export const FC_QUALIFIER = new RegExp(`^${QUALIFIER}$`);
export const FC_REGION = new RegExp(`^${REGION}$`);

const FC3 = new RegExp(`^acs:fc:(${REGION}):(${ACCOUNT}):functions/(${NAME})(?:/(${QUALIFIER}))?$`);
const FC2 = new RegExp(
  `^acs:fc:(${REGION}):(${ACCOUNT}):services/(${NAME})(?:\\.(${QUALIFIER}))?/functions/(${NAME})$`,
);

type ParsedFunctionArn =
  | { fcVersion: 'v3'; region: string; accountId: string; name: string; qualifier?: string }
  | { fcVersion: 'v2'; region: string; accountId: string; serviceName: string; name: string; qualifier?: string };

export function parseFunctionArn(arn: string): ParsedFunctionArn | undefined {
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

export function functionArn(region: string, accountId: string, name: string): string {
  return `acs:fc:${region}:${accountId}:functions/${name}`;
}

export function fc2FunctionArn(region: string, accountId: string, serviceName: string, functionName: string): string {
  return `acs:fc:${region}:${accountId}:services/${serviceName}/functions/${functionName}`;
}

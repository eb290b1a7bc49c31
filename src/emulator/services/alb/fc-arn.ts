// The function ARNs an Fc server group accepts as `ServerId` (reference alb-api.md §3.2):
//   FC 3.0  acs:fc:<region>:<account>:functions/<name>            (TF acceptance test, FC SDK functionArn)
//   FC 3.0  acs:fc:<region>:<account>:functions/<name>/<qualifier> (FC's own qualified form; ALB [?])
//   FC 2.0  acs:fc:<region>:<account>:services/<service>[.<qualifier>]/functions/<name>  ([I] FC 2.0 form;
//           the local FC reports FC 2.0 functions without a qualifier, so it is optional here too)
// Names: a letter or underscore first, then letters, digits, `_` and `-` (FC checks lengths when it creates
// them, fc-dns-sts-auth.md §A.2); a qualifier is a version number, LATEST or an alias name.

export interface ParsedFunctionArn {
  fcVersion: 'v3' | 'v2';
  region: string;
  accountId: string;
  functionName: string;
  serviceName?: string;
  qualifier?: string;
}

const NAME = '[A-Za-z_][A-Za-z0-9_-]{0,127}';
const QUALIFIER = '[A-Za-z0-9_-]{1,128}';
const PREFIX = 'acs:fc:([a-z0-9-]+):(\\d+):';
const FC3 = new RegExp(`^${PREFIX}functions/(${NAME})(?:/(${QUALIFIER}))?$`);
const FC2 = new RegExp(`^${PREFIX}services/(${NAME})(?:\\.(${QUALIFIER}))?/functions/(${NAME})$`);

export function parseFunctionArn(arn: string): ParsedFunctionArn | undefined {
  const v3 = FC3.exec(arn);
  if (v3) {
    return {
      fcVersion: 'v3',
      region: v3[1]!,
      accountId: v3[2]!,
      functionName: v3[3]!,
      ...(v3[4] ? { qualifier: v3[4] } : {}),
    };
  }
  const v2 = FC2.exec(arn);
  if (v2) {
    return {
      fcVersion: 'v2',
      region: v2[1]!,
      accountId: v2[2]!,
      serviceName: v2[3]!,
      functionName: v2[5]!,
      ...(v2[4] ? { qualifier: v2[4] } : {}),
    };
  }
  return undefined;
}

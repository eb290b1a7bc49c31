// The cloud's answers that mean "these credentials are not accepted", said in words a user acts on. Codes: the POP
// gateway's (ALB, Alidns, STS: `InvalidAccessKeyId.NotFound`, `SignatureDoesNotMatch`, `InvalidSecurityToken.*`,
// the error center https://api.aliyun.com/troubleshoot) and FC 3.0's (`InvalidAccessKeyID`, `SignatureNotMatch`,
// `InvalidSecurityToken`, https://help.aliyun.com/zh/functioncompute/api-fc-2023-03-30-errorcodes). None is retried:
// the same keys get the same answer.

const REASONS: Record<string, string> = {
  'InvalidAccessKeyId.NotFound': 'the AccessKey ID does not exist (deleted, mistyped, or of another site)',
  InvalidAccessKeyId: 'the AccessKey ID does not exist (deleted, mistyped, or of another site)',
  InvalidAccessKeyID: 'the AccessKey ID does not exist (deleted, mistyped, or of another site)',
  'InvalidAccessKeyId.Inactive': 'the AccessKey is disabled',
  SignatureDoesNotMatch: 'the AccessKey secret does not match the AccessKey ID',
  SignatureNotMatch: 'the AccessKey secret does not match the AccessKey ID',
  IncompleteSignature: 'the request was not signed completely',
  'InvalidSecurityToken.Expired': 'the STS security token has expired',
  'InvalidSecurityToken.Malformed': 'the STS security token is malformed',
  'InvalidSecurityToken.MismatchWithAccessKey': 'the STS security token belongs to another AccessKey',
  InvalidSecurityToken: 'the STS security token is invalid or has expired',
  MissingSecurityToken: 'the AccessKey is temporary (STS) but no security token was sent',
  'InvalidTimeStamp.Expired': "the request's time is too far from Alibaba Cloud's clock",
  RequestTimeTooSkewed: "the request's time is too far from Alibaba Cloud's clock",
};

const HINT =
  'Check ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN, or the ' +
  'profile (`aliyun configure`); `alb-fc whoami` says which credentials alb-fc uses.';

const CLOCK_HINT = "Set this machine's clock right (NTP), then run again.";

/** `{message, hint}` for a code that rejects the credentials; undefined for any other code. */
export function credentialsRejection(cloudCode: string): { message: string; hint: string } | undefined {
  const reason = REASONS[cloudCode];
  if (reason === undefined) return undefined;
  const clock = cloudCode === 'InvalidTimeStamp.Expired' || cloudCode === 'RequestTimeTooSkewed';
  return {
    message: `Alibaba Cloud rejected the credentials (${cloudCode}): ${reason}`,
    hint: clock ? CLOCK_HINT : HINT,
  };
}

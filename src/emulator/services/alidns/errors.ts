import { ApiError } from '../../api/api-error.js';

// Alidns error answers, all HTTP 400 with the POP body the pop dialect writes. Messages are the ones real
// responses carried where public clients quote a capture (issue numbers below); otherwise the text of the older
// AddDomainRecord / UpdateDomainRecord API references' error tables.

export const alidnsErrors = {
  /** Captured in public DDNS clients; the older docs' `IncorrectDomainUser` is the other code clients must accept. */
  domainNotFound: () =>
    new ApiError(
      400,
      'InvalidDomainName.NoExist',
      'The specified domain name does not exist. Refresh the page and try again.',
    ),
  /** Captured for DomainName values that are no host name (ddns-go #219, #637; acme.sh #6204). */
  domainFormat: () => new ApiError(400, 'InvalidDomainName.Format', 'Invalid domain name.'),
  /** Unknown RecordId or another account's; message as captured (aliyun-openapi-python-sdk #407). */
  recordNotFound: () =>
    new ApiError(400, 'DomainRecordNotBelongToUser', 'The DNS record does not exist in your account.'),
  /** Current message as captured (godns #47, #115; ddns-go #1044). */
  duplicate: () => new ApiError(400, 'DomainRecordDuplicate', 'The DNS record already exists.'),
  /** Documented message (AddDomainRecord error table). */
  conflict: () => new ApiError(400, 'DomainRecordConflict', 'The domain record is conflict with other records.'),
  /** Documented message (UpdateDomainRecord error table). */
  locked: () => new ApiError(400, 'DomainRecordLocked', 'The domain record has been locked.'),
  /** Captured with the free edition's range (ddns-go #280, #1717; terraform-provider-alicloud #640). */
  ttl: (min: number, max: number) =>
    new ApiError(
      400,
      'QuotaExceeded.TTL',
      `The specified TTL is invalid. A valid TTL must be in the range of ${min} to ${max}.`,
    ),
  /**
   * A malformed RR or record value. Code and message as captured once (Aliyun_DDNS #8, caused by a bad RR);
   * the error center describes the code as an illegal or malformed record value. The exact code a bad Value
   * gets today is not known (a capture shows only the message "The parameter value Value is invalid.").
   */
  invalidRecord: () => new ApiError(400, 'SubDomainInvalid.Value', 'The DNS record is invalid or in the wrong format.'),
  /** An unsupported Type, Line or SearchMode [assumption: the gateway's generic code]. */
  invalidValueOf: (name: string) => new ApiError(400, 'InvalidParameter', `The parameter value ${name} is invalid.`),
};

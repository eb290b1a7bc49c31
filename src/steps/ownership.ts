// How alb-fc recognises its own resources in the cloud: two tags on everything taggable (stackTags in
// src/stack-input.ts), and a remark on DNS records, which take no tags. A lost state file is rebuilt from these.
import type { Tags } from '../cloud/ports.js';
import { stackTags } from '../stack-input.js';

export const STACK_TAG = 'alb-fc:stack';
export const MANAGED_TAG = 'alb-fc:managed-by';

export function isOurs(tags: Tags, stack: string): boolean {
  const expected = stackTags(stack);
  return Object.entries(expected).every(([key, value]) => tags[key] === value);
}

/** The stack named by a resource's tags when it is managed by alb-fc, whichever stack that is. */
export function managingStack(tags: Tags): string | undefined {
  return tags[MANAGED_TAG] === 'alb-fc' ? tags[STACK_TAG] : undefined;
}

export function dnsRemark(stack: string): string {
  return `${STACK_TAG}=${stack}`;
}

export function remarkIsOurs(remark: string, stack: string): boolean {
  return remark.split(/[\s,;]+/).includes(dnsRemark(stack));
}

export function remarkStack(remark: string): string | undefined {
  const prefix = `${STACK_TAG}=`;
  return remark
    .split(/[\s,;]+/)
    .find((part) => part.startsWith(prefix))
    ?.slice(prefix.length);
}

export function describeOwner(tags: Tags): string {
  const other = managingStack(tags);
  return other ? `it belongs to alb-fc stack ${JSON.stringify(other)}` : 'it carries no alb-fc tags';
}

// What the in-memory ALB (fake-alb.ts) keeps of each resource, and how it filters by tags.
import type { Tags } from '../../src/cloud/ports.js';

export interface FakeLoadBalancer {
  id: string;
  name: string;
  dnsName: string;
  addressType: string;
  status: string;
  busyUntil: number;
}
export interface FakeGroup {
  id: string;
  name: string;
  healthCheck: boolean;
  tags: Tags;
  createdAt: number;
  readyAt: number;
  configuringUntil: number;
  deleteAt?: number;
}
export interface FakeServer {
  groupId: string;
  arn: string;
  readyAt: number;
  removeAt?: number;
}
export interface FakeListener {
  id: string;
  lbId: string;
  port: number;
  groupId: string;
  tags: Tags;
  createdAt: number;
  readyAt: number;
  deleteAt?: number;
}

export function matches(tags: Tags, filter: Tags): boolean {
  return Object.entries(filter).every(([k, v]) => tags[k] === v);
}

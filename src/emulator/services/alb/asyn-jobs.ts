import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { popErrors } from '../../api/api-error.js';
import { jobShape, markObserved } from './jobs.js';
import { paged } from './listing.js';

// ListAsynJobs (`@alicloud/alb20200616` ListAsynJobsRequest): filters JobIds (≤10), ResourceIds (≤10),
// ResourceType, ApiName, BeginTime/EndTime (ms, on CreateTime); jobs in the order they were created. Showing a
// Processing job counts as seeing its in-between state: alibaba/alibaba-load-balancer-controller and
// aliyun/terraform-provider-alicloud (resource_alicloud_alb_listener.go) wait on the job, not the resource.

const RESOURCE_TYPES = ['loadbalancer', 'listener', 'rule', 'acl', 'securitypolicy', 'servergroup'];

export function listAsynJobs(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const ids = params.strings('JobIds');
  const resourceIds = params.strings('ResourceIds');
  const type = params.string('ResourceType');
  const apiName = params.string('ApiName');
  if (type !== undefined && !RESOURCE_TYPES.includes(type)) {
    throw popErrors.invalidParameter(`ResourceType must be one of ${RESOURCE_TYPES.join(', ')}.`);
  }
  const begin = params.number('BeginTime');
  const end = params.number('EndTime');
  const jobs = call.scope.jobs.filter(
    (job) =>
      (!ids?.length || ids.includes(job.Id)) &&
      (!resourceIds?.length || resourceIds.includes(job.ResourceId)) &&
      (type === undefined || job.ResourceType === type) &&
      (apiName === undefined || job.ApiName === apiName) &&
      (begin === undefined || job.CreateTime >= begin) &&
      (end === undefined || job.CreateTime <= end),
  );
  const { page, envelope } = paged(call, jobs);
  for (const job of page) if (job.Status === 'Processing') markObserved(job, call.now);
  return { json: { Jobs: page.map(jobShape), ...envelope } };
}

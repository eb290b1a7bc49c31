// The export as a Resource Orchestration Service template (ROSTemplateFormatVersion 2015-09-01): the resources
// the stack created, `Ref` / `Fn::GetAtt` between them. Types and property names from the ROS resource reference
// (https://www.alibabacloud.com/help/en/ros/developer-reference/): ALIYUN::FC3::Function (Code.OssBucketName /
// OssObjectName; GetAtt ARN), ALIYUN::ALB::ServerGroup (GetAtt ServerGroupId), ALIYUN::ALB::BackendServerAttachment
// (Servers of ServerType Fc), ALIYUN::ALB::Listener (GetAtt ListenerId), ALIYUN::ALB::Rule and
// ALIYUN::DNS::DomainRecord. ROS has no import block: the real id of each resource is in the template's Metadata,
// in the shape of the ResourcesToImport of a ROS resource import (CreateChangeSet with ChangeSetType IMPORT,
// https://www.alibabacloud.com/help/en/ros/developer-reference/api-ros-2019-09-10-createchangeset), and every
// resource has `DeletionPolicy: Retain`, which an import asks for so that a failed import deletes nothing
// (https://www.alibabacloud.com/help/en/resource-orchestration-service/latest/resource-import-overview). The code
// packages are not inlined (a template body is at most 524,288 bytes, CreateChangeSet TemplateBody): they are
// uploaded to OSS, the bucket named by a parameter.
import { CODE_DIR, codeFileOf, type ExportModel, type ExportRule } from './model.js';
import { describeAdopted, describeCapacity, type ExportedResource } from './resources.js';

export type RosValue = string | number | boolean | RosValue[] | { [key: string]: RosValue };
type Props = Record<string, RosValue>;

/** A logical id: letters and digits, from a route key (`users/canary` → `UsersCanary`). */
export function rosLogicalId(prefix: string, key: string): string {
  const words = key
    .replace(/^\*\./, 'wildcard.')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return prefix + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const getAtt = (resource: string, attribute: string): RosValue => ({ 'Fn::GetAtt': [resource, attribute] });
const ref = (name: string): RosValue => ({ Ref: name });

interface Import {
  LogicalResourceId: string;
  ResourceType: string;
  ResourceIdentifier: Record<string, string>;
}

export interface RosExport {
  template: Record<string, RosValue>;
  resources: ExportedResource[];
}

export function rosExport(model: ExportModel): RosExport {
  const resources: Record<string, { Type: string; DeletionPolicy: 'Retain'; Properties: Props }> = {};
  const imports: Import[] = [];
  const exported: ExportedResource[] = [];
  const add = (logicalId: string, type: string, properties: Props, id: string, identifier: string) => {
    resources[logicalId] = { Type: type, DeletionPolicy: 'Retain', Properties: properties };
    imports.push({ LogicalResourceId: logicalId, ResourceType: type, ResourceIdentifier: { [identifier]: id } });
    exported.push({ type, name: logicalId, id });
  };
  const functionArn = (arn: string): RosValue => {
    const fn = model.functions.find((f) => f.managed && f.arn === arn);
    return fn ? getAtt(rosLogicalId('Function', fn.key), 'ARN') : arn;
  };
  const serverGroupId = (id: string): RosValue => {
    const group = model.serverGroups.find((g) => g.managed && g.id === id);
    return group ? getAtt(rosLogicalId('ServerGroup', group.key), 'ServerGroupId') : id;
  };
  const listenerId = (id: string): RosValue =>
    model.listener?.managed && model.listener.id === id ? getAtt('Listener', 'ListenerId') : id;
  const tagList = (tags: Record<string, string> | undefined): Props =>
    tags && Object.keys(tags).length > 0 ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {};

  const managedFunctions = model.functions.filter((f) => f.managed);
  for (const fn of managedFunctions) {
    add(
      rosLogicalId('Function', fn.key),
      'ALIYUN::FC3::Function',
      {
        FunctionName: fn.name,
        ...(fn.runtime ? { Runtime: fn.runtime } : {}),
        ...(fn.handler ? { Handler: fn.handler } : {}),
        ...(fn.memorySize !== undefined ? { MemorySize: fn.memorySize } : {}),
        ...(fn.timeout !== undefined ? { Timeout: fn.timeout } : {}),
        ...(fn.cpu !== undefined ? { Cpu: fn.cpu } : {}),
        ...(fn.instanceConcurrency !== undefined ? { InstanceConcurrency: fn.instanceConcurrency } : {}),
        ...(fn.description ? { Description: fn.description } : {}),
        Code: { OssBucketName: ref('CodeBucket'), OssObjectName: codeFileOf(fn) },
        ...tagList(fn.tags),
      },
      fn.name,
      'FunctionName',
    );
  }
  for (const group of model.serverGroups.filter((g) => g.managed)) {
    const id = rosLogicalId('ServerGroup', group.key);
    add(
      id,
      'ALIYUN::ALB::ServerGroup',
      {
        ServerGroupName: group.name,
        ServerGroupType: 'Fc',
        // Function Compute server groups take HTTP only (the ROS reference of ALIYUN::ALB::ServerGroup).
        Protocol: 'HTTP',
        HealthCheckConfig: { HealthCheckEnabled: group.healthCheck },
        ...tagList(group.tags),
      },
      group.id,
      'ServerGroupId',
    );
    if (group.functionArn) {
      // The attachment has no id of its own: it is its server group's (GetAtt ServerGroupId).
      add(
        rosLogicalId('Backend', group.key),
        'ALIYUN::ALB::BackendServerAttachment',
        {
          ServerGroupId: getAtt(id, 'ServerGroupId'),
          Servers: [{ ServerType: 'Fc', ServerId: functionArn(group.functionArn) }],
        },
        group.id,
        'ServerGroupId',
      );
    }
  }
  const listener = model.listener;
  if (listener?.managed) {
    add(
      'Listener',
      'ALIYUN::ALB::Listener',
      {
        LoadBalancerId:
          listener.loadBalancerId === model.loadBalancerId ? ref('LoadBalancerId') : listener.loadBalancerId,
        ListenerProtocol: 'HTTP',
        ListenerPort: listener.port,
        DefaultActions: [
          {
            Type: 'ForwardGroup',
            ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId: serverGroupId(listener.serverGroupId) }] },
          },
        ],
        ...tagList(listener.tags),
      },
      listener.id,
      'ListenerId',
    );
  }
  for (const rule of model.rules.filter((r) => r.managed)) {
    add(
      rosLogicalId('Rule', rule.key),
      'ALIYUN::ALB::Rule',
      ruleProperties(rule, listenerId, serverGroupId),
      rule.id,
      'RuleId',
    );
  }
  for (const record of model.dnsRecords.filter((r) => r.managed)) {
    add(
      rosLogicalId('Dns', record.key),
      'ALIYUN::DNS::DomainRecord',
      { DomainName: record.zone, RR: record.rr, Type: 'CNAME', Value: record.value, TTL: record.ttl },
      record.id,
      'RecordId',
    );
  }

  const parameters: Record<string, RosValue> = {};
  if (model.loadBalancerId) {
    parameters.LoadBalancerId = {
      Type: 'String',
      Description: 'The ALB instance of the listener: yours, never managed by this template',
      Default: model.loadBalancerId,
    };
  }
  if (managedFunctions.length > 0) {
    parameters.CodeBucket = {
      Type: 'String',
      Description: `An OSS bucket of ${model.region} holding the ${CODE_DIR}/ folder written beside this template`,
    };
  }
  const notes = [
    ...describeAdopted(model).map((text) => `adopted by the stack, referenced by id, not managed here: ${text}`),
    ...describeCapacity(model).map((text) => `not managed here: ${text}`),
    ...model.skipped.map((text) => `left out: ${text}`),
  ];
  const template: Record<string, RosValue> = {
    ROSTemplateFormatVersion: '2015-09-01',
    Description:
      `alb-fc stack "${model.stack}" (${model.region}), exported by alb-fc export --format ros. ` +
      'Its resources exist: adopt them with a ROS resource import (CreateChangeSet, ChangeSetType IMPORT) ' +
      'using Metadata.alb-fc.ResourcesToImport, before any stack update.',
    Metadata: {
      'alb-fc': {
        stack: model.stack,
        region: model.region,
        ResourcesToImport: imports as unknown as RosValue,
        ...(managedFunctions.length > 0
          ? { code: `upload ${CODE_DIR}/ to the bucket of the CodeBucket parameter, keeping the folder name` }
          : {}),
        ...(notes.length > 0 ? { notes } : {}),
      },
    },
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    Resources: resources as unknown as RosValue,
  };
  return { template, resources: exported };
}

function ruleProperties(
  rule: ExportRule,
  listenerId: (id: string) => RosValue,
  serverGroupId: (id: string) => RosValue,
): Props {
  return {
    ListenerId: listenerId(rule.listenerId),
    RuleName: rule.name,
    Priority: rule.priority,
    RuleConditions: [
      ...(rule.host ? [{ Type: 'Host', HostConfig: { Values: [rule.host] } }] : []),
      ...(rule.path ? [{ Type: 'Path', PathConfig: { Values: [rule.path] } }] : []),
    ],
    RuleActions: [
      rule.action.type === 'forward'
        ? {
            Order: 1,
            Type: 'ForwardGroup',
            ForwardGroupConfig: {
              ServerGroupTuples: rule.action.targets.map((t) => ({
                ServerGroupId: serverGroupId(t.serverGroupId),
                Weight: t.weight,
              })),
            },
          }
        : {
            Order: 1,
            Type: 'FixedResponse',
            FixedResponseConfig: {
              Content: rule.action.content,
              ContentType: 'text/plain',
              HttpCode: String(rule.action.status),
            },
          },
    ],
  };
}

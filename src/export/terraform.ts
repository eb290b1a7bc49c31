// The export as Terraform (HCL) for the alicloud provider: a resource per resource the stack created, HCL
// references between them, and a Terraform 1.5+ `import` block per resource carrying its real id, so that
// `terraform plan` adopts what exists instead of creating it again
// (https://developer.hashicorp.com/terraform/language/import). Resource arguments and import ids are the
// provider's (aliyun/terraform-provider-alicloud, website/docs/r/): alicloud_fcv3_function (id: the function
// name), alicloud_alb_server_group (`server_group_type = "Fc"`, a `servers` block of server_type "Fc"),
// alicloud_alb_listener, alicloud_alb_rule and alicloud_alidns_record, each imported by its id. The ALB is the
// user's and adopted resources are not this stack's: they appear as literal ids, never as resources.
import { hclFile, raw, type HclItem, type HclValue } from './hcl.js';
import {
  CODE_DIR,
  codeFileOf,
  type ExportFunction,
  type ExportModel,
  type ExportRule,
  type ExportServerGroup,
} from './model.js';
import { describeAdopted, describeCapacity, type ExportedResource } from './resources.js';

/** `tags` of fcv3_function appeared in v1.242.0 of the provider (its docs); import blocks need Terraform 1.5. */
const PROVIDER_VERSION = '>= 1.242.0';
const TERRAFORM_VERSION = '>= 1.5.0';

/** A resource label: letters, digits, `_` and `-`, starting with a letter or `_`. */
export function terraformLabel(key: string): string {
  const label = key
    .replace(/^\*\./, 'wildcard.')
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .replace(/^_+/, '');
  return /^[A-Za-z]/.test(label) ? label : `r_${label}`;
}

interface Refs {
  functionArn(arn: string): HclValue;
  serverGroupId(id: string): HclValue;
  listenerId(id: string): HclValue;
}

function refsOf(model: ExportModel): Refs {
  return {
    functionArn: (arn) => {
      const fn = model.functions.find((f) => f.managed && f.arn === arn);
      return fn ? raw(`alicloud_fcv3_function.${terraformLabel(fn.key)}.function_arn`) : arn;
    },
    serverGroupId: (id) => {
      const group = model.serverGroups.find((g) => g.managed && g.id === id);
      return group ? raw(`alicloud_alb_server_group.${terraformLabel(group.key)}.id`) : id;
    },
    listenerId: (id) =>
      model.listener?.managed && model.listener.id === id ? raw('alicloud_alb_listener.this.id') : id,
  };
}

function functionBlock(fn: ExportFunction): HclItem {
  const attrs: HclItem[] = [
    { attr: 'function_name', value: fn.name },
    ...(fn.runtime ? [{ attr: 'runtime', value: fn.runtime }] : []),
    ...(fn.handler ? [{ attr: 'handler', value: fn.handler }] : []),
    ...(fn.memorySize !== undefined ? [{ attr: 'memory_size', value: fn.memorySize }] : []),
    ...(fn.timeout !== undefined ? [{ attr: 'timeout', value: fn.timeout }] : []),
    ...(fn.cpu !== undefined ? [{ attr: 'cpu', value: fn.cpu }] : []),
    ...(fn.instanceConcurrency !== undefined ? [{ attr: 'instance_concurrency', value: fn.instanceConcurrency }] : []),
    ...(fn.description ? [{ attr: 'description', value: fn.description }] : []),
    ...(fn.tags && Object.keys(fn.tags).length > 0 ? [{ attr: 'tags', value: fn.tags }] : []),
  ];
  return {
    block: 'resource',
    labels: ['alicloud_fcv3_function', terraformLabel(fn.key)],
    body: [
      ...attrs,
      // The deployed package, downloaded with FC GetFunctionCode, beside this file.
      { block: 'code', body: [{ attr: 'zip_file', value: raw(`filebase64("\${path.module}/${codeFileOf(fn)}")`) }] },
    ],
  };
}

function serverGroupBlock(group: ExportServerGroup, refs: Refs): HclItem {
  return {
    block: 'resource',
    labels: ['alicloud_alb_server_group', terraformLabel(group.key)],
    body: [
      { attr: 'server_group_name', value: group.name },
      { attr: 'server_group_type', value: 'Fc' },
      ...(group.tags && Object.keys(group.tags).length > 0 ? [{ attr: 'tags', value: group.tags }] : []),
      { block: 'health_check_config', body: [{ attr: 'health_check_enabled', value: group.healthCheck }] },
      ...(group.functionArn
        ? [
            {
              block: 'servers',
              body: [
                { attr: 'server_id', value: refs.functionArn(group.functionArn) },
                { attr: 'server_type', value: 'Fc' },
              ],
            },
          ]
        : []),
    ],
  };
}

function tuples(targets: Array<{ serverGroupId: string; weight?: number }>, refs: Refs): HclItem {
  return {
    block: 'forward_group_config',
    body: targets.map((t) => ({
      block: 'server_group_tuples',
      body: [
        { attr: 'server_group_id', value: refs.serverGroupId(t.serverGroupId) },
        ...(t.weight !== undefined ? [{ attr: 'weight', value: t.weight }] : []),
      ],
    })),
  };
}

function ruleBlock(rule: ExportRule, refs: Refs): HclItem {
  const conditions: HclItem[] = [
    ...(rule.host
      ? [{ block: 'rule_conditions', body: [{ attr: 'type', value: 'Host' }, condition('host_config', rule.host)] }]
      : []),
    ...(rule.path
      ? [{ block: 'rule_conditions', body: [{ attr: 'type', value: 'Path' }, condition('path_config', rule.path)] }]
      : []),
  ];
  const action: HclItem =
    rule.action.type === 'forward'
      ? {
          block: 'rule_actions',
          body: [
            { attr: 'order', value: 1 },
            { attr: 'type', value: 'ForwardGroup' },
            tuples(rule.action.targets, refs),
          ],
        }
      : {
          block: 'rule_actions',
          body: [
            { attr: 'order', value: 1 },
            { attr: 'type', value: 'FixedResponse' },
            {
              block: 'fixed_response_config',
              body: [
                { attr: 'content', value: rule.action.content },
                { attr: 'content_type', value: 'text/plain' },
                { attr: 'http_code', value: String(rule.action.status) },
              ],
            },
          ],
        };
  return {
    block: 'resource',
    labels: ['alicloud_alb_rule', terraformLabel(rule.key)],
    body: [
      { attr: 'listener_id', value: refs.listenerId(rule.listenerId) },
      { attr: 'rule_name', value: rule.name },
      { attr: 'priority', value: rule.priority },
      ...conditions,
      action,
    ],
  };
}

function condition(block: string, value: string): HclItem {
  return { block, body: [{ attr: 'values', value: [value] }] };
}

function importBlock(to: string, id: string): HclItem {
  return {
    block: 'import',
    body: [
      { attr: 'to', value: raw(to) },
      { attr: 'id', value: id },
    ],
  };
}

export interface TerraformExport {
  text: string;
  resources: ExportedResource[];
}

export function terraformExport(model: ExportModel): TerraformExport {
  const refs = refsOf(model);
  const resources: ExportedResource[] = [];
  const items: HclItem[] = [
    {
      block: 'terraform',
      body: [
        { attr: 'required_version', value: TERRAFORM_VERSION },
        {
          block: 'required_providers',
          body: [{ attr: 'alicloud', value: { source: 'aliyun/alicloud', version: PROVIDER_VERSION } }],
        },
      ],
    },
    { block: 'provider', labels: ['alicloud'], body: [{ attr: 'region', value: model.region }] },
  ];
  if (model.loadBalancerId) {
    items.push({
      block: 'variable',
      labels: ['alb_id'],
      body: [
        { attr: 'description', value: 'The ALB instance of the listener: yours, never managed by this configuration' },
        { attr: 'type', value: raw('string') },
        { attr: 'default', value: model.loadBalancerId },
      ],
    });
  }
  const add = (type: string, key: string, id: string, block: HclItem) => {
    const label = terraformLabel(key);
    resources.push({ type, name: label, id });
    items.push(block, importBlock(`${type}.${label}`, id));
  };

  for (const fn of model.functions.filter((f) => f.managed))
    add('alicloud_fcv3_function', fn.key, fn.name, functionBlock(fn));
  for (const group of model.serverGroups.filter((g) => g.managed)) {
    add('alicloud_alb_server_group', group.key, group.id, serverGroupBlock(group, refs));
  }
  const listener = model.listener;
  if (listener?.managed) {
    const block: HclItem = {
      block: 'resource',
      labels: ['alicloud_alb_listener', 'this'],
      body: [
        {
          attr: 'load_balancer_id',
          value: listener.loadBalancerId === model.loadBalancerId ? raw('var.alb_id') : listener.loadBalancerId,
        },
        { attr: 'listener_protocol', value: 'HTTP' },
        { attr: 'listener_port', value: listener.port },
        ...(listener.tags && Object.keys(listener.tags).length > 0 ? [{ attr: 'tags', value: listener.tags }] : []),
        {
          block: 'default_actions',
          body: [{ attr: 'type', value: 'ForwardGroup' }, tuples([{ serverGroupId: listener.serverGroupId }], refs)],
        },
      ],
    };
    resources.push({ type: 'alicloud_alb_listener', name: 'this', id: listener.id });
    items.push(block, importBlock('alicloud_alb_listener.this', listener.id));
  }
  for (const rule of model.rules.filter((r) => r.managed))
    add('alicloud_alb_rule', rule.key, rule.id, ruleBlock(rule, refs));
  for (const record of model.dnsRecords.filter((r) => r.managed)) {
    add('alicloud_alidns_record', record.key, record.id, {
      block: 'resource',
      labels: ['alicloud_alidns_record', terraformLabel(record.key)],
      body: [
        { attr: 'domain_name', value: record.zone },
        { attr: 'rr', value: record.rr },
        { attr: 'type', value: 'CNAME' },
        { attr: 'value', value: record.value },
        { attr: 'ttl', value: record.ttl },
      ],
    });
  }
  return { text: hclFile(headerOf(model), items), resources };
}

function headerOf(model: ExportModel): string[] {
  const lines = [
    `alb-fc stack "${model.stack}" (${model.region}), exported by \`alb-fc export --format terraform\`.`,
    'Each resource has an import block with its real id: `terraform plan` adopts them, it creates nothing.',
  ];
  if (model.functions.some((f) => f.managed)) {
    lines.push(`Function code: the deployed packages (FC GetFunctionCode), in ${CODE_DIR}/ beside this file.`);
  }
  const adopted = describeAdopted(model);
  if (adopted.length > 0) {
    lines.push('Adopted by the stack, not created by it, hence referenced by id and not managed here:');
    lines.push(...adopted.map((text) => `  - ${text}`));
  }
  lines.push(...describeCapacity(model).map((text) => `Not managed here: ${text}.`));
  for (const skipped of model.skipped) lines.push(`Left out: ${skipped}.`);
  return lines;
}

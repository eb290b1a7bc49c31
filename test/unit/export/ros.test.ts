// The ROS export of states as deploy leaves them, read back as JSON and as YAML: the resource types of the ROS
// reference, every Ref naming a parameter and every Fn::GetAtt a resource, the real ids in ResourcesToImport.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exportDocument } from '../../../src/export/document.js';
import { buildExportModel } from '../../../src/export/model.js';
import type { StackState } from '../../../src/state/schema.js';
import { adoptedFunctionState, FIXTURE, routesState, singleState } from './fixtures.js';
import { rosReferences } from './references.js';

interface Template {
  ROSTemplateFormatVersion: string;
  Description: string;
  Parameters?: Record<string, { Type: string; Default?: string }>;
  Metadata: {
    'alb-fc': {
      ResourcesToImport: Array<{
        LogicalResourceId: string;
        ResourceType: string;
        ResourceIdentifier: Record<string, string>;
      }>;
      notes?: string[];
    };
  };
  Resources: Record<string, { Type: string; DeletionPolicy: string; Properties: Record<string, unknown> }>;
}

function templateOf(state: StackState, file?: string): { text: string; template: Template } {
  const model = buildExportModel(state, {}, { notFoundBody: 'not here' });
  const { text } = exportDocument(model, 'ros', file);
  return { text, template: (file?.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text)) as Template };
}

function typesOf(template: Template): Record<string, string> {
  return Object.fromEntries(Object.entries(template.Resources).map(([id, r]) => [id, r.Type]));
}

function expectReferencesResolve(template: Template): void {
  const { refs, getAtts } = rosReferences(template.Resources);
  for (const ref of refs) expect(Object.keys(template.Parameters ?? {})).toContain(ref);
  for (const [resource] of getAtts) expect(Object.keys(template.Resources)).toContain(resource);
  const attributes: Record<string, string[]> = {
    'ALIYUN::FC3::Function': ['ARN'],
    'ALIYUN::ALB::ServerGroup': ['ServerGroupId'],
    'ALIYUN::ALB::Listener': ['ListenerId'],
  };
  for (const [resource, attribute] of getAtts) {
    expect(attributes[template.Resources[resource]!.Type]).toContain(attribute);
  }
}

describe('ros export', () => {
  it('declares every created resource of a stack with routes, each with its real id to import', () => {
    const { template } = templateOf(routesState());
    expect(template.ROSTemplateFormatVersion).toBe('2015-09-01');
    expect(typesOf(template)).toEqual({
      FunctionOrders: 'ALIYUN::FC3::Function',
      FunctionUsers: 'ALIYUN::FC3::Function',
      FunctionUsersCanary: 'ALIYUN::FC3::Function',
      ServerGroupOrders: 'ALIYUN::ALB::ServerGroup',
      BackendOrders: 'ALIYUN::ALB::BackendServerAttachment',
      ServerGroupUsers: 'ALIYUN::ALB::ServerGroup',
      BackendUsers: 'ALIYUN::ALB::BackendServerAttachment',
      ServerGroupUsersCanary: 'ALIYUN::ALB::ServerGroup',
      BackendUsersCanary: 'ALIYUN::ALB::BackendServerAttachment',
      Listener: 'ALIYUN::ALB::Listener',
      RuleUsers: 'ALIYUN::ALB::Rule',
      RuleOrders: 'ALIYUN::ALB::Rule',
      RuleFallback: 'ALIYUN::ALB::Rule',
      DnsApiExampleCom: 'ALIYUN::DNS::DomainRecord',
      DnsOrdersExampleCom: 'ALIYUN::DNS::DomainRecord',
      DnsWwwExampleCom: 'ALIYUN::DNS::DomainRecord',
    });
    const imports = Object.fromEntries(
      template.Metadata['alb-fc'].ResourcesToImport.map((i) => [i.LogicalResourceId, i.ResourceIdentifier]),
    );
    expect(imports).toMatchObject({
      FunctionUsersCanary: { FunctionName: 'shop-users-canary' },
      ServerGroupUsers: { ServerGroupId: 'sgp-users' },
      BackendUsers: { ServerGroupId: 'sgp-users' },
      Listener: { ListenerId: 'lsn-1' },
      RuleFallback: { RuleId: 'rule-404' },
      DnsWwwExampleCom: { RecordId: '1001' },
    });
    expect(Object.keys(imports).sort()).toEqual(Object.keys(template.Resources).sort());
    for (const resource of Object.values(template.Resources)) expect(resource.DeletionPolicy).toBe('Retain');
    expectReferencesResolve(template);
  });

  it('writes the canary as weighted tuples by GetAtt and the 404 catch-all as a fixed response', () => {
    const { template } = templateOf(routesState());
    const users = template.Resources.RuleUsers!.Properties;
    expect(users.ListenerId).toEqual({ 'Fn::GetAtt': ['Listener', 'ListenerId'] });
    expect(users.RuleConditions).toEqual([
      { Type: 'Host', HostConfig: { Values: ['api.example.com'] } },
      { Type: 'Path', PathConfig: { Values: ['/users/*'] } },
    ]);
    expect(users.RuleActions).toEqual([
      {
        Order: 1,
        Type: 'ForwardGroup',
        ForwardGroupConfig: {
          ServerGroupTuples: [
            { ServerGroupId: { 'Fn::GetAtt': ['ServerGroupUsers', 'ServerGroupId'] }, Weight: 90 },
            { ServerGroupId: { 'Fn::GetAtt': ['ServerGroupUsersCanary', 'ServerGroupId'] }, Weight: 10 },
          ],
        },
      },
    ]);
    expect(template.Resources.RuleFallback!.Properties.RuleActions).toEqual([
      {
        Order: 1,
        Type: 'FixedResponse',
        FixedResponseConfig: { Content: 'not here', ContentType: 'text/plain', HttpCode: '404' },
      },
    ]);
    expect(template.Resources.BackendUsers!.Properties.Servers).toEqual([
      { ServerType: 'Fc', ServerId: { 'Fn::GetAtt': ['FunctionUsers', 'ARN'] } },
    ]);
    expect(template.Resources.FunctionUsers!.Properties.Code).toEqual({
      OssBucketName: { Ref: 'CodeBucket' },
      OssObjectName: 'alb-fc-export/shop-users.zip',
    });
    expect(template.Parameters?.LoadBalancerId?.Default).toBe(FIXTURE.ALB);
  });

  it('names an adopted function by its ARN, says so, and has no code bucket to ask for', () => {
    const { template } = templateOf(adoptedFunctionState());
    expect(Object.values(typesOf(template)).sort()).toEqual([
      'ALIYUN::ALB::BackendServerAttachment',
      'ALIYUN::ALB::Listener',
      'ALIYUN::ALB::ServerGroup',
    ]);
    expect(template.Resources.BackendDefault!.Properties.Servers).toEqual([
      { ServerType: 'Fc', ServerId: 'acs:fc:cn-hangzhou:1000000000000001:functions/legacy' },
    ]);
    expect(template.Parameters?.CodeBucket).toBeUndefined();
    expect(template.Metadata['alb-fc'].notes).toEqual([
      'adopted by the stack, referenced by id, not managed here: function acs:fc:cn-hangzhou:1000000000000001:functions/legacy',
    ]);
    expectReferencesResolve(template);
  });

  it('writes YAML for a .yaml file, the same template, its version a string even to a YAML 1.1 reader', () => {
    const json = templateOf(singleState()).template;
    const { text, template } = templateOf(singleState(), 'stack.yaml');
    expect(text.startsWith('ROSTemplateFormatVersion: "2015-09-01"\n')).toBe(true);
    expect(template).toEqual(json);
  });
});

// `alb-fc policy`: a table of the actions and where each is granted, then the policy document itself, ready to
// paste into the RAM console (docs/teams.md, "The policy").
import type { PolicyRow, RamPolicyDocument } from '../../cloud/ram-policy.js';
import type { Style } from './style.js';
import type { CommandOutput } from './types.js';

export interface PolicyResult {
  schemaVersion: 1;
  command: 'policy';
  status: 'succeeded';
  stack: string;
  region: string;
  policy: RamPolicyDocument;
  actions: PolicyRow[];
  /** What the policy could not be scoped to, and why. */
  notes: string[];
}

export function policyOutput(result: PolicyResult): CommandOutput {
  return { document: { ...result }, lines: (style) => policyLines(result, style) };
}

function policyLines(result: PolicyResult, style: Style): string[] {
  const width = Math.max(...result.actions.map((row) => row.action.length), 'action'.length) + 2;
  const lines = [
    style.bold(`RAM policy for stack ${result.stack} (${result.region}): ${result.actions.length} actions`),
    '',
    `  ${style.dim('action'.padEnd(width))}${style.dim('resource')}`,
  ];
  for (const row of result.actions) {
    const [first, ...rest] = row.resources;
    const scope = row.resourceLevel ? '' : style.dim('  (no resource-level authorization)');
    const condition = row.condition ? style.dim(`  if ${conditionText(row.condition)}`) : '';
    lines.push(`  ${row.action.padEnd(width)}${first ?? '*'}${scope}${condition}`);
    for (const resource of rest) lines.push(`  ${''.padEnd(width)}${resource}`);
  }
  for (const note of result.notes) lines.push('', style.warn(`! ${note}`));
  lines.push('', 'Policy document (also: alb-fc policy --json | jq .policy):', JSON.stringify(result.policy, null, 2));
  return lines;
}

function conditionText(condition: NonNullable<PolicyRow['condition']>): string {
  return Object.entries(condition)
    .flatMap(([operator, keys]) =>
      Object.entries(keys).map(([key, values]) => `${key} ${operator} ${values.join(', ')}`),
    )
    .join('; ');
}

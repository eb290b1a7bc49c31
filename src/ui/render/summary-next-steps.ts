// The next steps a summary suggests, with the flags that reach the same stack and cloud (`--local`, `--stack`).
import type { ResultDocument } from '../../runner/result-document.js';
import type { Style } from './style.js';
import { declined } from './summary-flow.js';
import type { SummaryContext } from './summary-layout.js';
import { pendingChanges } from './summary-plan.js';
import type { NextStep } from './types.js';

export function nextStepLines(title: string, steps: readonly NextStep[], style: Style): string[] {
  const width = Math.max(...steps.map((s) => s.command.length));
  return [title, ...steps.map((s) => `  ${style.accent(s.command.padEnd(width))}   ${style.dim(s.why)}`)];
}

/** ` --stack blue --local`: what a suggested command needs to reach the same stack in the same cloud. */
export function followUpSuffix(doc: ResultDocument, ctx: SummaryContext): string {
  const flags = ctx.followUpFlags ?? [
    ...(doc.stack === 'default' ? [] : ['--stack', doc.stack]),
    ...(ctx.local ? ['--local'] : []),
  ];
  return flags.length === 0 ? '' : ` ${flags.join(' ')}`;
}

export function withFollowUp(step: NextStep, followUp: string): NextStep {
  const ours = /^alb-fc /.test(step.command);
  const hasContext = /\s--(local|endpoint|stack|config)\b/.test(step.command);
  return ours && !hasContext ? { ...step, command: `${step.command}${followUp}` } : step;
}

export function defaultNextSteps(doc: ResultDocument, ctx: SummaryContext, followUp: string): NextStep[] {
  if (doc.status === 'failed') return [];
  const command = ctx.command ?? doc.command;
  switch (doc.command) {
    case 'plan':
      return pendingChanges(doc) > 0 ? [{ command: `alb-fc deploy${followUp}`, why: 'apply this plan' }] : [];
    case 'init':
    case 'deploy': {
      if (declined(doc)) {
        return [{ command: `alb-fc ${command}${followUp}`, why: 'start again, and answer y to apply the plan' }];
      }
      const steps: NextStep[] = [];
      if (doc.status === 'partial') {
        steps.push({ command: `alb-fc test${followUp}`, why: 'repeat the connectivity test (DNS can take a while)' });
      }
      steps.push(
        { command: `alb-fc status${followUp}`, why: 'what is deployed, and whether it drifted' },
        { command: `alb-fc destroy${followUp}`, why: 'remove what this stack created' },
      );
      return steps;
    }
    default:
      return [];
  }
}

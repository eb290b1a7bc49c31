// The critical path of a fresh deploy under a latency profile, computed from the profile the local cloud itself
// runs (src/emulator/core/latency.ts, `loadLatency`) and from the steps' graph (src/steps/vocabulary.ts, STEP_NEEDS):
// what no client could beat, given how alb-fc proceeds — look up (the ALB and the DNS zones at once), plan every step
// (all reads at once), then apply along the graph, each step paying its writes' latency and its transition. A read
// that notices the end of a transition costs nothing more at best: the local cloud delays a call before running it,
// so a read sent one call's latency before the end sees it.
import { join } from 'node:path';

/** One round of concurrent calls: as long as its slowest. */
const LOOKUP = ['GetLoadBalancerAttribute', 'DescribeDomains'];
const PLAN = ['GetFunction', 'ListServerGroups', 'ListServerGroupServers', 'ListListeners', 'DescribeSubDomainRecords'];

/** What each resource step writes, one after another, and the transition it then waits for. */
const APPLY = {
  function: { writes: ['CreateFunction'], transition: 'function.create' },
  serverGroup: { writes: ['CreateServerGroup'], transition: 'serverGroup.create' },
  server: { writes: ['AddServersToServerGroup'], transition: 'servers.add' },
  listener: { writes: ['CreateListener'], transition: 'listener.create' },
  dnsRecord: { writes: ['AddDomainRecord', 'UpdateDomainRecordRemark'] },
};

/** The waits of a deploy: the write that starts a transition, and the read that watches for its end. */
const WATCHED = [
  { title: 'server group', write: 'CreateServerGroup', read: 'ListServerGroups', transition: 'serverGroup.create' },
  { title: 'backend', write: 'AddServersToServerGroup', read: 'ListServerGroupServers', transition: 'servers.add' },
  { title: 'listener', write: 'CreateListener', read: 'GetListenerAttribute', transition: 'listener.create' },
];

/**
 * `{ ms, text, profile }`: the critical path of a fresh deploy under the named profile. `rules`: the forwarding
 * rules of a routes stack — each created once its listener runs, one after another, since a rule's job holds the
 * listener Configuring and ALB refuses a second change meanwhile (`ResourceInConfiguring.Listener`,
 * docs/emulator.md §9; the runner serializes them, docs/reliability.md).
 */
export async function criticalPath(root, name, { rules = 0 } = {}) {
  const { loadLatency, callDelay, transitionDelay } = await import(join(root, 'dist/emulator/core/latency.js'));
  const { STEP_NEEDS } = await import(join(root, 'dist/steps/vocabulary.js'));
  const profile = loadLatency(name);
  const round = (actions) => Math.max(...actions.map((action) => callDelay(profile, action)));
  const own = (id) =>
    APPLY[id].writes.reduce((sum, action) => sum + callDelay(profile, action), 0) +
    (APPLY[id].transition ? transitionDelay(profile, APPLY[id].transition) : 0);
  // The longest chain of the graph, memoised per step; the lookup and the test add nothing beyond their rounds.
  const finish = new Map();
  const chain = new Map();
  const end = (id) => {
    if (!finish.has(id)) {
      const needs = STEP_NEEDS[id].filter((need) => need in APPLY);
      const before = needs.reduce((best, need) => (end(need) > (best ? end(best) : -1) ? need : best), undefined);
      finish.set(id, (before ? end(before) : 0) + own(id));
      chain.set(id, [...(before ? chain.get(before) : []), id]);
    }
    return finish.get(id);
  };
  let last = Object.keys(APPLY).reduce((best, id) => (end(id) > end(best) ? id : best));
  let applied = end(last);
  const parts = chain.get(last).map((id) => `${id} ${own(id)}`);
  if (rules > 0) {
    const rule = callDelay(profile, 'CreateRule') + transitionDelay(profile, 'listener.update');
    const afterListener = end('listener') + rules * rule;
    if (afterListener > applied) {
      applied = afterListener;
      last = 'listener';
      parts.splice(
        0,
        parts.length,
        ...chain.get('listener').map((id) => `${id} ${own(id)}`),
        `${rules} × rule ${rule}`,
      );
    }
  }
  const lookup = round(LOOKUP);
  const plan = round(PLAN);
  return {
    ms: lookup + plan + applied,
    text: [`lookup ${lookup}`, `plans ${plan}`, ...parts].join(' + '),
    profile: { ...profile, transitionDelay },
  };
}

/** How late each wait of a deploy noticed its transition's end, from the local cloud's call log. */
export function lateNotices(calls, profile) {
  const done = (call) => Date.parse(call.at) + call.ms;
  const parts = [];
  for (const watched of WATCHED) {
    const write = calls.find((call) => call.action === watched.write && call.status < 400);
    if (!write) continue;
    const over = done(write) + profile.transitionDelay(profile, watched.transition);
    const noticed = calls.find((call) => call.action === watched.read && done(call) >= over);
    if (noticed) parts.push(`${watched.title} +${(done(noticed) - over).toFixed(0)} ms`);
  }
  return `noticed late: ${parts.join(', ') || '-'}`;
}

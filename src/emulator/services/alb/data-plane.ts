import {
  openListenerServer,
  type ListenerRequestInfo,
  type ListenerServer,
  type RouteDecision,
} from '../../dataplane/index.js';
import type { AlbRuntime, DataPlaneControl } from './context.js';
import { forward, redirectRequest } from './forwarding.js';
import { matchingActions } from './routing.js';
import type { ListenerRecord, ScopeState } from './state.js';

// Every listener serves HTTP on a loopback port (docs/emulator.md, "The data plane").
// A request goes listener → matching rule or default action (routing.ts) → its final action (forwarding.ts): an
// answer ALB gives itself, or one of its server groups → the group's Available Fc server → the FC service's
// function directory, which runs the function with the FC 3.0 HTTP event.
// The server opens when the listener is created and answers once it is Running (503 before, like a
// listener that is not serving yet); a restart re-opens each listener on the port it had. The function is
// looked up once per request (`FunctionDirectory.target`), and the listener server runs it with the event.

const LOOPBACK = '127.0.0.1';

export class AlbDataPlane implements DataPlaneControl {
  private readonly servers = new Map<string, ListenerServer>();
  private readonly opening = new Map<string, Promise<void>>();

  constructor(private readonly runtime: AlbRuntime) {}

  open(listener: ListenerRecord): Promise<void> {
    if (this.servers.has(listener.id)) return Promise.resolve();
    let pending = this.opening.get(listener.id);
    if (!pending) {
      pending = this.start(listener).finally(() => this.opening.delete(listener.id));
      this.opening.set(listener.id, pending);
    }
    return pending;
  }

  close(listenerId: string): void {
    const server = this.servers.get(listenerId);
    this.servers.delete(listenerId);
    void server?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.opening.values());
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(servers.map((server) => server.close()));
  }

  /** The loopback port a listener's server listens on, if open. */
  portOf(listenerId: string): number | undefined {
    return this.servers.get(listenerId)?.port;
  }

  private async start(listener: ListenerRecord): Promise<void> {
    const env = this.runtime.env;
    const options = {
      host: LOOPBACK,
      route: (request: ListenerRequestInfo) => this.route(listener.id, request),
      requireDateHeader: this.runtime.options.requireDateHeader,
      requestTimeoutMs: listener.requestTimeout * 1000,
      idleTimeoutMs: listener.idleTimeout * 1000,
      ...(env ? { now: () => env.clock.now() } : {}),
    };
    let server: ListenerServer;
    try {
      // The port it had before a restart, so URLs printed earlier keep working.
      server = await openListenerServer({ ...options, port: listener.dataPlanePort ?? 0 });
    } catch (error) {
      if (listener.dataPlanePort === undefined) throw error;
      server = await openListenerServer({ ...options, port: 0 });
    }
    this.servers.set(listener.id, server);
    listener.dataPlanePort = server.port;
  }

  private route(listenerId: string, request: ListenerRequestInfo): RouteDecision {
    const env = this.runtime.env;
    if (!env) return { noBackend: 'ListenerNotFound' };
    const found = this.findListener(listenerId, env.clock.now());
    if (!found) return { noBackend: 'ListenerNotFound' };
    const { scope, listener } = found;
    // Running, or Configuring (an update or a rule change in flight keeps serving).
    if (listener.status !== 'Running' && listener.status !== 'Configuring') return { noBackend: 'ListenerNotRunning' };
    const lb = scope.loadBalancers.find((l) => l.id === listener.loadBalancerId);
    const actions = matchingActions(listener, scope.rules, request);
    const forwarding = forward(
      actions,
      redirectRequest(request.url, request.host || lb?.dnsName || 'localhost', listener.port),
      env.random,
    );
    if ('answer' in forwarding) return { answer: forwarding.answer };
    if ('noGroup' in forwarding) return { noBackend: 'NoServerGroup' };
    const group = scope.serverGroups.find((g) => g.id === forwarding.groupId);
    if (!group || group.status === 'Creating') return { noBackend: 'NoServerGroup' };
    const servers = group.servers.filter((s) => s.ServerType === 'Fc');
    if (servers.length === 0) return { noBackend: 'ServerGroupEmpty' };
    // Only an Available server takes traffic: Adding is not yet in, Removing is already draining
    // (ListServerGroupServersResponseBody `Status`).
    const server = servers.find((s) => s.Status === 'Available');
    if (!server) return { noBackend: 'ServerNotAvailable' };
    const fn = env.functions()?.target(scope.accountId, server.ServerId);
    if (!fn) return { noBackend: 'FunctionNotFound' };
    return {
      target: {
        invoke: fn.invoke,
        accountId: scope.accountId,
        fcVersion: fn.ref.fcVersion,
        ...(lb ? { dnsName: lb.dnsName } : {}),
        requestTimeoutMs: listener.requestTimeout * 1000,
      },
    };
  }

  private findListener(listenerId: string, now: number): { scope: ScopeState; listener: ListenerRecord } | undefined {
    const env = this.runtime.env;
    if (!env) return undefined;
    for (const scope of Object.values(this.runtime.slice(env.world).scopes)) {
      const listener = scope.listeners.find((l) => l.id === listenerId);
      if (!listener) continue;
      // Time has passed since the last call: finish what is due before answering.
      this.runtime.advance(scope, now);
      const current = scope.listeners.find((l) => l.id === listenerId);
      return current ? { scope, listener: current } : undefined;
    }
    return undefined;
  }
}

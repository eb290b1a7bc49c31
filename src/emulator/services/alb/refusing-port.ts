import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

// A load balancer's name resolves whether or not it listens on the port asked for (its `DNSName` exists as
// soon as it does, GetLoadBalancerAttributeResponseBody); a connection to a port without a listener fails. Each
// load balancer gets one loopback port that resets every connection, the answer for such ports: the client
// sees the connection fail (ECONNRESET, where Alibaba Cloud's would be refused or time out: assumption).

export class RefusingPorts {
  private readonly servers = new Map<string, Server>();
  private readonly ports = new Map<string, number>();

  async open(loadBalancerId: string): Promise<void> {
    if (this.servers.has(loadBalancerId)) return;
    const server = createServer((socket) => socket.resetAndDestroy());
    this.servers.set(loadBalancerId, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.ports.set(loadBalancerId, (server.address() as AddressInfo).port);
  }

  portOf(loadBalancerId: string): number | undefined {
    return this.ports.get(loadBalancerId);
  }

  async closeAll(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    this.ports.clear();
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/emulator/api/api-error.js';
import { Params } from '../../../src/emulator/api/params.js';

// Typed reads of an action's parameters: the value when it has the type asked for, and otherwise the
// service's own validation error naming the parameter by its wire path.

function thrown(read: () => unknown): ApiError {
  try {
    read();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('Params', () => {
  const pop = new Params(
    {
      ListenerId: 'lsn-1',
      ListenerPort: 80,
      GzipEnabled: false,
      ListenerIds: ['lsn-1', 'lsn-2'],
      Servers: [{ ServerId: 'acs:fc:cn-hangzhou:1:functions/f', Port: 'eighty' }],
      HealthCheckConfig: { HealthCheckEnabled: true },
      Broken: 'text',
    },
    'pop',
  );

  it('reads each type, and absent parameters as undefined', () => {
    expect(pop.string('ListenerId')).toBe('lsn-1');
    expect(pop.number('ListenerPort')).toBe(80);
    expect(pop.boolean('GzipEnabled')).toBe(false);
    expect(pop.strings('ListenerIds')).toEqual(['lsn-1', 'lsn-2']);
    expect(pop.object('HealthCheckConfig')?.boolean('HealthCheckEnabled')).toBe(true);
    expect(pop.objects('Servers')?.[0]?.string('ServerId')).toBe('acs:fc:cn-hangzhou:1:functions/f');
    expect(pop.string('Absent')).toBeUndefined();
    expect(pop.has('GzipEnabled')).toBe(true);
    expect(pop.has('Absent')).toBe(false);
  });

  it('answers POP codes with the flattened name of a nested parameter', () => {
    const wrongType = thrown(() => pop.objects('Servers')?.[0]?.number('Port'));
    expect(wrongType.code).toBe('InvalidServers.1.Port');
    expect(wrongType.message).toBe('Specified parameter Servers.1.Port is not valid.');
    expect(thrown(() => pop.object('Broken')).message).toBe('Specified parameter Broken is not valid.');
    const absent = thrown(() => pop.requiredString('LoadBalancerId'));
    expect([absent.status, absent.code]).toEqual([400, 'MissingLoadBalancerId']);
  });

  it("answers FC's InvalidArgument with the JSON path", () => {
    const body = new Params({ body: { layers: ['a', 7], code: { zipFile: 1 } } }, 'fc').object('body')!;
    const list = thrown(() => body.strings('layers'));
    expect([list.status, list.code, list.message]).toEqual([
      400,
      'InvalidArgument',
      'body.layers must be a list of strings',
    ]);
    expect(thrown(() => body.object('code')?.string('zipFile')).message).toBe('body.code.zipFile must be a string');
    expect(thrown(() => body.requiredString('functionName')).message).toBe(
      'body.functionName is required but not provided',
    );
  });
});

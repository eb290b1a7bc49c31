import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { Account } from '../../emulator/auth/accounts.js';
import type { BehaviourOptions } from '../../emulator/core/service.js';
import { formatDuration } from '../../lib/duration.js';
import { usageError } from '../../errors.js';
import type { CliEnvironment } from '../environment.js';
import { baseDirOf } from '../paths.js';

// `alb-fc emulator start|stop|status`: the local cloud in the foreground, and control of the background
// one that `--local` starts (README.md, "The local cloud"). What the actions use is loaded when they run, so that
// registering them costs `alb-fc --help` nothing (docs/benchmarks.md).

export function registerEmulatorCommands(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  const emulator = program
    .command('emulator')
    .description('the local cloud: ALB, FC, Alidns and STS on one loopback endpoint');

  emulator
    .command('start')
    .description('run the local cloud in the foreground until SIGINT/SIGTERM')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', '0')
    .option('--data-dir <dir>', 'persist resources here and restore them on start')
    .option('--latency <profile>', 'none | realistic | FILE (JSON profile)', 'none')
    .option('--region <id>', "the local cloud's region", 'cn-hangzhou')
    .option('--max-page-size <n>', "cap every page of paged APIs (exercise clients' paging)")
    .option('--accounts <file>', 'JSON list of accounts and keys (STS tokens too) instead of the default account')
    .option('--behaviour <file>', 'JSON object overriding the behaviours docs/emulator.md marks as assumptions')
    .option('--json', 'print exactly one ready line (JSON) on stdout once it accepts requests')
    .action(async (_options: unknown, command: Command) => {
      // --json is also a global option: read the merged view so either position works.
      const options = command.optsWithGlobals() as Record<string, string | boolean | undefined>;
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw usageError('INVALID_VALUE', `--port ${String(options.port)} must be a port number between 0 and 65535`);
      }
      const maxPageSize = options.maxPageSize === undefined ? undefined : Number(options.maxPageSize);
      if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize < 1)) {
        throw usageError(
          'INVALID_VALUE',
          `--max-page-size ${String(options.maxPageSize)} must be a positive whole number`,
        );
      }
      const latency = String(options.latency);
      const accounts = options.accounts ? await readAccounts(String(options.accounts)) : undefined;
      const behaviour = options.behaviour ? await readBehaviour(String(options.behaviour)) : undefined;
      // Loaded on demand: `alb-fc --help` and every other command stay fast.
      const { startLocalCloud } = await import('../../emulator/index.js');
      const cloud = await startLocalCloud({
        host: String(options.host),
        port,
        dataDir: options.dataDir as string | undefined,
        latency,
        region: String(options.region),
        maxPageSize,
        accounts,
        behaviour,
        onInternalError: (error) =>
          env.stderr.write(`local cloud internal error: ${(error as Error).stack ?? String(error)}\n`),
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' && latency !== 'none' && latency !== 'realistic') {
          throw usageError(
            'INVALID_VALUE',
            `--latency ${latency}: no such file`,
            'Use none, realistic, or the path of a JSON profile.',
          );
        }
        if (error.code === 'EADDRINUSE') throw usageError('PORT_IN_USE', `--port ${port} is already in use`);
        throw error;
      });
      const info = cloud.info;
      if (options.json) env.stdout.write(JSON.stringify(info) + '\n');
      else {
        const lb = info.loadBalancers[0];
        env.stderr.write(
          [
            `local cloud ready at ${info.endpoint} (region ${info.region}, account ${info.accountId})`,
            `  access key: ${info.accessKeyId} / ${info.accessKeySecret} (the local cloud's fixed key)`,
            lb ? `  load balancer: ${lb.id} (${lb.dnsName}, ${lb.addressType})` : '',
            `  DNS zones: ${info.domains.join(', ') || '(none)'}`,
            `  use it: alb-fc deploy --endpoint ${info.endpoint} ...   (Ctrl-C to stop)`,
            '',
          ]
            .filter((line) => line !== '')
            .join('\n') + '\n',
        );
      }
      env.onLocalCloudReady?.(info);
      const started = env.clock.now();
      await new Promise<void>((resolve) => {
        if (env.signal.aborted) resolve();
        else env.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await cloud.close();
      if (!options.json) env.stderr.write(`local cloud stopped after ${formatDuration(env.clock.now() - started)}\n`);
      setExit(0);
    });

  emulator
    .command('stop')
    .description('stop the background local cloud that --local started')
    .action(async () => {
      const { stopLocalCloud } = await import('../local-cloud.js');
      const pid = await stopLocalCloud(baseDirOf(env), env.clock);
      env.stderr.write(pid ? `stopped the local cloud (pid ${pid})\n` : 'no background local cloud is running\n');
      setExit(0);
    });

  emulator
    .command('status')
    .description('describe the background local cloud that --local started')
    .option('--json', 'print one JSON document on stdout')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals() as { json?: boolean };
      const { localCloudPaths, readRecord } = await import('../local-cloud.js');
      const { processIsAlive } = await import('../../lib/fs/pid-lock.js');
      const paths = localCloudPaths(baseDirOf(env));
      const record = await readRecord(paths);
      const running = record !== undefined && processIsAlive(record.pid);
      if (options.json) env.stdout.write(JSON.stringify({ running, ...(running ? record : {}) }) + '\n');
      else if (running) {
        env.stderr.write(
          `local cloud running at ${record.endpoint} (pid ${record.pid}, since ${record.startedAt})\n  data: ${record.dataDir}\n  log:  ${record.logFile}\n`,
        );
      } else env.stderr.write('no background local cloud is running (alb-fc --local starts one)\n');
      setExit(0);
    });
}

/** `--accounts FILE`: `[{ accountId, identityType, principalName, keys: [{ accessKeyId, accessKeySecret, securityToken?, expiresAt? }] }]`. */
async function readAccounts(file: string): Promise<Account[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw usageError(
      'INVALID_VALUE',
      `--accounts ${file}: ${(error as Error).message}`,
      'Give a JSON file with a list of accounts.',
    );
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every(
      (account: Partial<Account>) =>
        typeof account.accountId === 'string' &&
        Array.isArray(account.keys) &&
        account.keys.length > 0 &&
        account.keys.every((key) => typeof key.accessKeyId === 'string' && typeof key.accessKeySecret === 'string'),
    );
  if (!valid) {
    throw usageError(
      'INVALID_VALUE',
      `--accounts ${file} must be a non-empty list of {accountId, keys: [{accessKeyId, accessKeySecret}]}`,
    );
  }
  return (parsed as Array<Partial<Account> & Pick<Account, 'accountId' | 'keys'>>).map((account) => ({
    ...account,
    identityType: account.identityType ?? 'RAMUser',
    principalName: account.principalName ?? `user-${account.accountId}`,
  }));
}

/** `--behaviour FILE`: a partial BehaviourOptions (e.g. `{"secondFunctionErrorCode": "…", "requireDateHeader": true}`). */
async function readBehaviour(file: string): Promise<Partial<BehaviourOptions>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw usageError('INVALID_VALUE', `--behaviour ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw usageError('INVALID_VALUE', `--behaviour ${file} must be a JSON object`);
  }
  const { DEFAULT_BEHAVIOUR } = await import('../../emulator/options.js');
  const known = new Set(Object.keys(DEFAULT_BEHAVIOUR));
  const unknown = Object.keys(parsed).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw usageError(
      'INVALID_VALUE',
      `--behaviour ${file}: unknown key(s) ${unknown.join(', ')}`,
      `Known: ${[...known].join(', ')}.`,
    );
  }
  return parsed as Partial<BehaviourOptions>;
}

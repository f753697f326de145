import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { newConsoleToken } from '../../src/relay/auth/console-token';
import { relayConfigSchema, type RelayConfig } from '../../src/relay/config';
import { startRelay, type Relay, type RelayOptions } from '../../src/relay/relay';
import { createLogger } from '../../src/node/logger';
import type { RelayStore } from '../../src/relay/store/store';
import { consoleWebhookActivities } from '../../src/shared/relay/activity';
import type { NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { repoRoot } from './web-process';

export const TEST_SECRET = 'test-webhook-secret-0123456789';
/** The metrics token relay processes started here ask for on `/metrics`. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

/** A NinjaOne condition trigger as the webhook delivers it (ninjaone-api.md §7.2), with the expanded device. */
export function activity(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    activityTime: 1718030455.381 + id,
    deviceId: 1042,
    severity: 'MAJOR',
    priority: 'HIGH',
    seriesUid: `0b5e7a3c-1f2d-4c7e-9a11-${String(id % 1000).padStart(12, '0')}`,
    activityType: 'CONDITION',
    statusCode: 'TRIGGERED',
    status: 'Triggered',
    sourceName: 'Disk free space < 10%',
    subject: 'Disk space low',
    message: 'Disk C: free space is below 10%',
    type: 'Condition',
    data: {},
    device: {
      id: 1042,
      organizationId: 7,
      locationId: 12,
      nodeClass: 'WINDOWS_WORKSTATION',
      displayName: 'ACME-LT-0042',
      systemName: 'ACME-LT-0042',
      offline: false,
    },
    ...overrides,
  };
}

export function relayConfig(overrides: Partial<Record<keyof RelayConfig, unknown>>): RelayConfig {
  return relayConfigSchema.parse({ port: 0, logLevel: 'warn', ...overrides });
}

/** The relay in this process (most tests); `startRelayProcess` runs it as `npm run relay` would. */
export async function startTestRelay(
  overrides: Partial<Record<keyof RelayConfig, unknown>>,
  options: Omit<Partial<RelayOptions>, 'config' | 'webhookSecret'> = {},
): Promise<Relay> {
  return startRelay({
    config: relayConfig(overrides),
    webhookSecret: TEST_SECRET,
    logger: createLogger({ level: 'error', fields: { proc: 'relay-test' } }),
    ...options,
  });
}

export async function createToken(store: RelayStore, name: string): Promise<string> {
  const { token, hash } = newConsoleToken();
  await store.createToken(name, hash, Date.now());
  return token;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP request on a shared keep-alive agent; rejects only when the connection fails. */
export function send(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    agent?: Agent | false;
  } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    const req = request(
      url,
      { method: options.method ?? 'GET', headers, agent: options.agent ?? keepAlive },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', reject);
        res.once('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

/** The Prometheus text of a relay process (its `/metrics` asks for the metrics token). */
export async function metricsText(baseUrl: string): Promise<string> {
  const answer = await send(`${baseUrl}/metrics`, {
    agent: false,
    headers: { Authorization: `Bearer ${TEST_METRICS_TOKEN}` },
  });
  if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}: ${answer.body}`);
  return answer.body;
}

export function postWebhook(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return send(`${baseUrl}/webhooks/ninjaone`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Relay-Secret': TEST_SECRET, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function consoleCall(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<HttpAnswer> {
  return send(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface RelayProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** Sends the signal and waits for the exit; resolves the exit code (null when killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How a relay process starts: node's arguments before the relay's own, and its working directory. */
export interface RelayCommand {
  nodeArgs: string[];
  cwd: string;
}

/** `npm run relay`: the source under tsx (node + tsx directly, so a signal reaches the relay itself). */
export const sourceRelay: RelayCommand = {
  nodeArgs: ['--import', 'tsx', join(repoRoot, 'src/relay/cli.ts')],
  cwd: repoRoot,
};

/** `npm run relay -- <args>` (or another `command`) as a child process on port 0. */
export async function startRelayProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  command: RelayCommand = sourceRelay,
): Promise<RelayProcess> {
  const child = spawn(process.execPath, [...command.nodeArgs, '--port', '0', ...args], {
    cwd: command.cwd,
    env: {
      ...process.env,
      RELAY_WEBHOOK_SECRET: TEST_SECRET,
      RELAY_METRICS_TOKEN: TEST_METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the relay printed no address within 30 s\n${stderr}`)),
      30_000,
    );
    lines.on('line', (line) => {
      const match = /relay listening on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the relay exited with ${code}\n${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs `npm run relay -- <args>` to completion (token commands, refused configurations). */
export function runRelayCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  command: RelayCommand = sourceRelay,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...command.nodeArgs, ...args], {
      cwd: command.cwd,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Registers the relay with the simulator as the README tells an admin to (one configuration per app). */
export async function registerWebhook(
  sim: NinjaOneSimulator,
  relayUrl: string,
  activities: Record<string, readonly string[]> = consoleWebhookActivities,
): Promise<void> {
  const answer = await send(`${sim.url}/v2/webhook`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${sim.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      url: `${relayUrl}/webhooks/ninjaone`,
      activities,
      expand: ['device'],
      headers: [{ name: 'X-Relay-Secret', value: TEST_SECRET }],
    }),
  });
  if (answer.status !== 204) throw new Error(`PUT /v2/webhook answered ${answer.status}: ${answer.body}`);
}

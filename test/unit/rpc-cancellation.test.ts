import { describe, expect, it } from 'vitest';
import { RpcClient } from '../../src/shared/rpc/client';
import { AppError } from '../../src/shared/rpc/errors';
import { events, type Events, type Procedures } from '../../src/shared/contract';
import { RpcServer, type Handlers } from '../../src/core/host/rpc-server';
import { silentLogger } from '../../src/node/logger';
import { rpcPipe as pipe } from '../support/rpc-pipe';

describe('RPC cancellation', () => {
  it('aborts the handler when the caller cancels, and rejects the call with cancelled', async () => {
    let started!: () => void;
    let sawAbort!: () => void;
    const handlerStarted = new Promise<void>((r) => (started = r));
    const handlerAborted = new Promise<void>((r) => (sawAbort = r));
    const slowList: Handlers['assets.list'] = (_input, { signal }) =>
      new Promise((_resolve, reject) => {
        started();
        signal.addEventListener('abort', () => {
          sawAbort();
          reject(new Error('aborted'));
        });
      });
    const handlers = { 'assets.list': slowList } as unknown as Handlers;
    const server = new RpcServer(handlers, { validateOutputs: true, logger: silentLogger });
    const { client: clientEnd, server: serverEnd } = pipe();
    server.attach(serverEnd, 'renderer');
    const client = new RpcClient<Procedures, Events>(clientEnd, events);

    const controller = new AbortController();
    const call = client.call('assets.list', { limit: 10 }, { signal: controller.signal });
    await handlerStarted;
    controller.abort();
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
    await handlerAborted;
  });

  it('reports an output that breaks the contract as internal when outputs are validated', async () => {
    const handlers = { 'assets.get': () => ({ id: 'not-a-number' }) } as unknown as Handlers;
    const server = new RpcServer(handlers, { validateOutputs: true, logger: silentLogger });
    const result = await server.dispatch('assets.get', { id: 1 }, new AbortController().signal, 'renderer');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
  });
});

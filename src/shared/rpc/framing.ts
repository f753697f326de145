import { z } from 'zod';
import { rpcErrorSchema } from './errors';

/**
 * The frames both transports carry (MessagePort in Electron, WebSocket in web mode and tests).
 * Frames are plain JSON-compatible objects so they survive structured clone and JSON alike.
 */
export const callFrameSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  proc: z.string().min(1).max(200),
  input: z.unknown(),
});

export const cancelFrameSchema = z.object({
  t: z.literal('cancel'),
  id: z.number().int().nonnegative(),
});

export const clientFrameSchema = z.discriminatedUnion('t', [callFrameSchema, cancelFrameSchema]);

export const resultFrameSchema = z.union([
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: rpcErrorSchema }),
]);

export const eventFrameSchema = z.object({
  t: z.literal('event'),
  name: z.string(),
  payload: z.unknown(),
});

export const serverFrameSchema = z.union([resultFrameSchema, eventFrameSchema]);

export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ResultFrame = z.infer<typeof resultFrameSchema>;

/**
 * One end of a connection. Implementations exist for DOM and Electron MessagePorts and for WebSockets;
 * the RPC client and server see only this.
 */
export interface Transport<Out, In> {
  send(frame: Out): void;
  onFrame(listener: (frame: In) => void): () => void;
  onClose(listener: () => void): () => void;
  close(): void;
}

export type ClientTransport = Transport<ClientFrame, unknown>;
export type ServerTransport = Transport<ServerFrame, unknown>;

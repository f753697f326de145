import type { StreamEventType } from '../../shared/relay/stream';
import type { StoredEvent } from '../store/store';

/** Where each event type's stored JSON goes in the streamed envelope (see src/shared/relay/stream.ts). */
const payloadKey: Record<StreamEventType, string> = {
  webhook: 'activity',
  ledger: 'entry',
  decision: 'decision',
  silence: 'silence',
  rules: 'rules',
};

/**
 * One SSE frame per event, built by string concatenation so the stored JSON (the raw webhook body)
 * is streamed as it is, without a parse and re-serialise per client. A CR or LF in valid JSON can
 * only be whitespace between tokens, so turning them into spaces keeps the JSON and the frame intact.
 */
export function eventFrame(event: StoredEvent): string {
  const data = /[\r\n]/.test(event.data) ? event.data.replace(/[\r\n]/g, ' ') : event.data;
  return `id: ${event.seq}\nevent: ${event.type}\ndata: {"seq":${event.seq},"type":"${event.type}","at":${event.at},"${payloadKey[event.type]}":${data}}\n\n`;
}

export function resetFrame(reason: 'retention' | 'unknown_position', head: number): string {
  return `id: ${head}\nevent: reset\ndata: ${JSON.stringify({ type: 'reset', reason, head })}\n\n`;
}

/**
 * Tells EventSource how long to wait before reconnecting, and opens the stream at once. The id (no
 * data, so no event) is the position the stream goes on from: a console that connected without one
 * learns where "now" is, and resumes from there after a disconnect before any event arrived.
 */
export const openingFrame = (cursor: number): string => `retry: 2000\nid: ${cursor}\n: connected\n\n`;
export const heartbeatFrame = ': heartbeat\n\n';

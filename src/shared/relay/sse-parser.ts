/**
 * Incremental parser for `text/event-stream` (WHATWG HTML §9.2.6): feed decoded text chunks in
 * any split; each complete event is handed to `onEvent`. Comments (heartbeats) go to `onComment`.
 */
export interface SseMessage {
  /** The last event id seen so far (SSE ids persist across events). */
  id: string;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private lastId = '';
  private pendingCr = false;
  retryMs: number | null = null;

  constructor(
    private readonly onEvent: (message: SseMessage) => void,
    private readonly onComment: (text: string) => void = () => undefined,
  ) {}

  get lastEventId(): string {
    return this.lastId;
  }

  push(chunk: string): void {
    let text = chunk;
    // A CR ending the previous chunk already ended its line; a LF right after it is the same break.
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      if (cr === -1 && lf === -1) break;
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      this.line(this.buffer.slice(start, end));
      if (end === cr) {
        if (end + 1 === this.buffer.length) {
          this.pendingCr = true;
          start = end + 1;
          break;
        }
        start = this.buffer[end + 1] === '\n' ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    if (this.data.length > 0) {
      this.onEvent({ id: this.lastId, event: this.event || 'message', data: this.data.join('\n') });
    }
    this.data = [];
    this.event = '';
  }
}

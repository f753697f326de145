import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from '../../src/shared/relay/sse-parser';

function parse(chunks: string[]) {
  const events: SseMessage[] = [];
  const comments: string[] = [];
  const parser = new SseParser(
    (m) => events.push(m),
    (c) => comments.push(c),
  );
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments, parser };
}

describe('SSE parser', () => {
  const stream =
    'retry: 2000\n: connected\n\nid: 1\nevent: webhook\ndata: {"a":\ndata: 1}\n\nid: 2\ndata: x\n\n';

  it('parses events, multi-line data, ids, retry and comments', () => {
    const { events, comments, parser } = parse([stream]);
    expect(events).toEqual([
      { id: '1', event: 'webhook', data: '{"a":\n1}' },
      { id: '2', event: 'message', data: 'x' },
    ]);
    expect(comments).toEqual(['connected']);
    expect(parser.retryMs).toBe(2000);
    expect(parser.lastEventId).toBe('2');
  });

  it('gives the same result however the bytes are split, with LF, CRLF or CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = stream.replace(/\n/g, eol);
      const whole = parse([text]).events;
      for (let cut = 1; cut < text.length; cut++) {
        expect(parse([text.slice(0, cut), text.slice(cut)]).events).toEqual(whole);
      }
      expect(parse([...text]).events).toEqual(whole);
      expect(whole).toHaveLength(2);
    }
  });

  it('does not dispatch an event before its blank line', () => {
    expect(parse(['id: 3\ndata: partial\n']).events).toEqual([]);
  });
});

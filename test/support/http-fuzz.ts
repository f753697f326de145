import { rawExchange, type RawOutcome } from './raw-http';

/**
 * Generated bad HTTP requests for any listener: broken percent-encodings, invalid request targets,
 * odd and unknown methods, huge and deeply nested bodies, bodies that lie about their length,
 * header floods, conflicting framing. Deterministic (a seeded generator), bounded in count.
 */
export interface BadRequest {
  kind: string;
  /** A plain GET whose target decodes (a listener that serves any path may answer it). */
  decodableGet?: boolean;
  bytes: (string | Buffer)[];
  /**
   * What a listener may answer: a 4xx (the default), or, for garbage that is not HTTP at all, a
   * closed connection too (Node's parser answers 400 or drops it).
   */
  mayClose?: boolean;
}

export interface FuzzTarget {
  /** Paths the listener serves (its routes), so bad input reaches real handlers, not just 404s. */
  paths: string[];
  /** Headers a request needs to get past the door (a secret, a token), added to half the requests. */
  credentials?: Record<string, string>;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const brokenEncodings = [
  '%ff',
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '%C0%AF',
  '%ED%A0%80',
  '%F8%88%80%80%80',
  '%25%',
  '%%32',
];
const badTargets = [
  '//[',
  '//[::1',
  '*',
  'http://[/',
  'http://evil.example/x',
  '//evil.example/x',
  '/\\\\evil',
  '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/',
  '/a?%ff=%ff',
  '/?q=%E0%A4%A',
];
const oddMethods = [
  'PROPFIND',
  'SEARCH',
  'TRACE',
  'PATCH',
  'OPTIONS',
  'LOCK',
  'MKCOL',
  'PURGE',
  'DELETE',
  'PUT',
];
const notHttp = [
  'GARBAGE\r\n\r\n',
  'GET / HTTP/9.9\r\n\r\n',
  '\x16\x03\x01\x02\x00\x01\x00',
  'FOO / HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET\r\n\r\n',
  // Two lengths: the classic request-smuggling shape.
  'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!',
];
const badJson = ['{', '{"a":1,}', "{'a':1}", 'null garbage', '\u0000', 'NaN', '[1,2', '{"a":"\\x"}'];
const contentTypes = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  '',
];

function request(
  method: string,
  target: string,
  headers: Record<string, string | number>,
  body: string | Buffer = '',
): (string | Buffer)[] {
  const all: Record<string, string | number> = { Host: '127.0.0.1', Connection: 'close', ...headers };
  if (body.length > 0 && all['Content-Length'] === undefined && all['Transfer-Encoding'] === undefined)
    all['Content-Length'] = Buffer.byteLength(body);
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(all)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
  return body.length > 0 ? [head, body] : [head];
}

/** `count` bad requests for a listener (the mix is fixed; the details vary with the seed). */
export function badRequests(target: FuzzTarget, count: number, seed = 1): BadRequest[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const path = (): string => pick(target.paths);
  const creds = (): Record<string, string> => (random() < 0.5 ? (target.credentials ?? {}) : {});
  const makers: [weight: number, make: () => BadRequest][] = [
    [
      20,
      () => {
        const base = path().split('?')[0]!;
        const bad = pick(brokenEncodings);
        const where = random();
        // In the path: a query value is read (or ignored) by the route, which may rightly answer 2xx.
        const t = where < 0.5 ? `${base}/${bad}` : `${base}${bad}`;
        return {
          kind: 'broken encoding',
          bytes: request(pick(['GET', 'POST', 'PUT', 'DELETE']), t, creds()),
        };
      },
    ],
    [
      15,
      () => {
        const method = pick(['GET', 'POST']);
        return {
          kind: 'invalid target',
          bytes: request(method, pick(badTargets), creds()),
          decodableGet: method === 'GET',
        };
      },
    ],
    [
      10,
      () => ({
        kind: 'odd method',
        bytes: request(pick(oddMethods), path(), { ...creds(), 'Content-Type': 'application/json' }, '{}'),
      }),
    ],
    [8, () => ({ kind: 'not HTTP', bytes: [pick(notHttp)], mayClose: true })],
    [
      12,
      () => ({
        kind: 'bad JSON',
        bytes: request(
          pick(['POST', 'PUT']),
          path(),
          { ...creds(), 'Content-Type': 'application/json' },
          pick(badJson),
        ),
      }),
    ],
    [
      6,
      () => ({
        kind: 'wrong content type',
        bytes: request(
          pick(['POST', 'PUT']),
          path(),
          { ...creds(), 'Content-Type': pick(contentTypes) },
          'id=1&x=2',
        ),
      }),
    ],
    [
      3,
      () => {
        const depth = pick([65, 1000, 100_000]);
        return {
          kind: 'nested body',
          bytes: request(
            pick(['POST', 'PUT']),
            path(),
            { ...creds(), 'Content-Type': 'application/json' },
            '['.repeat(depth) + ']'.repeat(depth),
          ),
        };
      },
    ],
    [
      2,
      () => ({
        kind: 'huge body',
        // A listener may answer 413 and close while the client is still sending: the peer's reset
        // can then discard the 413 before it is read, which is TCP, not the listener, misbehaving.
        mayClose: true,
        bytes: request(
          pick(['POST', 'PUT']),
          path(),
          { ...creds(), 'Content-Type': 'application/json' },
          `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`,
        ),
      }),
    ],
    [
      6,
      () => ({
        kind: 'lying length',
        bytes: request(
          'POST',
          path(),
          {
            ...creds(),
            'Content-Type': 'application/json',
            'Content-Length': pick([400_000_000, -1, '1e3', '12, 13', 'x']),
          },
          '{}',
        ),
      }),
    ],
    [
      5,
      () => ({
        kind: 'conflicting framing',
        bytes: request(
          'POST',
          path(),
          pick<Record<string, string | number>>([
            { 'Content-Length': 2, 'Transfer-Encoding': 'chunked' },
            { 'Transfer-Encoding': 'chunked, identity' },
            { 'Transfer-Encoding': 'gzip' },
          ]),
          '0\r\n\r\n',
        ),
      }),
    ],
    [
      4,
      () => {
        const flood: Record<string, string> = {};
        const many = random() < 0.5;
        for (let i = 0; i < (many ? 3000 : 1); i++) flood[`X-Flood-${i}`] = many ? 'v' : 'v'.repeat(40_000);
        return { kind: 'header flood', bytes: request('GET', path(), flood) };
      },
    ],
    [
      4,
      () => ({
        kind: 'long target',
        bytes: request('GET', `${path()}?${'q='.padEnd(pick([20_000, 80_000]), 'x')}`, {}),
      }),
    ],
    [
      5,
      () => ({
        kind: 'bad header',
        bytes: [
          `GET ${path()} HTTP/1.1\r\nHost: x\r\n${pick(['X-Bad\u0001: v', 'X-Bad: a\rb', 'Bad Header: v', ': empty-name', 'X-Bad: a\u0000b'])}\r\nConnection: close\r\n\r\n`,
        ],
        mayClose: true,
      }),
    ],
  ];
  const total = makers.reduce((sum, [w]) => sum + w, 0);
  const list: BadRequest[] = [];
  for (let i = 0; i < count; i++) {
    let roll = random() * total;
    for (const [weight, make] of makers) {
      roll -= weight;
      if (roll < 0) {
        list.push(make());
        break;
      }
    }
  }
  return list;
}

export interface FuzzReport {
  sent: number;
  /** Requests answered with something other than a 4xx (or a close, where allowed). */
  unacceptable: { kind: string; outcome: RawOutcome; request: string }[];
  byKind: Record<string, Record<string, number>>;
}

/**
 * Sends every request on its own connection, `concurrency` at a time, and checks after every
 * `checkEvery` that the listener still serves a good request (`alive` must resolve true).
 */
export async function fuzz(
  port: number,
  requests: readonly BadRequest[],
  alive: () => Promise<boolean>,
  options: {
    concurrency?: number;
    checkEvery?: number;
    /**
     * The listener serves pages to GET (a single-page app falls back to index.html for every path,
     * a simulator has a page at /): a GET to an odd but decodable target (`//[`, `/%2e%2e/`) may
     * then rightly resolve to one, 200.
     */
    servesPages?: boolean;
  } = {},
): Promise<FuzzReport & { aliveChecks: number; deadAt: number | null }> {
  const concurrency = options.concurrency ?? 24;
  const checkEvery = options.checkEvery ?? 250;
  const report: FuzzReport = { sent: 0, unacceptable: [], byKind: {} };
  let aliveChecks = 0;
  let deadAt: number | null = null;
  for (let start = 0; start < requests.length && deadAt === null; start += checkEvery) {
    const slice = requests.slice(start, start + checkEvery);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < slice.length) {
          const bad = slice[next++]!;
          const outcome = await rawExchange(port, bad.bytes);
          report.sent += 1;
          const kind = (report.byKind[bad.kind] ??= {});
          kind[String(outcome)] = (kind[String(outcome)] ?? 0) + 1;
          const ok =
            (typeof outcome === 'number' && outcome >= 400 && outcome < 500) ||
            (bad.mayClose === true && outcome === 'closed') ||
            (options.servesPages === true && bad.decodableGet === true && outcome === 200);
          if (!ok)
            report.unacceptable.push({
              kind: bad.kind,
              outcome,
              request: bad.bytes
                .map((b) => String(b).slice(0, 120))
                .join('')
                .slice(0, 160),
            });
        }
      }),
    );
    aliveChecks += 1;
    if (!(await alive())) deadAt = start + slice.length;
  }
  return { ...report, aliveChecks, deadAt };
}

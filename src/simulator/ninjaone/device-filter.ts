import type { SimDevice } from './model';

/**
 * The `df` device filter, as far as public clients use it (the official grammar is a PDF):
 * `org = 7`, `org in (1,2)`, `loc nin (4)`, `class eq WINDOWS_SERVER`, `id in (1001,1002)`,
 * `status = APPROVED`, `role in (2,3)`, `created after 2024-01-01`, `group 5`, the bare keywords
 * `online` and `offline`, joined by AND / OR (AND binds tighter). Anything else is a syntax error.
 */
export type DevicePredicate = (device: SimDevice) => boolean;

export class DeviceFilterError extends Error {}

type Token = { kind: 'word' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|(,)|(!=|=)|([A-Za-z0-9_.:-]+))/y;
  let index = 0;
  while (index < input.length) {
    if (/^\s*$/.test(input.slice(index))) break;
    re.lastIndex = index;
    const m = re.exec(input);
    if (!m) throw new DeviceFilterError(`unexpected "${input.slice(index, index + 10).trim()}"`);
    index = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'lparen', text: '(' });
    else if (m[2]) tokens.push({ kind: 'rparen', text: ')' });
    else if (m[3]) tokens.push({ kind: 'comma', text: ',' });
    else if (m[4]) tokens.push({ kind: 'op', text: m[4] });
    else tokens.push({ kind: 'word', text: m[5]! });
  }
  return tokens;
}

const fields: Record<string, (d: SimDevice) => string | number> = {
  org: (d) => d.organizationId,
  organization: (d) => d.organizationId,
  loc: (d) => d.locationId,
  location: (d) => d.locationId,
  role: (d) => d.nodeRoleId,
  class: (d) => d.nodeClass,
  id: (d) => d.id,
  status: (d) => d.approvalStatus,
};

export function parseDeviceFilter(input: string): DevicePredicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token => {
    const token = tokens[pos++];
    if (!token) throw new DeviceFilterError('unexpected end of filter');
    return token;
  };
  const keyword = (token: Token | undefined, word: string): boolean =>
    token?.kind === 'word' && token.text.toUpperCase() === word;

  const values = (): string[] => {
    if (next().kind !== 'lparen') throw new DeviceFilterError('expected "(" after in/nin');
    const out: string[] = [];
    for (;;) {
      const token = next();
      if (token.kind !== 'word') throw new DeviceFilterError(`expected a value, got "${token.text}"`);
      out.push(token.text);
      const sep = next();
      if (sep.kind === 'rparen') return out;
      if (sep.kind !== 'comma') throw new DeviceFilterError(`expected "," or ")", got "${sep.text}"`);
    }
  };

  const term = (): DevicePredicate => {
    const token = next();
    if (token.kind === 'lparen') {
      const inner = or();
      if (next().kind !== 'rparen') throw new DeviceFilterError('expected ")"');
      return inner;
    }
    if (token.kind !== 'word') throw new DeviceFilterError(`unexpected "${token.text}"`);
    const word = token.text.toLowerCase();
    if (word === 'online') return (d) => !d.offline;
    if (word === 'offline') return (d) => d.offline;
    if (word === 'group') {
      const id = next();
      if (id.kind !== 'word' || !/^\d+$/.test(id.text)) throw new DeviceFilterError('expected a group id');
      return () => false;
    }
    if (word === 'created') {
      const op = next().text.toLowerCase();
      const date = Date.parse(next().text);
      if ((op !== 'after' && op !== 'before') || Number.isNaN(date))
        throw new DeviceFilterError('expected "created after|before YYYY-MM-DD"');
      const at = date / 1000;
      return op === 'after' ? (d) => d.created > at : (d) => d.created < at;
    }
    const field = fields[word];
    if (!field) throw new DeviceFilterError(`unknown field "${token.text}"`);
    const opToken = next();
    const op = opToken.text.toLowerCase();
    const norm = (v: string | number): string => String(v).toUpperCase();
    if (op === '=' || op === 'eq' || op === '!=' || op === 'ne') {
      const value = next();
      if (value.kind !== 'word') throw new DeviceFilterError('expected a value');
      const wanted = norm(value.text);
      return op === '=' || op === 'eq' ? (d) => norm(field(d)) === wanted : (d) => norm(field(d)) !== wanted;
    }
    if (op === 'in' || op === 'nin' || op === 'notin') {
      const set = new Set(values().map(norm));
      return op === 'in' ? (d) => set.has(norm(field(d))) : (d) => !set.has(norm(field(d)));
    }
    throw new DeviceFilterError(`unknown operator "${opToken.text}"`);
  };

  const and = (): DevicePredicate => {
    let left = term();
    while (keyword(peek(), 'AND')) {
      pos++;
      const right = term();
      const l = left;
      left = (d) => l(d) && right(d);
    }
    return left;
  };

  const or = (): DevicePredicate => {
    let left = and();
    while (keyword(peek(), 'OR')) {
      pos++;
      const right = and();
      const l = left;
      left = (d) => l(d) || right(d);
    }
    return left;
  };

  if (tokens.length === 0) return () => true;
  const predicate = or();
  if (pos !== tokens.length) throw new DeviceFilterError(`unexpected "${tokens[pos]!.text}"`);
  return predicate;
}

import type { AssetMatch } from '../../shared/contract/assets';
import { ftsPhrase, searchText, searchWords } from './search-query';

/**
 * The device search: what a technician types, read the way they mean it.
 *
 * - Words are all required, in any field (`acme dc` finds ACME-DC01), compared without case and with
 *   one kind of apostrophe (`Grace's` finds "Grace’s MacBook").
 * - A word of three or more characters matches anywhere in the name, serial or last user; a word of
 *   one or two matches the start of a word there (`dc` finds ACME-DC01, not FJORDCREST).
 * - A dotted number is an address prefix of whole octets: `10.1.1` finds 10.1.1.x, never 10.10.1.x
 *   or 110.1.1.x; `10.` finds every 10.x address.
 * - A MAC address in any common form (00:1A:2B…, 00-1a-2b…, 001a.2b3c.4d5e, 001A2B3C4D5E) or a run
 *   of its octets finds the device that has it.
 *
 * The search index (`devices_fts`, trigram) holds each field in the form these rules compare:
 * `searchIndexFunctions` are the SQL functions its triggers call.
 */
export type DeviceSearchTerm =
  { kind: 'address'; prefix: string } | { kind: 'text'; text: string; mac: string | null };

/** A word of this many characters or fewer matches at word starts (trigram needs three). */
const SHORT = 2;
const octets = /^\d{1,3}(\.\d{1,3}){0,3}\.?$/;

/** `00:1a:2b:3c:4d:5e`, from any common form of a whole address or a run of its octets. */
export function macOf(term: string): string | null {
  const t = term.toLowerCase();
  let pairs: string[] | null = null;
  if (/^[0-9a-f]{2}([:-][0-9a-f]{2}){1,5}$/.test(t)) pairs = t.split(/[:-]/);
  else if (/^[0-9a-f]{4}(\.[0-9a-f]{4}){1,2}$/.test(t)) pairs = t.replaceAll('.', '').match(/../g);
  else if (/^[0-9a-f]{12}$/.test(t)) pairs = t.match(/../g);
  return pairs ? pairs.join(':') : null;
}

export function parseDeviceSearch(input: string | undefined): DeviceSearchTerm[] {
  return searchWords(input).map<DeviceSearchTerm>((word) =>
    word.includes('.') && octets.test(word)
      ? { kind: 'address', prefix: word.replace(/\.$/, '') }
      : { kind: 'text', text: word, mac: macOf(word) },
  );
}

// How the index stores each field. A word starts after two spaces, so a one- or two-letter word
// start is still a three-character trigram; digits after letters (and letters after digits) start a
// word too, so `02` finds DC02. An address is `|` + address + `.`, so a prefix of whole octets is a
// substring ending in a dot.
const wordsOf = (text: string): string =>
  searchText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .flatMap((word) => {
      const parts = word.match(/\p{L}+|\p{N}+/gu) ?? [word];
      return [word, ...parts.slice(1).map((_, i) => parts.slice(i + 1).join(''))];
    })
    .map((w) => `  ${w}`)
    .join('');
const addressesOf = (addresses: readonly string[]): string =>
  addresses.map((a) => `|${a.trim().toLowerCase()}.`).join(' ');
const macsOf = (macs: readonly string[]): string =>
  macs
    .map((m) => macOf(m.trim().replace(/[^0-9a-fA-F]/g, '')))
    .filter((m): m is string => m !== null)
    .join(' ');

function jsonList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const textArg = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The SQL functions the `devices_fts` triggers call, registered on every connection. */
export const searchIndexFunctions: Record<string, (...args: unknown[]) => string> = {
  search_text: (value) => searchText(textArg(value)),
  search_words: (...values) => wordsOf(values.map(textArg).join(' ')),
  search_addresses: (addresses, publicIp) =>
    addressesOf([...jsonList(addresses), ...(textArg(publicIp) ? [textArg(publicIp)] : [])]),
  search_macs: (macs) => macsOf(jsonList(macs)),
};

/** The FTS5 query for the terms: every term must match, each in the fields its kind searches. */
export function deviceSearchMatch(terms: readonly DeviceSearchTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      if (term.kind === 'address') return `addresses : ${ftsPhrase(`|${term.prefix}.`)}`;
      const parts = [
        [...term.text].length > SHORT
          ? `{name serial last_user} : ${ftsPhrase(term.text)}`
          : `words : ${ftsPhrase(`  ${term.text}`)}`,
      ];
      if (term.mac) parts.push(`macs : ${ftsPhrase(term.mac)}`);
      return `(${parts.join(' OR ')})`;
    })
    .join(' AND ');
}

export interface SearchableDevice {
  name: string;
  systemName: string | null;
  serial: string | null;
  lastUser: string | null;
  addresses: readonly string[];
  macs: readonly string[];
}

/**
 * Why a device matched, when it is not plain from its name: the first field other than the name that
 * a term matched (`srv` finding a MacBook through its serial). Null when the name explains it all.
 */
export function explainMatch(
  device: SearchableDevice,
  terms: readonly DeviceSearchTerm[],
): AssetMatch | null {
  const fields: { field: AssetMatch['field'] | 'name'; values: string[] }[] = [
    { field: 'name', values: [device.name] },
    { field: 'systemName', values: device.systemName ? [device.systemName] : [] },
    { field: 'serial', values: device.serial ? [device.serial] : [] },
    { field: 'lastUser', values: device.lastUser ? [device.lastUser] : [] },
  ];
  for (const term of terms) {
    if (term.kind === 'address') {
      const hit = device.addresses.find((a) => addressesOf([a]).includes(`|${term.prefix}.`));
      if (hit) return { field: 'ip', value: hit };
      continue;
    }
    const matches = (value: string): boolean =>
      [...term.text].length > SHORT
        ? searchText(value).includes(term.text)
        : wordsOf(value).includes(`  ${term.text}`);
    const field = fields.find((f) => f.values.some(matches));
    if (field?.field === 'name') continue;
    if (field) return { field: field.field, value: field.values[0]! };
    const mac = term.mac && device.macs.find((m) => macsOf([m]).includes(term.mac!));
    if (mac) return { field: 'mac', value: mac };
  }
  return null;
}

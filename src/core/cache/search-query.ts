/** `text` as one FTS5 phrase: matched as written, its own quotes doubled. */
export const ftsPhrase = (text: string): string => `"${text.replaceAll('"', '""')}"`;

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern (with `ESCAPE '\\'`) for text containing `term`. */
export function likeContains(term: string): string {
  return `%${escapeLike(term)}%`;
}

/**
 * Apostrophes and quotation marks as keyboards and device names write them: "Grace’s MacBook" (curly,
 * as macOS names devices) and "Grace's" (straight, as typed) are the same text to a search.
 */
const apostrophes = ['\u2018', '\u2019', '\u201A', '\u201B', '\u02BC', '\u2032', '\u00B4', '`'];
const quotationMarks = ['\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB'];
const anyOf = (chars: string[]): RegExp => new RegExp(`[${chars.join('')}]`, 'g');
const apostrophePattern = anyOf(apostrophes);
const quotationPattern = anyOf(quotationMarks);

/** Text as every search compares it: one kind of apostrophe and quote, lower case, single spaces. */
export function searchText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFC')
    .replace(apostrophePattern, "'")
    .replace(quotationPattern, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** What was typed as words (all must match), normalized; words with no letter or digit are dropped. */
export function searchWords(input: string | undefined, max = 8): string[] {
  const words = searchText(input)
    .replaceAll('"', ' ')
    .split(' ')
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return [...new Set(words)].slice(0, max);
}

/**
 * SQL for `column` with apostrophes and quotes normalized as `searchText` does, for LIKE (which
 * ignores ASCII case itself): for tables small enough to scan, such as alerts.
 */
export function searchTextSql(column: string): string {
  let sql = `coalesce(${column}, '')`;
  for (const c of apostrophes) sql = `replace(${sql}, '${c}', '''')`;
  for (const c of quotationMarks) sql = `replace(${sql}, '${c}', '"')`;
  return sql;
}

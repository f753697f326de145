/**
 * Turns what a technician types into an FTS5 trigram query. Trigram needs at least three characters
 * per term; shorter terms are returned separately so the caller can match them with a prefix LIKE.
 */
export interface SearchTerms {
  match: string | null;
  shortTerms: string[];
}

export function searchTerms(input: string | undefined): SearchTerms {
  const terms = (input ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const long = terms.filter((t) => [...t].length >= 3);
  const shortTerms = terms.filter((t) => [...t].length < 3);
  const match = long.length ? long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ') : null;
  return { match, shortTerms };
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern (with `ESCAPE '\\'`) for text starting with `term`; a typed `%` or `_` matches itself. */
export function likePrefix(term: string): string {
  return escapeLike(term) + '%';
}

/** A LIKE pattern (with `ESCAPE '\\'`) for text containing `term`. */
export function likeContains(term: string): string {
  return `%${escapeLike(term)}%`;
}

import { z } from 'zod';

/** Largest page any list procedure returns: lists are keyset-paged, never unbounded. */
export const MAX_PAGE_SIZE = 500;

export const pageRequest = {
  cursor: z.string().max(2000).nullish(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).max(MAX_PAGE_SIZE),
    /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
    nextCursor: z.string().nullable(),
    /** Rows in the whole result, on the first page of a list that counts them. */
    total: z.number().int().nonnegative().nullish(),
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number | null;
}

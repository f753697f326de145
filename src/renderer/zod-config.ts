import { z } from 'zod';

/**
 * Imported first by main.tsx, before any schema exists: the renderer runs under a CSP without
 * 'unsafe-eval', so zod must not compile parsers with `new Function` (nor probe whether it may, which
 * the CSP reports as a violation on every start). Its interpreter is fast enough for RPC payloads.
 */
z.config({ jitless: true });

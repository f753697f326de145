/**
 * The one logger. Every line is JSON on the sink (stderr by default). Secrets never reach it:
 * values under secret-looking keys are replaced, and any value registered with `redactValue`
 * (tokens, API keys) is masked wherever it appears, even inside messages and error texts.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const secretKey = /(token|secret|password|passwd|api[-_]?key|authorization|cookie|verifier|code_challenge)/i;
const REDACTED = '[redacted]';

const registeredSecrets = new Set<string>();

/** Mask this exact value in every future log line (tokens are registered the moment they are seen). */
export function redactValue(value: string | null | undefined): void {
  if (value && value.length >= 6) registeredSecrets.add(value);
}

export function redactString(text: string): string {
  let out = text;
  for (const secret of registeredSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactString(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactString(value.message),
      code: (value as { code?: unknown }).code,
    };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value))
      out[key] = secretKey.test(key) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  return value;
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(
  options: {
    level?: LogLevel;
    sink?: LogSink;
    fields?: Record<string, unknown>;
  } = {},
): Logger {
  const threshold =
    levelRank[options.level ?? (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? 20;
  const sink: LogSink = options.sink ?? ((line) => process.stderr.write(line + '\n'));
  const base = options.fields ?? {};
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (levelRank[level] < threshold) return;
    const entry = {
      time: new Date().toISOString(),
      level,
      msg: redactString(msg),
      ...(redact({ ...base, ...fields }) as object),
    };
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

import { absoluteTime, relativeTime } from './time';

/** A time shown relative ("3 hours ago") with the absolute date and time on hover. */
export function RelativeTime({ value, empty = '—' }: { value: number | null; empty?: string }) {
  if (value === null) return <span>{empty}</span>;
  return (
    <time dateTime={new Date(value).toISOString()} title={absoluteTime(value)}>
      {relativeTime(value)}
    </time>
  );
}

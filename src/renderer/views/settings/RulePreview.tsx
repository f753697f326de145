import { useEffect, useState } from 'react';
import type { InputOf } from '../../../shared/rpc/define';
import type { Procedures } from '../../../shared/contract';
import { RelativeTime } from '../../format/RelativeTime';
import { useQuery } from '../../rpc/use-query';

type PreviewInput = InputOf<Procedures, 'rules.preview'>;

const outcomeLabels = {
  ticket: 'new ticket',
  comment: 'comment (flapping)',
  notify: 'notify',
  suppress: 'suppressed',
} as const;

const LISTED = 8;

/** The value once it has stopped changing for `ms` (the preview is asked for after typing pauses). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What the rule would have done with the last 7 days of cached alerts, decided as the relay decides. */
export function RulePreview({ input, makesTickets }: { input: PreviewInput; makesTickets: boolean }) {
  const preview = useQuery('rules.preview', useSettled(input, 300));
  const p = preview.data;
  return (
    <section className="rule-preview" aria-labelledby="rule-preview-title">
      <h3 id="rule-preview-title">Last 7 days with this rule</h3>
      <p role="status" aria-live="polite">
        {preview.error && !p
          ? `No preview: ${preview.error}`
          : !p
            ? 'Looking at the last 7 days of alerts…'
            : `It would have matched ${plural(p.matched, 'alert', 'alerts')} of ${p.triggers}` +
              (makesTickets
                ? ` and made ${plural(p.tickets, 'ticket', 'tickets')}` +
                  (p.comments
                    ? `; ${plural(p.comments, 'repeat', 'repeats')} would comment instead (flapping)`
                    : '')
                : '') +
              '.'}
      </p>
      {p && p.takenEarlier > 0 ? (
        <p className="muted">
          {plural(p.takenEarlier, 'more alert matches', 'more alerts match')}, but an earlier rule takes{' '}
          {p.takenEarlier === 1 ? 'it' : 'them'} (first match wins).
        </p>
      ) : null}
      {p && p.alerts.length > 0 ? (
        <ul className="rule-preview-alerts" aria-label="Alerts the rule would have matched">
          {p.alerts.slice(0, LISTED).map((a) => (
            <li key={`${a.seriesUid}-${a.at}`}>
              <span>
                <strong>{a.deviceName ?? `device ${a.deviceId ?? '?'}`}</strong> → {outcomeLabels[a.outcome]}
              </span>
              <span className="muted">
                <RelativeTime value={a.at} /> · {a.condition ?? 'alert'}
              </span>
            </li>
          ))}
          {p.matched > LISTED ? <li className="muted">and {p.matched - LISTED} more</li> : null}
        </ul>
      ) : null}
    </section>
  );
}

/** Why a webhook was refused; each is a label of `relay_webhooks_rejected_total`. */
export const rejectReasons = [
  'unauthorized',
  'unsupported_media_type',
  'too_large',
  'bad_json',
  'bad_shape',
  'method_not_allowed',
  'incomplete',
  'store_unavailable',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

/** Counters for `/metrics` (Prometheus text format 0.0.4). */
export class RelayMetrics {
  received = 0;
  duplicates = 0;
  commitBatches = 0;
  committedWebhooks = 0;
  /** Epoch ms of the last webhook answered 2xx; 0 before the first. */
  lastWebhookAt = 0;
  /** Requests not finished yet, open event streams included. */
  requestsInFlight = 0;
  backstopPolls = 0;
  /** Activities the backstop found missing from the log and inserted. */
  backstopInserted = 0;
  private readonly rejected = new Map<RejectReason, number>(rejectReasons.map((r) => [r, 0]));

  reject(reason: RejectReason): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  rejectedCount(reason: RejectReason): number {
    return this.rejected.get(reason) ?? 0;
  }

  render(gauges: { streamClients: number; headSeq: number }): string {
    const one = (value: number): [string, number][] => [['', value]];
    const metrics: [name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]][] = [
      ['relay_webhooks_received_total', 'counter', 'Webhooks committed as new events.', one(this.received)],
      [
        'relay_webhooks_duplicate_total',
        'counter',
        'Webhooks whose activity id was already stored.',
        one(this.duplicates),
      ],
      [
        'relay_webhooks_rejected_total',
        'counter',
        'Webhook requests refused, by reason; nothing of them was stored.',
        [...this.rejected].map(([reason, n]) => [`{reason="${reason}"}`, n]),
      ],
      [
        'relay_commit_batches_total',
        'counter',
        'Transactions that committed webhooks (group commit).',
        one(this.commitBatches),
      ],
      [
        'relay_commit_batch_webhooks_total',
        'counter',
        'Webhooks written by those transactions.',
        one(this.committedWebhooks),
      ],
      [
        'relay_http_requests_in_flight',
        'gauge',
        'Requests not answered yet, including this one and open event streams.',
        one(this.requestsInFlight),
      ],
      ['relay_stream_clients', 'gauge', 'Open event streams on this instance.', one(gauges.streamClients)],
      [
        'relay_stream_head_seq',
        'gauge',
        'Sequence number of the last event streamed by this instance.',
        one(gauges.headSeq),
      ],
      [
        'relay_backstop_polls_total',
        'counter',
        'Backstop polls of NinjaOne activities.',
        one(this.backstopPolls),
      ],
      [
        'relay_backstop_inserted_total',
        'counter',
        'Activities the webhooks missed that the backstop poll inserted.',
        one(this.backstopInserted),
      ],
      [
        'relay_last_webhook_timestamp_seconds',
        'gauge',
        'When the last webhook was accepted (Unix time; 0 before the first).',
        one(this.lastWebhookAt / 1000),
      ],
    ];
    return metrics
      .flatMap(([name, type, help, samples]) => [
        `# HELP ${name} ${help}`,
        `# TYPE ${name} ${type}`,
        ...samples.map(([labels, value]) => `${name}${labels} ${value}`),
      ])
      .join('\n')
      .concat('\n');
  }
}

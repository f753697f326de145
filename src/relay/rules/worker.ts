import type { Logger } from '../../core/log/logger';
import { webhookActivitySchema } from '../../shared/relay/activity';
import type { RulesDocument } from '../../shared/relay/rules';
import type { RelayStore, StoredEvent } from '../store/store';
import { decideReset, decideTrigger } from './decide';
import { alertFactsOf, opensSeries, resetsSeries, type AlertFacts } from './facts';
import type { TicketWork } from './ticket-work';

export interface RulesWorkerOptions {
  store: RelayStore;
  work: TicketWork;
  /** Streams what the worker committed. */
  publish(events: readonly StoredEvent[]): void;
  logger: Logger;
  now(): number;
  /** This instance, as the lease names it. */
  holder: string;
  /** Whether the relay can make tickets at all. */
  psa: boolean;
  leaseMs?: number;
  intervalMs?: number;
}

const CURSOR = 'rules.cursor';
const LEASE = 'rules';
const PAGE = 200;
const DUE_BATCH = 20;

/**
 * Follows the event log and decides for each new alert trigger (and each reset of a series with a
 * rule-made ticket), then carries out the PSA work the decisions left. One relay instance at a time
 * does this (a lease in the store); its place in the log is stored, so a restarted or another
 * instance goes on where it stopped, and a decision already recorded for an activity is never made
 * twice.
 */
export class RulesWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly leaseMs: number;

  constructor(private readonly options: RulesWorkerOptions) {
    this.leaseMs = options.leaseMs ?? 15_000;
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.intervalMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  /** New events were committed (or are due): look at them soon. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.options.store.releaseLease(LEASE, this.options.holder).catch(() => undefined);
  }

  /** Resolves once the worker has looked at everything committed so far (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.tick();
      } catch (error) {
        this.options.logger.warn('rules: a pass failed; retrying', { error });
      }
    } while (this.again && !this.stopped);
  }

  private async tick(): Promise<void> {
    const { store, now, holder } = this.options;
    if (!(await store.acquireLease(LEASE, holder, now(), this.leaseMs))) return;
    const document = await store.getRules();
    let cursor = await this.cursor();
    for (;;) {
      const events = await store.readEvents(cursor, PAGE);
      for (const event of events) {
        if (this.stopped) return;
        if (event.type === 'webhook') await this.handle(event, document);
        cursor = event.seq;
      }
      if (events.length > 0) await store.writeState(CURSOR, String(cursor));
      if (events.length < PAGE) break;
    }
    await this.runDue();
  }

  /** Where the worker is in the log; the first start begins at the head (history is not re-decided). */
  private async cursor(): Promise<number> {
    const stored = await this.options.store.readState(CURSOR);
    if (stored !== null) return Number(stored);
    const { head } = await this.options.store.streamBounds();
    await this.options.store.writeState(CURSOR, String(head));
    return head;
  }

  private async handle(event: StoredEvent, document: RulesDocument): Promise<void> {
    const parsed = webhookActivitySchema.safeParse(JSON.parse(event.data));
    if (!parsed.success) return;
    const facts = alertFactsOf(parsed.data, event.at);
    if (!facts) return;
    if (resetsSeries(facts)) await this.reset(facts, document);
    else if (opensSeries(facts) && document.rules.some((r) => r.enabled)) await this.trigger(facts, document);
  }

  private async trigger(facts: AlertFacts, document: RulesDocument): Promise<void> {
    const { store, now } = this.options;
    if (await store.decisionOfActivity(facts.activityId)) return;
    const windowMs = document.settings.flappingWindowMinutes * 60_000;
    const [silence, ledger, previous] = await Promise.all([
      facts.deviceId === null ? null : store.activeSilence(facts.deviceId, now()),
      store.getLedger(facts.seriesUid),
      facts.deviceId === null || facts.conditionKey === null || windowMs === 0
        ? null
        : store.recentConditionDecision(
            facts.deviceId,
            facts.conditionKey,
            facts.seriesUid,
            facts.at - windowMs,
          ),
    ]);
    const plan = decideTrigger(facts, {
      document,
      silence,
      ledger: ledger?.entry ?? null,
      previous: previous?.decision ?? null,
      psa: this.options.psa,
    });
    await this.record(facts, 'trigger', plan);
  }

  private async reset(facts: AlertFacts, document: RulesDocument): Promise<void> {
    const { store } = this.options;
    await store.touchSeries(facts.seriesUid, facts.at);
    if (await store.decisionOfActivity(facts.activityId)) return;
    const ticketDecision = await store.ticketDecisionOfSeries(facts.seriesUid);
    const plan = decideReset(facts, document, ticketDecision?.decision ?? null);
    if (plan) await this.record(facts, 'reset', plan);
  }

  private async record(
    facts: AlertFacts,
    kind: 'trigger' | 'reset',
    plan: ReturnType<typeof decideTrigger>,
  ): Promise<void> {
    const { work, ...decision } = plan;
    const { event } = await this.options.store.recordDecision(
      {
        decision: {
          ...decision,
          activityId: facts.activityId,
          kind,
          seriesUid: facts.seriesUid,
          deviceId: facts.deviceId,
          deviceName: facts.deviceName,
          organizationId: facts.organizationId,
          condition: facts.condition,
          severity: facts.severity,
        },
        conditionKey: facts.conditionKey,
        lastSeenAt: facts.at,
        work: work ? JSON.stringify(work) : null,
        nextAttemptAt: null,
      },
      this.options.now(),
    );
    if (event) this.options.publish([event]);
  }

  /** The PSA work that is due, one decision at a time (each ends done, failed, or with its next try). */
  private async runDue(): Promise<void> {
    const { store, now } = this.options;
    for (const row of await store.dueDecisions(now(), DUE_BATCH)) {
      if (this.stopped) return;
      // Renewed before each piece of work, so a slow PSA never lets another instance take over midway.
      if (!(await store.acquireLease(LEASE, this.options.holder, now(), this.leaseMs))) return;
      const update = await this.options.work.run(row);
      const { event } = await store.updateDecision(row.decision.id, update, now());
      this.options.publish([event]);
    }
  }
}

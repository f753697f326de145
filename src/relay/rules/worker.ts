import type { Logger } from '../../node/logger';
import { webhookActivitySchema } from '../../shared/relay/activity';
import type { RulesDocument } from '../../shared/relay/rules';
import type { RelayStore, StoredEvent } from '../store/store';
import { decideReset, decideTrigger } from './rule-decision';
import { epochToMs } from '../../core/ninjaone/time';
import { alertFactsOf, opensSeries, resetsSeries, type AlertFacts } from '../../shared/relay/alert-facts';
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
  /** Until when this instance holds the lease for sure (renewed when half of it is left). */
  private leaseUntil = 0;
  /** The position in the log, and the one last stored (stored at most once a second: re-reading is harmless). */
  private cursor: number | null = null;
  private savedCursor: number | null = null;
  private savedAt = 0;

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
    await this.saveCursor(true).catch(() => undefined);
    if (this.leaseUntil > 0)
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
    const { store } = this.options;
    if (!(await this.lease())) return;
    const document = await store.getRules();
    const active = document.rules.some((r) => r.enabled);
    let cursor = await this.position();
    for (;;) {
      const events = await store.readEvents(cursor, PAGE);
      for (const event of events) {
        if (this.stopped) return;
        if (event.type === 'webhook') await this.handle(event, document, active);
        cursor = this.cursor = event.seq;
      }
      if (events.length < PAGE) break;
    }
    await this.saveCursor(false);
    await this.runDue();
  }

  /**
   * Takes or renews the lease when less than half of it is left (not on every pass: each renewal is
   * a commit). Another instance takes over only once it expired.
   */
  private async lease(): Promise<boolean> {
    const { store, now, holder } = this.options;
    if (now() < this.leaseUntil - this.leaseMs / 2) return true;
    const at = now();
    const held = await store.acquireLease(LEASE, holder, at, this.leaseMs);
    if (!held && this.leaseUntil > 0) this.cursor = null; // Another instance moved on meanwhile.
    this.leaseUntil = held ? at + this.leaseMs : 0;
    return held;
  }

  /** Where the worker is in the log; the first start begins at the head (history is not re-decided). */
  private async position(): Promise<number> {
    if (this.cursor !== null) return this.cursor;
    const stored = await this.options.store.readState(CURSOR);
    if (stored !== null) return (this.cursor = this.savedCursor = Number(stored));
    const { head } = await this.options.store.streamBounds();
    this.cursor = head;
    await this.saveCursor(true);
    return head;
  }

  private async saveCursor(force: boolean): Promise<void> {
    const { cursor } = this;
    if (cursor === null || cursor === this.savedCursor) return;
    if (!force && this.options.now() - this.savedAt < 1000) return;
    await this.options.store.writeState(CURSOR, String(cursor));
    this.savedCursor = cursor;
    this.savedAt = this.options.now();
  }

  private async handle(event: StoredEvent, document: RulesDocument, active: boolean): Promise<void> {
    // Without active rules only resets matter (for tickets rules made earlier): skip the rest unparsed.
    if (!active && !event.data.includes('"RESET"')) return;
    const parsed = webhookActivitySchema.safeParse(JSON.parse(event.data));
    if (!parsed.success) return;
    const facts = alertFactsOf(parsed.data, epochToMs(parsed.data.activityTime) ?? event.at);
    if (!facts) return;
    if (resetsSeries(facts)) await this.reset(facts, document);
    else if (active && opensSeries(facts)) await this.trigger(facts, document);
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
      // Checked before each piece of work, so a slow PSA never lets another instance take over midway.
      if (!(await this.lease())) return;
      const update = await this.options.work.run(row);
      const { event } = await store.updateDecision(row.decision.id, update, now());
      this.options.publish([event]);
    }
  }
}

/**
 * When a request to GitHub may go, shared by every client of one run, so that a rate limit met by one gate holds
 * the others and writes stay spaced across gates (GitHub counts per token, not per client):
 * - writes (POST, PATCH, PUT, DELETE and GraphQL mutations) one at a time, at least 1 s apart ("Pause between
 *   mutative requests", GitHub's REST best practices; it also keeps content creation under 80 a minute);
 * - reads, GraphQL queries included, at most MAX_CONCURRENT at once and not spaced. The rule relied on is GitHub's
 *   secondary rate limits ("About secondary rate limits", REST and GraphQL docs): at most 100 concurrent requests
 *   shared by REST and GraphQL, points per endpoint and minute (900 REST, 2,000 GraphQL, where a query without a
 *   mutation costs 1 point) and 60 s of GraphQL server CPU time a minute; a run's handful of reads stays far below;
 * - after a rate-limit answer, nothing at all until GitHub's wait is over ("you should not retry your request
 *   until after that many seconds"; continuing during a secondary limit can get an integration banned).
 */
export const WRITE_SPACING_MS = 1000;
export const MAX_CONCURRENT = 10;

export interface PacerClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class Pacer {
  /** No request starts before this instant (epoch ms): a rate limit seen by any request of the run. */
  private pausedUntil = 0;
  private lastWriteStart = Number.NEGATIVE_INFINITY;
  private writes: Promise<void> = Promise.resolve();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Rate-limit waits left for the whole run: one secondary limit is never waited out once per request. */
  rateLimitWaitsLeft: number;
  /** Why no request may go any more (a rate limit outlasted every wait): requesting on would risk a ban. */
  gaveUp: string | undefined;

  private readonly clock: PacerClock;
  private readonly spaceWrites: boolean;

  constructor(clock: PacerClock, rateLimitWaits: number, spaceWrites = true) {
    this.clock = clock;
    this.rateLimitWaitsLeft = rateLimitWaits;
    this.spaceWrites = spaceWrites;
  }

  giveUp(reason: string): void {
    this.gaveUp ??= reason;
  }

  /** Every request of the run waits until `until` (epoch ms) before it starts. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Milliseconds until requests may start again. */
  pauseLeft(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** Runs `send` when the rules above allow it; a write holds the write slot until it is answered. */
  async schedule<T>(isWrite: boolean, send: () => Promise<T>): Promise<T> {
    if (!isWrite) return this.withSlot(send);
    const previous = this.writes;
    let release = (): void => undefined;
    this.writes = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      const gap = this.spaceWrites ? this.lastWriteStart + WRITE_SPACING_MS - this.clock.now() : 0;
      if (gap > 0) await this.clock.sleep(gap);
      this.lastWriteStart = this.clock.now();
      return await this.withSlot(send);
    } finally {
      release();
    }
  }

  private async withSlot<T>(send: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_CONCURRENT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await send();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Work the gateway does once a response has been relayed (building the exchange, queueing its
 * log, offering it to the shadow pipeline), run a millisecond later in one batch instead of at once.
 *
 * Why later: writing the response wakes the client, and on a machine with few cores the client
 * is often put on the CPU genchi is running on; work genchi does right after the write keeps it
 * waiting. Work scheduled with `setImmediate` still runs before the event loop goes idle; a timer
 * lets genchi go idle first. One timer serves every response of that millisecond.
 */
export class AfterResponse {
  private pending: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  /**
   * @example afterResponse.defer(() => queue.push(call))
   */
  defer(work: () => void): void {
    this.pending.push(work);
    this.timer ??= setTimeout(() => this.drain(), 1);
  }

  /** Runs what is pending now (also before a shutdown flushes the log queue). */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    for (const work of batch) {
      try {
        work();
      } catch (error) {
        this.onError(error);
      }
    }
  }
}

/**
 * Groups concurrent calls into one: items submitted within `maxDelayMs` (or until `maxItems`)
 * are handled by a single `run`, and each caller gets its own slice of the answer. Few runs are
 * in flight at a time (two by default: one commits while the next is sent); what arrives
 * meanwhile forms the next batch, so batches grow with load instead of queueing behind each
 * other. The ingest worker's concurrent deliveries thus become one Neo4j transaction; a lone
 * delivery waits at most `maxDelayMs`.
 */
export class MicroBatcher<I, O> {
  private queue: { items: I[]; resolve: (out: O[]) => void; reject: (err: unknown) => void }[] = [];
  private size = 0;
  private timer?: NodeJS.Timeout;
  private running = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxItems = 500,
    private readonly maxDelayMs = 3,
    private readonly maxInFlight = 2,
  ) {}

  submit(items: I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.size += items.length;
      if (this.running >= this.maxInFlight) return; // picked up when a run ends
      if (this.size >= this.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running >= this.maxInFlight || this.queue.length === 0) return;
    // Take whole submissions up to maxItems (a single large one always goes).
    let take = 0;
    let count = 0;
    while (take < this.queue.length && (take === 0 || count + this.queue[take]!.items.length <= this.maxItems)) count += this.queue[take++]!.items.length;
    const batch = this.queue.splice(0, take);
    this.size -= count;
    this.running++;
    const done = (fn: () => void) => {
      this.running--;
      fn();
      if (this.queue.length) this.flush();
    };
    this.run(batch.flatMap((b) => b.items)).then(
      (out) =>
        done(() => {
          let at = 0;
          for (const b of batch) {
            b.resolve(out.slice(at, at + b.items.length));
            at += b.items.length;
          }
        }),
      (err) => done(() => batch.forEach((b) => b.reject(err))),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { AppError } from '@memegraph/contracts';
import { AlertIngestQueue, AlertQueue } from '@memegraph/queue';

/** The alert jobs that used up their attempts, across both alert queues, and putting one back. */
@Injectable()
export class DeadLettersService {
  private readonly queues: (AlertIngestQueue | AlertQueue)[];

  constructor(ingest: AlertIngestQueue, enrich: AlertQueue) {
    this.queues = [ingest, enrich];
  }

  /** Newest failure first, each with the queue it belongs to. */
  async list(limitPerQueue = 100) {
    const perQueue = await Promise.all(this.queues.map(async (q) => (await q.deadLetters(limitPerQueue)).map((j) => ({ queue: q.name, ...j }))));
    return perQueue.flat().sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0));
  }

  async retry(queue: string, id: string): Promise<{ queue: string; id: string; state: 'waiting' }> {
    const q = this.queues.find((x) => x.name === queue);
    if (!q) throw new AppError('NOT_FOUND', `no dead-letter list named ${queue}; it is one of ${this.queues.map((x) => x.name).join(', ')}`);
    if (!(await q.retryDeadLetter(id))) throw new AppError('NOT_FOUND', `no dead-lettered job ${id} in ${queue}`);
    return { queue, id, state: 'waiting' };
  }
}

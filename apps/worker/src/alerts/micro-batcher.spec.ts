import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('runs concurrent submissions as one batch and hands each caller its own results', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher<number, number>(async (items) => {
      runs.push(items);
      return items.map((x) => x * 10);
    }, 100, 5);
    const [a, c] = await Promise.all([b.submit([1, 2]), b.submit([3])]);
    expect(a).toEqual([10, 20]);
    expect(c).toEqual([30]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('flushes at once when the batch is full', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher<number, number>(async (items) => (runs.push(items), items), 2, 10_000);
    await Promise.all([b.submit([1]), b.submit([2]), b.submit([3, 4])]);
    expect(runs).toEqual([[1, 2], [3, 4]]);
  });

  it('fails every caller of a failed batch, and the next batch still runs', async () => {
    let fail = true;
    const b = new MicroBatcher<number, number>(async (items) => {
      if (fail) throw new Error('neo4j down');
      return items;
    }, 10, 1);
    const results = await Promise.allSettled([b.submit([1]), b.submit([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(b.submit([3])).resolves.toEqual([3]);
  });
});

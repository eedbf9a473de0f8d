import { describe, expect, it } from 'vitest';
import { DenseIds, GrowableF64, GrowableI32, GrowableU64 } from './growable';

describe('growable arrays', () => {
  it('push, set past the end and trim to size', () => {
    const a = new GrowableF64(16);
    for (let i = 0; i < 100; i++) a.push(i * 1.5);
    expect(a.length).toBe(100);
    expect(Array.from(a.toArray().subarray(98))).toEqual([147, 148.5]);
    const b = new GrowableI32(16, -1);
    b.set(40, 7);
    expect(b.length).toBe(41);
    expect([b.get(39), b.get(40), b.get(1000)]).toEqual([-1, 7, -1]);
    const c = new GrowableU64(16);
    c.set(20, 0xffffffffffffffffn);
    expect(c.data[20]).toBe(0xffffffffffffffffn);
  });

  it('gives ids dense indices in order of first sight, small or huge', () => {
    const ids = new DenseIds();
    expect([ids.indexOf(7), ids.indexOf(3), ids.indexOf(7), ids.indexOf(2 ** 40), ids.indexOf(2 ** 40)]).toEqual([0, 1, 0, 2, 2]);
    expect(ids.count).toBe(3);
    expect(Array.from(ids.ids.toArray())).toEqual([7, 3, 2 ** 40]);
  });
});

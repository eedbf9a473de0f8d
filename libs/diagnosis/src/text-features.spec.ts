import { describe, expect, it } from 'vitest';
import { featureLabel, textFeatures, tokenize } from './text-features';

describe('tokenize', () => {
  it('lower-cases words, keeps offsets and splits camelCase into extra parts', () => {
    const text = 'Reason: CrashLoopBackOff';
    const tokens = tokenize(text);
    const main = tokens.find((t) => t.term === 'crashloopbackoff')!;
    expect(text.slice(main.start, main.end)).toBe('CrashLoopBackOff');
    expect(tokens.map((t) => t.term)).toEqual(expect.arrayContaining(['reason', '~crash', '~loop', '~back', '~off']));
  });

  it('drops hex addresses, long numbers and stop words but keeps short codes like 137', () => {
    const terms = tokenize('the pointer 0xc000124a80 at 1700000000 exited with 137').map((t) => t.term);
    expect(terms).toEqual(['pointer', 'exited', '137']);
  });

  it('keeps "no" and "not" because they carry meaning ("no such host", "not found")', () => {
    expect(tokenize('no such host, not found').map((t) => t.term)).toEqual(['no', 'such', 'host', 'not', 'found']);
  });

  it('splits snake_case metric names and keeps the whole name too', () => {
    const terms = tokenize('container_cpu_cfs_throttled_periods_total').map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['container', 'cfs', 'throttled', '~container_cpu_cfs_throttled_periods_total']));
  });
});

describe('textFeatures', () => {
  it('builds Chinese character unigrams and bigrams without stop characters', () => {
    const { features, spans } = textFeatures('内存泄漏了');
    expect(features).toEqual(expect.arrayContaining(['c:内存', 'c:存泄', 'c:泄漏', 'c:内', 'c:漏']));
    expect(features).not.toContain('c:了');
    expect(spans.get('c:泄漏')).toEqual([2, 4]);
  });

  it('adds word bigrams, prefix stems and first spans', () => {
    const text = 'pods were evicted: no such host';
    const { features, spans } = textFeatures(text);
    expect(features).toEqual(expect.arrayContaining(['w:evicted', 'p:evict', 'b:no_such', 'b:such_host']));
    const [s, e] = spans.get('b:such_host')!;
    expect(text.slice(s, e)).toBe('such host');
    expect(featureLabel('b:such_host')).toBe('such host');
    expect(featureLabel('p:evict')).toBe('evict*');
  });

  it('is deterministic', () => {
    const t = 'goroutine 12 [chan send, 5 minutes]: main.worker()';
    expect(textFeatures(t).features).toEqual(textFeatures(t).features);
  });
});

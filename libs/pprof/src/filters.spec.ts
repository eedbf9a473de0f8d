import { describe, expect, it } from 'vitest';
import { cpu } from '../test/synth';
import { buildCallTree } from './call-tree';
import { readProfile } from './decode';
import { activeFilters, applyFilters, compileRegex } from './filters';
import { topTable } from './top';

const model = readProfile(
  cpu([
    { stack: ['runtime.memmove', 'main.copy', 'main.main'], values: [1, 10], labels: { tenant: 't1', bytes: 2048 }, units: { bytes: 'bytes' } },
    { stack: ['syscall.read', 'main.load', 'main.main'], values: [1, 20], labels: { tenant: 't2', bytes: 64 }, units: { bytes: 'bytes' } },
    { stack: [['strings.index', 'main.find'], 'main.main'], values: [1, 40], labels: { tenant: 't1' } },
    { stack: ['runtime.gcBgMarkWorker'], values: [1, 30] },
  ]),
);
const flat = (filters: Parameters<typeof applyFilters>[1]) =>
  Object.fromEntries(
    topTable(model, { nodeFraction: 0, filters })
      .rows.filter((r) => r.flat !== 0)
      .map((r) => [r.name, r.flat]),
  );

describe('filters (pprof semantics)', () => {
  it('focus keeps samples with a matching frame; the total stays the unfiltered one', () => {
    const t = topTable(model, { nodeFraction: 0, filters: { focus: 'main\\.(copy|load)' } });
    expect(t.total).toBe(100);
    expect(Object.fromEntries(t.rows.filter((r) => r.flat).map((r) => [r.name, r.flat]))).toEqual({ 'syscall.read': 20, 'runtime.memmove': 10 });
    expect(t.activeFilters).toEqual(['focus=main\\.(copy|load)']);
  });

  it('ignore drops samples with a matching frame, and wins over focus', () => {
    expect(flat({ ignore: '^runtime\\.' })).toEqual({ 'strings.index': 40, 'syscall.read': 20 });
    expect(flat({ focus: 'main', ignore: 'memmove' })).toEqual({ 'strings.index': 40, 'syscall.read': 20 });
  });

  it('hide removes matching frames, moving flat weight to the caller', () => {
    expect(flat({ hide: '^runtime\\.' })).toEqual({ 'strings.index': 40, 'syscall.read': 20, 'main.copy': 10 });
    // An inlined frame is hidden alone; its location keeps the caller line.
    expect(flat({ hide: 'strings' })).toMatchObject({ 'main.find': 40 });
  });

  it('show keeps only matching frames', () => {
    expect(flat({ show: '^main\\.' })).toEqual({ 'main.find': 40, 'main.load': 20, 'main.copy': 10 });
  });

  it('matches file names too, as pprof does', () => {
    expect(flat({ focus: '^/src/syscall.go$' })).toEqual({ 'syscall.read': 20 });
  });

  it('tag filters: key=regex, any-key regex, numeric ranges', () => {
    expect(flat({ tagFocus: 'tenant=t1' })).toEqual({ 'strings.index': 40, 'runtime.memmove': 10 });
    expect(flat({ tagIgnore: 'tenant=t1' })).toEqual({ 'runtime.gcBgMarkWorker': 30, 'syscall.read': 20 });
    expect(flat({ tagFocus: 'tenant:t2' })).toEqual({ 'syscall.read': 20 });
    expect(flat({ tagFocus: 'bytes=1kb:' })).toEqual({ 'runtime.memmove': 10 });
    expect(flat({ tagFocus: 'bytes=:100b' })).toEqual({ 'syscall.read': 20 });
    expect(flat({ tagFocus: 'bytes=64b' })).toEqual({ 'syscall.read': 20 });
  });

  it('returns the model untouched without filters and never mutates its input', () => {
    expect(applyFilters(model, {})).toBe(model);
    const before = Array.from(model.stackLocs);
    applyFilters(model, { hide: 'main', focus: 'x' });
    expect(Array.from(model.stackLocs)).toEqual(before);
  });

  it('feeds call trees as well', () => {
    expect(buildCallTree(model, { filters: { focus: 'main.load' } }).total[0]).toBe(20);
  });

  it('reports bad regexps as usage errors and lists active filters in pprof order', () => {
    expect(() => compileRegex('focus', '(')).toThrow(/parsing focus regexp/);
    expect(compileRegex('focus', '(?i)MAIN')!.test('main.x')).toBe(true);
    expect(activeFilters({ tagFocus: 'a', hide: 'b', focus: 'c' })).toEqual(['focus=c', 'hide=b', 'tagfocus=a']);
  });
});

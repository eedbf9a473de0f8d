import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type DumpRecord, GoroutineDumpParser, frameFunction, parseGoroutineDump } from './goroutine-dump.parser';

const data = (f: string) => readFileSync(join(__dirname, '../test/data', f), 'utf8');

/** Parses and copies every record (the parser reuses its arrays). */
function records(input: string | Uint8Array) {
  const out: DumpRecord[] = [];
  const summary = parseGoroutineDump(input, (r) => out.push({ ...r, funcs: [...r.funcs], where: [...r.where], args: [...r.args], extra: r.extra && [...r.extra] }));
  return { summary, out };
}

describe('frameFunction', () => {
  it.each([
    ['main.main()', 'main.main'],
    ['net/http.(*conn).serve(0xc00030e320, {0x7be8e0, 0xc000070180})', 'net/http.(*conn).serve'],
    ['main.(*server).worker(...)', 'main.(*server).worker'],
    ['internal/poll.(*FD).Read(0xc0, {0xc0?, 0x1000?, 0x0?})', 'internal/poll.(*FD).Read'],
    ['main.Map[...](0x1, {0x2})', 'main.Map[...]'],
    ['panic({0x4b6a40?, 0x4f1b80?})', 'panic'],
    ['goroutine running on other thread; stack unavailable', undefined],
  ])('%s', (line, fn) => expect(frameFunction(line)).toBe(fn));
});

describe('debug=2 dumps', () => {
  const dump = [
    'goroutine 7 [chan receive, 14 minutes]:',
    'main.worker(0xc000010000)',
    '\t/src/main.go:12 +0x25',
    'created by main.main',
    '\t/src/main.go:30 +0x3a',
    '',
    'goroutine 9 gp=0xc000007c00 m=nil [select, 2 minutes, locked to thread]:',
    'runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)',
    '\t/usr/local/go/src/runtime/proc.go:402 +0xce fp=0xc sp=0xc pc=0x43',
    'main.loop(...)',
    '\t/src/loop.go:8',
    '...1 frames elided...',
    'created by main.start in goroutine 1',
    '\t/src/loop.go:3 +0x10',
    '',
    'goroutine 11 [select (no cases) labels:{"tenant": "acme", "route": "/x"}]:',
    'main.idle()',
    '\t/src/idle.go:5 +0x1',
    '',
    'goroutine 12 [running, some future field]:',
    'main.main()',
    '\t/src/main.go:40 +0x99',
  ].join('\n');

  it('reads ids, states, minutes, thread locks, labels, frames and creators', () => {
    const { summary, out } = records(dump);
    expect(summary).toMatchObject({ format: 'debug2', records: 4, preamble: [] });
    expect(out[0]).toMatchObject({
      id: 7,
      state: 'chan receive',
      waitMinutes: 14,
      lockedToThread: false,
      funcs: ['main.worker'],
      where: ['/src/main.go:12'],
      args: ['0xc000010000'],
      createdBy: 'main.main',
      createdByGoroutine: undefined,
      createdByWhere: '/src/main.go:30',
    });
    expect(out[1]).toMatchObject({
      id: 9,
      state: 'select',
      waitMinutes: 2,
      lockedToThread: true,
      extra: ['gp=0xc000007c00', 'm=nil'],
      funcs: ['runtime.gopark', 'main.loop'],
      where: ['/usr/local/go/src/runtime/proc.go:402', '/src/loop.go:8'],
      args: ['0x0?, 0x0?, 0x0?, 0x0?, 0x0?', '...'],
      createdBy: 'main.start',
      createdByGoroutine: 1,
      framesElided: true,
    });
    expect(out[2]).toMatchObject({ state: 'select (no cases)', labels: { tenant: 'acme', route: '/x' } });
    // Unknown header fields are kept, not fatal.
    expect(out[3]).toMatchObject({ state: 'running', extra: ['some future field'], funcs: ['main.main'] });
  });

  it('gives the same records whatever the chunking (streaming)', () => {
    const whole = records(dump).out;
    const chunked: unknown[] = [];
    const parser = new GoroutineDumpParser((r) => chunked.push({ ...r, funcs: [...r.funcs], where: [...r.where], args: [...r.args], extra: r.extra && [...r.extra] }));
    for (let i = 0; i < dump.length; i += 7) parser.write(dump.slice(i, i + 7));
    parser.end();
    expect(chunked).toEqual(whole);
  });

  it('accepts CRLF line ends and gzipped bytes', () => {
    expect(records(dump.replace(/\n/g, '\r\n')).out.map((r) => r.funcs)).toEqual(records(dump).out.map((r) => r.funcs));
    expect(records(gzipSync(Buffer.from(dump))).out).toHaveLength(4);
  });

  it('parses a Go 1.26 panic trace, skipping the panic preamble', () => {
    const { summary, out } = records(data('go126-panic.txt'));
    expect(summary.preamble[0]).toBe('panic: assignment to entry in nil map');
    expect(out.map((r) => r.id)).toEqual([1, 6, 7, 8, 9, 10, 11]);
    expect(out[0]).toMatchObject({ state: 'running', funcs: ['main.main'] });
    const deep = out.find((r) => r.id === 9)!;
    expect(deep.framesElided).toBe(true);
    expect(deep.funcs[0]).toBe('time.Sleep');
    // Go prints the innermost 50 and outermost 50 frames around the elision.
    expect(deep.funcs).toHaveLength(100);
    expect(deep.funcs.filter((f) => f === 'main.deep')).toHaveLength(99);
    expect(out.find((r) => r.id === 11)).toMatchObject({ state: 'sync.Mutex.Lock', createdBy: 'main.main', createdByGoroutine: 1 });
  });

  it('parses labels of Go 1.26 tracebacks (GODEBUG=tracebacklabels=1)', () => {
    const { out } = records(data('go126-panic-labels.txt'));
    expect(out.find((r) => r.id === 10)).toMatchObject({ state: 'select (no cases)', labels: { tenant: 'acme' } });
  });

  it('parses SIGQUIT dumps with gp=/m= header fields and register dumps after them', () => {
    const { summary, out } = records(data('go126-sigquit-system.txt'));
    expect(summary.preamble.slice(0, 2)).toEqual(['SIGQUIT: quit', 'PC=0x4816e1 m=0 sigcode=0']);
    expect(out).toHaveLength(12);
    expect(out[0]).toMatchObject({ id: 0, state: 'idle', extra: ['gp=0x5a9760', 'm=0', 'mp=0x5aa520'] });
    expect(out.every((r) => r.funcs.every((f) => !f.startsWith('rax')))).toBe(true);
  });
});

describe('debug=1 dumps', () => {
  it('reads counts, frames and labels', () => {
    const { summary, out } = records(data('go126-goroutine.debug1.txt'));
    expect(summary).toMatchObject({ format: 'debug1', declaredTotal: 8 });
    expect(out.map((r) => r.count)).toEqual([5, 2, 1]);
    expect(out[0]).toMatchObject({ id: -1, state: '', funcs: ['main.waiter'], where: ['/tmp/gotrace/dump/main.go:10'], args: [''] });
    expect(out[1]).toMatchObject({ labels: { route: '/x', tenant: 'acme' }, funcs: ['main.main.func1.1'] });
    expect(out[2]!.funcs).toEqual(['runtime/pprof.writeRuntimeProfile', 'runtime/pprof.writeGoroutine', 'runtime/pprof.(*Profile).WriteTo', 'main.main', 'runtime.main']);
  });

  it('enforces the goroutine cap', () => {
    expect(() => parseGoroutineDump(data('go126-goroutine.debug2.txt'), () => undefined, { maxGoroutines: 3 })).toThrow(/more than 3/);
  });
});

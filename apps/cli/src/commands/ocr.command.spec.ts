import { renderSynthetic } from '@memegraph/ocr';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../exit-codes';
import { main } from '../main';
import { makeOcrCommand } from './ocr.command';

// Real OCR: each run starts its workers once for all its images and closes them at the end.

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
};

const dir = mkdtempSync(join(tmpdir(), 'memegraph-ocr-cli-'));
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  writeFileSync(
    file('pods.png'),
    await renderSynthetic({
      style: 'dark-terminal',
      lines: ['$ kubectl get pods', 'NAME         READY   STATUS             RESTARTS   AGE', 'api-7d9f-x2k  0/1     CrashLoopBackOff   12         34m'],
    }),
  );
  writeFileSync(file('panic.png'), await renderSynthetic({ style: 'light-terminal', lines: ['panic: assignment to entry in nil map', '', 'goroutine 1 [running]:'] }));
  writeFileSync(file('notes.txt'), 'not an image\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('memegraph ocr', () => {
  it('--json: one result per file in order, bad inputs reported, exit code 3', async () => {
    const c = capture();
    const rank = (text: string) =>
      text.includes('CrashLoopBackOff')
        ? [
            { classId: 'k8s-crashloop', confidence: 0.9 },
            { classId: 'k8s-oomkilled', confidence: 0.3 },
            { classId: 'heap-leak', confidence: 0.2 },
            { classId: 'gc-pressure', confidence: 0.1 },
          ]
        : [];
    const cmd = makeOcrCommand({ env: { OCR_WORKERS: '2' }, rank });
    const code = await cmd.run([file('pods.png'), file('notes.txt'), '--json', file('panic.png'), file('missing.png')], c.io);
    expect(code).toBe(3);
    expect(c.out).toHaveLength(1);
    const doc = JSON.parse(c.out[0]!) as { results: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['results']);
    const [pods, notes, panic, missing] = doc.results;

    expect(Object.keys(pods!)).toEqual(['file', 'text', 'signatures', 'ranking']);
    expect(pods!.file).toBe(file('pods.png'));
    expect(pods!.text).toContain('CrashLoopBackOff');
    expect(pods!.signatures).toEqual(
      expect.arrayContaining([
        { kind: 'shell-command', text: 'kubectl get pods' },
        { kind: 'k8s-pod-row', text: expect.stringContaining('CrashLoopBackOff') },
      ]),
    );
    expect(pods!.ranking).toEqual([
      { classId: 'k8s-crashloop', confidence: 0.9 },
      { classId: 'k8s-oomkilled', confidence: 0.3 },
      { classId: 'heap-leak', confidence: 0.2 },
    ]);

    expect(notes).toEqual({ file: file('notes.txt'), error: { code: 'UNSUPPORTED_FORMAT', message: expect.any(String) } });
    expect(panic!.text).toContain('assignment to entry in nil map');
    expect((panic!.signatures as { kind: string }[]).map((s) => s.kind)).toEqual(['go-panic', 'goroutine-header']);
    expect(panic!.ranking).toEqual([]);
    expect(missing).toEqual({ file: file('missing.png'), error: { code: 'NOT_FOUND', message: `no such file: ${file('missing.png')}` } });
  });

  it('human output: per file the text, the signatures, the ranking from libs/diagnosis', async () => {
    const c = capture();
    const code = await makeOcrCommand({ env: {} }).run([file('pods.png'), file('panic.png')], c.io);
    expect(code).toBe(0);
    const out = c.out.join('\n');
    const [pods, panic] = out.split(/^(?=== )/m);
    expect(pods).toMatch(/^== .*pods\.png {2}\(dark-terminal\/max, confidence \d+, \d+\.\d\d s\)\n/);
    expect(pods).toMatch(/CrashLoopBackOff[\s\S]*signatures:\n {2}shell-command +kubectl get pods\n {2}k8s-pod-row +api-7d9f-x2k .*CrashLoopBackOff/);
    // libs/diagnosis ranks at most 3 classes; a crash-looping pod should be among them.
    expect(pods).toMatch(/^ranking: k8s-crashloop \d\.\d\d/m);
    expect(panic).toMatch(/panic: assignment to entry in nil map[\s\S]*signatures:\n {2}go-panic +panic: assignment/);
    for (const line of out.match(/^ranking: .*$/gm)!) expect(line.split(', ').length).toBeLessThanOrEqual(3);
    expect(c.err).toEqual([]);
  });

  it('usage errors and bad settings are refused before any worker starts', async () => {
    const c = capture();
    expect(await main(['ocr'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('Usage: memegraph ocr IMAGE... [--json]');
    const cmd = makeOcrCommand({ env: {} });
    await expect(cmd.run([], capture().io)).rejects.toBeInstanceOf(UsageError);
    await expect(cmd.run(['--frobnicate', 'x.png'], capture().io)).rejects.toBeInstanceOf(UsageError);
    await expect(makeOcrCommand({ env: { OCR_WORKERS: 'many' } }).run(['x.png'], capture().io)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a file over MAX_IMAGE_BYTES without reading it', async () => {
    const c = capture();
    const code = await makeOcrCommand({ env: { MAX_IMAGE_BYTES: '100' } }).run([file('pods.png')], c.io);
    expect(code).toBe(3);
    expect(c.err.join('')).toMatch(/pods\.png: PAYLOAD_TOO_LARGE: image is \d+ bytes; the limit is 100/);
  });

  const bin = join(__dirname, '../../bin/memegraph.js');
  it.skipIf(!existsSync(join(__dirname, '../../dist/commands/ocr.command.js')))('runs as a real process: two images, JSON, exits when done', async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [bin, 'ocr', file('pods.png'), file('panic.png'), '--json'], { timeout: 60_000, env: { ...process.env, OCR_WORKERS: '2' } }, (_err, out) =>
        resolve({ code: child.exitCode, stdout: out }),
      );
    });
    expect(code).toBe(0);
    const { results } = JSON.parse(stdout) as { results: { file: string; text: string; ranking: unknown[] }[] };
    expect(results.map((r) => r.file)).toEqual([file('pods.png'), file('panic.png')]);
    expect(results[0]!.text).toContain('CrashLoopBackOff');
    expect(results[1]!.text).toContain('nil map');
  });
});

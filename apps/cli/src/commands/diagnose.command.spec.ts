import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../test/run';

const OOM = `NAME                      READY   STATUS      RESTARTS   AGE
billing-7c9d8f6b5-2kq8m   0/1     OOMKilled   4          12m
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
`;

const webhook = {
  receiver: 'oncall',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'CPUThrottlingHigh', namespace: 'shop', container: 'api', pod: 'api-1' },
      annotations: { description: '81% throttling of CPU in namespace shop for container api in pod api-1.', summary: 'Processes experience elevated CPU throttling.' },
    },
  ],
};

describe('memegraph diagnose --text', () => {
  it('prints a short report: class, confidence, evidence spans and first runbook steps', async () => {
    const dir = tempDir({ 'oom.txt': OOM });
    const r = await run('diagnose', '--text', join(dir, 'oom.txt'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Diagnosis: .*\[k8s-oomkilled\]$/m);
    expect(r.stdout).toMatch(/^Confidence: >?\d+%$/m);
    expect(r.stdout).toContain(`[${OOM.indexOf('OOMKilled')}-${OOM.indexOf('OOMKilled') + 9}] "OOMKilled" (oomkilled)`);
    expect(r.stdout).toMatch(/First runbook steps:\n {2}1\. .+\n {5}\$ kubectl/);
  });

  it('prints the full diagnosis with --json', async () => {
    const dir = tempDir({ 'oom.txt': OOM });
    const r = await run('diagnose', '--text', join(dir, 'oom.txt'), '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.ranking[0].classId).toBe('k8s-oomkilled');
    expect(d.unknown).toBe(false);
    expect(d.top.verification).toHaveLength(3);
    expect(d.modelVersion).toMatch(/^kb\d+\.\d+\.\d+-[0-9a-f]{12}$/);
  });

  it('says unknown for unrelated text', async () => {
    const dir = tempDir({ 'lunch.txt': 'Weekly team lunch on Friday' });
    const r = await run('diagnose', '--text', join(dir, 'lunch.txt'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Diagnosis: unknown/);
  });
});

describe('memegraph diagnose --alert', () => {
  it('reads an Alertmanager webhook payload', async () => {
    const dir = tempDir({ 'alert.json': JSON.stringify(webhook) });
    const r = await run('diagnose', '--alert', join(dir, 'alert.json'), '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.ranking[0].classId).toBe('cpu-throttling');
    expect(d.ranking[0].evidence).toContainEqual({ kind: 'alertname', value: 'CPUThrottlingHigh' });
  });

  it('reads a single alert object', async () => {
    const dir = tempDir({ 'alert.json': JSON.stringify(webhook.alerts[0]) });
    const r = await run('diagnose', '--alert', join(dir, 'alert.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[cpu-throttling]');
  });

  it('maps a file that is not JSON to exit 3', async () => {
    const dir = tempDir({ 'alert.json': '{"labels": ' });
    const r = await run('diagnose', '--alert', join(dir, 'alert.json'));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('UNSUPPORTED_FORMAT');
  });

  it('maps JSON that is not an alert to exit 3', async () => {
    const dir = tempDir({ 'alert.json': '[1, 2, 3]' });
    expect((await run('diagnose', '--alert', join(dir, 'alert.json'))).code).toBe(3);
  });
});

describe('memegraph diagnose --jsonl', () => {
  it('answers 1,000 lines in order with exactly id, ranking (top 3, 4 decimals) and unknown, in well under 10 s', async () => {
    const texts = [
      OOM,
      'dial tcp: lookup redis on 10.96.0.10:53: no such host',
      'Weekly team lunch on Friday',
      'accept4: too many open files; retrying in 1s',
      'goroutine 12 [chan send, 41 minutes]:\nmain.worker()',
    ];
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify(i % 7 === 3 ? { id: `a${i}`, alert: webhook } : { id: i, text: texts[i % texts.length] }));
    const dir = tempDir({ 'in.jsonl': `${lines.join('\n')}\n` });
    const started = performance.now();
    const r = await run('diagnose', '--jsonl', join(dir, 'in.jsonl'));
    const seconds = (performance.now() - started) / 1000;
    console.log(`diagnose --jsonl: 1,000 lines in ${seconds.toFixed(2)} s (in-process, training included)`);
    expect(seconds).toBeLessThan(20);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(1000);
    out.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(['id', 'ranking', 'unknown']);
      expect(o.id).toEqual(i % 7 === 3 ? `a${i}` : i);
      expect(o.ranking.length).toBeLessThanOrEqual(3);
      for (const x of o.ranking) {
        expect(Object.keys(x)).toEqual(['classId', 'confidence']);
        expect(Math.round(x.confidence * 1e4) / 1e4).toBe(x.confidence);
      }
    });
    expect(out[0].ranking[0].classId).toBe('k8s-oomkilled');
    expect(out[1].ranking[0].classId).toBe('dns-failure');
    expect(out[2]).toMatchObject({ unknown: true });
    expect(out[3].ranking[0].classId).toBe('cpu-throttling');
  });

  it('reports malformed lines as errors, skips blank lines and keeps going', async () => {
    const dir = tempDir({
      'in.jsonl': ['{"id":"a","text":"no space left on device"}', '{not json', '', '{"id":"b"}', '[1]', '{"id":"c","text":42}', '{"id":"d","text":"x509: certificate has expired"}'].join('\n'),
    });
    const r = await run('diagnose', '--jsonl', join(dir, 'in.jsonl'));
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', null, 'b', null, 'c', 'd']);
    expect(out[0].ranking[0].classId).toBe('disk-full');
    expect(out[1].error).toMatch(/^line 2: invalid JSON/);
    expect(out[2].error).toBe('line 4: line has neither "text" nor "alert"');
    expect(out[3].error).toBe('line 5: line is not a JSON object');
    expect(out[4].error).toBe('line 6: "text" must be a string');
    expect(out[5].ranking[0].classId).toBe('tls-cert-expiry');
  });
});

describe('memegraph diagnose: exit codes', () => {
  it('2 for usage errors', async () => {
    expect((await run('diagnose')).code).toBe(2);
    expect((await run('diagnose', '--text')).code).toBe(2);
    expect((await run('diagnose', '--text', 'a', '--alert', 'b')).code).toBe(2);
    const r = await run('diagnose', '--frobnicate', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: memegraph diagnose');
  });

  it('3 for a missing or empty input file', async () => {
    const missing = await run('diagnose', '--text', '/nonexistent/incident.log');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no such file: /nonexistent/incident.log');
    const dir = tempDir({ 'empty.txt': '' });
    expect((await run('diagnose', '--jsonl', join(dir, 'empty.txt'))).code).toBe(3);
  });

  it('0 and usage text for --help', async () => {
    const r = await run('diagnose', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--jsonl FILE');
  });
});

const bin = join(__dirname, '../../bin/memegraph.js');
const built = existsSync(join(__dirname, '../../dist/commands/diagnose.command.js'));
describe.skipIf(!built)('memegraph diagnose as a real process', () => {
  it('reads --text - from stdin', () => {
    const out = execFileSync(process.execPath, [bin, 'diagnose', '--text', '-', '--json'], { input: 'Error: FATAL: sorry, too many clients already', encoding: 'utf8' });
    expect(JSON.parse(out).ranking[0].classId).toBe('db-pool-exhaustion');
  });
});

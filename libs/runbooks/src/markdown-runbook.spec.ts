import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbookMarkdown } from './markdown-runbook';

const own = `---
title: Go Service Goroutines Growing
weight: 10
---

# GoGoroutinesGrowing

## Meaning

The number of goroutines of a Go service keeps rising and does not come back down.

## Impact

Memory grows with every parked goroutine; latency follows once the scheduler is crowded.

## Diagnosis

- Dump the stacks: \`curl -s http://$POD_IP:6060/debug/pprof/goroutine?debug=2 > g.txt\`
- Group them: \`go tool pprof -top http://$POD_IP:6060/debug/pprof/goroutine\`

\`\`\`shell
$ kubectl -n $NAMESPACE top pod $POD
\`\`\`

## Mitigation

Restart the pods to buy time, then fix the missing cancellation.
`;

describe('parseRunbookMarkdown', () => {
  it('reads the alert name, sections and commands', () => {
    const rb = parseRunbookMarkdown(own, 'go/GoGoroutinesGrowing.md')!;
    expect(rb.alertName).toBe('GoGoroutinesGrowing');
    expect(rb.title).toBe('Go Service Goroutines Growing');
    expect(rb.meaning).toMatch(/^The number of goroutines/);
    expect(rb.impact).toMatch(/^Memory grows/);
    expect(rb.mitigation).toMatch(/^Restart the pods/);
    expect(rb.commands).toEqual([
      'curl -s http://$POD_IP:6060/debug/pprof/goroutine?debug=2 > g.txt',
      'go tool pprof -top http://$POD_IP:6060/debug/pprof/goroutine',
      'kubectl -n $NAMESPACE top pod $POD',
    ]);
  });

  it('skips documents that are not runbooks', () => {
    expect(parseRunbookMarkdown('---\ntitle: index\n---\nSome text only.', '_index.md')).toBeUndefined();
    expect(parseRunbookMarkdown('# Not an alert name here\n', 'x.md')).toBeUndefined();
  });

  const shared = resolve(__dirname, '../../../../shared/corpora/runbooks');
  it.skipIf(!existsSync(shared))('parses every real kube-prometheus runbook', () => {
    let parsed = 0;
    for (const dir of readdirSync(shared, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(shared, dir.name)).filter((n) => n.endsWith('.md') && !n.startsWith('_'))) {
        const md = readFileSync(join(shared, dir.name, f), 'utf8');
        const rb = parseRunbookMarkdown(md, f);
        // A page with no sections only points at another runbook: skipping it is right.
        if (!/^## /m.test(md)) {
          expect(rb, f).toBeUndefined();
          continue;
        }
        expect(rb, f).toBeDefined();
        expect(rb!.alertName).toBe(f.replace(/\.md$/, ''));
        expect((rb!.meaning + rb!.impact).length, f).toBeGreaterThan(10);
        parsed++;
      }
    }
    expect(parsed).toBeGreaterThan(30);
  });
});

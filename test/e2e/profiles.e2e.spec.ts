import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFixture, readRaw } from '../support/fixtures';
import { e2eConfigured, env, launchBrowser, screenshot } from './browser';

/** `go tool pprof -traces` output → per-trace weights (in ns) and frames, the oracle for match shares. */
function readTraces(path: string): { weight: number; frames: string[] }[] {
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 };
  const out: { weight: number; frames: string[] }[] = [];
  for (const block of readFileSync(path, 'utf8').split(/^-+\+-+$/m).slice(1)) {
    const lines = block.split('\n').filter((l) => l.trim());
    const m = /^\s*([\d.]+)(ns|us|µs|ms|s)\s+(.*)$/.exec(lines[0] ?? '');
    if (!m) continue;
    const frames = [m[3]!, ...lines.slice(1).map((l) => l.trim())].map((f) => f.replace(/ \(inline\)$/, ''));
    out.push({ weight: Number(m[1]) * units[m[2]!]!, frames });
  }
  return out;
}

/** The first row of `go tool pprof -top`: the hottest function by flat. */
function hottestFunction(path: string): string {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines.findIndex((l) => /^\s*flat\s+flat%/.test(l));
  return lines[header + 1]!.trim().split(/\s+/).slice(5).join(' ').replace(/ \(inline\)$/, '');
}

/** A synthetic call tree of n nodes in the flame JSON wire form (version 2: parent distances, valueScale). */
function syntheticTree(n: number) {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pkgs = ['main', 'github.com/acme/api', 'encoding/json', 'net/http', 'runtime', 'reflect', 'database/sql'];
  const names = Array.from({ length: 5000 }, (_, i) => `${pkgs[i % pkgs.length]}.F${i}`).concat('root');
  const name = [names.length - 1];
  const parent = [-1];
  const depth = [0];
  const self = [0];
  const stack = [0];
  while (name.length < n) {
    const top = stack[stack.length - 1]!;
    if (stack.length > 1 && (rnd() < 0.2 + depth[top]! * 0.012 || depth[top]! > 60)) {
      stack.pop();
      continue;
    }
    parent.push(top);
    depth.push(depth[top]! + 1);
    name.push(Math.floor(rnd() * 5000));
    self.push(rnd() < 0.5 ? Math.floor(rnd() ** 3 * 1000) : 0);
    stack.push(name.length - 1);
  }
  const total = self.slice();
  for (let i = n - 1; i > 0; i--) total[parent[i]!]! += total[i]!;
  return {
    version: 2,
    sampleType: 'cpu',
    unit: 'nanoseconds',
    total: total[0]! * 10_000,
    valueScale: 10_000,
    names,
    files: names.map(() => ''),
    nodes: { name, parentDelta: parent.map((p, i) => (p < 0 ? 0 : i - p)), self, total },
    otherName: -1,
    pruned: { nodes: 0, weight: 0, minFraction: 0 },
  };
}

const drawnFrames = async (page: Page, testId: string) => Number(await page.locator(`[data-testid="${testId}"] canvas`).getAttribute('data-drawn-frames'));

// Browser-side checks are passed as strings: this suite is typechecked without the DOM library.
const canvasAttr = (testId: string, attr: string) => `document.querySelector('[data-testid="${testId}"] canvas')?.getAttribute('${attr}')`;
const waitForDrawn = (page: Page, testId: string, min: number) => page.waitForFunction(`Number(${canvasAttr(testId, 'data-drawn-frames')}) > ${min}`);
const activeId = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.id');

async function openProfileFromList(page: Page, filename: string): Promise<void> {
  const row = page.locator('tr[data-status="done"]', { hasText: filename }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.getByRole('link', { name: filename }).click();
  await page.waitForURL(/\/profiles\/[0-9a-f-]{36}$/);
}

async function uploadViaApi(name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(projectFixture(name))]), name);
  const res = await fetch(`${env.api}/v1/profiles`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${env.token}` } });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  let status = 'queued';
  for (let i = 0; i < 240 && (status === 'queued' || status === 'processing'); i++) {
    await new Promise((r) => setTimeout(r, 250));
    status = ((await (await fetch(`${env.api}/v1/profiles/${id}`, { headers: { Authorization: `Bearer ${env.token}` } })).json()) as { status: string }).status;
  }
  expect(status).toBe('done');
  return id;
}

describe.skipIf(!e2eConfigured)('profiles page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('uploads a profile from the browser and shows its summary once the worker is done', async () => {
    const page = await browser.newPage();
    await page.goto(`${env.web}/profiles`);
    await expect(page.getByRole('heading', { name: 'Profiles' }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Profile file').setInputFiles(projectFixture('healthy.heap.pb.gz'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('status').filter({ hasText: 'Uploaded healthy.heap.pb.gz' }).waitFor();

    const row = page.locator('tr[data-status="done"]', { hasText: 'healthy.heap.pb.gz' }).first();
    await row.waitFor({ timeout: 60_000 });
    const oracle = readRaw(projectFixture('healthy.heap.raw.txt'));
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('heap');
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe(oracle.samples.toLocaleString('en-US'));
    await screenshot(page, 'profiles-done');
  });

  it('shows the API error when the file is not a profile', async () => {
    const page = await browser.newPage();
    await page.goto(`${env.web}/profiles`);
    await page.getByLabel('Profile file').setInputFiles({ name: 'not-a-profile.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, I am text') });
    await page.getByRole('button', { name: 'Upload' }).click();
    const status = page.getByRole('status');
    await status.filter({ hasText: 'UNSUPPORTED_FORMAT' }).waitFor();
    await expect(status.textContent()).resolves.toContain('plain text');
    await screenshot(page, 'profiles-rejected');
  });

  it('the same flow works with curl-style requests straight to the API', async () => {
    await uploadViaApi('healthy.cpu.pb.gz');
  });

  it('uploads several files at once, each with its own progress bar', async () => {
    const page = await browser.newPage();
    await page.goto(`${env.web}/profiles`);
    const files = ['cpu-reflection-json.cpu.pb.gz', 'goroutine-leak-chan.goroutine.debug2.t1.txt'];
    await page.getByLabel('Profile file').setInputFiles(files.map(projectFixture));
    await page.getByRole('button', { name: 'Upload' }).click();
    for (const f of files) await page.getByRole('status').filter({ hasText: `Uploaded ${f}` }).waitFor();
    const bars = page.getByRole('list', { name: 'Uploads' }).locator('progress');
    await expect(bars.count()).resolves.toBe(2);
    for (let i = 0; i < 2; i++) await expect(bars.nth(i).getAttribute('value')).resolves.toBe('1');
    for (const f of files) await page.locator('tr[data-status="done"]', { hasText: f }).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'profiles-multi-upload');
  });

  it('uploads files dropped onto the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${env.web}/profiles`);
    const files = ['busy-loop.cpu.pb.gz', 'busy-loop.goroutine.debug2.txt'].map((name) => ({ name, b64: readFileSync(projectFixture(name)).toString('base64') }));
    const dataTransfer = await page.evaluateHandle(`(() => {
      const dt = new DataTransfer();
      for (const f of ${JSON.stringify(files)}) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      return dt;
    })()`);
    const zone = page.getByRole('form', { name: 'Upload profiles' });
    // Until React has hydrated the page the drop zone has no handlers: repeat the dragenter.
    await expect
      .poll(
        async () => {
          await zone.dispatchEvent('dragenter', { dataTransfer });
          return zone.getAttribute('class');
        },
        { timeout: 15_000, interval: 250 },
      )
      .toContain('dragging');
    await zone.dispatchEvent('drop', { dataTransfer });
    for (const f of files) await page.getByRole('status').filter({ hasText: `Uploaded ${f.name}` }).waitFor();
    for (const f of files) await page.locator('tr[data-status="done"]', { hasText: f.name }).first().waitFor({ timeout: 60_000 });
  });

  it('opens a CPU profile: canvas flame graph, search share, zoom, top table and the sandwich view', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await uploadViaApi('cpu-reflection-json.cpu.pb.gz');
    await page.goto(`${env.web}/profiles`);
    await openProfileFromList(page, 'cpu-reflection-json.cpu.pb.gz');
    await page.getByRole('heading', { level: 1, name: 'cpu-reflection-json.cpu.pb.gz' }).waitFor();

    // The flame graph is one canvas; it reports how many frames it drew.
    const canvas = page.locator('[data-testid="main-flame"] canvas');
    await canvas.waitFor();
    await waitForDrawn(page, 'main-flame', 100);
    expect(await drawnFrames(page, 'main-flame')).toBeGreaterThan(100);
    expect(await page.locator('[data-testid="main-flame"] canvas').count()).toBe(1);

    // "/" focuses the search; the matched share equals the traces' share with an encoding/json frame.
    await page.keyboard.press('/');
    await expect(activeId(page)).resolves.toBe('flame-search');
    await page.keyboard.type('encoding/json');
    const match = page.locator('output.match');
    await match.filter({ hasText: '% of total' }).waitFor();
    const traces = readTraces(projectFixture('cpu-reflection-json.cpu.traces.txt'));
    const total = traces.reduce((s, t) => s + t.weight, 0);
    const matched = traces.filter((t) => t.frames.some((f) => f.includes('encoding/json'))).reduce((s, t) => s + t.weight, 0);
    const shown = Number(await match.getAttribute('data-match-pct'));
    expect(Math.abs(shown - (matched / total) * 100)).toBeLessThan(0.01);
    await screenshot(page, 'profile-cpu-search');

    // Click a frame to zoom, Escape to come back.
    await page.keyboard.press('Escape'); // clears the search box
    await page.locator('[data-testid="main-flame"] canvas').click({ position: { x: 200, y: 5 * 20 + 10 } });
    await page.waitForFunction(`${canvasAttr('main-flame', 'data-zoom')} !== '0'`);
    await expect(page.getByRole('navigation', { name: 'Zoom path' }).getByRole('button').count()).resolves.toBeGreaterThan(2);
    await page.keyboard.press('Escape');
    await page.waitForFunction(`${canvasAttr('main-flame', 'data-zoom')} === '0'`);

    // The hottest function (pprof -top's first row) opens its callers/callees.
    const hottest = hottestFunction(projectFixture('cpu-reflection-json.cpu.top.txt'));
    const firstRow = page.locator('table.top tbody tr').first();
    await expect(firstRow.getAttribute('data-fn')).resolves.toBe(hottest);
    await firstRow.click();
    const sandwich = page.locator(`[data-testid="sandwich"][data-fn="${hottest}"]`);
    await sandwich.waitFor();
    await waitForDrawn(page, 'sandwich-callers', 1);
    expect(await drawnFrames(page, 'sandwich-callers')).toBeGreaterThan(1);
    expect(await drawnFrames(page, 'sandwich-callees')).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'profile-cpu-sandwich');

    // Sorting by name puts the rows in name order.
    await page.getByRole('button', { name: 'Sort by Function' }).click();
    const names = await page.locator('table.top tbody tr').evaluateAll((rows) => rows.slice(0, 10).map((r) => r.getAttribute('data-fn') ?? ''));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('stays interactive on a 100,000-node flame graph', async () => {
    const id = await uploadViaApi('cpu-reflection-json.cpu.pb.gz');
    const body = JSON.stringify(syntheticTree(100_000));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 });
    await page.route(new RegExp(`/api/v1/profiles/${id}/flamegraph\\?`), (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(`${env.web}/profiles/${id}`);
    await waitForDrawn(page, 'main-flame', 1000);
    const canvas = page.locator('[data-testid="main-flame"] canvas');
    await page.getByText('100,000 frames').waitFor();
    // A redraw (hover outline) of everything visible, at devicePixelRatio 2.
    await canvas.hover({ position: { x: 300, y: 30 } });
    await canvas.hover({ position: { x: 600, y: 50 } });
    const drawMs = Number(await canvas.getAttribute('data-draw-ms'));
    console.log(`100k nodes: ${await canvas.getAttribute('data-drawn-frames')} frames drawn in ${drawMs} ms`);
    expect(drawMs).toBeLessThan(100);
    await canvas.click({ position: { x: 300, y: 90 } });
    await page.waitForFunction(`${canvasAttr('main-flame', 'data-zoom')} !== '0'`);
    await page.locator('#flame-search').fill('encoding/json');
    await page.locator('output.match').filter({ hasText: '% of total' }).waitFor();
    await screenshot(page, 'profile-100k-nodes');
  });

  it('shows goroutine groups for an uploaded goroutine dump', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await uploadViaApi('goroutine-leak-chan.goroutine.debug2.t1.txt');
    await page.goto(`${env.web}/profiles`);
    await openProfileFromList(page, 'goroutine-leak-chan.goroutine.debug2.t1.txt');
    const panel = page.locator('[data-testid="goroutines"]');
    await panel.waitFor();
    // Oracle: goroutines blocked in "chan send" per the dump's own headers.
    const dump = readFileSync(projectFixture('goroutine-leak-chan.goroutine.debug2.t1.txt'), 'utf8');
    const chanSend = (dump.match(/^goroutine \d+ \[chan send[,\]]/gm) ?? []).length;
    const first = panel.locator('li.group').first();
    await expect(first.getAttribute('data-state')).resolves.toBe('chan send');
    await expect(first.locator('.group-count').textContent()).resolves.toBe(chanSend.toLocaleString('en-US'));
    await first.getByText(/Full stack/).click();
    await first.locator('ol.stack li').first().waitFor();
    await expect(page.locator('[data-testid="main-flame"]').count()).resolves.toBe(0);
    await screenshot(page, 'profile-goroutine-dump');
  });

  it('shows findings with meme captions and badges on the flame graph (findings stubbed into the profile)', async () => {
    const id = await uploadViaApi('cpu-reflection-json.cpu.pb.gz');
    const memes = (await (await fetch(`${env.api}/v1/catalog/memes`, { headers: { Authorization: `Bearer ${env.token}` } })).json()) as {
      items: { id: string; classId: string; caption: { en: string; zh: string } }[];
    };
    const meme = memes.items.find((m) => m.classId === 'cpu-reflection-json') ?? memes.items[0]!;
    const finding = {
      id: 'e2e-finding',
      classId: meme.classId,
      memeId: meme.id,
      severity: 'critical',
      confidence: 0.8,
      title: 'JSON into interface{} burns the CPU in reflection',
      explanation: 'encoding/json decodes into map[string]interface{}.',
      evidence: { frames: [{ name: 'encoding/json.Marshal', cumPct: 24 }], percentages: { 'encoding/json': 60 }, notes: ['<b>not html</b>'] },
      fix: ['Decode into typed structs.'],
      reproduce: ['go tool pprof -top cpu.pb.gz'],
      anchors: ['encoding/json.Marshal'],
    };
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Until the diagnosis engine fills `findings`, the UI is checked against the documented shape.
    await page.route(new RegExp(`/api/v1/profiles/${id}$`), async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...((await res.json()) as object), findings: [finding] } });
    });
    await page.goto(`${env.web}/profiles/${id}`);
    const card = page.locator('#finding-e2e-finding');
    await card.waitFor();
    await card.getByText(meme.caption.en).waitFor();
    await expect(card.getByText('<b>not html</b>').count()).resolves.toBe(1); // text, not markup
    await expect(card.getByRole('button', { name: 'Copy fix step 1' }).count()).resolves.toBe(1);
    await expect(card.getByRole('button', { name: 'Copy command 1' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: '中文' }).click();
    await card.getByText(meme.caption.zh).waitFor();

    const canvas = page.locator('[data-testid="main-flame"] canvas');
    await page.waitForFunction(`(${canvasAttr('main-flame', 'data-badges')} ?? '') !== ''`);
    const [bx, by] = (await canvas.getAttribute('data-badges'))!.split(' ')[0]!.split(',').map(Number);
    await canvas.hover({ position: { x: bx!, y: by! } });
    await page.getByRole('tooltip').getByText(meme.caption.zh).waitFor();
    await screenshot(page, 'profile-findings-badge');
    await canvas.click({ position: { x: bx!, y: by! } });
    await page.locator('#finding-e2e-finding.flash').waitFor();
    await expect(activeId(page)).resolves.toBe('finding-e2e-finding');
  });

  it('compares two profiles: side by side, and the diff graph or a clear "not available"', async () => {
    const base = await uploadViaApi('heap-leak.heap.t1.pb.gz');
    const next = await uploadViaApi('heap-leak.heap.t2.pb.gz');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.web}/profiles/diff?base=${base}&new=${next}`);
    await page.locator('[data-testid="diff-unavailable"], [data-testid="diff-flame"]').first().waitFor();
    for (const side of ['side-base', 'side-new']) await waitForDrawn(page, side, 3);
    const diffRes = await fetch(`${env.api}/v1/profiles/diff?base=${base}&new=${next}`, { headers: { Authorization: `Bearer ${env.token}` } });
    if (diffRes.status === 404) await expect(page.locator('[data-testid="diff-unavailable"]').textContent()).resolves.toContain('not available');
    else expect(await drawnFrames(page, 'diff-flame')).toBeGreaterThan(3);
    await screenshot(page, 'profiles-diff');
  });

  it('remembers the theme the user picks', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(`${env.web}/profiles`);
    await page.getByRole('button', { name: /^Theme: system/ }).click();
    const theme = () => page.evaluate<string | undefined>('document.documentElement.dataset.theme');
    await expect(theme()).resolves.toBe('light');
    await page.reload();
    await expect(theme()).resolves.toBe('light');
    await page.getByRole('heading', { name: 'Profiles' }).waitFor();
    await screenshot(page, 'profiles-light');
  });
});

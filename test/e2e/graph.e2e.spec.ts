import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eConfigured, env, launchBrowser, screenshot } from './browser';

// Browser-side reads are strings: this suite is typechecked without the DOM library.
const canvasAttr = (attr: string) => `document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('${attr}')`;

/** Where the canvas drew each node (its data-positions test hook): id → [x, y]. */
async function positions(page: Page): Promise<Map<string, [number, number]>> {
  const raw = (await page.locator('[data-testid="graph-canvas"]').getAttribute('data-positions')) ?? '';
  return new Map(
    raw
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [id, xy] = line.split('|') as [string, string];
        const [x, y] = xy.split(',').map(Number) as [number, number];
        return [id, [x, y]];
      }),
  );
}

describe.skipIf(!e2eConfigured)('graph page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches a root cause, expands a node by clicking it, shows its details', async () => {
    const memes = (await (await fetch(`${env.api}/v1/catalog/memes`, { headers: { Authorization: `Bearer ${env.token}` } })).json()) as { items: { id: string; classId: string }[] };
    const meme = memes.items.find((m) => m.classId === 'heap-leak')!;

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.web}/graph`);
    await page.getByRole('heading', { level: 1, name: 'Incident graph' }).waitFor();
    // A default view: some root causes and their neighbours.
    await page.waitForFunction(`Number(${canvasAttr('data-nodes')}) > 0`, undefined, { timeout: 30_000 });

    await page.getByLabel('Search the graph').fill('heap-leak');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button').filter({ hasText: 'heap-leak' }).first().click();
    const side = page.getByTestId('graph-side');
    await side.locator('[data-node-id="RootCause:heap-leak"]').waitFor();
    await side.getByRole('link', { name: /Root cause page/ }).waitFor();
    await side.getByText('heap-leak', { exact: true }).first().waitFor();

    // Click the class's meme on the canvas: it is selected and expanded.
    const memeId = `Meme:${meme.id}`;
    await page.waitForFunction(`(${canvasAttr('data-positions')} ?? '').includes('${memeId}|')`, undefined, { timeout: 30_000 });
    await page.waitForTimeout(700); // the layout animation settles
    // A busy graph can lay the node out of view: fit everything into the canvas first.
    await page.getByRole('button', { name: 'Fit' }).click();
    await page.waitForTimeout(700);
    const expandedBefore = Number(await page.locator('[data-testid="graph-canvas"]').getAttribute('data-expanded'));
    const [x, y] = (await positions(page)).get(memeId)!;
    await page.locator('[data-testid="graph-canvas"]').click({ position: { x, y } });
    await side.locator(`[data-node-id="${memeId}"]`).waitFor();
    await page.waitForFunction(`Number(${canvasAttr('data-expanded')}) > ${expandedBefore}`);
    await side.getByText(/Connections \(\d+\)/).waitFor();
    expect(await page.getByRole('list', { name: /Node types/ }).getByRole('button').count()).toBeGreaterThan(0);
    await screenshot(page, 'graph');

    // Fit and reset keep a usable view.
    await page.getByRole('button', { name: 'Fit' }).click();
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(`Number(${canvasAttr('data-nodes')}) > 0`);
  });
});

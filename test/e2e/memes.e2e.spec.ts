import { randomBytes } from 'node:crypto';
import { type Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eConfigured, env, launchBrowser, screenshot } from './browser';

/** A terminal screenshot: light monospace text on black, as `kubectl describe` shows it. */
async function terminalPng(lines: string[]): Promise<Buffer> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const width = 1100;
  const lineHeight = 30;
  const height = 48 + lines.length * lineHeight;
  const text = lines
    .map((l, i) => `<text x="24" y="${44 + i * lineHeight}" xml:space="preserve" font-family="DejaVu Sans Mono, monospace" font-size="20" fill="#e6e6e6">${esc(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#0c0c0c"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe.skipIf(!e2eConfigured)('memes page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('submits a screenshot, shows OCR and suggestions, names what is missing, publishes into the gallery', async () => {
    const png = await terminalPng([
      '$ kubectl -n prod describe pod orders-7d9f8b6c5-x2k4q',
      'Containers:',
      '  app:',
      '    Image:          registry.example.com/orders:1.4.2',
      '    Last State:     Terminated',
      '      Reason:       OOMKilled',
      '      Exit Code:    137',
      '    Restart Count:  7',
    ]);
    const caption = `e2e suitcase ${randomBytes(3).toString('hex')}`;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.web}/memes`);
    await page.getByRole('heading', { level: 1, name: 'Memes' }).waitFor();

    await page.getByLabel('Screenshot', { exact: true }).setInputFiles({ name: 'oom.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('img', { name: 'Preview of the chosen screenshot' }).waitFor();
    await page.getByLabel('Caption', { exact: true }).fill(caption);
    await page.getByLabel('Tags', { exact: true }).fill('oom, e2e');
    await page.getByLabel('Service', { exact: true }).fill('orders');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();

    // OCR runs in the worker (tesseract.js): the page polls until the text is there.
    const panel = page.getByTestId('meme-submission');
    await panel.waitFor();
    const ocr = panel.getByTestId('ocr-text');
    await ocr.waitFor({ timeout: 60_000 });
    await expect(ocr.textContent()).resolves.toMatch(/OOMKilled/);
    const suggestions = panel.getByRole('list', { name: 'Suggested root causes' });
    await suggestions.getByRole('listitem').first().waitFor();
    await expect(suggestions.textContent()).resolves.toContain('OOMKilled');
    // The class picker defaults to the top suggestion.
    await expect(panel.getByLabel('Root cause', { exact: true }).inputValue()).resolves.toBe('k8s-oomkilled');
    await screenshot(page, 'memes-ocr');

    // A runbook with one part missing: only one revision to roll back to.
    await panel.getByLabel('Title', { exact: true }).fill('orders OOMKilled after the 1.4.2 rollout');
    await panel.getByLabel('Command 1', { exact: true }).fill('kubectl -n prod describe pod orders-7d9f8b6c5-x2k4q  # image orders:1.4.2');
    await panel.getByLabel('PromQL 1', { exact: true }).fill('sum(increase(kube_pod_container_status_restarts_total{namespace="prod", container="app"}[1h]))');
    await panel.getByLabel('PromQL 2', { exact: true }).fill('max(container_memory_working_set_bytes{namespace="prod", container="app"}) / max(kube_pod_container_resource_limits{namespace="prod", container="app", resource="memory"})');
    await panel.getByLabel('PromQL 3', { exact: true }).fill('increase(node_vmstat_oom_kill[1h])');
    await panel.getByLabel('Rollback step 1', { exact: true }).fill('kubectl -n prod rollout undo deployment/orders');
    await panel.getByLabel('Revisions available', { exact: true }).fill('1');
    await panel.getByLabel('Commit', { exact: true }).fill('3f9c2e1');
    await panel.getByLabel('Commit message', { exact: true }).fill('orders: GOMEMLIMIT=450MiB');
    await panel.getByRole('button', { name: 'Publish', exact: true }).click();
    const missing = panel.locator('.field-error[data-field="rollback.revisionsAvailable"]');
    await missing.waitFor();
    await expect(missing.textContent()).resolves.toContain('at least 2 revisions');
    await expect(panel.getByLabel('Revisions available', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await panel.getByRole('alert').filter({ hasText: 'rollback.revisionsAvailable' }).waitFor();
    await screenshot(page, 'memes-validation');

    // Completed: published, and in the gallery.
    await panel.getByLabel('Revisions available', { exact: true }).fill('5');
    await panel.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.locator('[data-testid="meme-submission"][data-status="published"]').waitFor({ timeout: 30_000 });
    await expect(missing.count()).resolves.toBe(0);
    const gallery = page.getByRole('list', { name: 'Published memes' });
    const card = gallery.getByRole('listitem').filter({ hasText: caption });
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('link', { name: 'Container OOMKilled at its memory limit' }).waitFor();
    await card.getByRole('link', { name: 'incident' }).waitFor();
    const memeId = await card.getAttribute('data-meme-id');
    await page.waitForFunction(`(() => { const img = document.querySelector('li[data-meme-id="${memeId}"] img'); return !!img && img.complete && img.naturalWidth > 0; })()`);
    await screenshot(page, 'memes-published');
  });

  it('shows the built-in meme catalog in both languages', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${env.web}/memes`);
    await page.getByRole('heading', { level: 1, name: '梗图' }).waitFor();
    await page.getByRole('heading', { name: '内置梗图' }).waitFor();
    await page.getByText('行李箱塞爆了', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: /切换到英文/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Memes' }).waitFor();
    await page.getByText('The overstuffed suitcase bursts open', { exact: false }).first().waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Memes' }).waitFor();
  });
});

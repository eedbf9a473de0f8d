import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eConfigured, env, launchBrowser, screenshot } from './browser';

/** The Alertmanager webhook credential of the e2e API (scripts/test sets ALERTMANAGER_TOKEN to it). */
const alertmanagerToken = process.env.E2E_ALERTMANAGER_TOKEN ?? '';
const SKIP_WEBHOOK = 'E2E_ALERTMANAGER_TOKEN is not set, so no Alertmanager webhook can be sent: the live alert test is skipped (scripts/test sets it).';
if (e2eConfigured && !alertmanagerToken) console.warn(SKIP_WEBHOOK);

async function sendAlert(service: string, fingerprint: string): Promise<string> {
  const payload = {
    version: '4',
    status: 'firing',
    receiver: 'memegraph',
    groupLabels: { alertname: 'KubePodOOMKilled' },
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'KubePodOOMKilled', service, namespace: 'prod', severity: 'critical', pod: `${service}-7d9f8b6c5-x2k4q` },
        annotations: {
          summary: `Container app of ${service} was OOMKilled`,
          description: `Pod prod/${service}-7d9f8b6c5-x2k4q restarted: Last State Terminated, Reason: OOMKilled, Exit Code: 137 (memory limit 512Mi).`,
        },
        startsAt: new Date().toISOString(),
        fingerprint,
      },
    ],
  };
  const res = await fetch(`${env.api}/v1/webhooks/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alertmanagerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(res.status).toBe(202);
  const body = (await res.json()) as { alertIds: string[] };
  return body.alertIds[0]!;
}

describe.skipIf(!e2eConfigured)('alerts page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a new Alertmanager alert live, opens its diagnosis and takes feedback', async (ctx) => {
    if (!alertmanagerToken) ctx.skip(SKIP_WEBHOOK);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.web}/`);
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    // The stream is connected before the alert is sent, so it can only arrive through it.
    await page.locator('.conn[data-state="live"]').waitFor({ timeout: 30_000 });
    await page.evaluate('window.__noReload = true');

    const service = `e2e-${randomBytes(4).toString('hex')}`;
    const id = await sendAlert(service, randomBytes(8).toString('hex'));
    const row = page.locator(`tr[data-alert-id="${id}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('KubePodOOMKilled');
    await expect(row.textContent()).resolves.toContain(service);
    // The worker's diagnosis arrives on the same stream.
    await page.locator(`tr[data-alert-id="${id}"][data-enrichment="enriched"]`).waitFor({ timeout: 60_000 });
    await expect(page.evaluate('window.__noReload === true')).resolves.toBe(true);
    await row.getByText('Container OOMKilled').waitFor();
    await screenshot(page, 'alerts-live');

    // Filters: by service shows only this alert.
    await page.getByLabel('Service', { exact: true }).fill(service);
    await page.waitForURL(new RegExp(`service=${service}`));
    await page.waitForFunction(`document.querySelectorAll('tr[data-alert-id]').length === 1 && !!document.querySelector('tr[data-alert-id="${id}"]')`);

    await row.getByRole('link', { name: 'KubePodOOMKilled' }).click();
    await page.waitForURL(new RegExp(`/alerts/${id}$`));
    const card = page.locator('section.diagnosis-card');
    await card.getByTestId('root-cause-title').filter({ hasText: 'OOMKilled' }).waitFor({ timeout: 30_000 });
    // Evidence: the exact matched text, highlighted inside the alert's description.
    await expect(card.locator('.alert-text mark', { hasText: 'Exit Code: 137' }).count()).resolves.toBeGreaterThan(0);
    // Runbook with copy buttons, three PromQL checks, the rollback checklist.
    await card.getByRole('heading', { name: 'Runbook' }).waitFor();
    await expect(card.getByRole('button', { name: 'Copy runbook command 1' }).count()).resolves.toBe(1);
    await expect(card.getByRole('button', { name: /^Copy PromQL query \d$/ }).count()).resolves.toBe(3);
    const boxes = card.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThan(0);
    await boxes.first().check();
    await card.getByText(/^1 of \d+ done$/).waitFor();
    // The Mermaid sequence diagram is drawn (lazily loaded on this page).
    await page.locator('.mermaid-svg svg').waitFor({ timeout: 30_000 });
    await page.getByText('Enrichment steps').waitFor();

    await card.getByRole('button', { name: 'Correct ✓' }).click();
    await card.getByRole('status').filter({ hasText: 'recorded as correct' }).waitFor();
    await screenshot(page, 'alert-detail');
  });

  it('shows alert jobs that failed every attempt and retries one', async (ctx) => {
    const prefix = process.env.E2E_QUEUE_PREFIX;
    if (!prefix || !process.env.REDIS_URL) ctx.skip('E2E_QUEUE_PREFIX and REDIS_URL name the e2e queues (scripts/test sets them)');
    // A delivery job that cannot succeed (malformed): the worker dead-letters it at once.
    const jobId = `e2e-broken-${randomBytes(4).toString('hex')}`;
    const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue('alert-ingest', { connection: redis, prefix });
    try {
      await queue.add('ingest', { alerts: [{ id: 'not-an-id', name: 'BrokenDelivery' }], receivedAt: 'yesterday' }, { jobId, attempts: 2 });
      const listed = async () => {
        const res = await fetch(`${env.api}/v1/alerts/dead-letters`, { headers: { authorization: `Bearer ${env.token}` } });
        return ((await res.json()) as { items: { id: string }[] }).items.some((j) => j.id === jobId);
      };
      for (let i = 0; i < 100 && !(await listed()); i++) await new Promise((r) => setTimeout(r, 200));
      expect(await listed()).toBe(true);

      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${env.web}/`);
      const panel = page.locator('details.dead-letters');
      await panel.getByText(/^Alert jobs that failed every attempt: \d+$/).click();
      const item = panel.locator('li', { hasText: 'BrokenDelivery' });
      await item.getByText(/malformed alert-ingest job/).waitFor();
      await screenshot(page, 'alerts-dead-letters');
      await item.getByRole('button', { name: 'Retry' }).click();
      await item.getByRole('status').filter({ hasText: 'Queued again' }).waitFor();
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });

  it('diagnoses pasted kubectl output', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.web}/`);
    await page.getByText('Diagnose pasted text').click();
    await page.getByLabel('Text to diagnose').fill('Last State:     Terminated\n  Reason:       OOMKilled\n  Exit Code:    137\nRestart Count:  4');
    await page.getByRole('button', { name: 'Diagnose', exact: true }).click();
    const result = page.locator('.diagnose-result');
    await result.locator('.verdict-title').filter({ hasText: 'OOMKilled' }).waitFor();
    await expect(result.locator('mark', { hasText: 'OOMKilled' }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'alerts-diagnose-text');
  });
});

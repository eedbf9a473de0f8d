import { readFileSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFixture, readRaw } from '../support/fixtures';
import { e2eConfigured, env, launchBrowser, screenshot } from './browser';

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
    const form = new FormData();
    form.append('file', new Blob([readFileSync(projectFixture('healthy.cpu.pb.gz'))]), 'healthy.cpu.pb.gz');
    const res = await fetch(`${env.api}/v1/profiles`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${env.token}` } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let status = 'queued';
    for (let i = 0; i < 120 && (status === 'queued' || status === 'processing'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = ((await (await fetch(`${env.api}/v1/profiles/${id}`, { headers: { Authorization: `Bearer ${env.token}` } })).json()) as { status: string }).status;
    }
    expect(status).toBe('done');
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const env = {
  web: process.env.E2E_WEB_URL ?? '',
  api: process.env.E2E_API_URL ?? '',
  token: process.env.E2E_TOKEN ?? '',
  out: process.env.E2E_OUT ?? 'test-output/e2e',
};
export const e2eConfigured = Boolean(env.web && env.api);

/** Debian's Chromium, headless, with no background traffic (the network here is closed). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(env.out, { recursive: true });
  await page.screenshot({ path: join(env.out, `${name}.png`), fullPage: true });
}

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { assertAccessible } from './accessibility.ts';

/** Debian's Chromium, driven headless with the flags CI containers need. */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export const LAPTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Screenshots are kept as test artifacts here (git-ignored). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-artifacts/screenshots');

export interface Chromium {
  /** A browser profile of its own (cookies, storage), as a fresh person would have. */
  newProfile(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Launches Chromium profiles, each in a fresh user-data directory removed at the end. */
export function startChromium(): Chromium {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install chromium" (.ci/run does it when test/browser exists)`);
  const profiles: { context: BrowserContext; dir: string }[] = [];
  return {
    async newProfile() {
      const dir = mkdtempSync(join(tmpdir(), 'provisio-chromium-'));
      const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: LAPTOP });
      context.setDefaultTimeout(15_000);
      profiles.push({ context, dir });
      return context;
    },
    async close() {
      for (const { context, dir } of profiles) {
        await context.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** After an accessibility check, full-page screenshots of the page at laptop and phone width, named `<journey>-<step>-<width>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await assertAccessible(page, name);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-laptop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  // Readable on a phone: nothing makes the page wider than the screen (wide tables scroll inside their frame).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(LAPTOP);
}

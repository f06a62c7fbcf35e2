import { expect, Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { DEMO, englishUnits, phone } from './helpers';

// Every page each role can reach by following links from its home, at 390x844 in zh-CN: no
// English unit or day name on any of them (issue 21), and a full-page screenshot of each in
// screenshots/walk/<role>/ to look at. One visit per page kind (ids and numbers folded), so the
// walk stays short however much data earlier specs left (it runs last, alphabetically).

const SHOTS = 'screenshots/walk';
const MAX_PAGES = 60;

/** Links not to follow: downloads, the API, photos, signing out, other sites. */
function skip(url: URL, origin: string): boolean {
  if (url.origin !== origin) return true;
  return /^\/(api|export|photos|auth|pkg|login)(\/|$)|\.(xlsx|csv|png|jpg|js|css|json|webmanifest)$/.test(url.pathname);
}

/** The kind of page: ids and numbers folded, the query dropped. */
function kind(path: string): string {
  return path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/\/[A-Za-z0-9_-]{20,}/g, '/:token')
    .replace(/\d{4,}/g, ':n');
}

async function walk(page: Page, role: string) {
  const origin = new URL(page.url()).origin;
  mkdirSync(`${SHOTS}/${role}`, { recursive: true });
  const seen = new Set<string>();
  const queue = ['/'];
  const problems: string[] = [];
  let visited = 0;
  while (queue.length > 0 && visited < MAX_PAGES) {
    const path = queue.shift()!;
    const k = kind(path);
    if (seen.has(k)) continue;
    seen.add(k);
    const response = await page.goto(path);
    visited += 1;
    if (!response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    // An empty outbox (a fresh phone) offers nothing to send.
    if (k === '/outbox') await expect(page.locator('[data-outbox-send]')).toBeHidden();
    const hits = await englishUnits(page);
    if (hits.length > 0) problems.push(`${path}: ${hits.join('; ')}`);
    const name = k.replace(/^\//, '').replace(/[/:?&=]+/g, '_') || 'home';
    await page.screenshot({ path: `${SHOTS}/${role}/${name}.png`, fullPage: true });
    const hrefs = await page
      .locator('a[href]:not([download]):not([rel~="external"])')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (skip(url, origin)) continue;
      if (!seen.has(kind(url.pathname))) queue.push(url.pathname);
    }
  }
  expect(visited, `${role} reached only ${visited} pages`).toBeGreaterThan(2);
  expect(problems, `English units or day names on ${role}'s pages`).toEqual([]);
}

for (const [role, account] of Object.entries(DEMO)) {
  test(`every page of the ${role} reads in Chinese units (390x844, screenshots)`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await phone(browser, account);
    await walk(page, role);
    await page.context().close();
  });
}

import { expect, test } from '@playwright/test';
import { DEMO, hydrated, login } from './helpers';

const IMMUTABLE = 'public, max-age=31536000, immutable';

test('pages without an island load no WASM; built files are hashed and cached for good', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (req) => loaded.push(new URL(req.url()).pathname));
  await login(page, DEMO.enterprise_admin);
  await page.goto('/admin/users');
  await expect(page.locator('h1')).toBeVisible();
  const css = await page.locator('link[rel="stylesheet"]').getAttribute('href');
  expect(css).toMatch(/^\/pkg\/anxun\.[\w-]+\.css$/);
  expect(await page.locator('script[type="module"], link[rel="modulepreload"]').count()).toBe(0);
  // The one script every page loads is the plain /offline.js (service worker and outbox
  // badge, a few KB); no WASM and no module of the islands' bundle.
  expect(loaded.filter((p) => p.endsWith('.wasm') || (p.endsWith('.js') && p !== '/offline.js'))).toEqual([]);

  const res = await page.request.get(css!);
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe(IMMUTABLE);
  const manifest = await page.request.get('/manifest.webmanifest');
  expect(manifest.headers()['cache-control']).toBe('public, max-age=3600');

  // The CSV import page has the one island: it loads the (hashed) WASM and hydrates.
  await page.goto('/admin/users/import');
  await hydrated(page);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  const wasm = loaded.find((p) => /^\/pkg\/anxun\.[\w-]+\.wasm$/.test(p));
  expect(wasm).toBeTruthy();
  expect((await page.request.get(wasm!)).headers()['cache-control']).toBe(IMMUTABLE);
});

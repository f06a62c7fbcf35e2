import { expect, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Anxun@2026';

/** The demo logins (see README.md and app/src/demo.rs). */
export const DEMO = {
  worker: '13800000001',
  safety_officer: '13800000002',
  trainer: '13800000003',
  enterprise_admin: '13800000004',
  regulator: '13800000005',
} as const;

export async function login(page: Page, account: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('input[name="account"]').fill(account);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[action="/auth/login"] button[type="submit"]').click();
}

/**
 * Waits until the WASM has hydrated the page (the app marks <body> when done). Pages without an
 * island of the app's own load no WASM (see `shell` in app/src/app.rs): there is nothing to wait
 * for. (leptos_i18n's provider, around every page, is an island too, but needs no WASM alone.)
 */
export async function hydrated(page: Page) {
  const islands = page.locator('leptos-island:not([data-component^="I18nContextProvider"])');
  if ((await islands.count()) === 0) return;
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
}

/** A mobile number no earlier run has used, so the tests also pass against a reused database. */
let sequence = 0;
export function uniqueMobile(): string {
  const stamp = (Date.now() % 1_000_000) * 100 + (sequence++ % 100);
  return `139${String(stamp).padStart(8, '0')}`;
}

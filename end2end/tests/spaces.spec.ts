import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { decodeQr, DEMO, hydrated, login } from './helpers';

const SHOTS = 'screenshots';

test('an officer registers a space, its poster QR opens the scan page, a new QR retires the old', async ({ page, browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const code = `YX-${Date.now() % 1_000_000}`;
  await login(page, DEMO.safety_officer);
  await page.goto('/spaces');
  await hydrated(page);
  const form = page.locator('#register-space');
  // The other pages' buttons lead; nothing stands between the search and the register form
  // but the list.
  const navBottom = await page.locator('nav.spaces-nav').evaluate((n) => n.getBoundingClientRect().bottom);
  const searchTop = await page.locator('form.search').evaluate((f) => f.getBoundingClientRect().top);
  expect(navBottom).toBeLessThanOrEqual(searchTop);
  await expect(page.locator('form.search ~ .row-actions')).toHaveCount(0);
  await form.locator('input[name="form[code]"]').fill(code);
  await form.locator('input[name="form[name]"]').fill('1号污水池');
  await form.locator('input[name="form[location]"]').fill('污水处理站');
  await form.locator('select[name="form[space_type]"]').selectOption('pit');
  await form.locator('input[value="toxic"]').check();
  await form.locator('input[value="drowning"]').check();
  await form.locator('input[name="form[toxic_asphyxiation_risk]"]').check();
  await form.locator('button[type="submit"]').click();
  // Registered: the officer lands on the new space's page.
  await expect(page).toHaveURL(/\/spaces\/[0-9a-f-]{36}\?registered=1$/);
  await expect(page.getByRole('status')).toContainText('已登记');
  await expect(page.locator('h1')).toContainText(code);
  await page.getByRole('link', { name: '二维码标识牌' }).click();
  const poster = page.locator('article.poster');
  await expect(poster).toContainText('有限空间 危险 未经许可 严禁入内');
  await expect(poster).toContainText('中毒');
  await expect(poster.locator('.poster-qr svg')).toBeVisible();
  await poster.screenshot({ path: `${SHOTS}/poster.png` });
  const url = decodeQr(`${SHOTS}/poster.png`);
  expect(url).toMatch(/\/c\/[a-z2-7]{26}$/);
  const shortCode = await poster.locator('[data-short-code]').getAttribute('data-short-code');

  // A worker's phone opens the QR: log in, then land on the space's scan page.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
  const worker = await phone.newPage();
  await worker.goto(url);
  await expect(worker).toHaveURL(/\/login\?next=%2Fc%2F/);
  await worker.locator('input[name="account"]').fill(DEMO.worker);
  await worker.locator('input[name="password"]').fill('Anxun@2026');
  await worker.locator('form[action="/auth/login"] button[type="submit"]').click();
  await expect(worker).toHaveURL(url);
  await expect(worker.locator('section.scan h1')).toContainText(code);
  await expect(worker.locator('section.scan')).toContainText('淹溺');
  await expect(worker.locator('section.scan')).toContainText('当前无作业');
  await worker.screenshot({ path: `${SHOTS}/scan.png`, fullPage: true });

  // The short code typed on the scan page leads to the same place.
  await worker.goto('/scan');
  await worker.locator('input[name="code"]').fill(shortCode!.toLowerCase());
  await worker.getByRole('button', { name: '打开' }).click();
  // The same page (a space's page is its token's; a patrol point's keeps the code, so its
  // patrol is recorded as typed by the server).
  await expect(worker).toHaveURL(url);

  // The officer replaces the QR: the old poster now says so.
  await page.goBack();
  await hydrated(page);
  await page.getByRole('button', { name: '更换二维码' }).click();
  await expect(page.getByRole('status')).toContainText('已更换二维码');
  await worker.goto(url);
  await expect(worker.locator('h1')).toHaveText('此二维码已更换');
  await phone.close();
});

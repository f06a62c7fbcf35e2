import { expect, test } from '@playwright/test';
import { DEMO, login } from './helpers';

const homes: Array<[keyof typeof DEMO, string[]]> = [
  ['worker', ['/', '/scan', '/hazards', '/training', '/me']],
  ['safety_officer', ['/', '/spaces', '/hazards', '/patrols', '/me']],
  ['trainer', ['/', '/training', '/scan', '/me']],
  ['enterprise_admin', ['/', '/admin/users', '/spaces', '/training', '/me']],
  ['regulator', ['/', '/overview', '/visits', '/enterprises', '/me']],
];

for (const [role, nav] of homes) {
  test(`${role} signs in and sees their own home`, async ({ page }) => {
    await login(page, DEMO[role]);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator(`section.home[data-role="${role}"]`)).toBeVisible();
    await expect(page.locator('section.home h1')).toContainText('你好');
    const links = page.locator('nav.bottom-nav a');
    await expect(links).toHaveCount(nav.length);
    for (const [i, href] of nav.entries()) {
      await expect(links.nth(i)).toHaveAttribute('data-nav', href);
    }
    // Touch targets are at least 44 px tall.
    const box = await links.first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  });
}

test('a wrong password shows the translated error, in Chinese and in English', async ({ page }) => {
  await login(page, DEMO.trainer, 'not-the-password');
  await expect(page).toHaveURL(/\/login\?error=bad_credentials/);
  await expect(page.getByRole('alert')).toHaveText('账号或密码错误');
  // Neither the account nor the password comes back: the address after a failure never
  // carries the account (issue 20: history, proxy logs, and a header as long as the account).
  expect(page.url()).not.toContain(DEMO.trainer);
  await expect(page.locator('input[name="account"]')).toHaveValue('');
  await expect(page.locator('input[name="password"]')).toHaveValue('');

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong account or password');
  await expect(page.locator('form[action="/auth/login"] button')).toHaveText('Sign in');
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page.locator('form[action="/auth/login"] button')).toHaveText('登录');
});

test('an empty form names the missing field', async ({ page }) => {
  await page.goto('/login');
  await page.locator('form[action="/auth/login"] button[type="submit"]').click();
  await expect(page.getByRole('alert')).toHaveText('请填写手机号或工号');
});

test('a page needs a login and comes back after it', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  await page.locator('input[name="account"]').fill(DEMO.enterprise_admin);
  await page.locator('input[name="password"]').fill('Anxun@2026');
  await page.locator('form[action="/auth/login"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.locator('h1')).toHaveText('人员管理');
});

test('an employee number with the enterprise code signs in', async ({ page }) => {
  await page.goto('/login');
  await page.locator('input[name="account"]').fill('W001');
  await page.locator('input[name="password"]').fill('Anxun@2026');
  await page.locator('summary').click();
  await page.locator('input[name="enterprise_code"]').fill('demo');
  await page.locator('form[action="/auth/login"] button[type="submit"]').click();
  await expect(page.locator('section.home[data-role="worker"]')).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
  await login(page, DEMO.worker);
  await page.goto('/me');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F/);
});

test('a worker calling an admin server function is refused', async ({ page }) => {
  await login(page, DEMO.worker);
  await expect(page.locator('section.home')).toBeVisible();
  const res = await page.request.post('/api/v1/users/list', {
    headers: { accept: 'application/json' },
    form: {},
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('Forbidden');
  const page2 = await page.request.get('/admin/users');
  expect(await page2.text()).toContain('你的角色无权查看此页面');
});

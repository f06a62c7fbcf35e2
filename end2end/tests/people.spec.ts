import { expect, test } from '@playwright/test';
import { DEMO, hydrated, login, uniqueMobile } from './helpers';

test('an admin adds a worker and the new worker can sign in', async ({ page }) => {
  const mobile = uniqueMobile();
  await login(page, DEMO.enterprise_admin);
  await page.goto('/admin/users');
  await hydrated(page);
  const form = page.locator('form', { has: page.locator('input[name="form[name]"]') });
  // The list of people comes first, the add-person form after it.
  const listTop = (await page.locator('ul.people').boundingBox())!.y;
  expect((await page.locator('#add-person').boundingBox())!.y).toBeGreaterThan(listTop);
  await form.locator('input[name="form[name]"]').fill('陈新工');
  await form.locator('input[name="form[mobile]"]').fill(`${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`);
  await form.locator('select[name="form[role]"]').selectOption('worker');
  await form.locator('input[name="form[password]"]').fill('short');
  await form.locator('button[type="submit"]').click();
  // Bad input: a translated message naming the field; nothing is saved.
  await expect(form.getByRole('alert')).toHaveText('密码至少需要 8 个字符');
  await expect(page.locator('li.person', { hasText: mobile })).toHaveCount(0);

  await form.locator('input[name="form[name]"]').fill('陈新工');
  await form.locator('input[name="form[mobile]"]').fill(mobile);
  await form.locator('input[name="form[password]"]').fill('welcome-101');
  await form.locator('button[type="submit"]').click();
  await expect(form.getByRole('status')).toHaveText('已保存：陈新工');
  await expect(page.locator('li.person', { hasText: mobile })).toContainText('陈新工');

  const other = await page.context().browser()!.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const p2 = await other.newPage();
  await login(p2, mobile, 'welcome-101');
  // A password an admin set is changed first; the page says who set it.
  await expect(p2).toHaveURL(/\/me$/);
  await expect(p2.locator('.must-change')).toContainText('赵管理');
  await p2.goto('/');
  await expect(p2).toHaveURL(/\/me$/);
  const change = p2.locator('#change-password');
  await change.locator('input[name="form[current]"]').fill('welcome-101');
  await change.locator('input[name="form[new]"]').fill('my-own-pass-101');
  await change.locator('input[name="form[repeat]"]').fill('my-own-pass-101');
  await change.getByRole('button', { name: '修改密码' }).click();
  await expect(p2.getByRole('status')).toContainText('密码已修改');
  await p2.goto('/');
  await expect(p2.locator('section.home[data-role="worker"]')).toBeVisible();
  await other.close();
});

test('forms work with JavaScript disabled', async ({ browser }) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await login(page, DEMO.enterprise_admin);
  await expect(page.locator('section.home[data-role="enterprise_admin"]')).toBeVisible();

  await page.goto('/admin/users');
  const form = page.locator('form', { has: page.locator('input[name="form[name]"]') });
  // A bad mobile number: the server answers with the page and a translated error.
  await form.locator('input[name="form[name]"]').fill('无脚本');
  await form.locator('input[name="form[mobile]"]').fill('12345');
  await form.locator('input[name="form[password]"]').fill('nojs-password');
  await form.locator('button[type="submit"]').click();
  await expect(page.getByRole('alert')).toHaveText('手机号格式不正确');

  await form.locator('input[name="form[name]"]').fill('无脚本');
  const mobile = uniqueMobile();
  await form.locator('input[name="form[mobile]"]').fill(mobile);
  await form.locator('input[name="form[password]"]').fill('nojs-password');
  await form.locator('button[type="submit"]').click();
  // Success: the server sends the browser back to the list, with a notice.
  await expect(page).toHaveURL(/\/admin\/users\?saved=/);
  await expect(page.getByRole('status')).toHaveText('已保存：无脚本');
  await expect(page.locator('li.person', { hasText: mobile })).toContainText('无脚本');
  await context.close();
});

test('a CSV with a bad row imports nobody and names the row', async ({ page }) => {
  await login(page, DEMO.enterprise_admin);
  await page.goto('/admin/users/import');
  await hydrated(page);
  const [m1, m2] = [uniqueMobile(), uniqueMobile()];
  const csv = ['姓名,手机号,工号,角色,初始密码', `导入甲,${m1},,作业人员,password-201`, `导入乙,${m2.slice(0, 10)},,作业人员,password-202`].join('\n');
  await page.locator('textarea[name="form[csv]"]').fill(csv);
  await page.getByRole('button', { name: '导入' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('没有导入任何人员');
  await expect(alert).toContainText('第 2 行: 手机号格式不正确');

  await page.locator('textarea[name="form[csv]"]').fill(csv.replace(`${m2.slice(0, 10)},`, `${m2},`));
  await page.getByRole('button', { name: '导入' }).click();
  await expect(page.getByRole('status')).toHaveText('已导入 2 人');
  await page.goto('/admin/users');
  await expect(page.locator('li.person', { hasText: m2 })).toContainText('导入乙');
});

test('a regulator reads the enterprises of the township', async ({ page }) => {
  await login(page, DEMO.regulator);
  await page.locator('nav.bottom-nav a[data-nav="/enterprises"]').click();
  await expect(page.locator('h1')).toHaveText('辖区企业');
  await expect(page.locator('li.person')).toHaveCount(2);
  await expect(page.locator('li.person').first()).toContainText('赵县示范');
});

import { expect, test } from '@playwright/test';
import { DEMO, login } from './helpers';

// The enterprise admin names the principal (主要负责人) in the app; the new principal is told
// on their home page who named them. Restores the demo's principal at the end.
test('an admin names the principal, who is told on their home page', async ({ browser }) => {
  const phone = async (account: string) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await login(page, account);
    return page;
  };
  const admin = await phone(DEMO.enterprise_admin);
  await admin.goto('/');
  await admin.getByRole('link', { name: /企业设置/ }).click();
  const form = admin.locator('#enterprise-settings');
  await expect(form.locator('select[name="form[principal_id]"] option:checked')).toHaveText('赵管理');
  await expect(form.locator('input[name="form[independent_approval]"]')).toBeChecked();
  await expect(form.locator('input[name="form[max_window_hours]"]')).toHaveValue('24');

  await form.locator('select[name="form[principal_id]"]').selectOption({ label: '李安全' });
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect(admin.getByRole('status')).toBeVisible();
  await expect(
    admin.locator('#enterprise-settings select[name="form[principal_id]"] option:checked'),
  ).toHaveText('李安全');

  const officer = await phone(DEMO.safety_officer);
  await expect(officer.locator('.principal-notice')).toContainText('赵管理');
  // Workers do not reach the settings.
  const worker = await phone(DEMO.worker);
  await worker.goto('/admin/enterprise');
  await expect(worker.getByRole('alert')).toContainText('没有权限');

  // Back to the demo's principal.
  await admin.goto('/admin/enterprise');
  await admin
    .locator('#enterprise-settings select[name="form[principal_id]"]')
    .selectOption({ label: '赵管理' });
  await admin.locator('#enterprise-settings').getByRole('button', { name: '保存设置' }).click();
  await expect(
    admin.locator('#enterprise-settings select[name="form[principal_id]"] option:checked'),
  ).toHaveText('赵管理');
});

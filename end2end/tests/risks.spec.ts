import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { DEMO, phone } from './helpers';

const SHOTS = 'screenshots';
test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

// The risk register's first slice (issue 24): an officer records a risk point and two of its
// hazards, scored by LEC with each value's meaning on the form; the hazards grade 红 and 黄
// and the point takes the worse; a control measure of the red one is owned at 公司级. The admin reads the policy and its basis; a worker reads the
// register without its forms.
test('an officer records a risk point with two hazards graded red and yellow, and a measure', async ({ browser }) => {
  const officer = await phone(browser, DEMO.safety_officer);
  await officer.getByRole('link', { name: /风险分级管控/ }).click();
  await expect(officer).toHaveURL(/\/risks$/);
  const name = `除尘系统${Date.now() % 100000}`;
  const pointForm = officer.locator('#new-point');
  await pointForm.locator('select[name="form[kind]"]').selectOption('equipment');
  await pointForm.locator('input[name="form[name]"]').fill(name);
  await pointForm.locator('input[name="form[area]"]').fill('抛光车间');
  await pointForm.getByRole('button', { name: '保存风险点' }).click();
  const card = officer.locator('section.risk-point', { hasText: name });
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-point-grade', '');

  const hazard = async (description: string, l: string, e: string, c: string) => {
    await card.getByRole('link', { name: '登记危险源' }).click();
    const form = officer.locator('#new-hazard');
    await expect(form.locator('select[name="form[point_id]"] option:checked')).toHaveText(name);
    await form.locator('textarea[name="form[description]"]').fill(description);
    await form.locator('select[name="form[accident_class]"]').selectOption('other_explosion');
    await form.locator('select[name="form[factor_class]"]').selectOption('material');
    // The meanings are on the form: L 10 is 完全可以预料.
    await expect(form.locator('select[name="form[factor_l]"] option[value="10"]')).toContainText('完全可以预料');
    await form.locator('select[name="form[factor_l]"]').selectOption(l);
    await form.locator('select[name="form[factor_e]"]').selectOption(e);
    await form.locator('select[name="form[factor_c]"]').selectOption(c);
    await form.getByRole('button', { name: '保存危险源' }).click();
    await expect(officer.locator('.risk-hazard', { hasText: description })).toBeVisible();
  };
  // 10 × 6 × 7 = 420: 重大 (红); 6 × 3 × 7 = 126: 一般 (黄).
  await hazard('除尘器内积尘遇火源爆炸', '10', '6', '7');
  await hazard('清灰时粉尘飞扬', '6', '3', '7');
  const red = card.locator('.risk-hazard', { hasText: '除尘器内积尘' });
  await expect(red.locator('[data-grade]')).toHaveAttribute('data-grade', 'major');
  await expect(red.locator('[data-score]')).toHaveText('D = 420');
  const yellow = card.locator('.risk-hazard', { hasText: '清灰时' });
  await expect(yellow.locator('[data-grade]')).toHaveAttribute('data-grade', 'general');
  await expect(card).toHaveAttribute('data-point-grade', 'major');
  // A measure of the red hazard, its level left to the grade: 公司级 (重大).
  await red.getByRole('link', { name: '添加管控措施' }).click();
  const measure = officer.locator('#new-measure');
  await expect(measure.locator('select[name="form[hazard_id]"] option:checked')).toContainText('除尘器内积尘');
  await measure.locator('select[name="form[kind]"]').selectOption('engineering');
  await measure.locator('textarea[name="form[text]"]').fill('除尘器设泄爆装置并定期清灰');
  await measure.locator('select[name="form[responsible_id]"]').selectOption({ label: '李安全' });
  await measure.getByRole('button', { name: '保存措施' }).click();
  const saved = card.locator('.risk-hazard', { hasText: '除尘器内积尘' }).locator('.risk-measure');
  await expect(saved).toContainText('除尘器设泄爆装置');
  await expect(saved).toHaveAttribute('data-measure-level', 'company');
  await expect(saved).toContainText('公司级');
  await expect(saved).toContainText('李安全');
  await card.scrollIntoViewIfNeeded();
  await officer.screenshot({ path: `${SHOTS}/risk-register.png`, fullPage: true });

  // The admin reads the policy in force and the basis of its defaults.
  const admin = await phone(browser, DEMO.enterprise_admin);
  await admin.goto('/risks');
  await admin.getByRole('link', { name: '风险分级政策' }).click();
  await expect(admin.locator('#policy-in-force')).toHaveAttribute('data-method', 'lec');
  await expect(admin.getByText(/D > 320/).first()).toBeVisible();
  await expect(admin.locator('#risk-policy input[name="form[lec_red_above]"]')).toHaveValue('320');
  await admin.screenshot({ path: `${SHOTS}/risk-policy.png`, fullPage: true });

  const worker = await phone(browser, DEMO.worker);
  await worker.goto('/risks');
  await expect(worker.locator('section.risk-point', { hasText: name })).toBeVisible();
  await expect(worker.locator('#new-point')).toHaveCount(0);
  await expect(worker.locator('#new-hazard')).toHaveCount(0);
});

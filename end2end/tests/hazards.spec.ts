import { expect, test } from '@playwright/test';
import { cameraPhoto, DEMO, phone } from './helpers';

// The hazard closed loop on phones: a worker reports a hazard on the spot with a photo, the
// safety officer fills 五落实 and names the worker as rectifier, the worker sends the
// after-photo, and the officer (not the rectifier) re-checks and closes it (销号).

test('a reported hazard is fixed, re-checked by another person and closed', async ({ browser }) => {
  const place = `二号车间除尘器旁 ${Date.now()}`;

  // The worker reports it from the home card, with a before-photo.
  const worker = await phone(browser, DEMO.worker);
  await worker.goto('/hazards/new');
  const report = worker.locator('#report-hazard');
  // No category is chosen for the reporter (请选择 first); the 拍照 button is large.
  await expect(report.locator('select[name="category"]')).toHaveValue('');
  await expect(report.locator('select[name="category"] option').first()).toHaveText('请选择');
  const take = (await report.locator('label.photo-input .photo-take').boundingBox())!;
  expect(take.height).toBeGreaterThanOrEqual(48);
  expect(take.width).toBeGreaterThan(250);
  // Sent without one (the browser's own check taken away), the server refuses, naming the field.
  await report.locator('input[name="location"]').fill(place);
  await report.locator('textarea[name="description"]').fill('除尘器灰斗下方积尘约2厘米，未及时清扫');
  await report.locator('select[name="category"]').evaluate((s) => s.removeAttribute('required'));
  await report.getByRole('button', { name: '上报' }).click();
  await expect(worker.getByRole('alert')).toContainText('隐患类别');
  await report.locator('input[name="location"]').fill(place);
  await report.locator('textarea[name="description"]').fill('除尘器灰斗下方积尘约2厘米，未及时清扫');
  await report.locator('select[name="category"]').selectOption('dust_explosion');
  await report
    .locator('input[type="file"]')
    .setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(worker, '#8a6d3b') });
  await report.getByRole('button', { name: '上报' }).click();
  await expect(worker).toHaveURL(/\/hazards\/[0-9a-f-]{36}/);
  const hazardUrl = new URL(worker.url()).pathname;
  await expect(worker.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'reported');
  await expect(worker.locator('main')).toContainText(place);
  const before = worker.locator('img[src^="/photos/"]').first();
  await expect(before).toBeVisible();
  // The photo is served to its enterprise as a real image.
  const photo = await worker.request.get((await before.getAttribute('src'))!);
  expect(photo.status()).toBe(200);
  expect(photo.headers()['content-type']).toBe('image/jpeg');

  // The township's regulator sees the enterprise's open hazards (read only).
  const regulator = await phone(browser, DEMO.regulator);
  await regulator.goto('/enterprises');
  const open = await regulator.locator('[data-open]').first().getAttribute('data-open');
  expect(Number(open)).toBeGreaterThanOrEqual(1);

  // The officer finds it in the ledger and fills 五落实, the worker as rectifier.
  const officer = await phone(browser, DEMO.safety_officer);
  await officer.goto('/hazards');
  await officer.getByRole('link', { name: new RegExp(place) }).first().click();
  await expect(officer).toHaveURL(new RegExp(hazardUrl));
  const confirm = officer.locator('#confirm');
  await confirm.locator('select[name="form[rectifier_id]"]').selectOption({ label: '王师傅' });
  await confirm.locator('textarea[name="form[measures]"]').fill('当班清扫积尘，修订清扫制度并每班记录');
  await confirm.locator('input[name="form[funds]"]').fill('1200.50');
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await confirm.locator('input[name="form[deadline]"]').fill(deadline);
  await confirm.locator('textarea[name="form[interim_control]"]').fill('清扫完成前停用该除尘器下方区域');
  await confirm.getByRole('button', { name: /确认/ }).click();
  await expect(officer.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'rectifying');

  // The rectifier sends the description and the after-photo.
  await worker.goto(hazardUrl);
  const rectify = worker.locator('#rectify');
  await rectify.locator('textarea[name="rectification"]').fill('已清扫干净，清扫记录已补填');
  await rectify
    .locator('input[type="file"]')
    .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(worker, '#2e7d32') });
  await rectify.locator('button[type="submit"]').click();
  await expect(worker.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'awaiting_recheck');
  // The rectifier is not offered the re-check.
  await expect(worker.locator('#recheck-pass')).toHaveCount(0);

  // The officer re-checks and closes it.
  await officer.goto(hazardUrl);
  // Both photos are on the page (the trail may show them again by their step).
  await expect(officer.locator('#recheck-pass')).toBeVisible();
  expect(await officer.locator('img[src^="/photos/"]').count()).toBeGreaterThanOrEqual(2);
  await officer.locator('#recheck-pass button[type="submit"]').click();
  await expect(officer.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'closed');
  await officer.screenshot({ path: 'screenshots/hazard.png', fullPage: true });

  // The ledger shows it closed.
  await officer.goto('/hazards');
  await expect(
    officer.locator('li.person', { hasText: place }).locator('.tag[data-state]'),
  ).toHaveAttribute('data-state', 'closed');
  await officer.screenshot({ path: 'screenshots/hazard-ledger.png', fullPage: true });
});

import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { answerPatrol, cameraPhoto, decodeQr, DEMO, phone } from './helpers';

// A daily patrol on phones: the officer installs the general checklist, registers a point with
// it and a daily schedule for the worker whose window holds "now" (China time), and prints the
// poster; the worker's phone opens the poster's QR (decoded here), starts the patrol, fails one
// item with a camera photo and passes the rest; the failed item is a hazard in the ledger, the
// officer fills 五落实 with the worker as rectifier, the worker sends the after-photo, the
// officer re-checks and closes it (销号); today's board shows the round done. The officer then
// ends the schedule: the round stays done.

const SHOTS = 'screenshots';

/** "HH:MM" in China time, `minutes` from now. */
function chinaClock(minutes: number): string {
  const t = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000);
  return t.toISOString().slice(11, 16);
}

test('a patrol started from the poster QR raises a hazard and completes the round', async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const pointName = `1号除尘器 ${Date.now() % 1_000_000}`;
  const officer = await phone(browser, DEMO.safety_officer);

  // The general daily checklist (once per enterprise: a second install is refused).
  await officer.goto('/patrols/checklists');
  const pack = officer.locator('form.row-actions', { hasText: '日常巡查·通用' });
  await pack.locator('button[type="submit"]').click();
  await expect(officer.locator('ul.people')).toContainText('日常巡查·通用');
  // And the 25-item self-check's dust explosion items (粉尘涉爆6项).
  await officer.goto('/patrols/checklists');
  await officer.locator('form.row-actions', { hasText: '25项自查·粉尘涉爆6项' }).locator('button[type="submit"]').click();
  await expect(officer.locator('ul.people')).toContainText('25项自查·粉尘涉爆6项');

  // The point, with that checklist.
  await officer.goto('/patrols/points');
  const register = officer.locator('#register-point');
  await register.locator('input[name="form[name]"]').fill(pointName);
  await register.locator('input[name="form[area]"]').fill('二号车间');
  await register.locator('label', { hasText: '日常巡查·通用' }).locator('input[type="checkbox"]').check();
  await register.locator('label', { hasText: '25项自查·粉尘涉爆6项' }).locator('input[type="checkbox"]').check();
  await register.locator('button[type="submit"]').click();
  await expect(officer).toHaveURL(/\/patrols\/points\/[0-9a-f-]{36}\?registered=1$/);

  // Its poster: the QR is decoded from a screenshot, as a phone camera would read it.
  await officer.getByRole('link', { name: /标识牌|二维码/ }).first().click();
  const poster = officer.locator('article.poster').first();
  await expect(poster.locator('.poster-qr svg')).toBeVisible();
  await poster.screenshot({ path: `${SHOTS}/patrol-poster.png` });
  const url = decodeQr(`${SHOTS}/patrol-poster.png`);
  expect(url).toMatch(/\/c\/[a-z2-7]{26}$/);

  // A daily schedule for the worker at this point, its window around now.
  await officer.goto('/patrols/schedules');
  const schedule = officer.locator('#new-schedule');
  await schedule.locator('input[name="form[name]"]').fill(`每日巡查 ${pointName}`);
  await schedule.locator('select[name="form[frequency]"]').selectOption('daily');
  await schedule.locator('input[name="form[window_start]"]').fill(chinaClock(-60));
  await schedule.locator('input[name="form[window_end]"]').fill(chinaClock(60));
  await schedule.locator('label', { hasText: '王师傅' }).locator('input[type="checkbox"]').check();
  await schedule.locator('label', { hasText: pointName }).locator('input[type="checkbox"]').check();
  await schedule.locator('button[type="submit"]').click();
  await officer.goto('/patrols/board');
  // The round whose window holds now comes first (a window over midnight shows twice after it).
  const round = officer.locator('li.person', { hasText: pointName }).first();
  await expect(round).toHaveAttribute('data-round-state', 'pending');

  // The worker's phone opens the QR and starts the patrol.
  const worker = await phone(browser, DEMO.worker);
  await worker.goto(url);
  await worker.getByRole('button', { name: /日常巡查·通用/ }).click();
  await expect(worker).toHaveURL(/\/patrols\/records\/[0-9a-f-]{36}/);
  const items = worker.locator('li.patrol-item');
  expect(await items.count()).toBeGreaterThan(5);
  // The first item fails, with a note and a photo; every other one passes.
  const photo = await cameraPhoto(worker, '#b71c1c');
  await answerPatrol(items, { note: '安全出口被货物堵塞', photo, file: 'exit.jpg' });
  await worker.screenshot({ path: `${SHOTS}/patrol-form.png`, fullPage: true });
  await worker.locator('form.patrol-form button[type="submit"]').click();
  await expect(worker).toHaveURL(/\/patrols\/done\?hazards=1/);

  // The failed item is a hazard in the officer's ledger, found on this patrol.
  await officer.goto('/hazards');
  const hazard = officer.locator('li.person', { hasText: pointName }).first();
  await expect(hazard.locator('.tag[data-state]')).toHaveAttribute('data-state', 'reported');
  await hazard.locator('a').first().click();
  await expect(officer).toHaveURL(/\/hazards\/[0-9a-f-]{36}/);
  const hazardUrl = new URL(officer.url()).pathname;
  await expect(officer.locator('main')).toContainText('安全出口被货物堵塞');
  await expect(officer.locator('img[src^="/photos/"]').first()).toBeVisible();

  // The officer fills 五落实 and names the worker as rectifier.
  const confirm = officer.locator('#confirm');
  await confirm.locator('select[name="form[rectifier_id]"]').selectOption({ label: '王师傅' });
  await confirm.locator('textarea[name="form[measures]"]').fill('清走堵塞货物，安全出口划线禁放');
  await confirm.locator('input[name="form[funds]"]').fill('300');
  const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await confirm.locator('input[name="form[deadline]"]').fill(deadline);
  await confirm.locator('textarea[name="form[interim_control]"]').fill('清理前由班组长看守出口');
  await confirm.getByRole('button', { name: /确认/ }).click();
  await expect(officer.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'rectifying');

  // The rectifier (the worker) sends the after-photo from the hazard's page.
  await worker.goto(hazardUrl);
  const rectify = worker.locator('#rectify');
  await rectify.locator('textarea[name="rectification"]').fill('货物已清走，出口畅通并划线');
  await rectify
    .locator('input[type="file"]')
    .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(worker, '#b71c1c') });
  await rectify.locator('button[type="submit"]').click();
  await expect(worker.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'awaiting_recheck');
  await expect(worker.locator('#recheck-pass')).toHaveCount(0);

  // Another person (the officer, not the rectifier) re-checks and closes it.
  await officer.goto(hazardUrl);
  await officer.locator('#recheck-pass button[type="submit"]').click();
  await expect(officer.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'closed');
  await officer.screenshot({ path: `${SHOTS}/patrol-hazard.png`, fullPage: true });

  // Today's board: the round is done, by the worker.
  await officer.goto('/patrols/board');
  await expect(round).toHaveAttribute('data-round-state', 'done');
  await expect(round).toContainText('王师傅');
  await officer.screenshot({ path: `${SHOTS}/patrol-board.png`, fullPage: true });

  // The schedule is listed as running; the officer ends it (停用). Today's round, begun before
  // the end, stays on the board, done; the schedule moves to the ended ones.
  await officer.goto('/patrols/schedules');
  const scheduleName = `每日巡查 ${pointName}`;
  const running = officer.locator('#running-schedules li', { hasText: scheduleName });
  await expect(running).toContainText('王师傅');
  await expect(running).toContainText(pointName);
  await running.locator('summary', { hasText: '停用' }).click();
  await running.locator('button[type="submit"]', { hasText: '确认停用' }).click();
  await expect(officer.locator('p.notice.ok')).toContainText('巡查计划已停用');
  await expect(officer.locator('#running-schedules li', { hasText: scheduleName })).toHaveCount(0);
  await expect(officer.locator('#ended-schedules li', { hasText: scheduleName })).toContainText('停用于');
  await officer.screenshot({ path: `${SHOTS}/patrol-schedules.png`, fullPage: true });
  await officer.goto('/patrols/board');
  await expect(round).toHaveAttribute('data-round-state', 'done');

  // The worker also runs the 25-item dust self-check at the same point: every item complies.
  await worker.goto(url);
  await worker.getByRole('button', { name: /25项自查·粉尘涉爆6项/ }).click();
  await expect(worker).toHaveURL(/\/patrols\/records\/[0-9a-f-]{36}/);
  const checks = worker.locator('li.patrol-item');
  expect(await checks.count()).toBe(6);
  for (let i = 0; i < 6; i++) await checks.nth(i).locator('label.big-choice.pass').click();
  await worker.locator('form.patrol-form button[type="submit"]').click();
  await expect(worker).toHaveURL(/\/patrols\/done/);

  // The township's regulator reads the enterprise × item matrix (逐企逐项): the six dust
  // items of this enterprise are 符合.
  const regulator = await phone(browser, DEMO.regulator);
  await regulator.goto('/patrols/selfcheck/matrix');
  const row = regulator.locator('tr[data-enterprise]', { hasText: '赵县示范机械制造有限公司' });
  await expect(row.locator('td[data-item-state="compliant"]')).toHaveCount(6);
  await regulator.screenshot({ path: `${SHOTS}/selfcheck-matrix.png`, fullPage: true });
});

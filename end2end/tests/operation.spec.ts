import { expect, test } from '@playwright/test';
import { approveOperation, DEMO, englishUnits, gasTest, phone, registerSpace, requestOperation } from './helpers';

const ZHOU = '13800000007'; // the demo's second worker, attendant here

test('a confined-space operation from request to close', async ({ browser }) => {
  // The officer registers a toxic-risk space; its poster carries the QR URL.
  const officer = await phone(browser, DEMO.safety_officer);
  const code = `OP-${Date.now() % 1_000_000}`;
  const url = await registerSpace(officer, { code, name: '2号储罐', type: 'tank', toxic: true });

  // A worker scans and requests the operation, with 周师傅 as attendant.
  const worker = await phone(browser, DEMO.worker);
  await requestOperation(worker, url, { work: '清理罐底沉积物', entrants: ['王师傅'], minutes: 120 });

  // Toxic risk: the officer may not approve; the principal (the admin) does.
  await officer.goto(url);
  await officer.getByRole('button', { name: '批准' }).click();
  await expect(officer.getByRole('alert')).toContainText('须由主要负责人或其书面委托人审批');
  const admin = await phone(browser, DEMO.enterprise_admin);
  await approveOperation(admin, url);

  // The attendant ventilates, tests (failing first), and takes position.
  const attendant = await phone(browser, ZHOU);
  await attendant.goto(url);
  await attendant.getByRole('button', { name: '开始通风' }).click();
  await expect(attendant.locator('.steps')).toContainText('已通风');
  await gasTest(attendant, '18.0');
  await expect(attendant.locator('[data-done="test_failed"]')).toBeVisible();
  await expect(attendant.locator('section.gas-test tr.bad').first()).toContainText('O₂');
  await attendant.getByRole('button', { name: '监护人到位' }).click();
  await expect(attendant.locator('section.op')).toContainText('（在岗）');

  // The failing test blocks entry, with the reason.
  await worker.goto(url);
  const enter = worker.locator('form.enter');
  await enter.getByLabel('我已接受安全交底').check();
  await enter.getByRole('button', { name: '进入' }).click();
  await expect(worker.getByRole('alert')).toHaveText('最近一次气体检测不合格，严禁进入');

  // A passing test lets the entrant in.
  await attendant.goto(url);
  await gasTest(attendant, '20.9');
  await expect(attendant.locator('[data-done="test_passed"]')).toBeVisible();
  await worker.goto(url);
  // At a glance: 进入 leads the page, full width, above who is inside and the last test
  // (summarised, O₂ first, its full table folded).
  const enterButton = worker.locator('form.enter').getByRole('button', { name: '进入' });
  const enterBox = (await enterButton.boundingBox())!;
  const insideBox = (await worker.locator('section.inside-now').boundingBox())!;
  const testBox = (await worker.locator('section.gas-test').boundingBox())!;
  expect(enterBox.y).toBeLessThan(insideBox.y);
  expect(insideBox.y).toBeLessThan(testBox.y);
  expect(enterBox.y + enterBox.height).toBeLessThan(844);
  expect(enterBox.width).toBeGreaterThan(300);
  await expect(worker.locator('section.gas-test .gas-summary li').first()).toContainText('O₂');
  await expect(worker.locator('section.gas-test table.readings')).toBeHidden();
  await expect(worker.locator('section.gas-test h2')).toContainText(/刚刚|分钟前/);
  await worker.locator('form.enter').getByLabel('我已接受安全交底').check();
  await worker.locator('form.enter input[name="form[tools]"]').fill('铁锹、手电');
  await worker.locator('form.enter').getByRole('button', { name: '进入' }).click();
  await expect(worker.locator('[data-inside="王师傅"]')).toBeVisible();
  // Inside, his own 出来 is the large button; the page's units are Chinese.
  const exitBox = (await worker.locator('[data-inside="王师傅"]').getByRole('button', { name: '出来' }).boundingBox())!;
  expect(exitBox.width).toBeGreaterThan(300);
  expect(exitBox.height).toBeGreaterThanOrEqual(48);
  await expect(worker.locator('[data-inside="王师傅"]')).toContainText('分钟');
  expect(await englishUnits(worker)).toEqual([]);
  await worker.screenshot({ path: 'screenshots/scan-inside.png', fullPage: true });

  // The live board shows who is inside and the operation's state.
  await officer.goto('/spaces/board');
  const row = officer.locator(`li[data-space="${code}"]`);
  await expect(row).toContainText('王师傅');
  await expect(row).toContainText('周师傅');
  await expect(row.locator('.op-status')).toHaveText('已批准');
  await expect(row).toContainText('在内 1 人');
  expect(await englishUnits(officer)).toEqual([]);
  await officer.screenshot({ path: 'screenshots/board.png', fullPage: true });
  // The officer's home counts him among today's numbers, linking to the board.
  await officer.goto('/');
  const insideNow = officer.locator('a[data-today="inside_now"]');
  expect(Number(await insideNow.getAttribute('data-n'))).toBeGreaterThanOrEqual(1);
  await expect(insideNow).toHaveAttribute('href', '/spaces/board');
  await expect(officer.locator('a[data-today="hazards_overdue"]')).toHaveAttribute('href', '/hazards?overdue=1');

  // Nobody closes over people inside; exit, then close.
  await attendant.goto(url);
  await attendant.getByRole('button', { name: '结束作业' }).click();
  await expect(attendant.getByRole('alert')).toHaveText('仍有人员在有限空间内');
  await worker.goto(url);
  await worker.locator('[data-inside="王师傅"]').getByRole('button', { name: '出来' }).click();
  await expect(worker.locator('[data-inside]')).toHaveCount(0);
  await attendant.goto(url);
  await attendant.getByRole('button', { name: '监护人离开' }).click();
  await expect(attendant.locator('section.op')).toContainText('（未到位）');
  await attendant.getByRole('button', { name: '结束作业' }).click();
  await expect(attendant.locator('#request-operation')).toBeVisible();
  await officer.goto('/spaces/board');
  await expect(officer.locator(`li[data-space="${code}"]`)).toHaveCount(0);

  // History and the Excel exports; workers get neither.
  await officer.goto('/spaces/history');
  await expect(officer.locator('.history-list li', { hasText: code })).toContainText('王师傅');
  for (const path of ['/export/operations.xlsx', '/export/spaces.xlsx']) {
    const res = await officer.request.get(path);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
    expect((await worker.request.get(path)).status()).toBe(403);
  }

  // Training records that gate entry, and the gas-test settings with their basis.
  await officer.goto('/spaces/qualifications');
  await expect(officer.locator('li[data-qualified="true"]', { hasText: '王师傅' })).toBeVisible();
  await officer.goto('/spaces/policy');
  await expect(officer.locator('input[name="form[test_max_age_minutes]"]')).toHaveValue('30');
  await expect(officer.locator('#gas-policy')).toContainText('59号令');
  // The principal records a written delegation; the officer sees it but cannot grant one.
  await admin.goto('/spaces/delegations');
  const grant = admin.locator('#grant-delegation');
  await grant.locator('select[name="form[delegate_id]"]').selectOption({ label: '李安全' });
  await grant.locator('input[name="form[document_ref]"]').fill(`WT-${code}`);
  // A delegation runs at most a year (like the training its holder needs).
  const inHalfAYear = new Date(Date.now() + 182 * 86_400_000).toISOString().slice(0, 10);
  await grant.locator('input[name="form[valid_until]"]').fill(inHalfAYear);
  await grant.getByRole('button', { name: '登记书面委托' }).click();
  await expect(admin.locator('li[data-valid="true"]', { hasText: `WT-${code}` })).toBeVisible();
  await officer.goto('/spaces/delegations');
  await expect(officer.locator('li', { hasText: `WT-${code}` })).toBeVisible();
  await expect(officer.locator('#grant-delegation')).toHaveCount(0);
});

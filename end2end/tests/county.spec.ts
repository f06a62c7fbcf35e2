import { Browser, expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { cameraPhoto, login } from './helpers';

// A real installation's first day (README, "Running for real", step 4), on a server of its
// own: an empty database, started without demo data (scripts/e2e-fresh.sh).
const ROOT = path.resolve(__dirname, '../..');
function fresh(...args: string[]): string {
  return execFileSync(path.join(ROOT, 'scripts/e2e-fresh.sh'), args, { cwd: ROOT, encoding: 'utf8' });
}

let base = '';
test.beforeAll(() => {
  base = fresh('start').trim().split('\n').pop()!;
});
test.afterAll(() => {
  fresh('stop');
});

/** A valid credit code (GB 32100-2015) of the roster's second row. */
const ROSTER_CODE = '91130133MA00003336';

async function phoneAt(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL: base,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  return ctx.newPage();
}

/** Signs in with a password someone else set, and sets one's own. */
async function firstSignIn(page: Page, account: string, first: string, own: string) {
  await login(page, account, first);
  await changeFirstPassword(page, first, own);
}

/** On `/me`, where a first sign-in lands, replaces the first password. */
async function changeFirstPassword(page: Page, first: string, own: string) {
  await expect(page).toHaveURL(/\/me$/);
  const change = page.locator('#change-password');
  await change.locator('input[name="form[current]"]').fill(first);
  await change.locator('input[name="form[new]"]').fill(own);
  await change.locator('input[name="form[repeat]"]').fill(own);
  await change.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('status')).toContainText('密码已修改');
}

async function addNode(page: Page, name: string, level: string) {
  const form = page.locator('#new-node');
  await form.locator('input[name="form[name]"]').fill(name);
  await form.locator('select[name="form[level]"]').selectOption(level);
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('#children')).toContainText(name);
}

async function addRegulator(page: Page, name: string, mobile: string) {
  const form = page.locator('#new-regulator');
  await form.locator('input[name="form[name]"]').fill(name);
  await form.locator('input[name="form[mobile]"]').fill(mobile);
  await form.locator('input[name="form[password]"]').fill('first-pass-1');
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('#regulators')).toContainText(name);
}

test('a county starts from an empty database: operator, tree, regulators, an enterprise and its admin', async ({ browser }) => {
  // The console opens the operator; the password it prints must be changed at once.
  const out = fresh('admin', 'create-operator', '--mobile', '13700000001', '--name', '县平台管理员');
  const secret = /one-time password: (\S+)/.exec(out)![1];
  const operator = await phoneAt(browser);
  await login(operator, '13700000001', secret);
  await expect(operator.locator('.must-change')).toContainText('服务器控制台');
  await changeFirstPassword(operator, secret, 'operator-pass-1');
  await operator.goto('/');
  await expect(operator.locator('section.home[data-role="operator"]')).toBeVisible();

  // The county and two townships.
  await operator.goto('/county/tree');
  await addNode(operator, '赵县', 'county');
  await operator.locator('#children a', { hasText: '赵县' }).click();
  await expect(operator.locator('#node h2')).toContainText('赵县');
  await addNode(operator, '范庄镇', 'township');
  await addNode(operator, '沙河店镇', 'township');
  // A county regulator at the county, a township regulator at 范庄镇.
  await addRegulator(operator, '县监管', '13700000002');
  await operator.locator('#children a', { hasText: '范庄镇' }).click();
  await addRegulator(operator, '范庄监管', '13700000003');

  // The county's roster, as Excel saves a CSV (UTF-8 with a BOM): two good rows and a row of a
  // township the county does not have. The dry run names it; the import takes the two.
  await operator.goto('/county/enterprises/import');
  const roster = [
    '赵县工贸企业名录,,,,,,',
    '统一社会信用代码,企业名称,所属乡镇（街道、园区）,行业,重点监管,管理员姓名,管理员手机号',
    '91130133MA0000111J,沙河铝业有限公司,沙河店镇,有色,涉铝、可燃性粉尘,李厂长,13700000011',
    `${ROSTER_CODE},范庄机械厂,范庄镇,机械,有限空间,,`,
    '91130133MA0000222C,月球公司,月球镇,机械,,,',
  ].join('\r\n');
  await operator.locator('#roster-upload input[type="file"]').setInputFiles({
    name: '名录.csv',
    mimeType: 'text/csv',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(roster, 'utf8')]),
  });
  await operator.locator('#roster-upload button[type="submit"]').click();
  await expect(operator).toHaveURL(/\/county\/enterprises\/import\/[0-9a-f-]+$/);
  const counts = operator.locator('#roster-counts');
  await expect(counts).toHaveAttribute('data-new', '2');
  await expect(counts).toHaveAttribute('data-refused', '1');
  await expect(operator.locator('#roster-rows tr[data-outcome="error"]')).toContainText('所属乡镇');
  await operator.screenshot({ path: 'screenshots/county-import-preview.png', fullPage: true });
  await operator.locator('#roster-apply input[name="form[admin_password]"]').fill('roster-first-1');
  await operator.locator('#roster-apply button[type="submit"]').click();
  await expect(operator.locator('#imported')).toContainText('新增 2 家');

  // An enterprise with its ledger entry and first admin; a wrong check character first.
  await operator.goto('/county/enterprises/new');
  const form = operator.locator('#new-enterprise');
  await form.locator('input[name="form[ledger][credit_code]"]').fill('91350100M000100Y44');
  await form.locator('input[name="form[ledger][name]"]').fill('范庄铸造有限公司');
  await form.locator('select[name="form[ledger][township_id]"]').selectOption({ label: '范庄镇 (乡镇（街道）)' });
  await form.locator('select[name="form[ledger][industry]"]').selectOption('metallurgy');
  await form.locator('input[value="molten_metal"]').check();
  await form.locator('input[value="confined_space"]').check();
  await form.locator('input[name="form[admin_name]"]').fill('王厂长');
  await form.locator('input[name="form[admin_mobile]"]').fill('13700000004');
  await form.locator('input[name="form[admin_password]"]').fill('first-pass-1');
  await form.locator('button[type="submit"]').click();
  await expect(operator.getByRole('alert')).toHaveText('统一社会信用代码的校验码不符，请核对每一位');
  // What was typed comes back with the error (public/offline.js); the password does not.
  await expect(operator.locator('input[name="form[ledger][name]"]')).toHaveValue('范庄铸造有限公司');
  await expect(operator.locator('input[value="molten_metal"]')).toBeChecked();
  await expect(operator.locator('input[name="form[admin_password]"]')).toHaveValue('');
  await operator.locator('input[name="form[ledger][credit_code]"]').fill('91350100m000100y43');
  await operator.locator('input[name="form[admin_password]"]').fill('first-pass-1');
  await operator.locator('#new-enterprise button[type="submit"]').click();
  await expect(operator).toHaveURL(/\/county\/enterprises\/[0-9a-f-]+\?saved=created$/);
  await expect(operator.locator('h1')).toHaveText('范庄铸造有限公司');
  await expect(operator.locator('input[name="form[credit_code]"]')).toHaveValue('91350100M000100Y43');

  // The ledger: the new enterprise has an admin, but no principal and nobody signed in yet.
  await operator.goto('/county/enterprises');
  const row = operator.locator('#ledger li', { hasText: '范庄铸造有限公司' });
  await expect(row.locator('[data-lack="principal"]')).toBeVisible();
  await expect(row.locator('[data-lack="sign_in"]')).toBeVisible();
  await expect(row.locator('[data-lack="admin"]')).toHaveCount(0);
  await operator.screenshot({ path: 'screenshots/county-ledger.png', fullPage: true });

  // The admin the roster named signs in with the import's first password.
  const rosterAdmin = await phoneAt(browser);
  await firstSignIn(rosterAdmin, '13700000011', 'roster-first-1', 'roster-own-pass-1');
  await rosterAdmin.goto('/');
  await expect(rosterAdmin.locator('section.home[data-role="enterprise_admin"]')).toBeVisible();

  // The enterprise's admin signs in and sets their password.
  const admin = await phoneAt(browser);
  await firstSignIn(admin, '13700000004', 'first-pass-1', 'admin-pass-104');
  await admin.goto('/');
  await expect(admin.locator('section.home[data-role="enterprise_admin"]')).toBeVisible();
  // The operator reads no enterprise's safety records.
  const list = await operator.request.post('/api/v1/hazards/list', {
    headers: { accept: 'application/json' },
    form: { state: '', grade: '', category: '', source: '', overdue: '', page: '' },
  });
  expect(list.status()).toBe(403);
  await operator.goto('/hazards');
  await expect(operator.locator('main')).not.toContainText('范庄铸造');

  // The township regulator sees its enterprise, now signed in; the county regulator too.
  const township = await phoneAt(browser);
  await firstSignIn(township, '13700000003', 'first-pass-1', 'township-pass-1');
  await township.goto('/county/enterprises');
  const seen = township.locator('#ledger li', { hasText: '范庄铸造有限公司' });
  await expect(seen).toBeVisible();
  await expect(seen.locator('[data-lack="sign_in"]')).toHaveCount(0);
  await township.goto('/county/tree');
  await expect(township.locator('#node h2')).toContainText('范庄镇');
  await township.screenshot({ path: 'screenshots/county-township.png', fullPage: true });
  const county = await phoneAt(browser);
  await firstSignIn(county, '13700000002', 'first-pass-1', 'county-pass-1');
  await county.goto('/county/tree');
  await expect(county.locator('#children')).toContainText('范庄镇');
  await expect(county.locator('#children')).toContainText('沙河店镇');
  await county.goto('/enterprises');
  await expect(county.locator('body')).toContainText('范庄铸造有限公司');

  // A guidance visit (专家指导服务): the township regulator adds an expert and starts it.
  await township.goto('/visits/experts');
  const expertForm = township.locator('#new-expert');
  await expertForm.locator('input[name="form[name]"]').fill('赵专家');
  await expertForm.locator('input[name="form[mobile]"]').fill('13700000005');
  await expertForm.locator('input[name="form[password]"]').fill('first-pass-1');
  await expertForm.locator('button[type="submit"]').click();
  await expect(township.locator('#experts')).toContainText('赵专家');
  await township.goto('/visits/new');
  const visitForm = township.locator('#new-visit');
  await visitForm.locator('select[name="form[enterprise_id]"]').selectOption({ label: '范庄铸造有限公司' });
  await visitForm.locator('select[name="form[kind]"]').selectOption('guidance');
  await visitForm.locator('select[name="form[checklist]"]').selectOption('confined_space');
  await visitForm.locator('label', { hasText: '赵专家' }).locator('input').check();
  await visitForm.locator('button[type="submit"]').click();
  await expect(township).toHaveURL(/\/visits\/[0-9a-f-]+\?saved=opened$/);
  const visitUrl = new URL(township.url()).pathname;
  await expect(township.locator('#visit')).toContainText('赵专家');

  // On site, the finding with its photo: a hazard of the enterprise's own ledger.
  const finding = township.locator('#new-finding');
  await finding.locator('input[name="location"]').fill('铸造车间地坑');
  await finding.locator('textarea[name="description"]').fill('地坑入口未设置有限空间安全警示标志');
  await finding.locator('select[name="category"]').selectOption('confined_space');
  await finding.locator('input[name="basis"]').fill('工贸企业有限空间作业安全规定 第十条');
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await finding.locator('input[name="deadline"]').fill(due);
  await finding
    .locator('input[type="file"]')
    .setInputFiles({ name: 'finding.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(township, '#b71c1c') });
  await finding.locator('button[type="submit"]').click();
  await expect(township).toHaveURL(new RegExp(`${visitUrl}\\?saved=finding$`));
  const found = township.locator('#findings li[data-finding]');
  await expect(found).toHaveAttribute('data-state', 'reported');
  await township.screenshot({ path: 'screenshots/visit.png', fullPage: true });

  // The county overview shows the township's open hazard.
  await county.goto('/overview');
  const fanzhuang = county.locator('.overview-row', { hasText: '范庄镇' });
  await expect(fanzhuang.locator('[data-figure="hazards_open"] strong')).toHaveText('1');

  // The enterprise runs its loop: 五落实, then the rectification with its after-photo.
  await admin.goto('/hazards');
  await admin.getByRole('link', { name: /铸造车间地坑/ }).first().click();
  const hazardUrl = new URL(admin.url()).pathname;
  await expect(admin.locator('main')).toContainText('专家指导');
  const confirm = admin.locator('#confirm');
  await confirm.locator('select[name="form[rectifier_id]"]').selectOption({ label: '王厂长' });
  await confirm.locator('textarea[name="form[measures]"]').fill('地坑入口设置有限空间安全警示标志');
  await confirm.locator('input[name="form[funds]"]').fill('300');
  await confirm.locator('input[name="form[deadline]"]').fill(due);
  await confirm.locator('textarea[name="form[interim_control]"]').fill('设置前封闭地坑入口');
  await confirm.getByRole('button', { name: /确认/ }).click();
  await expect(admin.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'rectifying');
  const rectify = admin.locator('#rectify');
  await rectify.locator('textarea[name="rectification"]').fill('已设置警示标志并张贴告知牌');
  await rectify
    .locator('input[type="file"]')
    .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(admin, '#2e7d32') });
  await rectify.locator('button[type="submit"]').click();
  await expect(admin.locator('p.state .tag[data-state]')).toHaveAttribute('data-state', 'awaiting_recheck');
  // The enterprise is not offered the re-check: the visit's side does it.
  await admin.goto(hazardUrl);
  await expect(admin.locator('#recheck-pass')).toHaveCount(0);
  await expect(admin.locator('#recheck-by-visit')).toBeVisible();

  // The expert signs in, finds the visit and re-checks it: 销号.
  const expert = await phoneAt(browser);
  await firstSignIn(expert, '13700000005', 'first-pass-1', 'expert-pass-1');
  await expert.goto('/visits');
  await expert.locator('#visits a', { hasText: '范庄铸造有限公司' }).click();
  const awaiting = expert.locator('#findings li[data-finding]');
  await expect(awaiting).toHaveAttribute('data-state', 'awaiting_recheck');
  // The expert sees what was found and how it was fixed: both photos load.
  const thumbs = awaiting.locator('.thumbs img');
  await expect(thumbs).toHaveCount(2);
  await expect(awaiting.locator('.thumbs li[data-stage="after"] img')).toBeVisible();
  for (const img of await thumbs.all()) {
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  await expert.screenshot({ path: 'screenshots/visit-recheck.png', fullPage: true });
  await awaiting.locator('input[name="form[note]"]').fill('警示标志已设置，符合要求');
  await awaiting.getByRole('button', { name: '复核通过，销号' }).click();
  await expect(expert.locator('#findings li[data-finding]')).toHaveAttribute('data-state', 'closed');

  // 回头看 has nothing left of it, and the county overview shows it closed.
  await township.goto('/visits?lookback=1');
  await expect(township.locator('#visits')).toHaveCount(0);
  await county.goto('/overview');
  await expect(fanzhuang.locator('[data-figure="hazards_open"] strong')).toHaveText('0');
  await county.screenshot({ path: 'screenshots/county-overview.png', fullPage: true });
  // The 重点监管 list is one tap away.
  await county.locator('#watched-list').click();
  await expect(county.locator('#figure-list')).toContainText('范庄铸造有限公司');
});

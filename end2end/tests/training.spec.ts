import { expect, Page, test } from '@playwright/test';
import {
  approveOperation,
  attendantReady,
  chinaLocal,
  decodeQr,
  DEMO,
  enterSpace,
  phone,
  registerSpace,
  requestOperation,
} from './helpers';

const ZHOU = '13800000007'; // attendant
const WU = '13800000008'; // 吴师傅: cleared for work, no confined-space training yet
const SHOTS = 'screenshots';
/** The QR's time step in the browser tests (scripts/e2e.sh sets it). */
const STEP_SECONDS = Number(process.env.ANXUN_TRAINING_QR_STEP_SECONDS ?? '5');

/** The right options of every confined-space question, by prompt, read off the trainer's bank. */
async function answerKey(trainer: Page): Promise<Map<string, number[]>> {
  await trainer.goto('/training/questions?category=confined_space');
  const key = new Map<string, number[]>();
  for (const q of await trainer.locator('ol.quiz-bank > li').all()) {
    const prompt = (await q.locator('p strong').first().innerText()).trim();
    const flags = await q.locator('ul.quiz-options > li').evaluateAll((lis) =>
      lis.map((li) => li.getAttribute('data-correct') === 'true'),
    );
    key.set(prompt, flags.flatMap((right, i) => (right ? [i] : [])));
  }
  return key;
}

test('a worker refused entry for lacking training signs in by QR, passes the quiz and enters', async ({ browser }) => {
  test.setTimeout(180_000);
  // An officer registers a space; 吴师傅 requests work in it with 周师傅 attending.
  const officer = await phone(browser, DEMO.safety_officer);
  const code = `TR-${Date.now() % 1_000_000}`;
  const spaceUrl = await registerSpace(officer, { code, name: '3号集水井', type: 'well' });

  const wu = await phone(browser, WU);
  await requestOperation(wu, spaceUrl, { work: '清理井底淤泥', entrants: ['吴师傅'] });
  await approveOperation(officer, spaceUrl);
  const attendant = await phone(browser, ZHOU);
  await attendantReady(attendant, spaceUrl);

  // No confined-space training: entry is refused, with the reason.
  await wu.goto(spaceUrl);
  await wu.locator('form.enter').getByLabel('我已接受安全交底').check();
  await wu.locator('form.enter').getByRole('button', { name: '进入' }).click();
  await expect(wu.getByRole('alert')).toHaveText('没有有效的有限空间作业培训记录，未经培训合格不得作业');

  // The trainer installs the starter questions and creates a confined-space session with a quiz.
  const trainer = await phone(browser, DEMO.trainer);
  await trainer.goto('/training/questions');
  await trainer.getByRole('button', { name: '安装入门题库' }).click();
  await expect(trainer.locator('ol.quiz-bank > li').first()).toBeVisible();
  const key = await answerKey(trainer);
  expect(key.size).toBeGreaterThanOrEqual(20);

  await trainer.goto('/training');
  await trainer.getByRole('link', { name: '新建培训' }).click();
  const form = trainer.locator('form:has(input[name="form[title]"])');
  const start = chinaLocal(-5);
  const end = chinaLocal(60);
  await form.locator('input[name="form[title]"]').fill(`有限空间作业专题培训 ${code}`);
  await form.locator('select[name="form[category]"]').selectOption('confined_space');
  await form.locator('input[name="form[date]"]').fill(start.slice(0, 10));
  await form.locator('input[name="form[start]"]').fill(start.slice(11));
  // A session that would run past midnight is cut at 23:59 (the form wants one day).
  await form.locator('input[name="form[end]"]').fill(end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : '23:59');
  await form.locator('input[name="form[hours]"]').fill('1');
  await form.locator('input[name="form[location]"]').fill('二楼培训室');
  await form.locator('textarea[name="form[summary]"]').fill('先通风、再检测、后作业；气体检测合格标准；监护人职责；应急救援。');
  await form.locator('input[name="form[audience]"][value="all"]').check();
  await form.locator('select[name="form[assessment]"]').selectOption('quiz');
  await form.locator('input[name="form[pass_mark]"]').fill('80');
  await form.locator('input[name="form[quiz_size]"]').fill('5');
  await form.getByRole('button', { name: '创建培训' }).click();
  await expect(trainer).toHaveURL(/\/training\/sessions\/[0-9a-f-]{36}\?created=1$/);
  const sessionId = new URL(trainer.url()).pathname.split('/').pop()!;

  // The rotating QR on the projector page; its picture decodes to the URL it names.
  await trainer.goto(`/training/sessions/${sessionId}/qr`);
  const qr = trainer.locator('#qr');
  await expect(qr).toBeVisible();
  await trainer.screenshot({ path: `${SHOTS}/training-qr.png`, fullPage: true });
  const shot = `${SHOTS}/training-qr-code.png`;
  await qr.screenshot({ path: shot });
  const scanned = decodeQr(shot);
  expect(scanned).toBe(await qr.getAttribute('data-url'));
  expect(scanned).toMatch(/\/t\/[a-z2-7]{26}\/[a-z2-7]{16}$/);

  // 吴师傅 scans it at once and signs in; a second sign-in changes nothing.
  await wu.goto(scanned);
  await expect(wu).toHaveURL(/\/training\/signin\//);
  await wu.locator('form#sign-in').getByRole('button', { name: '签到' }).click();
  await expect(wu.locator('[data-notice]')).toContainText('签到成功');
  await expect(wu.locator('p[data-signed-in]')).toBeVisible();

  // The same picture, two steps later, no longer signs anyone in: 周师傅 is told why.
  await attendant.waitForTimeout((2 * STEP_SECONDS + 1) * 1000);
  await attendant.goto(scanned);
  await expect(attendant.locator('[data-refusal="code_expired"]')).toHaveText('二维码已过期，请重新扫描现场二维码');

  // The projector counts him.
  await trainer.goto(`/training/sessions/${sessionId}/qr`);
  await expect(trainer.locator('p.count[data-signed-in]')).toHaveAttribute('data-signed-in', '1');

  // The quiz: graded on the server, passed with every answer right.
  await wu.getByRole('link', { name: '开始答题' }).click();
  await expect(wu).toHaveURL(new RegExp(`/training/quiz/${sessionId}$`));
  const questions = wu.locator('ol.quiz-questions > li');
  await expect(questions).toHaveCount(5);
  for (const q of await questions.all()) {
    const legend = (await q.locator('legend').innerText()).trim();
    const prompt = [...key.keys()].find((p) => legend.includes(p));
    expect(prompt, legend).toBeDefined();
    for (const i of key.get(prompt!)!) {
      await q.locator(`input[value="${i}"]`).check();
    }
  }
  await wu.screenshot({ path: `${SHOTS}/training-quiz.png`, fullPage: true });
  await wu.getByRole('button', { name: '交卷' }).click();
  await expect(wu.getByText('考核合格')).toBeVisible();
  await expect(wu.getByText('全部答对！')).toBeVisible();
  // Signed in (the session still runs), the session leaves his 我的待参加培训 for the attended list.
  await wu.goto('/training');
  const attended = wu.locator('h2:has-text("我参加过的培训") + ul');
  await expect(attended).toContainText(`有限空间作业专题培训 ${code}`);
  await expect(wu.locator('h2:has-text("我的待参加培训") + *')).not.toContainText(`有限空间作业专题培训 ${code}`);

  // The trainer's sign-in sheet: 吴师傅, by scan, passed.
  await trainer.goto(`/training/sessions/${sessionId}/sheet`);
  const row = trainer.locator('tr', { hasText: '吴师傅' });
  await expect(row).toContainText('扫码');
  await expect(row).toContainText('合格');
  const xlsx = await trainer.request.get(`/export/training/sessions/${sessionId}/sheet.xlsx`);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

  // Passing filled his confined-space qualification: now he enters, and leaves.
  await enterSpace(wu, spaceUrl, '吴师傅');
  await wu.locator('[data-inside="吴师傅"]').getByRole('button', { name: '出来' }).click();
  await expect(wu.locator('[data-inside]')).toHaveCount(0);

  // His training file lists the session with its hours and result.
  await wu.goto('/training/file');
  await expect(wu.locator('body')).toContainText(`有限空间作业专题培训 ${code}`);
  // The 三级教育卡 reads as cards at 390 px: each cell with its heading, none one character wide.
  const card = wu.locator('table.induction tbody tr').first();
  await expect(card.locator('td').first()).toHaveCSS('display', 'grid');
  const cell = (await card.locator('td').nth(3).boundingBox())!;
  expect(cell.width).toBeGreaterThan(250);
  await wu.screenshot({ path: `${SHOTS}/training-file.png`, fullPage: true });
});

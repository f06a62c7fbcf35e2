import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import {
  answerPatrol,
  approveOperation,
  attendantReady,
  audited,
  DEMO,
  enterSpace,
  outboxCount,
  phone,
  registerPatrolPoint,
  registerSpace,
  requestOperation,
  serverControl,
  serverDown,
  serverUp,
  signIn,
  sql,
  swControlled,
  userId,
} from './helpers';

// Issue 21 items 2 and 3 on a phone (390x844, service worker on, the server stopped like a
// lost connection): pages kept on the phone tell the truth about what waits in the outbox.
// - The attendant's kept scan page counts the entrant who went in after he opened it, and the
//   last gas test's age is counted on the phone, in Chinese.
// - After an offline exit, the worker's kept scan page shows the exit waiting instead of 出来,
//   the headcount leaves him out, and a second tap is answered on the phone, not queued.
// - A patrol is started and submitted offline from the point's kept page; once the server is
//   back it arrives once, with its start and its answers.
//
// It stops the server: it runs alone (workers: 1) and always brings the server back.

const ZHOU = '13800000007'; // attendant
const SHOTS = 'screenshots';
const REPLAY = { timeout: 60_000 };
// Short timeouts for the worker; offline.js refetches an open QR page every 2 s (fresh_ms).
const SW_QUERY = '?nav_ms=1500&post_ms=2500&other_ms=2500&replay_ms=8000&fresh_ms=2000';

test.describe.configure({ mode: 'serial' });
test.skip(!serverControl, 'needs scripts/e2e.sh: it stops and starts the server');
test.afterAll(() => serverUp());

async function swPhone(browser: Browser, account: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
  });
  await ctx.addInitScript((query) => localStorage.setItem('anxun-sw-query', query), SW_QUERY);
  const page = await ctx.newPage();
  await signIn(page, account);
  await swControlled(page);
  return { ctx, page };
}

/** Whether the phone's kept copy of `url` (any user's cache) shows `name` inside. */
function keptShows(page: Page, url: string, name: string): Promise<boolean> {
  return page.evaluate(
    async ({ url, name }) => {
      for (const key of await caches.keys()) {
        if (!key.startsWith('pages-')) continue;
        const hit = await (await caches.open(key)).match(url);
        if (hit && (await hit.text()).includes(`data-inside="${name}"`)) return true;
      }
      return false;
    },
    { url, name },
  );
}

test('kept pages reflect the outbox; a patrol starts and is submitted offline', async ({ browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const since = new Date(Date.now() - 1000).toISOString();
  const stamp = Date.now() % 1_000_000;
  const code = `KEPT-${stamp}`;
  const pointName = `3号冷却塔 ${stamp}`;
  const officer = await phone(browser, DEMO.safety_officer);
  const wang = await swPhone(browser, DEMO.worker);
  const zhou = await swPhone(browser, ZHOU);
  try {
    // ---- Online: a space, an approved operation, the attendant's page open before entry.
    const url = await registerSpace(officer, { code, name: '5号污水池', type: 'pit' });

    await requestOperation(wang.page, url, { work: '清理池底污泥', entrants: ['王师傅'] });
    await approveOperation(officer, url);

    const att = zhou.page;
    await attendantReady(att, url);
    await expect(att.locator('[data-inside-count]')).toHaveText('0');

    // 王师傅 enters on his phone while the attendant's page stays open.
    await enterSpace(wang.page, url, '王师傅');
    // The attendant's phone keeps the page as the server has it now, without a reload.
    await expect.poll(() => keptShows(att, url, '王师傅'), { timeout: 20_000 }).toBe(true);

    // A patrol point with the general daily checklist, opened online by 王师傅 (kept).
    const { pointId, pointUrl } = await registerPatrolPoint(officer, pointName, '二号车间');
    await wang.page.goto(pointUrl);
    await expect(wang.page.getByRole('button', { name: /日常巡查·通用/ })).toBeVisible();
    // His scan page as the QR opens it, with him inside.
    await wang.page.goto(url);
    await expect(wang.page.locator('[data-inside="王师傅"]')).toBeVisible();

    // ---- The connection is lost. ----
    serverDown('KILL');

    await test.step("the attendant's kept page counts who is inside and ages the test on the phone", async () => {
      await att.goto(url);
      await expect(att.locator('.cached-banner')).toBeVisible();
      await expect(att.locator('[data-inside="王师傅"]')).toBeVisible();
      await expect(att.locator('[data-inside-count]')).toHaveText('1');
      // "刚刚" / "N 分钟前" from the test's time and the phone's clock (as the server words
      // it), never the kept "(0 min)".
      const age = att.locator('[data-tested-at]');
      await expect(age).not.toContainText('min');
      const expected = await age.evaluate((el) => {
        const n = Math.floor((Date.now() - Date.parse(el.getAttribute('data-tested-at')!)) / 60000);
        return n <= 0 ? '刚刚' : `${n} 分钟前`;
      });
      await expect(age).toHaveText(expected);
      await att.screenshot({ path: `${SHOTS}/kept-attendant.png`, fullPage: true });
    });

    await test.step('after an offline exit the kept page shows it waiting, without 出来', async () => {
      const page = wang.page;
      await page.goto(url);
      await expect(page.locator('.cached-banner')).toBeVisible();
      await page.locator('[data-inside="王师傅"]').getByRole('button', { name: '出来' }).click();
      await expect(page.locator('[data-offline-saved]')).toBeVisible();
      await page.goto(url);
      await expect(page.locator('.cached-banner')).toBeVisible();
      const row = page.locator('[data-inside="王师傅"]');
      await expect(row.locator('[data-exit-waiting]')).toHaveText('出来已保存，待上传');
      await expect(row.getByRole('button', { name: '出来' })).toBeHidden();
      await expect(page.locator('[data-inside-count]')).toHaveText('0');
      await page.screenshot({ path: `${SHOTS}/kept-exit-waiting.png`, fullPage: true });
      // A second tap (a page still showing 出来: here the hidden form, sent as a tap would) is
      // answered on the phone and not queued again.
      await row.locator('form').evaluate((form: HTMLFormElement) => form.requestSubmit());
      await expect(page.locator('[data-offline-already]')).toContainText('已保存，待上传');
      expect(await outboxCount(page, 'waiting')).toBe(1);
    });

    let startedAt = 0;
    await test.step('a patrol started and submitted offline from the kept point page', async () => {
      const page = wang.page;
      await page.goto(pointUrl);
      await expect(page.locator('.cached-banner')).toBeVisible();
      await page.getByRole('button', { name: /日常巡查·通用/ }).click();
      startedAt = Date.now();
      const form = page.locator('form[data-offline-patrol]');
      await expect(form).toBeVisible();
      const items = form.locator('li.patrol-item');
      expect(await answerPatrol(items)).toBeGreaterThan(3);
      await page.screenshot({ path: `${SHOTS}/kept-patrol-offline.png`, fullPage: true });
      await form.locator('button[type="submit"]').click();
      await expect(page.locator('[data-offline-saved]')).toBeVisible();
      expect(await outboxCount(page, 'waiting')).toBe(2);
    });

    // ---- The connection is back. ----
    await test.step('online again: the exit and the patrol arrive once', async () => {
      serverUp();
      await wang.page.goto('/outbox');
      await expect.poll(() => outboxCount(wang.page, 'waiting'), REPLAY).toBe(0);
      // (An item being sent is neither waiting nor sent yet.)
      await expect.poll(() => outboxCount(wang.page, 'sent'), REPLAY).toBe(2);
      expect(await outboxCount(wang.page, 'refused')).toBe(0);
      expect(audited(userId(DEMO.worker), 'operation.exit', since)).toBe(1);
      expect(Number(sql(`select count(*) from patrol_records where point_id = '${pointId}'`))).toBe(1);
      const record = sql(`select id from patrol_records where point_id = '${pointId}' and submitted_at is not null`);
      expect(record).toMatch(/^[0-9a-f-]{36}$/);
      // Started at the phone's start (to the second), before the submission.
      const started = Number(sql(`select extract(epoch from started_at) * 1000 from patrol_records where id = '${record}'`));
      expect(Math.abs(started - startedAt)).toBeLessThan(5_000);
      expect(sql(`select started_at < submitted_at from patrol_records where id = '${record}'`)).toBe('t');
      const items = Number(sql(`select count(*) from patrol_answers where record_id = '${record}'`));
      expect(items).toBeGreaterThan(3);
      // The space is empty on the server: his exit was taken once, no refusal.
      await wang.page.goto(url);
      await expect(wang.page.locator('[data-inside]')).toHaveCount(0);
    });
  } finally {
    await wang.ctx.close().catch(() => {});
    await zhou.ctx.close().catch(() => {});
    await officer.context().close().catch(() => {});
    serverUp();
  }
});

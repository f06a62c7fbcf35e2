import { APIRequestContext, Browser, expect, Page, test } from '@playwright/test';
import { DEMO, login, pngSize, serverPid as liveServerPid, swControlled } from './helpers';

// Installable and offline (issue 10): the manifest and the service worker, a page kept for
// its user and served from the cache when the server is gone, and one form post kept in the
// outbox and sent when the server is back.
//
// The server is taken away by stopping its process (SIGSTOP: connections hang, as with no
// signal at all); Playwright's setOffline does not cover the worker's own fetches. The
// worker's timeouts are shortened through its registration URL (offline.js appends
// localStorage 'anxun-sw-query').

const SW_QUERY = '?nav_ms=1500&post_ms=2500&other_ms=2500&replay_ms=8000';

// The live pid: another spec (offline.spec.ts) may have restarted the server since e2e.sh began.
function serverPid(): number {
  const pid = Number(liveServerPid());
  if (!pid) throw new Error('no server pid (run through scripts/e2e.sh)');
  return pid;
}
const stopServer = () => process.kill(serverPid(), 'SIGSTOP');
const startServer = () => process.kill(serverPid(), 'SIGCONT');

async function fetchedPng(request: APIRequestContext, src: string): Promise<[number, number]> {
  const res = await request.get(src, { maxRedirects: 0 });
  expect(res.status(), src).toBe(200);
  expect(res.headers()['content-type']).toBe('image/png');
  return pngSize(await res.body());
}

/** A phone whose service worker uses the short test timeouts. */
async function offlinePhone(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  await ctx.addInitScript((query) => localStorage.setItem('anxun-sw-query', query), SW_QUERY);
  return ctx.newPage();
}

test('the app is installable: a complete manifest, icons, iOS tags and a worker served for the whole site', async ({
  page,
  playwright,
}) => {
  // Without a session: an installed app loads these before anyone signs in.
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const res = await anonymous.get('/manifest.webmanifest', { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  const manifest = await res.json();
  expect(manifest.name).toContain('安巡');
  expect(manifest.short_name).toBe('安巡');
  expect(manifest.lang).toBe('zh-CN');
  expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone', theme_color: '#0b5cab' });
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  const icon = (size: string, purpose: string) =>
    manifest.icons.find((i: { sizes: string; purpose: string }) => i.sizes === size && i.purpose === purpose);
  for (const [size, purpose] of [
    ['192x192', 'any'],
    ['512x512', 'any'],
    ['512x512', 'maskable'],
  ]) {
    const entry = icon(size, purpose);
    expect(entry, `${size} ${purpose}`).toBeTruthy();
    expect(entry.type).toBe('image/png');
    const [w, h] = await fetchedPng(anonymous, entry.src);
    expect(`${w}x${h}`).toBe(size);
  }

  const sw = await anonymous.get('/sw.js', { maxRedirects: 0 });
  expect(sw.status()).toBe(200);
  expect(sw.headers()['cache-control']).toBe('no-cache');
  expect(sw.headers()['service-worker-allowed']).toBe('/');
  expect(sw.headers()['content-type']).toContain('javascript');
  const script = await sw.text();
  expect(script).not.toContain('__ANXUN_');
  expect(script).toMatch(/const VERSION = '[0-9a-f]{12}';/);
  const offlineJs = await anonymous.get('/offline.js', { maxRedirects: 0 });
  expect(offlineJs.status()).toBe(200);

  // Every page's head: manifest, touch icon, iOS tags, the user for the worker, offline.js.
  await login(page, DEMO.worker);
  await expect(page.locator('section.home')).toBeVisible();
  const head = page.locator('head');
  await expect(head.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(head.locator('meta[name="apple-mobile-web-app-capable"]')).toHaveAttribute('content', 'yes');
  await expect(head.locator('meta[name="apple-mobile-web-app-title"]')).toHaveAttribute('content', '安巡');
  await expect(head.locator('meta[name="anxun-user"]')).toHaveAttribute('content', /^[0-9a-f-]{36}$/);
  await expect(head.locator('script[src="/offline.js"][defer]')).toHaveCount(1);
  const touch = await head.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  expect(await fetchedPng(anonymous, touch!)).toEqual([180, 180]);
  // The worker precaches this page's stylesheet and the page script.
  const css = await head.locator('link[rel="stylesheet"]').getAttribute('href');
  expect(script).toContain(`"${css}"`);
  expect(script).toContain('"/offline.js"');
  // The header's badge is there, hidden while nothing waits.
  await expect(page.locator('header [data-outbox-badge]')).toBeHidden();
  await anonymous.dispose();
});

test('offline: a kept page with its banner, a report kept in the outbox, sent once when the server is back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await offlinePhone(browser);
  await login(page, DEMO.worker);
  await expect(page.locator('section.home')).toBeVisible();

  // The worker registers and takes control of the page.
  await swControlled(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toContain('/sw.js');
  const user = await page.locator('meta[name="anxun-user"]').getAttribute('content');

  // Pages opened online are kept for this user.
  await page.goto('/me');
  await page.goto('/hazards/new');
  const onlineId = await page.locator('#report-hazard input[name="client_id"]').inputValue();
  await expect
    .poll(() => page.evaluate(async (u) => (await caches.open(`pages-${u}`)).keys().then((k) => k.length), user))
    .toBeGreaterThanOrEqual(2);

  const place = `离线测试点 ${Date.now()}`;
  stopServer();
  try {
    // The server does not answer: the kept page, saying so, with a fresh client id.
    await page.goto('/hazards/new');
    const banner = page.locator('.cached-banner[data-cached-at]');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/离线：这是 \d{2}:\d{2} 保存的页面/);
    const form = page.locator('#report-hazard');
    const offlineId = await form.locator('input[name="client_id"]').inputValue();
    expect(offlineId).toMatch(/^[0-9a-f-]{36}$/);
    expect(offlineId).not.toBe(onlineId);

    // A report made now is kept on the phone.
    await form.locator('input[name="location"]').fill(place);
    await form.locator('textarea[name="description"]').fill('离线上报：地沟盖板缺失一块');
    await form.locator('select[name="category"]').selectOption({ index: 1 });
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('[data-offline-saved]')).toBeVisible();
    await expect(page.locator('[data-offline-saved]')).toContainText('已保存在本手机，联网后自动上传');

    // The badge counts it, on a kept page.
    await page.goto('/me');
    await expect(page.locator('.cached-banner')).toBeVisible();
    const badge = page.locator('[data-outbox-badge]');
    await expect(badge).toBeVisible();
    await expect(badge.locator('[data-outbox-count]')).toHaveText('1');
    await expect(badge).toHaveAttribute('href', '/outbox');

    // Logging out with a record waiting asks first; "cancel" stays.
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.dismiss();
    });
    await page.locator('form[action="/auth/logout"] button').click();
    await expect.poll(() => question).toContain('还有 1 条记录未上传');
    await expect(page).toHaveURL(/\/me$/);

    // The outbox (never opened online: the worker's own page) lists it as waiting.
    await page.goto('/outbox');
    const item = page.locator('[data-outbox-list] li');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-state', /waiting|sending/);
    await expect(item).toContainText('隐患上报');

    // Entry is never kept: it needs the server, and says so.
    await page.evaluate(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/api/v1/operations/enter';
      document.body.append(form);
      form.submit();
    });
    const needs = page.locator('[data-needs-connection="entry"]');
    await expect(needs).toBeVisible();
    await expect(needs).toContainText('需要联网：进入有限空间须在服务器确认作业审批和气体检测，本次未保存任何内容');
    await page.goto('/outbox');
    await expect(page.locator('[data-outbox-list] li')).toHaveCount(1);
  } finally {
    startServer();
  }

  // Back online. The server's side of the replay (app/src/offline, another part of issue 10)
  // answers a replay with JSON; until it is there, the record still arrives (same client id,
  // once) but the worker keeps waiting for a `stored` answer.
  const probe = await page.request.post('/api/v1/hazards/report/multipart', {
    headers: {
      Origin: new URL(page.url()).origin,
      'X-Anxun-Outbox': '1',
      'X-Anxun-Author': '00000000-0000-0000-0000-000000000000',
    },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const answer = (probe.headers()['content-type'] ?? '').startsWith('application/json') ? await probe.json() : {};
  const contract = typeof answer.outcome === 'string';

  await page.goto('/outbox');
  await expect(page.locator('.cached-banner')).toHaveCount(0);
  await page.locator('[data-outbox-send]').click();
  if (contract) {
    await expect(page.locator('[data-outbox-list] li')).toHaveAttribute('data-state', 'sent', { timeout: 30_000 });
    await expect(page.locator('[data-outbox-badge]')).toBeHidden();
  }
  // Stored exactly once, whatever the number of tries.
  await expect
    .poll(
      async () => {
        await page.goto('/hazards');
        return page.locator('main strong', { hasText: place }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await page.goto('/outbox');
  await page.locator('[data-outbox-send]').click();
  await page.waitForTimeout(2_000);
  await page.goto('/hazards');
  await expect(page.locator('main strong', { hasText: place })).toHaveCount(1);
  if (!contract) {
    test.info().annotations.push({
      type: 'note',
      description: 'server side of the replay contract absent: the sent state was not checked',
    });
  }
  await page.context().close();
});

import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, hydrated, login } from './helpers';

// Redirects and headers (issue 7, part 5), checked on the running server.

const EVIL_NEXTS = [
  '/%09/evil.example', // a tab: browsers drop it, `/\t/evil.example` became `//evil.example`
  '/%0A/evil.example',
  '/%0D%0A/evil.example',
  '/%00/evil.example',
  '//evil.example',
  '/%5Cevil.example',
  '/%5C/evil.example',
  '%5C%5Cevil.example',
  'https://evil.example/',
  '/%2509/evil.example', // encoded twice
];

test('the language switch and the login return only to a page of this site', async ({ request }) => {
  for (const next of EVIL_NEXTS) {
    const res = await request.get(`/lang/en?next=${next}`, { maxRedirects: 0 });
    expect(res.status(), next).toBe(303);
    expect(res.headers()['location'], next).toBe('/');
  }
  const ok = await request.get('/lang/zh-CN?next=%2Fspaces%3Fq%3D1', { maxRedirects: 0 });
  expect(ok.headers()['location']).toBe('/spaces?q=1');

  const res = await request.post('/auth/login', {
    form: { account: DEMO.trainer, password: DEMO_PASSWORD, next: '/\t/evil.example' },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(303);
  expect(res.headers()['location']).toBe('/');
});

test('a write with Origin: null or from another site is refused', async ({ request }) => {
  for (const origin of ['null', 'https://evil.example']) {
    const res = await request.post('/auth/login', {
      headers: { origin },
      form: { account: DEMO.trainer, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(res.status(), origin).toBe(403);
    expect(res.headers()['set-cookie'], origin).toBeUndefined();
  }
});

test('signed-in pages, API answers and exports are no-store; built files stay immutable', async ({ page }) => {
  await login(page, DEMO.safety_officer);
  await expect(page.locator('section.home')).toBeVisible();
  const home = await page.request.get('/');
  expect(home.headers()['cache-control']).toBe('no-store');
  const spaces = await page.request.get('/spaces');
  expect(spaces.headers()['cache-control']).toBe('no-store');
  const api = await page.request.post('/api/v1/spaces/posters', {
    headers: { accept: 'application/json' },
    form: { id: '' },
  });
  expect(api.status()).toBe(200);
  expect(api.headers()['cache-control']).toBe('no-store');
  const xlsx = await page.request.get('/export/spaces.xlsx');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  expect(xlsx.headers()['cache-control']).toBe('no-store');
  const css = await page.locator('link[rel="stylesheet"]').getAttribute('href');
  const asset = await page.request.get(css!);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  // Back after logout on a shared phone shows the login, not the last signed-in page.
  await page.goto('/spaces');
  await expect(page.locator('h1')).toBeVisible();
  await page.goto('/me');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?next=%2Fme/);
});

test('pages carry a Content-Security-Policy and the islands page still hydrates under it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  });
  await login(page, DEMO.enterprise_admin);
  const res = await page.goto('/admin/users/import');
  const csp = res!.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  const nonce = /'nonce-([\w-]+)'/.exec(csp)![1];
  // Every inline script (leptos's hydration script and its streaming bookkeeping) carries that
  // nonce. (leptos_i18n writes an empty <script></script>, which never runs.)
  const inline = await page.locator('script:not([src])').evaluateAll((list) =>
    list.filter((s) => s.textContent !== '').map((s) => (s as HTMLScriptElement).nonce),
  );
  expect(inline.length).toBeGreaterThan(0);
  expect(inline).toEqual(inline.map(() => nonce));
  await hydrated(page);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  // A second page gets another nonce.
  const again = await page.request.get('/admin/users/import');
  expect(again.headers()['content-security-policy']).not.toContain(nonce);
  expect(violations).toEqual([]);
});

test('posters print the configured public URL and their buttons work without inline scripts', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await login(page, DEMO.safety_officer);
  await expect(page.locator('section.home')).toBeVisible();
  const created = await page.request.post('/api/v1/spaces/create', {
    headers: { accept: 'application/json' },
    form: {
      client_id: crypto.randomUUID(),
      'form[code]': `HDR-${Date.now() % 1_000_000}`,
      'form[name]': '标识牌测试池',
      'form[location]': '污水站',
      'form[space_type]': 'pit',
    },
  });
  expect(created.status()).toBe(200);
  await page.goto('/spaces/posters');
  const poster = page.locator('article.poster').first();
  // scripts/e2e.sh sets ANXUN_PUBLIC_URL to the address the tests use.
  const base = new URL(page.url()).origin;
  expect(await poster.getAttribute('data-url')).toMatch(new RegExp(`^${base}/c/[a-z2-7]{26}$`));
  await page.locator('input[data-label-size]').check();
  await expect(page.locator('body.labels')).toHaveCount(1);
  expect(await page.locator('[onclick], [onchange]').count()).toBe(0);
  expect(violations).toEqual([]);
});

import { Browser, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

export const DEMO_PASSWORD = 'Anxun@2026';

/** The demo logins (see README.md and app/src/demo.rs). */
export const DEMO = {
  worker: '13800000001',
  safety_officer: '13800000002',
  trainer: '13800000003',
  enterprise_admin: '13800000004',
  regulator: '13800000005',
} as const;

export async function login(page: Page, account: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('input[name="account"]').fill(account);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[action="/auth/login"] button[type="submit"]').click();
}

/**
 * Waits until the WASM has hydrated the page (the app marks <body> when done). Pages without an
 * island of the app's own load no WASM (see `shell` in app/src/app.rs): there is nothing to wait
 * for. (leptos_i18n's provider, around every page, is an island too, but needs no WASM alone.)
 */
export async function hydrated(page: Page) {
  const islands = page.locator('leptos-island:not([data-component^="I18nContextProvider"])');
  if ((await islands.count()) === 0) return;
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
}

/** A mobile number no earlier run has used, so the tests also pass against a reused database. */
let sequence = 0;
export function uniqueMobile(): string {
  const stamp = (Date.now() % 1_000_000) * 100 + (sequence++ % 100);
  return `139${String(stamp).padStart(8, '0')}`;
}

/** A phone of its own (390x844, touch, zh-CN) signed in as `account`, on its home page. */
export async function phone(browser: Browser, account: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await login(page, account);
  await expect(page.locator('section.home')).toBeVisible();
  return page;
}

/** China local time `offsetMinutes` from now, as a datetime-local input wants it. */
export function chinaLocal(offsetMinutes: number): string {
  return new Date(Date.now() + offsetMinutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Reads the QR code in a PNG with zbarimg (Debian zbar-tools). */
export function decodeQr(png: string): string {
  return execFileSync('zbarimg', ['--raw', '-q', png], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

/** The attendant's gas test on a scan page: the same readings at the three heights. */
export async function gasTest(page: Page, oxygen: string) {
  const form = page.locator('details.gas-form form');
  await form.locator('input[name="form[detector_id]"]').fill('MX4-0012');
  await form.locator('input[name="form[calibration_due]"]').fill(new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10));
  for (const point of ['upper', 'middle', 'lower']) {
    await form.locator(`input[name="form[values][oxygen.${point}]"]`).fill(oxygen);
    await form.locator(`input[name="form[values][flammable.${point}]"]`).fill('0');
    await form.locator(`input[name="form[values][hydrogen_sulfide.${point}]"]`).fill('1');
    await form.locator(`input[name="form[values][carbon_monoxide.${point}]"]`).fill('2');
  }
  await form.getByRole('button', { name: '记录检测结果' }).click();
}

/**
 * The server under test, driven through scripts/e2e-server.sh (scripts/e2e.sh passes its path
 * and state): the offline specs take it down like a lost connection and bring it back on the
 * same address with the same environment. Without it (a server started by hand) they skip.
 */
const SERVER_CTL = process.env.ANXUN_E2E_SERVER;
export const serverControl = Boolean(SERVER_CTL && process.env.ANXUN_E2E_STATE);

function serverCtl(...args: string[]): string {
  if (!serverControl) throw new Error('no server control: run through scripts/e2e.sh');
  return execFileSync(SERVER_CTL!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** Stops the server (SIGKILL by default: the phone sees a dead connection) and waits until it is gone. */
export function serverDown(signal: 'KILL' | 'TERM' = 'KILL') {
  serverCtl('stop', signal);
}

/** Starts the server again (nothing if it runs) and returns once /healthz answers. */
export function serverUp() {
  serverCtl('start');
}

/** The running server's pid: after a restart the one e2e.sh passed is stale. */
export function serverPid(): string | undefined {
  if (serverControl) return serverCtl('pid') || undefined;
  return process.env.ANXUN_SERVER_PID;
}

/** One value from the test database (psql, as the schema's owner), e.g. a count of rows. */
export function sql(query: string): string {
  const url = process.env.ANXUN_E2E_DATABASE_URL;
  if (!url) throw new Error('ANXUN_E2E_DATABASE_URL is not set: run through scripts/e2e.sh');
  return execFileSync(process.env.ANXUN_E2E_PSQL ?? 'psql', [url, '-XAtqc', query], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/**
 * English units and day names in the page's visible text: `min`, `h`, `km` as whole tokens
 * next to a number ("(0 min)", "4min", "2 h") and Monday…Sunday (or Mon…Sun). A zh-CN page
 * must show none (every unit goes through app/src/time_fmt.rs). Each hit with its context.
 */
export async function englishUnits(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const patterns = [
    /\d\s*(?:min|mins|h|hr|hrs|km)\b/g,
    /\b(?:min|h|km)\s*\d/g,
    /\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b/g,
  ];
  const hits: string[] = [];
  for (const p of patterns) {
    for (const m of text.matchAll(p)) {
      const at = m.index ?? 0;
      hits.push(`"${m[0]}" in "${text.slice(Math.max(0, at - 20), at + m[0].length + 20).replace(/\s+/g, ' ')}"`);
    }
  }
  return hits;
}

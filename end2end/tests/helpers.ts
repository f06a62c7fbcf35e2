import { Browser, expect, Locator, Page } from '@playwright/test';
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

/** Signs in as `account` and waits for the home page. */
export async function signIn(page: Page, account: string, password = DEMO_PASSWORD) {
  await login(page, account, password);
  await expect(page.locator('section.home')).toBeVisible();
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

/** A real JPEG (1200x900) made by the browser's canvas, as a phone camera would hand it over. */
export async function cameraPhoto(page: Page, colour = '#1565c0'): Promise<Buffer> {
  const base64 = await page.evaluate(async (fill) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 900;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = fill;
    ctx.fillRect(0, 0, 1200, 900);
    ctx.fillStyle = '#fff';
    ctx.fillRect(300, 200, 600, 500);
    const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, colour);
  return Buffer.from(base64, 'base64');
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

// ---- The confined-space operation, from the officer's register to the entrant inside. ----

/**
 * The officer registers a confined space on /spaces (optionally with a toxic or asphyxiation
 * risk, which only the principal may approve) and opens its poster; returns the scan URL the
 * poster's QR carries. The officer is left on the poster page.
 */
export async function registerSpace(
  officer: Page,
  space: { code: string; name: string; type: string; toxic?: boolean },
): Promise<string> {
  await officer.goto('/spaces');
  const reg = officer.locator('#register-space');
  await reg.locator('input[name="form[code]"]').fill(space.code);
  await reg.locator('input[name="form[name]"]').fill(space.name);
  await reg.locator('select[name="form[space_type]"]').selectOption(space.type);
  if (space.toxic) await reg.locator('input[name="form[toxic_asphyxiation_risk]"]').check();
  await reg.locator('button[type="submit"]').click();
  await expect(officer.locator('h1')).toContainText(space.code);
  await officer.getByRole('link', { name: '二维码标识牌' }).click();
  return (await officer.locator('article.poster').getAttribute('data-url'))!;
}

/**
 * A worker scans the space (`url`) and requests an operation starting 5 minutes ago and
 * ending `minutes` from now, for `entrants` (by name), with 周师傅 as attendant and 张培训
 * in charge; waits until it is requested.
 */
export async function requestOperation(
  worker: Page,
  url: string,
  op: { work: string; entrants: string[]; minutes?: number },
) {
  await worker.goto(url);
  await worker.locator('#request-operation summary').click();
  const req = worker.locator('#request-operation form');
  await req.locator('input[name="form[work_content]"]').fill(op.work);
  await req.locator('input[name="form[planned_start]"]').fill(chinaLocal(-5));
  await req.locator('input[name="form[planned_end]"]').fill(chinaLocal(op.minutes ?? 180));
  for (const name of op.entrants) await req.getByRole('checkbox', { name }).check();
  await req.locator('select[name="form[attendant_id]"]').selectOption({ label: '周师傅' });
  // The person in charge is not the approver: by default an approver is independent of the permit.
  await req.locator('select[name="form[person_in_charge_id]"]').selectOption({ label: '张培训' });
  await req.getByRole('button', { name: '提交审批' }).click();
  await expect(worker.locator('section.op')).toHaveAttribute('data-status', 'requested');
}

/** `approver` approves the requested operation on the space's scan page; waits until approved. */
export async function approveOperation(approver: Page, url: string) {
  await approver.goto(url);
  await approver.getByRole('button', { name: '批准' }).click();
  await expect(approver.locator('section.op')).toHaveAttribute('data-status', 'approved');
}

/** The attendant ventilates, records a passing gas test and takes position (在岗). */
export async function attendantReady(attendant: Page, url: string) {
  await attendant.goto(url);
  await attendant.getByRole('button', { name: '开始通风' }).click();
  await expect(attendant.locator('.steps')).toContainText('已通风');
  await gasTest(attendant, '20.9');
  await expect(attendant.locator('[data-done="test_passed"]')).toBeVisible();
  await attendant.getByRole('button', { name: '监护人到位' }).click();
  await expect(attendant.locator('section.op')).toContainText('（在岗）');
}

/** The entrant accepts the safety briefing and taps 进入 on the scan page; waits until `name` is inside. */
export async function enterSpace(entrant: Page, url: string, name: string) {
  await entrant.goto(url);
  await entrant.locator('form.enter').getByLabel('我已接受安全交底').check();
  await entrant.locator('form.enter').getByRole('button', { name: '进入' }).click();
  await expect(entrant.locator(`[data-inside="${name}"]`)).toBeVisible();
}

/**
 * The whole journey from request to entry in the space at `url`: `worker` requests the work
 * (`op`), `officer` approves, `attendant` (周师傅's page) ventilates, tests and takes position,
 * and `worker` enters as `name` (the first of `op.entrants`).
 */
export async function operationToEntry(
  url: string,
  pages: { worker: Page; officer: Page; attendant: Page },
  op: { work: string; entrants: string[]; minutes?: number },
) {
  await requestOperation(pages.worker, url, op);
  await approveOperation(pages.officer, url);
  await attendantReady(pages.attendant, url);
  await enterSpace(pages.worker, url, op.entrants[0]);
}

// ---- Patrols, hazards and training sessions. ----

/**
 * The officer makes sure the general daily checklist (日常巡查·通用) is installed, registers a
 * patrol point with it in `area` and opens its poster; returns the point's id and the URL its
 * QR carries.
 */
export async function registerPatrolPoint(
  officer: Page,
  name: string,
  area: string,
): Promise<{ pointId: string; pointUrl: string }> {
  await officer.goto('/patrols/checklists');
  if ((await officer.locator('ul.people', { hasText: '日常巡查·通用' }).count()) === 0) {
    await officer.locator('form.row-actions', { hasText: '日常巡查·通用' }).locator('button[type="submit"]').click();
    await expect(officer.locator('ul.people')).toContainText('日常巡查·通用');
  }
  await officer.goto('/patrols/points');
  const register = officer.locator('#register-point');
  await register.locator('input[name="form[name]"]').fill(name);
  await register.locator('input[name="form[area]"]').fill(area);
  await register.locator('label', { hasText: '日常巡查·通用' }).locator('input[type="checkbox"]').check();
  await register.locator('button[type="submit"]').click();
  await expect(officer).toHaveURL(/\/patrols\/points\/[0-9a-f-]{36}\?registered=1$/);
  const pointId = new URL(officer.url()).pathname.split('/').pop()!;
  await officer.getByRole('link', { name: /标识牌|二维码/ }).first().click();
  const pointUrl = (await officer.locator('article.poster').first().getAttribute('data-url'))!;
  return { pointId, pointUrl };
}

/**
 * Answers a patrol form's `items`: with `fail`, the first item fails with that note and photo;
 * every other item passes (or, a reading, is answered 1). Returns the number of items.
 */
export async function answerPatrol(items: Locator, fail?: { note: string; photo: Buffer; file: string }): Promise<number> {
  const count = await items.count();
  let from = 0;
  if (fail) {
    const first = items.first();
    await first.locator('label.big-choice.fail').click();
    await first.locator('summary').click();
    await first.locator('input[name^="note_"]').fill(fail.note);
    await first.locator('input[type="file"]').setInputFiles({ name: fail.file, mimeType: 'image/jpeg', buffer: fail.photo });
    from = 1;
  }
  for (let i = from; i < count; i++) {
    const item = items.nth(i);
    if ((await item.locator('label.big-choice.pass').count()) > 0) {
      await item.locator('label.big-choice.pass').click();
    } else {
      await item.locator('input[name^="answer_"]').fill('1');
    }
  }
  return count;
}

/** Fills the hazard report form (#report-hazard) on the page and taps 上报. */
export async function reportHazard(page: Page, hazard: { place: string; description: string; category: string }) {
  const report = page.locator('#report-hazard');
  await report.locator('input[name="location"]').fill(hazard.place);
  await report.locator('textarea[name="description"]').fill(hazard.description);
  await report.locator('select[name="category"]').selectOption(hazard.category);
  await report.getByRole('button', { name: '上报' }).click();
}

/** A training session starting now, open to all, confined space, no assessment; returns its id. */
export async function createSession(trainer: Page, title: string): Promise<string> {
  await trainer.goto('/training/sessions/new');
  const form = trainer.locator('form:has(input[name="form[title]"])');
  const start = chinaLocal(-5);
  const end = chinaLocal(60);
  await form.locator('input[name="form[title]"]').fill(title);
  await form.locator('select[name="form[category]"]').selectOption('confined_space');
  await form.locator('input[name="form[date]"]').fill(start.slice(0, 10));
  await form.locator('input[name="form[start]"]').fill(start.slice(11));
  // A session that would run past midnight is cut at 23:59 (the form wants one day).
  await form.locator('input[name="form[end]"]').fill(end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : '23:59');
  await form.locator('input[name="form[hours]"]').fill('1');
  await form.locator('input[name="form[location]"]').fill('二楼培训室');
  await form.locator('textarea[name="form[summary]"]').fill('有限空间作业安全要点');
  await form.locator('input[name="form[audience]"][value="all"]').check();
  await form.locator('select[name="form[assessment]"]').selectOption('none');
  await form.getByRole('button', { name: '创建培训' }).click();
  await expect(trainer).toHaveURL(/\/training\/sessions\/[0-9a-f-]{36}\?created=1$/);
  return new URL(trainer.url()).pathname.split('/').pop()!;
}

/**
 * The URL a session's projector QR carries now (`query` '?mode=out' for the sign-out QR), read
 * from a screenshot of it saved at `shot`, as a phone camera would.
 */
export async function scanProjector(trainer: Page, sessionId: string, shot: string, query = ''): Promise<string> {
  await trainer.goto(`/training/sessions/${sessionId}/qr${query}`);
  const qr = trainer.locator('#qr');
  await expect(qr).toBeVisible();
  await qr.screenshot({ path: shot });
  return decodeQr(shot);
}

// ---- The phone's service worker, its kept pages and its outbox. ----

/**
 * Waits until the service worker controls the page (it claims its clients on activation).
 * Its install fetches every precached file; when one of them fails (seen twice on a loaded
 * machine, in offline.spec and pwa.spec), the install fails and the browser tries again at
 * the next page load, as a phone does: so a page not controlled after 10 s is loaded again.
 */
export async function swControlled(page: Page) {
  const controlled = () => page.evaluate(() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await controlled()) return;
    await page.waitForTimeout(250);
  }
  await page.reload();
  await expect.poll(controlled, { timeout: 20_000 }).toBe(true);
}

/** How many caches of kept pages (`pages-…`, one per user) the phone holds. */
export function keptPageCaches(page: Page): Promise<number> {
  return page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('pages-')).length);
}

/** The phone's outbox items, as the service worker keeps them (IndexedDB `anxun-outbox`). */
export function outboxItems(page: Page): Promise<{ id: number; state: string; authorName: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ id: number; state: string; authorName: string }[]>((done, fail) => {
        const open = indexedDB.open('anxun-outbox');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('items', 'readonly').objectStore('items').getAll();
          all.onsuccess = () => done(all.result);
          all.onerror = () => fail(all.error);
        };
      }),
  );
}

/** How many of the phone's outbox items are in `state` (waiting, sending, sent, refused). */
export async function outboxCount(page: Page, state: string): Promise<number> {
  return (await outboxItems(page)).filter((i) => i.state === state).length;
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

/** A user's id, as the database has it. */
export function userId(mobile: string): string {
  return sql(`select id from users where mobile = '${mobile}'`);
}

/** Audit rows of `action` by `actor` since `since` (an ISO time): offline acts must be stored once. */
export function audited(actor: string, action: string, since: string): number {
  return Number(
    sql(`select count(*) from audit_log where actor_id = '${actor}' and action = '${action}' and created_at >= '${since}'`),
  );
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

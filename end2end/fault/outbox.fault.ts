import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { DEMO, login } from '../tests/helpers';

// The fault suite's phone (started by bench/fault.sh, which made the fixtures and runs the
// server and PostgreSQL): queue N mixed records through fetch() while the server is down (the
// service worker answers 202 {"queued":true}), then replay them while the server is killed
// twice (SIGKILL) and PostgreSQL restarted once; then the same again FAULT_REPEATS times with
// the same records. Progress is read from the outbox itself (IndexedDB `anxun-outbox`), the
// database rows at each fault from bench/fault.sh. The count is bench/fault_count.sql's.

const DIR = process.env.FAULT_DIR!;
const CTL = process.env.FAULT_CTL!;
const N = Number(process.env.FAULT_N ?? 1000);
const REPEATS = Number(process.env.FAULT_REPEATS ?? 3);
const QR_STEP = Number(process.env.ANXUN_TRAINING_QR_STEP_SECONDS ?? 30);
/** Per replay: enough for a slow debug build (about 1 s per 10 records) and the faults. */
const REPLAY_TIMEOUT_MS = Number(process.env.FAULT_REPLAY_TIMEOUT ?? Math.max(180, N * 0.6)) * 1000;
/** Where in each replay (share of its records done) the faults strike. */
const FAULTS: { at: number; what: 'server-kill' | 'pg-restart' }[] = [
  { at: 0.2, what: 'server-kill' },
  { at: 0.5, what: 'pg-restart' },
  { at: 0.8, what: 'server-kill' },
];

type Kind = 'exit' | 'gas' | 'patrol' | 'hazard' | 'signin';
const KINDS: Kind[] = ['exit', 'gas', 'patrol', 'hazard', 'signin'];

interface Photo {
  field: string;
  clientField: string;
  clientId: string;
}
interface Rec {
  kind: Kind;
  clientId: string;
  subject: string;
  url: string;
  multipart: boolean;
  fields: [string, string][];
  photo?: Photo;
}
interface Fixtures {
  me: string;
  exitOperation: string;
  gasOperation: string;
  people: string[];
  records: string[];
  items: { id: string; type: 'pass_fail' | 'number' | 'text'; min: number | null; max: number | null }[];
  sessions: { id: string; token: string; secret: string }[];
}

function ctl(command: string): string {
  return execFileSync(CTL, [command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** The ticket a scan of the session's sign-in QR by `holder` (a user id) earns now
 * (app/src/training/signin/code.rs: the mac covers the scanner's id). */
function ticket(secretHex: string, holder: string): string {
  const step = Math.floor(Date.now() / 1000 / QR_STEP);
  const stepBytes = Buffer.alloc(8);
  stepBytes.writeBigInt64BE(BigInt(step));
  const holderBytes = Buffer.from(holder.replace(/-/g, ''), 'hex');
  const mac = createHmac('sha256', Buffer.from(secretHex, 'hex'))
    .update(Buffer.concat([Buffer.from('ticket:in'), holderBytes, stepBytes]))
    .digest()
    .subarray(0, 10);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let nbits = 0;
  let out = '';
  for (const b of mac) {
    bits = ((bits << 8) | b) & 0xffff;
    nbits += 8;
    while (nbits >= 5) {
      nbits -= 5;
      out += alphabet[(bits >> nbits) & 31];
    }
  }
  return `i${step}-${out}`;
}

/** N records, the kinds in turn; every second patrol fails an item with a photo, every second
 * hazard report carries one. */
function makeRecords(fx: Fixtures): Rec[] {
  const seen: Record<Kind, number> = { exit: 0, gas: 0, patrol: 0, hazard: 0, signin: 0 };
  const firstPassFail = fx.items.find((i) => i.type === 'pass_fail');
  const recs: Rec[] = [];
  for (let i = 0; i < N; i++) {
    const kind = KINDS[i % KINDS.length];
    const j = seen[kind]++;
    const clientId = randomUUID();
    const fields: [string, string][] = [['client_id', clientId]];
    let rec: Rec;
    switch (kind) {
      case 'exit':
        fields.push(['operation_id', fx.exitOperation], ['form[person_id]', fx.people[j]], ['form[tools]', '']);
        rec = { kind, clientId, subject: fx.exitOperation, url: '/api/v1/operations/exit', multipart: false, fields };
        break;
      case 'gas': {
        fields.push(['operation_id', fx.gasOperation], ['form[detector_id]', 'MX4-0012'], ['form[calibration_due]', new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10)]);
        const values: Record<string, string> = { oxygen: '20.9', flammable: '0', hydrogen_sulfide: '1', carbon_monoxide: '2' };
        for (const point of ['upper', 'middle', 'lower']) {
          for (const [gas, value] of Object.entries(values)) fields.push([`form[values][${gas}.${point}]`, value]);
        }
        rec = { kind, clientId, subject: fx.gasOperation, url: '/api/v1/operations/gas_test', multipart: false, fields };
        break;
      }
      case 'patrol': {
        const record = fx.records[j];
        fields.push(['record_id', record]);
        const failing = j % 2 === 0 && firstPassFail ? firstPassFail.id : null;
        for (const item of fx.items) {
          let answer = '正常';
          if (item.type === 'pass_fail') answer = item.id === failing ? 'fail' : 'pass';
          if (item.type === 'number') {
            const lo = item.min ?? item.max ?? 0;
            const hi = item.max ?? item.min ?? 0;
            answer = String((lo + hi) / 2);
          }
          fields.push([`answer_${item.id}`, answer]);
        }
        rec = { kind, clientId, subject: record, url: '/api/v1/patrols/submit', multipart: true, fields };
        if (failing) {
          fields.push([`note_${failing}`, '故障演练：不合格']);
          rec.photo = { field: `photo_${failing}`, clientField: `photo_client_${failing}`, clientId: randomUUID() };
        }
        break;
      }
      case 'hazard':
        fields.push(['location', '演练车间'], ['description', `故障演练隐患 ${j + 1}`], ['category', 'other'], ['grade', 'general'], ['source', '']);
        rec = { kind, clientId, subject: '', url: '/api/v1/hazards/report/multipart', multipart: true, fields };
        if (j % 2 === 0) rec.photo = { field: 'photo', clientField: 'photo_client_id', clientId: randomUUID() };
        break;
      case 'signin': {
        const s = fx.sessions[j];
        fields.push(['form[token]', s.token], ['form[ticket]', ticket(s.secret, fx.me)]);
        rec = { kind, clientId, subject: s.id, url: '/api/v1/training/sign_in', multipart: false, fields };
        break;
      }
    }
    recs.push(rec);
  }
  return recs;
}

interface Answer {
  status: number;
  url: string;
  text: string;
}

/** Posts the records with fetch(), as a page's script would while the server is down
 * (`redirect` 'follow' when online: the answer's URL says saved or __err). */
async function queue(page: Page, recs: Rec[], redirect: RequestRedirect = 'manual'): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let at = 0; at < recs.length; at += 100) {
    answers.push(
      ...(await page.evaluate(async ({ batch, redirect }) => {
        // A small JPEG, as photo-shrink.js would hand over.
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 48;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#8a6d3b';
        g.fillRect(0, 0, 64, 48);
        g.fillStyle = '#ffffff';
        g.fillRect(8, 8, 20, 12);
        const jpeg: Blob = await new Promise((ok) => canvas.toBlob((b) => ok(b!), 'image/jpeg', 0.8));
        const out: { status: number; url: string; text: string }[] = [];
        for (const r of batch) {
          let body: FormData | URLSearchParams;
          if (r.multipart) {
            const form = new FormData();
            for (const [k, v] of r.fields) form.append(k, v);
            if (r.photo) {
              form.append(r.photo.clientField, r.photo.clientId);
              form.append(r.photo.field, jpeg, 'photo.jpg');
            }
            body = form;
          } else {
            body = new URLSearchParams(r.fields);
          }
          try {
            const res = await fetch(r.url, { method: 'POST', body, headers: { Accept: 'text/html' }, redirect });
            out.push({ status: res.status, url: res.url, text: (await res.text()).slice(0, 200) });
          } catch (e) {
            out.push({ status: 0, url: r.url, text: String(e) });
          }
        }
        return out;
      }, { batch: recs.slice(at, at + 100), redirect })),
    );
  }
  return answers;
}

interface Outbox {
  maxId: number;
  waiting: number;
  sending: number;
  sent: number;
  refused: number;
  other: number;
  attempts: number;
  /** Which records (their index in this replay) the server refused. */
  refusedAt: number[];
  reasons: string[];
}

/** The outbox's items made after `after` (their key), by state; never creates the database. */
async function outbox(page: Page, after: number): Promise<Outbox> {
  return page.evaluate(async (after) => {
    const empty = { maxId: 0, waiting: 0, sending: 0, sent: 0, refused: 0, other: 0, attempts: 0, refusedAt: [] as number[], reasons: [] as string[] };
    const names = await indexedDB.databases();
    if (!names.some((d) => d.name === 'anxun-outbox')) return empty;
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const req = indexedDB.open('anxun-outbox');
      req.onupgradeneeded = () => req.transaction!.abort();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const rows: { key: number; value: any }[] = await new Promise((ok, fail) => {
      const got: { key: number; value: any }[] = [];
      const req = db.transaction('items', 'readonly').objectStore('items').openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return ok(got);
        got.push({ key: Number(c.primaryKey), value: c.value });
        c.continue();
      };
      req.onerror = () => fail(req.error);
    });
    db.close();
    const o = { ...empty };
    for (const { key, value } of rows) {
      o.maxId = Math.max(o.maxId, key);
      if (key <= after) continue;
      o.attempts += Number(value.attempts ?? 0);
      const state = String(value.state);
      if (state === 'waiting' || state === 'sending' || state === 'sent' || state === 'refused') o[state] += 1;
      else o.other += 1;
      if (state === 'refused') {
        // The worker drops a refused item's body; the items of one replay were made in the
        // order of the records, so the key says which record it is.
        o.refusedAt.push(key - after - 1);
        if (o.reasons.length < 5) o.reasons.push(`${value.url}: ${value.reason} (${value.code})`);
      }
    }
    return o;
  }, after);
}

async function sync(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.controller?.postMessage({ type: 'sync' })).catch(() => {});
}

interface Fault {
  what: string;
  progress: number;
  done: number;
  rows: number;
  atSeconds: number;
  downSeconds: number;
}
interface Replay {
  replay: number;
  queued: number;
  queueSeconds: number;
  replaySeconds: number;
  sent: number;
  refused: number;
  pending: number;
  attempts: number;
  faults: Fault[];
  reasons: string[];
}

async function replayOnce(page: Page, number: number, recs: Rec[]): Promise<{ replay: Replay; refusedIds: string[] }> {
  const base = (await outbox(page, 0)).maxId;
  // Offline: the server is down (stopped; the kills are for the replay).
  ctl('server-stop');
  const queueStart = Date.now();
  const answers = await queue(page, recs);
  const queueSeconds = (Date.now() - queueStart) / 1000;
  const notQueued = answers.filter((a) => a.status !== 202 || !a.text.includes('"queued"'));
  expect(notQueued.slice(0, 3), `records not queued by the service worker (${notQueued.length})`).toEqual([]);
  const queued = await outbox(page, base);
  expect(queued.waiting + queued.sending, 'items waiting in the outbox').toBe(recs.length);

  ctl('server-start');
  const start = Date.now();
  await sync(page);
  const faults: Fault[] = [];
  let lastDone = -1;
  let lastMove = Date.now();
  let o = queued;
  for (;;) {
    o = await outbox(page, base);
    const pending = o.waiting + o.sending;
    const done = recs.length - pending;
    const next = FAULTS[faults.length];
    if (next && (done / recs.length >= next.at || pending === 0)) {
      const at = Date.now();
      const rows = Number(ctl('rows'));
      ctl(next.what);
      if (next.what === 'server-kill') ctl('server-start');
      faults.push({
        what: next.what,
        progress: done / recs.length,
        done,
        rows,
        atSeconds: (at - start) / 1000,
        downSeconds: (Date.now() - at) / 1000,
      });
      console.log(`replay ${number}: ${next.what} at ${done}/${recs.length} done (${rows} audit rows)`);
      await sync(page);
      continue;
    }
    if (pending === 0 && !next) break;
    if (done !== lastDone) {
      lastDone = done;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > 5000) {
      // Nothing moved for 5 s (the worker waits for its next try): ask it to send now, as a
      // page does on load.
      await sync(page);
      lastMove = Date.now();
    }
    if (Date.now() - start > REPLAY_TIMEOUT_MS) {
      console.log(`replay ${number}: timed out with ${pending} items still waiting`);
      break;
    }
    await page.waitForTimeout(100);
  }
  const replay: Replay = {
    replay: number,
    queued: queued.waiting + queued.sending,
    queueSeconds,
    replaySeconds: (Date.now() - start) / 1000,
    sent: o.sent + o.other,
    refused: o.refused,
    pending: o.waiting + o.sending,
    attempts: o.attempts,
    faults,
    reasons: o.reasons,
  };
  console.log(`replay ${number}: ${JSON.stringify(replay)}`);
  return { replay, refusedIds: o.refusedAt.filter((i) => recs[i]).map((i) => recs[i].clientId) };
}

test('the outbox loses and duplicates nothing through server kills and a PostgreSQL restart', async ({ page }) => {
  const fx: Fixtures = JSON.parse(readFileSync(`${DIR}/fixtures.json`, 'utf8'));
  const recs = makeRecords(fx);
  writeFileSync(
    `${DIR}/records.csv`,
    recs.map((r) => [r.kind, r.clientId, r.subject, r.photo?.clientId ?? ''].join(',')).join('\n') + '\n',
  );

  await login(page, DEMO.worker);
  await expect(page.locator('section.home')).toBeVisible();
  if (process.env.FAULT_ONLINE === '1') {
    // A check of the fixtures and the count, without the service worker: every record posted
    // online once, as a form would; each must come back saved (no __err).
    const answers = await queue(page, recs, 'follow');
    writeFileSync(`${DIR}/refused.csv`, '');
    writeFileSync(`${DIR}/replays.json`, JSON.stringify({ n: N, repeats: 0, seconds: 0, replays: [] }));
    const bad = answers.map((a, i) => ({ ...a, kind: recs[i].kind })).filter((a) => a.status !== 200 || a.url.includes('__err'));
    expect(bad.slice(0, 5), `${bad.length} records not saved online`).toEqual([]);
    return;
  }
  // The service worker controls the page (installed by offline.js on the first load).
  await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((ok) => setTimeout(ok, 15_000))]));
  if (!(await page.evaluate(() => !!navigator.serviceWorker?.controller))) await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker?.controller), { timeout: 30_000 }).toBe(true);

  const started = Date.now();
  const replays: Replay[] = [];
  const refused = new Set<string>();
  let failure: unknown = null;
  try {
    for (let n = 1; n <= 1 + REPEATS; n++) {
      const { replay, refusedIds } = await replayOnce(page, n, recs);
      replays.push(replay);
      refusedIds.forEach((id) => refused.add(id));
    }
  } catch (e) {
    failure = e;
  }
  writeFileSync(`${DIR}/refused.csv`, [...refused].map((id) => `${id}\n`).join(''));
  writeFileSync(
    `${DIR}/replays.json`,
    JSON.stringify({ n: N, repeats: REPEATS, seconds: (Date.now() - started) / 1000, replays }, null, 2),
  );
  if (failure) throw failure;
  for (const r of replays) expect(r.pending, `replay ${r.replay}: items left waiting`).toBe(0);
});

// Anxun's service worker (issue 10; the shared design is docs/offline-design.md §1, §2, §4).
//
// Served by the server at /sw.js (app/src/pwa/http.rs) from this file, with the build's
// version and the files to precache filled in where the two placeholders stand; a new build
// is a new worker that takes over at once (skipWaiting + clients.claim) and drops the old
// caches, so an update reaches phones without a manual clear. Hand-written, no framework:
//
// - install: precache the shell (CSS, /pkg JS+WASM, icons, /offline.js, /photo-shrink.js);
//   the worker's own pages (saved, needs a connection, offline) are written below.
// - pages (GET navigations): network first (NAV_MS), else the copy kept for the signed-in
//   user (cache `pages-<user uuid>`, at most 60 pages and 7 days) with a banner saying when
//   it was saved, else the offline page. A page's user is read from its
//   `<meta name="anxun-user">`; another user (or a logout or a login the server answered: not
//   one tapped without signal) drops every `pages-*`.
// - form posts: tried on the network (POST_MS); when the server cannot be reached, those on
//   the allowlist (QUEUED_POSTS) are kept in IndexedDB (the outbox) and answered "saved on
//   this phone"; every other post is answered "needs a connection" and nothing is kept.
// - the outbox is sent one item at a time in the order made, only under its author's
//   session, with the X-Anxun-* headers of the replay contract (design §2); an item is never
//   deleted before the server said `stored`.
//
// A test may shorten the timeouts with a query on the worker's URL (offline.js appends
// localStorage 'anxun-sw-query', e.g. '?nav_ms=1500&post_ms=2500&other_ms=2500&replay_ms=5000').
'use strict';

const VERSION = '__ANXUN_VERSION__';
const PRECACHE = [/*__ANXUN_PRECACHE__*/];

const STATIC_CACHE = 'static-' + VERSION;
const PAGES_PREFIX = 'pages-';
const PAGES_MAX = 60;
// How long a kept page is shown: the enterprise's setting (GET /api/v1/offline/keep, asked
// once per user learnt, kept in meta 'keep_ms'), 24 hours until known.
const PAGES_MAX_AGE_MS = 24 * 3600 * 1000;
const KEEP_URL = '/api/v1/offline/keep';
const SENT_KEPT_MS = 24 * 3600 * 1000; // sent items stay listed for a day
const CACHED_AT = 'X-Anxun-Cached-At';

const query = new URL(self.location.href).searchParams;
const NAV_MS = Number(query.get('nav_ms')) || 4000;
const POST_MS = Number(query.get('post_ms')) || 8000;
const REPLAY_MS = Number(query.get('replay_ms')) || 30000;
// A post that is not kept (entry, approvals, an import...) may be slow for real: it gets
// longer before "needs a connection" (with no network at all, fetch fails at once anyway).
const OTHER_POST_MS = Number(query.get('other_ms')) || 30000;
// Bigger bodies (photos) get more time: 20 bytes per ms is a weak 2G/3G upload.
const BYTES_PER_MS = 20;

// What may be done offline (design §1). Entry, approvals, logins... are never queued. The one
// list is the server's (app/src/offline/queueable.rs), filled in when /sw.js is served.
const QUEUED_POSTS = [/*__ANXUN_QUEUED_POSTS__*/];
const ENTRY_POST = '/api/v1/operations/enter';
// The training sign-in QR and the sign-out QR (`…/out`, app/src/training/signin/http.rs): a
// navigation queued as a sign-in or a sign-out.
const SIGNIN_SCAN = /^\/t\/[^/]+\/[^/]+(\/out)?$/;
// The answers of a proxy or a server in trouble: the server was not reached for real.
const UNREACHED = [502, 503, 504];

const CSS = PRECACHE.find((path) => path.endsWith('.css')) || '';
const PRECACHED = new Set(PRECACHE);
// Built files with a content hash in their name (cargo-leptos hash-files) never change.
const HASHED_PKG = /^\/pkg\/[^/]+\.[A-Za-z0-9_-]{16,}\.(css|js|wasm)$/;

// ---- IndexedDB, the outbox: database `anxun-outbox`, store `items` (autoincrement id =
// order made) and store `meta` (key 'user': the signed-in user's uuid or '', 'lang',
// 'blocked': why sending stopped, {outcome, at}). offline.js reads the same stores.

let dbPromise = null;
function database() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const open = indexedDB.open('anxun-outbox', 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('items')) {
          db.createObjectStore('items', { keyPath: 'id', autoIncrement: true });
        }
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      };
      open.onsuccess = () => {
        const db = open.result;
        db.onversionchange = () => {
          db.close();
          dbPromise = null;
        };
        resolve(db);
      };
      open.onerror = () => {
        dbPromise = null;
        reject(open.error);
      };
    });
  }
  return dbPromise;
}

// One transaction on one store; resolves with the result of the request `work` returns.
async function withStore(name, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const request = work(tx.objectStore(name));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}
const allItems = () => withStore('items', 'readonly', (s) => s.getAll());
const putItem = (item) => withStore('items', 'readwrite', (s) => s.put(item));
const addItem = (item) => withStore('items', 'readwrite', (s) => s.add(item));
const deleteItem = (id) => withStore('items', 'readwrite', (s) => s.delete(id));
const getMeta = (key) => withStore('meta', 'readonly', (s) => s.get(key));
const setMeta = (key, value) => withStore('meta', 'readwrite', (s) => s.put(value, key));

// ---- Words of the worker's own pages.

// Words of the worker's own pages (zh-CN first; the language of the last page seen): the
// locale files' `sw` namespace (app/locales/<locale>/sw.json), filled in by the server
// (pwa/http.rs), so a missing translation fails the build like the app's own words.
const WORDS = { /*__ANXUN_WORDS__*/ };

async function words() {
  const lang = (await getMeta('lang').catch(() => '')) || 'zh-CN';
  return lang.startsWith('en') ? ['en', WORDS.en] : ['zh-CN', WORDS.zh];
}

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Only a path of this site is linked back to (never another origin).
function samePath(url) {
  try {
    const u = new URL(url, self.location.origin);
    return u.origin === self.location.origin ? u.pathname + u.search : '/';
  } catch (e) {
    return '/';
  }
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// A page of the worker's own, in the app's look (the precached CSS and offline.js).
async function ownPage(title, body, status) {
  const [lang, w] = await words();
  const html =
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">' +
    '<meta name="theme-color" content="#0b5cab">' +
    `<title>${escapeHtml(title)} · ${w.brand}</title>` +
    (CSS ? `<link rel="stylesheet" href="${CSS}">` : '') +
    '<script src="/offline.js" defer></script></head><body>' +
    `<header class="topbar"><a class="brand" href="/">${w.brand}</a></header>` +
    `<main class="page">${body}</main></body></html>`;
  return new Response(html, {
    status: status || 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CSP,
    },
  });
}

// What a kept request records, in the outbox's words (offline.js's `kind` says the same).
function kindOf(url) {
  const path = new URL(url, self.location.origin).pathname;
  if (SIGNIN_SCAN.test(path)) return path.split('/').length === 5 ? 'signout' : 'signin';
  const last = path.split('/').pop();
  const kinds = { exit: 'exit', gas_test: 'gas_test', submit: 'patrol', multipart: 'hazard',
    upload: 'photo', sign_in: 'signin', sign_out: 'signout' };
  return kinds[last] || 'other';
}

// "撤离登记已保存在本手机": names what was kept, with the way on (back, home, the outbox).
async function savedPage(referrer, url) {
  const [, w] = await words();
  const kind = kindOf(url || '/');
  const text = kind === 'other' ? w.saved : w.saved_what.replace('{what}', w[kind]);
  return ownPage(
    w.saved_title,
    `<section class="card offline-page" data-offline-saved="${kind}">` +
      `<h1>${w.saved_title}</h1><p class="notice ok" role="status">${escapeHtml(text)}</p>` +
      `<p class="muted">${w.saved_hint}</p>` +
      `<p><a class="button" href="/outbox">${w.outbox}</a></p>` +
      `<p><a href="${escapeHtml(samePath(referrer))}">${w.back}</a> · <a href="/">${w.home}</a></p>` +
      `</section>`,
  );
}

// `why`: 'entry' (entering a confined space), 'login' (a sign-in scan, nobody signed in) or
// 'other'.
async function needsConnectionPage(why, referrer) {
  const [, w] = await words();
  const text = w['needs_' + why] || w.needs_other;
  return ownPage(
    w.needs_title,
    `<section class="card offline-page" data-needs-connection="${why}">` +
      `<h1>${w.needs_title}</h1><p class="notice error" role="alert">${text}</p>` +
      `<p><a href="${escapeHtml(samePath(referrer))}">${w.back}</a></p></section>`,
    503,
  );
}

// A page not kept on this phone; /outbox gets its list (offline.js fills it).
async function offlinePage(url) {
  const [, w] = await words();
  if (url.pathname === '/outbox') {
    const labels = ['waiting', 'sending', 'sent', 'refused', 'dismiss', 'made', 'open',
      'signed_out', 'wrong_user', 'exit', 'gas_test', 'patrol', 'hazard', 'photo', 'signin',
      'signout', 'other']
      .map((k) => `data-w-${k.replace('_', '-')}="${escapeHtml(w[k])}"`)
      .join(' ');
    return ownPage(
      w.outbox_title,
      `<section class="outbox-page" data-offline-page><h1>${w.outbox_title}</h1>` +
        `<p class="muted">${w.outbox_hint}</p>` +
        `<p class="notice" data-outbox-blocked hidden></p>` +
        `<p class="muted" data-outbox-empty>${w.outbox_empty}</p>` +
        `<ul class="outbox-list" data-outbox-list ${labels}></ul>` +
        `<button type="button" class="primary wide" data-outbox-send>${w.send}</button></section>`,
    );
  }
  return ownPage(
    w.offline_title,
    `<section class="card offline-page" data-offline-page><h1>${w.offline_title}</h1>` +
      `<p class="notice">${w.offline}</p>` +
      `<p><a class="button" href="/outbox">${w.outbox}</a></p>` +
      `<p><a href="/">${w.home}</a></p></section>`,
    503,
  );
}

// ---- Helpers.

// Resolves with the response, or null when the network failed or `ms` passed (the request
// is then aborted).
async function fetchWithin(url, init, ms) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(url, Object.assign({}, init, { signal: controller.signal }));
  } catch (e) {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function broadcast() {
  const clients = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage({ type: 'outbox-changed' });
}

// ---- Pages per user.

async function forgetPages() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PAGES_PREFIX)).map((n) => caches.delete(n)));
}

async function keepMs() {
  const ms = Number(await getMeta('keep_ms'));
  return ms > 0 ? ms : PAGES_MAX_AGE_MS;
}

// Asks the server how long this user's enterprise keeps pages (kept on failure: the default).
async function learnKeep() {
  try {
    const res = await fetch(KEEP_URL, { credentials: 'same-origin', cache: 'no-store' });
    const hours = res.ok ? Number((await res.json()).keep_hours) : 0;
    await setMeta('keep_ms', hours > 0 ? hours * 3600 * 1000 : null);
  } catch (_) {
    // Offline: the default until the next user change.
  }
}

// The signed-in user as a page says ('' = nobody). Another user than the one known: every
// kept page goes (a shared phone never shows one person's pages to the next).
async function noteUser(user, lang) {
  if (lang) await setMeta('lang', lang);
  const known = await getMeta('user');
  if (known === user) return false;
  await setMeta('user', user);
  await setMeta('blocked', null);
  await setMeta('keep_ms', null);
  await forgetPages();
  if (user) await learnKeep();
  await broadcast();
  return true;
}

// The signed-in person's name as their pages say (`<meta name="anxun-user-name">`), kept
// with each record they make: the login page says whose records wait (issue 21).
async function noteUserName(user, name) {
  if (user && name) await setMeta('user_name', { id: user, name });
}

async function nameOf(author) {
  const known = await getMeta('user_name').catch(() => null);
  return known && known.id === author ? known.name : '';
}

function metaContent(html, name) {
  const tag = html.match(new RegExp(`<meta[^>]*name="${name}"[^>]*>`));
  if (!tag) return null;
  const content = tag[0].match(/content="([^"]*)"/);
  return content ? content[1] : '';
}

// Redirect targets after a post and one-time tickets are not worth keeping.
function worthKeeping(url) {
  return !/[?&](saved|__err|ticket)=/.test(url.search) && url.pathname !== '/login';
}

// Keeps a page the network gave, under its user; learns the user and the language.
async function remember(url, response) {
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || response.type !== 'basic' || !type.startsWith('text/html')) return;
  const html = await response.text();
  const user = metaContent(html, 'anxun-user');
  if (user === null) return; // not a page of the app's shell
  const lang = (html.match(/<html[^>]*\blang="([^"]+)"/) || [])[1];
  await noteUser(user, lang);
  await noteUserName(user, metaContent(html, 'anxun-user-name'));
  url = keptUrl(url);
  if (!user || !worthKeeping(url)) return;
  const headers = new Headers(response.headers);
  headers.delete('Content-Encoding');
  headers.delete('Content-Length');
  headers.set(CACHED_AT, String(Date.now()));
  const cache = await caches.open(PAGES_PREFIX + user);
  await cache.put(url.href, new Response(html, { status: response.status, headers }));
  await trimPages(cache);
}

// At most PAGES_MAX pages, none older than the enterprise's limit: the oldest go first.
async function trimPages(cache) {
  const requests = await cache.keys();
  const aged = await Promise.all(
    requests.map(async (request) => {
      const res = await cache.match(request);
      return { request, at: Number(res && res.headers.get(CACHED_AT)) || 0 };
    }),
  );
  aged.sort((a, b) => b.at - a.at);
  const now = Date.now();
  const maxAge = await keepMs();
  const gone = aged.filter((p, i) => i >= PAGES_MAX || now - p.at > maxAge);
  await Promise.all(gone.map((p) => cache.delete(p.request)));
}

function clock(ms) {
  const d = new Date(ms);
  const two = (n) => String(n).padStart(2, '0');
  const time = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return new Date().toDateString() === d.toDateString()
    ? time
    : `${d.getMonth() + 1}-${two(d.getDate())} ${time}`;
}

// The kept copy of a page for the known user, with the banner after <body>.
async function keptPage(url) {
  const user = await getMeta('user');
  if (!user) return null;
  const cache = await caches.open(PAGES_PREFIX + user);
  const kept = (await cache.match(url.href)) || (await cache.match(url.href, { ignoreSearch: true }));
  if (!kept) return null;
  const at = Number(kept.headers.get(CACHED_AT)) || 0;
  if (Date.now() - at > (await keepMs())) {
    await cache.delete(url.href);
    return null;
  }
  const [, w] = await words();
  const banner =
    `<div class="cached-banner" role="status" data-cached-at="${new Date(at).toISOString()}">` +
    `${w.banner.replace('{t}', clock(at))}</div>`;
  const html = (await kept.text()).replace(/<body[^>]*>/, (body) => body + banner);
  const headers = new Headers(kept.headers);
  headers.set('Cache-Control', 'no-store');
  return new Response(html, { status: kept.status, headers });
}

// A short code typed on the kept /scan page (`/scan/code?code=…`, where the server would
// redirect to the checkpoint's page): offline, the page kept for that code answers. A patrol
// point's typed page is `/c/<CODE>` (a start made there is recorded as typed); a space's page,
// kept when its QR was scanned, carries its code (`data-typed-code`, checkpoint/pages.rs).
async function keptByCode(url) {
  if (url.pathname !== '/scan/code') return null;
  const code = (url.searchParams.get('code') || '').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const user = await getMeta('user');
  if (!code || !user) return null;
  const direct = await keptPage(new URL('/c/' + code, self.location.origin));
  if (direct) return direct;
  const cache = await caches.open(PAGES_PREFIX + user);
  for (const request of await cache.keys()) {
    if (!new URL(request.url).pathname.startsWith('/c/')) continue;
    const page = await cache.match(request);
    if (page && (await page.text()).includes(`data-typed-code="${code}"`)) {
      return keptPage(new URL(request.url));
    }
  }
  return null;
}

// ---- The outbox.

async function capture(request, url, body, author) {
  const twin = await twinKey(url.pathname, request.headers.get('Content-Type') || '', body);
  await addItem({
    twin,
    url: url.href,
    method: request.method,
    contentType: request.headers.get('Content-Type') || '',
    body,
    referrer: request.referrer || '',
    author,
    authorName: await nameOf(author),
    madeAt: Date.now(),
    state: 'waiting',
    reason: '',
    code: '',
    attempts: 0,
    sentAt: null,
    location: '',
  });
  await broadcast();
  // Background Sync (Chromium) sends it even when no page of the app is open.
  if (self.registration.sync) {
    self.registration.sync.register('anxun-outbox').catch(() => {});
  }
}

// One item to the server (design §2). Returns 'next' (stored or refused: go on) or 'stop'.
async function sendItem(item) {
  item.state = 'sending';
  item.attempts += 1;
  await putItem(item);
  await broadcast();
  const sentAt = Date.now();
  const headers = {
    Accept: 'text/html',
    'X-Anxun-Outbox': '1',
    'X-Anxun-Author': item.author,
    'X-Anxun-Made-At': String(item.madeAt),
    'X-Anxun-Sent-At': String(sentAt),
  };
  if (item.contentType) headers['Content-Type'] = item.contentType;
  const size = item.body ? item.body.byteLength : 0;
  const response = await fetchWithin(
    item.url,
    {
      method: item.method,
      headers,
      body: item.method === 'GET' ? undefined : item.body,
      referrer: item.referrer ? samePath(item.referrer) : '',
      credentials: 'same-origin',
      redirect: 'manual',
      cache: 'no-store',
    },
    REPLAY_MS + size / BYTES_PER_MS,
  );
  let answer = null;
  if (response && (response.headers.get('Content-Type') || '').startsWith('application/json')) {
    answer = await response.json().catch(() => null);
  }
  const outcome = answer && answer.outcome;
  if (response && response.status === 200 && outcome === 'stored') {
    Object.assign(item, { state: 'sent', sentAt, reason: '', code: '', body: null });
    item.location = typeof answer.location === 'string' ? samePath(answer.location) : '';
    await setMeta('blocked', null);
  } else if (response && response.status === 422 && outcome === 'refused') {
    Object.assign(item, { state: 'refused', sentAt, body: null });
    item.reason = String(answer.reason || '');
    item.code = String(answer.code || '');
  } else {
    // wrong_user, signed_out, retry, a proxy's answer, no network: keep it and stop here
    // (the order made is kept).
    item.state = 'waiting';
    if (outcome === 'signed_out' || outcome === 'wrong_user') {
      await setMeta('blocked', { outcome, at: Date.now() });
    }
    // The session this phone knew was ended (logout everywhere, deactivation, a reset): its
    // kept pages go at once; the records stay for their author's next login.
    if (outcome === 'signed_out') await forgetPages();
  }
  await putItem(item);
  await broadcast();
  return item.state === 'waiting' ? 'stop' : 'next';
}

// Sends the known user's waiting items, oldest first. Resolves with how many still wait.
async function sendWaiting() {
  const items = (await allItems()).sort((a, b) => a.id - b.id);
  const now = Date.now();
  for (const old of items) {
    if (old.state === 'sent' && now - (old.sentAt || 0) > SENT_KEPT_MS) await deleteItem(old.id);
  }
  let waiting = 0;
  let stopped = false;
  for (const item of items) {
    if (item.state !== 'waiting' && item.state !== 'sending') continue;
    // Only under its author's session: the user is checked again before every item.
    if (stopped || item.author !== (await getMeta('user'))) {
      waiting += 1;
      continue;
    }
    if ((await sendItem(item)) === 'stop') {
      stopped = true;
      waiting += 1;
    }
  }
  return waiting;
}

// One sending run at a time (also across two workers during an update, with a Web Lock); a
// trigger during a run asks for one more run after it.
let running = null;
let again = false;
function replay() {
  if (running) {
    again = true;
    return running;
  }
  const once = () =>
    self.navigator.locks && self.navigator.locks.request
      ? self.navigator.locks.request('anxun-outbox', sendWaiting)
      : sendWaiting();
  running = (async () => {
    let left = 0;
    do {
      again = false;
      left = await once().catch(() => 1);
    } while (again);
    return left;
  })().finally(() => {
    running = null;
  });
  return running;
}

async function count() {
  const user = await getMeta('user');
  const items = await allItems();
  return items.filter((i) => i.author === user && (i.state === 'waiting' || i.state === 'sending'))
    .length;
}

// ---- Kept pages follow the outbox and the server (issue 21).

const KEPT_WORDS = {
  zh: {
    already_title: '已保存，待上传',
    already: '已保存，待上传：这项记录已在本手机等待上传，没有重复保存。',
  },
  en: {
    already_title: 'Saved, waiting to upload',
    already: 'Saved, waiting to upload: this record already waits on this phone; it was not saved twice.',
  },
};

// The page a post's answer leads to (`?saved=exited` after an exit) is the page itself, as
// the server sees it now: kept under the page's own URL, so the copy shown offline is the
// latest (the notice is hidden on the kept copy, offline.js).
function keptUrl(url) {
  if (!url.searchParams.has('saved')) return url;
  const clean = new URL(url.href);
  clean.searchParams.delete('saved');
  return clean;
}

// What makes two outbox items the same act: an exit is one person leaving one operation.
// null: never the same (each hazard report, each patrol is its own).
async function twinKey(path, contentType, body) {
  // (Called for queued posts only: the exit is the server's list's, named by its end.)
  if (!path.endsWith('/operations/exit') || !body) return null;
  try {
    const form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData();
    const operation = form.get('operation_id');
    const person = form.get('form[person_id]');
    return operation && person ? `exit:${operation}:${person}` : null;
  } catch (e) {
    return null;
  }
}

// A second tap on an act already waiting (出来 again for the same person) is answered here,
// not queued again nor sent: once the first arrives, the second would only be refused.
async function alreadyWaiting(event, path, request, body) {
  const twin = await twinKey(path, request.headers.get('Content-Type') || '', body);
  if (!twin) return null;
  const author = await getMeta('user');
  const items = await allItems();
  const waiting = items.some(
    (i) => i.twin === twin && i.author === author && (i.state === 'waiting' || i.state === 'sending'),
  );
  if (!waiting) return null;
  event.waitUntil(replay());
  if (request.mode !== 'navigate') {
    return new Response('{"queued":true,"already":true}', {
      status: 202,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  }
  const [lang, w] = await words();
  const k = lang === 'en' ? KEPT_WORDS.en : KEPT_WORDS.zh;
  return ownPage(
    k.already_title,
    `<section class="card offline-page" data-offline-already>` +
      `<h1>${k.already_title}</h1><p class="notice ok" role="status">${k.already}</p>` +
      `<p><a class="button" href="/outbox">${w.outbox}</a></p>` +
      `<p><a href="${escapeHtml(samePath(request.referrer))}">${w.back}</a></p></section>`,
  );
}

// A page of a posted QR (`/c/...`) open online is fetched again now and then (offline.js),
// so its kept copy follows what others did meanwhile (the attendant's copy counts the
// entrant who went in after it was opened).
async function keepFresh(path) {
  const url = new URL(samePath(path), self.location.origin);
  if (!url.pathname.startsWith('/c/')) return;
  const response = await fetchWithin(
    url.href,
    { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } },
    NAV_MS,
  );
  if (response && !UNREACHED.includes(response.status)) await remember(url, response);
}

// ---- Routing.

async function onNavigate(event) {
  const request = event.request;
  const url = new URL(request.url);
  // The copy for the cache is taken before the browser reads the answer.
  const network = fetch(request).then(
    (response) => ({ response, copy: response.clone() }),
    () => null,
  );
  event.waitUntil(
    network
      .then(async (got) => {
        if (!got || UNREACHED.includes(got.response.status)) return;
        await remember(url, got.copy);
        // The server answers again: a good moment to send what waits.
        await replay();
      })
      .catch(() => {}),
  );
  const answered = (got) => got && !UNREACHED.includes(got.response.status);
  const first = await Promise.race([network, sleep(NAV_MS).then(() => undefined)]);
  if (answered(first)) return first.response;
  const kept = (await keptPage(url).catch(() => null)) || (await keptByCode(url).catch(() => null));
  if (kept) return kept;
  if (SIGNIN_SCAN.test(url.pathname)) {
    const author = await getMeta('user');
    if (!author) return needsConnectionPage('login', '/');
    await capture(request, url, null, author);
    return savedPage('/', url.href);
  }
  // Nothing kept: wait for the network a little longer before giving up.
  const late = first === undefined ? await Promise.race([network, sleep(POST_MS)]) : first;
  if (answered(late)) return late.response;
  return offlinePage(url);
}

// Logging out or in, once the server really answered (issue 21): the user and their kept
// pages go, and the next page says who is signed in. Tapped without signal nothing changes:
// the session is still theirs on the server, and the kept scan page can still record an exit.
const SESSION_POSTS = ['/auth/logout', '/auth/login'];
async function sessionAnswered() {
  await setMeta('user', '');
  await forgetPages();
}

async function onPost(event) {
  const request = event.request;
  const url = new URL(request.url);
  const path = url.pathname;
  const navigation = request.mode === 'navigate';
  const queued = QUEUED_POSTS.includes(path);
  const body = await request.clone().arrayBuffer();
  if (queued) {
    const already = await alreadyWaiting(event, path, request, body);
    if (already) return already;
  }
  const headers = {};
  for (const name of ['Content-Type', 'Accept']) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  const response = await fetchWithin(
    url.href,
    {
      method: 'POST',
      headers,
      body,
      referrer: request.referrer ? samePath(request.referrer) : '',
      credentials: 'same-origin',
      // A navigation follows the server's redirect itself (303 back to the form's page).
      redirect: navigation ? 'manual' : 'follow',
    },
    (queued ? POST_MS : OTHER_POST_MS) + body.byteLength / BYTES_PER_MS,
  );
  if (response && !UNREACHED.includes(response.status)) {
    if (SESSION_POSTS.includes(path)) await sessionAnswered();
    event.waitUntil(replay());
    return response;
  }
  if (queued) {
    const author = await getMeta('user');
    if (author) {
      await capture(request, url, body, author);
      if (!navigation) {
        return new Response('{"queued":true}', {
          status: 202,
          headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        });
      }
      return savedPage(request.referrer, url.href);
    }
  }
  if (!navigation) {
    return new Response('{"needs_connection":true}', {
      status: 503,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  }
  const why = path === ENTRY_POST ? 'entry' : path === '/auth/logout' ? 'logout' : 'other';
  return needsConnectionPage(why, request.referrer);
}

async function cacheFirst(request) {
  const cache = await caches.open(STATIC_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('install', (event) => {
  // A new build takes over at once: the pages it serves match the server's.
  self.skipWaiting();
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((n) => n.startsWith('static-') && n !== STATIC_CACHE)
          .map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const navigation = request.mode === 'navigate';
  if (request.method === 'POST') {
    // A script's own post that is not kept (an island's server function) goes as without a
    // worker; form posts and the kept ones go through the worker.
    if (navigation || QUEUED_POSTS.includes(url.pathname)) event.respondWith(onPost(event));
  } else if (request.method === 'GET' && navigation && !url.pathname.startsWith('/export/')) {
    // (Exports are downloads: never kept, never timed out.)
    event.respondWith(onNavigate(event));
  } else if (request.method === 'GET' && (PRECACHED.has(url.pathname) || HASHED_PKG.test(url.pathname))) {
    event.respondWith(cacheFirst(request));
  }
  // Anything else goes to the network as without a worker.
});

// Messages from pages (offline.js): {type:'user', id, lang} on every load, {type:'sync'},
// {type:'count'} -> {type:'count', n}. The worker tells pages {type:'outbox-changed'}.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  const reply = (message) => {
    if (event.ports && event.ports[0]) event.ports[0].postMessage(message);
    else if (event.source) event.source.postMessage(message);
  };
  if (data.type === 'user') {
    const id = String(data.id || '');
    event.waitUntil(
      noteUser(id, data.lang)
        .then(() => noteUserName(id, String(data.name || '')))
        .then(replay),
    );
  } else if (data.type === 'sync') {
    event.waitUntil(replay());
  } else if (data.type === 'keep') {
    event.waitUntil(keepFresh(String(data.url || '')).catch(() => {}));
  } else if (data.type === 'count') {
    event.waitUntil(count().then((n) => reply({ type: 'count', n })));
  }
});

// Background Sync where the browser has it (Chromium): rejected while items still wait, so
// the browser tries again later.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'anxun-outbox') return;
  event.waitUntil(
    replay().then((left) => {
      if (left > 0) throw new Error('outbox: items still waiting');
    }),
  );
});

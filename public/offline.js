// The page side of working offline (issue 10; design docs/offline-design.md §4), loaded with
// `defer` on every page. Where service workers are missing (some in-app browsers) it does
// nothing and every page works online as before.
//
// - registers /sw.js (plus localStorage 'anxun-sw-query', which lets a test shorten the
//   worker's timeouts) and, once a record is kept, asks the browser to keep this site's
//   storage (persist);
// - tells the worker the signed-in user of this page (`<meta name="anxun-user">`) and asks it
//   to send the outbox on load, when the connection returns, when the page shows again and
//   every 15 s;
// - a page served from the worker's cache (`[data-cached-at]` banner) gets fresh client ids,
//   so two acts made from one kept page are two records;
// - the header's badge `[data-outbox-badge]` counts this user's waiting records; the /outbox
//   list `[data-outbox-list]` shows them with their state; logging out with records waiting
//   asks first; records waiting over a day are said so (badge and /outbox), and records of
//   someone else waiting on this phone are named (`[data-others-waiting]`, login and /outbox).
(function () {
  'use strict';
  if (window.anxunOffline) return;
  window.anxunOffline = true;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) {
      return (x + 256).toString(16).slice(1);
    }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // A kept page would otherwise post the client ids it was rendered with, and the server would
  // take a second act for a retry of the first.
  if (document.querySelector('[data-cached-at]')) {
    document.querySelectorAll('input[name$="client_id"]').forEach(function (input) {
      input.value = uuid();
    });
  }

  keptAges();

  var sw = navigator.serviceWorker;
  if (!sw || !window.indexedDB) return;
  document.querySelectorAll('[data-outbox-unsupported]').forEach(function (el) {
    el.hidden = true;
  });

  var meta = document.querySelector('meta[name="anxun-user"]');
  // null on the worker's own pages (saved, offline...): the worker's known user applies.
  var pageUser = meta ? meta.getAttribute('content') || '' : null;
  var nameMeta = document.querySelector('meta[name="anxun-user-name"]');
  var pageUserName = nameMeta ? nameMeta.getAttribute('content') || '' : '';

  var query = '';
  try {
    query = localStorage.getItem('anxun-sw-query') || '';
  } catch (e) {}
  sw.register('/sw.js' + query, { scope: '/', updateViaCache: 'none' }).catch(function () {});

  // Records kept on the phone would go with the site's data when the browser frees space:
  // once one waits, ask to keep the storage (some browsers ask the person; once a page).
  var persistAsked = false;
  function keepStorage() {
    if (persistAsked || !navigator.storage || !navigator.storage.persist) return;
    persistAsked = true;
    navigator.storage.persisted().then(function (yes) {
      return yes || navigator.storage.persist();
    }).catch(function () {});
  }

  // ---- IndexedDB (the worker's schema: database 'anxun-outbox', stores 'items' and 'meta').
  var dbPromise = null;
  function database() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open('anxun-outbox');
        open.onupgradeneeded = function () {
          var db = open.result;
          if (!db.objectStoreNames.contains('items')) {
            db.createObjectStore('items', { keyPath: 'id', autoIncrement: true });
          }
          if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
        };
        open.onsuccess = function () {
          var db = open.result;
          db.onversionchange = function () {
            db.close();
            dbPromise = null;
          };
          resolve(db);
        };
        open.onerror = function () {
          dbPromise = null;
          reject(open.error);
        };
      });
    }
    return dbPromise;
  }
  function withStore(name, mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () {
          resolve(request ? request.result : undefined);
        };
        tx.onerror = tx.onabort = function () {
          reject(tx.error);
        };
      });
    });
  }

  function currentUser() {
    if (pageUser !== null) return Promise.resolve(pageUser);
    return withStore('meta', 'readonly', function (s) {
      return s.get('user');
    }).then(function (u) {
      return u || '';
    });
  }

  // ---- Talking to the worker.
  function tell(message) {
    return sw.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage(message);
    });
  }
  function sync() {
    tell({ type: 'sync' });
  }
  // The 'user' message also starts sending (the worker sends once it knows the user).
  function hello() {
    if (pageUser === null) return sync();
    tell({ type: 'user', id: pageUser, name: pageUserName, lang: document.documentElement.lang || 'zh-CN' });
  }
  hello();
  sw.addEventListener('controllerchange', hello);
  sw.addEventListener('message', function (e) {
    if (e.data && e.data.type === 'outbox-changed') refreshSoon();
  });
  window.addEventListener('online', sync);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') sync();
  });
  setInterval(function () {
    if (document.visibilityState === 'visible') sync();
  }, 15000);

  // ---- Badge, list and the logout question.
  var waiting = 0;
  var badge = document.querySelector('[data-outbox-badge]');
  var list = document.querySelector('[data-outbox-list]');

  function words(key) {
    return (list && list.getAttribute('data-w-' + key.replace('_', '-'))) || key;
  }
  function kind(item) {
    var path = new URL(item.url, location.href).pathname;
    if (path.indexOf('/t/') === 0) return path.split('/').length === 5 ? 'signout' : 'signin';
    if (path === '/api/v1/training/sign_in') return 'signin';
    if (path === '/api/v1/training/sign_out') return 'signout';
    var kinds = {
      '/api/v1/operations/exit': 'exit',
      '/api/v1/operations/gas_test': 'gas_test',
      '/api/v1/patrols/submit': 'patrol',
      '/api/v1/patrols/start_submit': 'patrol',
      '/api/v1/hazards/report/multipart': 'hazard',
      '/api/v1/photos/upload': 'photo',
    };
    return kinds[path] || 'other';
  }
  function clock(ms) {
    var d = new Date(ms);
    var two = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    return d.getMonth() + 1 + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }
  function element(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) {
      el.setAttribute(k, attrs[k]);
    });
    if (text) el.textContent = text;
    return el;
  }

  function render(mine, blocked) {
    var empty = document.querySelector('[data-outbox-empty]');
    if (empty) empty.hidden = mine.length > 0;
    var note = document.querySelector('[data-outbox-blocked]');
    if (note) {
      var why = blocked && blocked.outcome;
      note.hidden = !why || waiting === 0;
      note.textContent = why ? words(why) : '';
    }
    list.textContent = '';
    mine.forEach(function (item) {
      var li = element('li', { class: 'outbox-item', 'data-state': item.state, 'data-id': String(item.id) });
      li.appendChild(element('strong', { class: 'outbox-kind' }, words(kind(item))));
      li.appendChild(element('span', { class: 'outbox-state tag' }, words(item.state)));
      li.appendChild(element('span', { class: 'outbox-time muted' }, words('made') + ' ' + clock(item.madeAt)));
      if (item.state === 'refused') {
        li.appendChild(element('p', { class: 'outbox-reason', role: 'alert' }, item.reason));
        li.appendChild(element('button', { type: 'button', class: 'secondary', 'data-outbox-dismiss': String(item.id) }, words('dismiss')));
      }
      if (item.state === 'sent' && item.location) {
        li.appendChild(element('a', { href: item.location }, words('open')));
      }
      list.appendChild(li);
    });
  }

  // The worker says "changed" once per capture and twice per send: while hundreds go out,
  // read the store at most every 300 ms instead of after every message.
  var refreshTimer = null;
  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () {
      refreshTimer = null;
      refresh();
    }, 300);
  }

  function refresh() {
    return currentUser().then(function (user) {
      return Promise.all([
        withStore('items', 'readonly', function (s) {
          return s.getAll();
        }),
        withStore('meta', 'readonly', function (s) {
          return s.get('blocked');
        }),
      ]).then(function (got) {
        // Only this user's records: a shared phone never lists another person's.
        var mine = got[0].filter(function (i) {
          return i.author === user && user !== '';
        });
        waiting = mine.filter(function (i) {
          return i.state === 'waiting' || i.state === 'sending';
        }).length;
        var refused = mine.filter(function (i) {
          return i.state === 'refused';
        }).length;
        if (badge) {
          var n = badge.querySelector('[data-outbox-count]');
          if (n) n.textContent = String(waiting);
          badge.setAttribute('data-refused', String(refused));
          // "待上传 0 条" next to a refused record reads as nothing wrong: each part shows
          // only when it counts something.
          var waitingLabel = badge.querySelector('[data-outbox-waiting]');
          if (waitingLabel) waitingLabel.hidden = waiting === 0 && refused > 0;
          var refusedLabel = badge.querySelector('[data-outbox-refused-label]');
          if (refusedLabel) refusedLabel.hidden = refused === 0;
          var r = badge.querySelector('[data-outbox-refused]');
          if (r) r.textContent = String(refused);
          badge.hidden = waiting + refused === 0;
        }
        if (list) render(mine.reverse(), got[1]);
        notePhone(got[0], user, mine);
      });
    }).catch(function () {});
  }
  refresh();

  var DAY_MS = 24 * 3600 * 1000;
  function waits(i) {
    return i.state === 'waiting' || i.state === 'sending';
  }

  // Warnings before loss (issue 21): storage kept once a record waits; this user's records
  // waiting over a day said on the badge and /outbox; someone else's waiting records named.
  function notePhone(all, user, mine) {
    if (all.some(waits)) keepStorage();
    var old = mine.some(function (i) {
      return waits(i) && Date.now() - i.madeAt > DAY_MS;
    });
    if (badge) badge.setAttribute('data-old', old ? '1' : '0');
    document.querySelectorAll('[data-outbox-old],[data-outbox-old-note]').forEach(function (el) {
      el.hidden = !old;
    });
    var box = document.querySelector('[data-others-waiting]');
    if (!box) return;
    var others = {};
    all.forEach(function (i) {
      if (!waits(i) || i.author === user) return;
      var o = others[i.author] || (others[i.author] = { name: i.authorName || '', n: 0 });
      o.n += 1;
      if (i.authorName) o.name = i.authorName;
    });
    box.textContent = '';
    Object.keys(others).forEach(function (id) {
      var o = others[id];
      var text = (box.getAttribute('data-w-others') || '{name} {n}')
        .replace(/\{name\}/g, o.name || box.getAttribute('data-w-someone') || '?')
        .replace('{n}', String(o.n));
      box.appendChild(element('p', { 'data-author': id }, text));
    });
    box.hidden = box.childElementCount === 0;
  }

  document.addEventListener('click', function (e) {
    var target = e.target.closest && e.target.closest('[data-outbox-dismiss],[data-outbox-send]');
    if (!target) return;
    if (target.hasAttribute('data-outbox-send')) {
      sync();
      return;
    }
    // Only a refused record is dismissed (by the person who read why).
    var id = Number(target.getAttribute('data-outbox-dismiss'));
    withStore('items', 'readwrite', function (s) {
      var get = s.get(id);
      get.onsuccess = function () {
        if (get.result && get.result.state === 'refused') s.delete(id);
      };
      return null;
    }).then(refresh);
  });

  keptOverlay();
  keepFreshWhileOpen();
  offlinePatrolStart();
  keepTypedInput();

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.matches || !form.matches('form[action="/auth/logout"]') || waiting === 0) return;
    var question = (badge && badge.getAttribute('data-logout-confirm')) || '{n}';
    if (!window.confirm(question.replace('{n}', String(waiting)))) e.preventDefault();
  });

  // ---- Kept pages reflect the outbox (issue 21). The server marks what may change while a
  // page is kept: the people inside (`[data-inside-list]` with the operation id, rows and
  // 出来 buttons `[data-exit-person]`, the count `[data-inside-count]`) and the times ages are
  // counted from (`[data-tested-at]`, `[data-entered-at]`, with the server's minutes in
  // `data-age-min`). These functions apply what waits in the outbox to them.

  // Ages ("3 分钟") in the page's language (`data-w-minutes`, `data-w-hours`): on a kept page
  // from the recorded time and the phone's clock (the server's minutes are those of when the
  // page was kept); on a page from the server, its minutes plus the time since loading (the
  // phone's clock may be off). Every 30 s while the page is open.
  function keptAges() {
    var kept = Boolean(document.querySelector('[data-cached-at]'));
    if (kept) {
      // The notice of the post that led to the kept copy ("已完成") is not news offline.
      document.querySelectorAll('[data-done]').forEach(function (el) {
        el.remove();
      });
    }
    var timed = document.querySelectorAll('[data-tested-at],[data-entered-at]');
    if (!timed.length) return;
    var holder = document.querySelector('[data-w-minutes]');
    var minutesWord = (holder && holder.getAttribute('data-w-minutes')) || '{n} min';
    var hoursWord = (holder && holder.getAttribute('data-w-hours')) || '{h} h {m} min';
    var loaded = Date.now();
    function show() {
      timed.forEach(function (el) {
        var minutes;
        if (kept) {
          var at = Date.parse(el.getAttribute('data-tested-at') || el.getAttribute('data-entered-at'));
          if (isNaN(at)) return;
          minutes = Math.max(0, Math.floor((Date.now() - at) / 60000));
        } else {
          var base = Number(el.getAttribute('data-age-min'));
          if (el.getAttribute('data-age-min') === null || isNaN(base)) return;
          minutes = base + Math.floor((Date.now() - loaded) / 60000);
        }
        // A test's age reads "刚刚" / "N 分钟前" as the server writes it (`data-w-ago`).
        var ago = el.getAttribute('data-w-ago');
        if (ago) {
          el.textContent = minutes <= 0 ? el.getAttribute('data-w-just') || '' : ago.replace('{n}', String(minutes));
          return;
        }
        el.textContent = minutes < 60
          ? minutesWord.replace('{n}', String(minutes))
          : hoursWord.replace('{h}', String(Math.floor(minutes / 60))).replace('{m}', String(minutes % 60));
      });
    }
    show();
    setInterval(show, 30000);
  }

  // This user's outbox items (all states), or [] on failure.
  function myItems() {
    return currentUser().then(function (user) {
      return withStore('items', 'readonly', function (s) {
        return s.getAll();
      }).then(function (items) {
        return items.filter(function (i) {
          return user !== '' && i.author === user;
        });
      });
    }).catch(function () {
      return [];
    });
  }

  // Exits waiting for the operation's people (the worker keys them `exit:<op>:<person>`): the
  // row says so instead of offering 出来 again, and the count leaves them out. On a kept page,
  // an exit sent after the page was kept counts too (the copy predates it).
  function keptOverlay() {
    var lists = document.querySelectorAll('[data-inside-list]');
    if (!lists.length) return;
    var banner = document.querySelector('[data-cached-at]');
    var keptAt = banner ? Date.parse(banner.getAttribute('data-cached-at')) : NaN;
    function apply() {
      return myItems().then(function (items) {
        var out = {};
        items.forEach(function (i) {
          if (!i.twin || i.twin.indexOf('exit:') !== 0) return;
          var pending = i.state === 'waiting' || i.state === 'sending';
          var sentSinceKept = i.state === 'sent' && !isNaN(keptAt) && i.madeAt > keptAt;
          if (pending || sentSinceKept) out[i.twin] = true;
        });
        lists.forEach(function (list) {
          var op = list.getAttribute('data-inside-list');
          var word = list.getAttribute('data-w-exit-waiting') || '';
          var inside = 0;
          list.querySelectorAll('li[data-exit-person]').forEach(function (row) {
            var person = row.getAttribute('data-exit-person');
            var gone = Boolean(out['exit:' + op + ':' + person]);
            row.classList.toggle('exit-waiting', gone);
            row.querySelectorAll('form').forEach(function (form) {
              form.hidden = gone;
            });
            var note = row.querySelector('[data-exit-waiting]');
            if (gone && !note) {
              row.appendChild(element('p', { class: 'notice', role: 'status', 'data-exit-waiting': person }, word));
            } else if (!gone && note) {
              note.remove();
            }
            if (!gone) inside += 1;
          });
          var count = list.querySelector('[data-inside-count]');
          if (count) count.textContent = String(inside);
        });
      });
    }
    apply();
    sw.addEventListener('message', function (e) {
      if (e.data && e.data.type === 'outbox-changed') apply();
    });
    // Back to a page the browser kept in memory: the outbox may have changed meanwhile.
    window.addEventListener('pageshow', function (e) {
      if (e.persisted) apply();
    });
  }

  // A posted QR's page open online (`/c/...`) asks the worker to fetch it again now and then,
  // so the copy kept for offline is the latest: the attendant's copy counts the entrant who
  // went in after it was opened. A test shortens the period ('fresh_ms' in 'anxun-sw-query').
  function keepFreshWhileOpen() {
    if (document.querySelector('[data-cached-at]') || location.pathname.indexOf('/c/') !== 0) return;
    var ms = 60000;
    try {
      ms = Number(new URLSearchParams(query).get('fresh_ms')) || ms;
    } catch (e) {}
    setInterval(function () {
      if (document.visibilityState === 'visible') tell({ type: 'keep', url: location.pathname });
    }, ms);
  }

  // A patrol point's page kept on the phone (no signal): 开始巡查 shows that checklist's form
  // (`form[data-offline-patrol]`, rendered hidden by the server) with fresh ids and the phone's
  // start time; submitting stamps the phone's submission time. Start and answers then travel
  // together through the outbox (/api/v1/patrols/start_submit).
  function offlinePatrolStart() {
    if (!document.querySelector('[data-cached-at]') || !document.querySelector('form[data-offline-patrol]')) return;
    document.addEventListener('click', function (e) {
      var button = e.target.closest && e.target.closest('[data-start-checklist]');
      if (!button) return;
      var form = document.querySelector(
        'form[data-offline-patrol="' + button.getAttribute('data-start-checklist') + '"]');
      if (!form) return;
      e.preventDefault();
      e.stopPropagation();
      form.querySelectorAll('input[name="client_id"], input[name^="photo_client_"]').forEach(function (input) {
        input.value = uuid();
      });
      form.querySelector('input[name="started_ms"]').value = String(Date.now());
      document.querySelectorAll('[data-start-checklist]').forEach(function (b) {
        var start = b.closest('form');
        if (start) start.hidden = true;
      });
      form.hidden = false;
      form.scrollIntoView();
    }, true);
    document.addEventListener('submit', function (e) {
      var form = e.target;
      if (!form.matches || !form.matches('form[data-offline-patrol]')) return;
      var started = form.querySelector('input[name="started_ms"]');
      if (!started.value) started.value = String(Date.now());
      form.querySelector('input[name="submitted_ms"]').value = String(Date.now());
    }, true);
  }

  // A form the server refused (a plain post comes back to its own page with `__err`) shows
  // what was typed again, so a long form (an enterprise's ledger entry) is not typed twice:
  // the fields are kept for this tab when a form is posted and put back once, when the same
  // page comes back with the error. Passwords (any field named so), files and hidden fields
  // (ids) are never kept.
  function keepTypedInput() {
    var KEY = 'anxun-form-typed';
    document.addEventListener('submit', function (e) {
      var form = e.target;
      if (!form.matches || !form.id || (form.getAttribute('method') || '').toLowerCase() !== 'post') return;
      var fields = [];
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || /^(hidden|password|file|submit|button|select-multiple)$/.test(el.type)) return;
        // A first password typed in the clear for someone else is a password too.
        if (/password/i.test(el.name)) return;
        fields.push([el.name, el.value, el.type === 'checkbox' || el.type === 'radio' ? el.checked : null]);
      });
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, id: form.id, fields: fields }));
      } catch (_) { /* storage full or refused: the form just comes back empty */ }
    });
    var kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      sessionStorage.removeItem(KEY);
    } catch (_) { kept = null; }
    if (!kept || kept.path !== location.pathname || !/[?&]__err=/.test(location.search)) return;
    var form = document.getElementById(kept.id);
    if (!form) return;
    kept.fields.forEach(function (f) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== f[0]) return;
        if (f[2] === null) el.value = f[1];
        else if (el.value === f[1]) el.checked = f[2];
      });
    });
  }
})();

//! The header's outbox badge and the `/outbox` page. Both are rendered empty by the server:
//! what waits lies in the phone's IndexedDB, and /offline.js fills them in (the words it needs
//! come with the page as `data-w-*` attributes, so every text lives in locales/*/pwa.json).

use crate::{i18n::*, shell::with_user};
use leptos::prelude::*;

/// `待上传 N 条` in the header, hidden until offline.js counts records waiting for this user;
/// it also carries the question asked before logging out with records waiting.
#[component]
pub fn OutboxBadge() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a
            class="outbox-badge"
            href="/outbox"
            hidden=true
            data-outbox-badge=""
            title=move || t_string!(i18n, pwa.badge_title)
            data-logout-confirm=move || t_string!(i18n, pwa.logout_confirm)
        >
            <span data-outbox-waiting="">
                {t!(i18n, pwa.badge_before)}
                <b data-outbox-count="">"0"</b>
                {t!(i18n, pwa.badge_after)}
                // Shown when a record has waited more than a day (offline.js).
                <span data-outbox-old="" hidden=true>{t!(i18n, pwa.badge_old)}</span>
            </span>
            // Records the server refused stay until read: said apart from the waiting ones.
            <span data-outbox-refused-label="" hidden=true>
                {t!(i18n, pwa.badge_refused_before)}
                <b data-outbox-refused="">"0"</b>
                {t!(i18n, pwa.badge_refused_after)}
            </span>
        </a>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    with_user(move |_| {
        view! {
            <section class="outbox-page">
                <h1>{t!(i18n, pwa.title)}</h1>
                <p class="muted">{t!(i18n, pwa.intro)}</p>
                <noscript>
                    <p class="notice">{t!(i18n, pwa.noscript)}</p>
                </noscript>
                <p class="notice" data-outbox-blocked="" hidden=true></p>
                <p class="notice error" data-outbox-old-note="" role="alert" hidden=true>
                    {t!(i18n, pwa.old_waiting)}
                </p>
                <OthersWaiting/>
                <p class="muted" data-outbox-empty="">{t!(i18n, pwa.empty)}</p>
                <ul
                    class="outbox-list"
                    data-outbox-list=""
                    data-w-waiting=move || t_string!(i18n, pwa.state_waiting)
                    data-w-sending=move || t_string!(i18n, pwa.state_sending)
                    data-w-sent=move || t_string!(i18n, pwa.state_sent)
                    data-w-refused=move || t_string!(i18n, pwa.state_refused)
                    data-w-dismiss=move || t_string!(i18n, pwa.dismiss)
                    data-w-made=move || t_string!(i18n, pwa.made)
                    data-w-open=move || t_string!(i18n, pwa.open)
                    data-w-signed-out=move || t_string!(i18n, pwa.signed_out)
                    data-w-wrong-user=move || t_string!(i18n, pwa.wrong_user)
                    data-w-exit=move || t_string!(i18n, pwa.kind_exit)
                    data-w-gas-test=move || t_string!(i18n, pwa.kind_gas_test)
                    data-w-patrol=move || t_string!(i18n, pwa.kind_patrol)
                    data-w-hazard=move || t_string!(i18n, pwa.kind_hazard)
                    data-w-photo=move || t_string!(i18n, pwa.kind_photo)
                    data-w-signin=move || t_string!(i18n, pwa.kind_signin)
                    data-w-signout=move || t_string!(i18n, pwa.kind_signout)
                    data-w-other=move || t_string!(i18n, pwa.kind_other)
                ></ul>
                <button type="button" class="primary wide" data-outbox-send="">
                    {t!(i18n, pwa.send_now)}
                </button>
                <p class="muted outbox-unsupported" data-outbox-unsupported="">
                    {t!(i18n, pwa.unsupported)}
                </p>
            </section>
        }
    })
}

/// "本手机有 王师傅 的 2 条记录待上传，请其登录后上传": on the login page and /outbox, what
/// waits on this phone for people other than the one signed in (offline.js fills it from the
/// outbox; the records stay theirs, sent only under their own login).
#[component]
pub fn OthersWaiting() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div
            class="notice others-waiting"
            role="status"
            hidden=true
            data-others-waiting=""
            data-w-others=move || t_string!(i18n, pwa.others_waiting)
            data-w-someone=move || t_string!(i18n, pwa.others_someone)
        ></div>
    }
}

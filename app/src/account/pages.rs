//! The login page and the "me" page: above the shell (its form helpers) and the outbox (whose
//! records wait on this phone), so `auth` itself stays below both.

use crate::{
    auth::SessionUser,
    i18n::*,
    shell::{action_error, load, new_client_id, role_label, with_user, ErrorNotice},
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_location, use_query_map};

/// Error codes the login route puts in `/login?error=…` (see `server::handlers`).
fn login_error_text(i18n: I18nContext<Locale>, code: &str, minutes: u32) -> Option<String> {
    Some(match code {
        "bad_credentials" => t_string!(i18n, common.login_err_bad_credentials).to_string(),
        "locked" => t_string!(i18n, common.login_err_locked, minutes).to_string(),
        "account_required" => t_string!(i18n, common.login_err_account_required).to_string(),
        "account_too_long" => t_string!(i18n, common.login_err_account_too_long).to_string(),
        "password_required" => t_string!(i18n, common.login_err_password_required).to_string(),
        "too_many" => t_string!(i18n, common.err_too_many).to_string(),
        "unavailable" => t_string!(i18n, common.login_err_unavailable).to_string(),
        _ => return None,
    })
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    let error = move || {
        let minutes = param("minutes").parse().unwrap_or(1);
        login_error_text(i18n, &param("error"), minutes)
    };
    let with_code = move || !param("enterprise_code").is_empty();
    view! {
        <main class="login">
            <header class="login-brand">
                <h1>{t!(i18n, common.app_name)}</h1>
                <p>{t!(i18n, common.app_tagline)}</p>
            </header>
            <crate::pwa::OthersWaiting/>
            <form method="post" action="/auth/login" class="card stack" novalidate>
                <h2>{t!(i18n, common.login_title)}</h2>
                {move || error().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
                <input type="hidden" name="next" value=move || param("next")/>
                <label>
                    <span>{t!(i18n, common.login_account)}</span>
                    <input
                        name="account"
                        autocomplete="username"
                        inputmode="tel"
                        maxlength="64"
                        aria-describedby="account-hint"
                    />
                    <small id="account-hint">{t!(i18n, common.login_account_hint)}</small>
                </label>
                <label>
                    <span>{t!(i18n, common.login_password)}</span>
                    <input type="password" name="password" autocomplete="current-password"/>
                </label>
                <details open=with_code>
                    <summary>{t!(i18n, common.login_by_employee_no)}</summary>
                    <label>
                        <span>{t!(i18n, common.login_enterprise_code)}</span>
                        <input
                            name="enterprise_code"
                            autocapitalize="characters"
                            value=move || param("enterprise_code")
                        />
                    </label>
                </details>
                <button type="submit" class="primary">{t!(i18n, common.login_submit)}</button>
            </form>
            <LanguageSwitch/>
        </main>
    }
}

/// Links that set the language cookie on the server and come back here: a full page load,
/// so it works without JavaScript and the whole page re-renders in the new language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let back = move || {
        let (path, search) = (location.pathname.get(), location.search.get());
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        urlencode(&here)
    };
    view! {
        <nav class="lang-switch" aria-label=move || t_string!(i18n, common.lang_label).to_string()>
            <a rel="external" hreflang="zh-CN" lang="zh-CN" href=move || format!("/lang/zh-CN?next={}", back())>
                {t!(i18n, common.lang_zh)}
            </a>
            " · "
            <a rel="external" hreflang="en" lang="en" href=move || format!("/lang/en?next={}", back())>
                {t!(i18n, common.lang_en)}
            </a>
        </nav>
    }
}

/// Percent-encodes a path for a query value (small and dependency-free for the WASM build).
fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, common.me_title)}</h1>
        {with_user(move |u: SessionUser| {
            let role = u.role;
            view! {
                <section class="card">
                    <p class="big">{u.name.clone()}</p>
                    <dl class="facts">
                        <dt>{t!(i18n, common.me_role)}</dt>
                        <dd>{move || role_label(i18n, role)}</dd>
                        <dt>{t!(i18n, common.me_org)}</dt>
                        <dd>{u.org_name.clone()}</dd>
                    </dl>
                </section>
            }
        })}
        <AccountForms/>
        <section class="card">
            <h2>{t!(i18n, common.lang_label)}</h2>
            <LanguageSwitch/>
        </section>
        <form method="post" action="/auth/logout">
            <button type="submit" class="secondary wide">{t!(i18n, common.logout)}</button>
        </form>
    }
}

/// Changing one's password (first, when an admin set it) and ending the other sessions.
#[component]
fn AccountForms() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<crate::auth::ChangePassword>::new();
    let end = ServerAction::<crate::auth::EndOtherSessions>::new();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved"));
    let error = Signal::derive(move || action_error(change).or_else(|| action_error(end)));
    view! {
        {load(crate::auth::password_notice, move |notice: Option<(String, String)>| {
            notice.map(|(by, at)| view! {
                <p class="notice error must-change" role="alert">
                    {move || if by.is_empty() {
                        // Set on the server's console (`anxun admin`), by nobody signed in.
                        t_string!(i18n, common.me_password_must_console, at = at.clone()).to_string()
                    } else {
                        t_string!(i18n, common.me_password_must, by = by.clone(), at = at.clone()).to_string()
                    }}
                </p>
            })
        })}
        {move || error.get().map(|err| view! { <ErrorNotice err=err/> })}
        {move || saved().map(|what| {
            let text = move || if what == "sessions" {
                t_string!(i18n, common.me_sessions_saved)
            } else {
                t_string!(i18n, common.me_password_saved)
            };
            view! { <p class="notice ok" role="status">{text}</p> }
        })}
        <section class="card">
            <h2>{t!(i18n, common.me_password_title)}</h2>
            <ActionForm action=change attr:class="stack" attr:id="change-password">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <label>
                    <span>{t!(i18n, common.me_password_current)}</span>
                    <input type="password" name="form[current]" autocomplete="current-password" required/>
                </label>
                <label>
                    <span>{t!(i18n, common.me_password_new)}</span>
                    <input type="password" name="form[new]" autocomplete="new-password" minlength="8" maxlength="128" required/>
                </label>
                <label>
                    <span>{t!(i18n, common.me_password_repeat)}</span>
                    <input type="password" name="form[repeat]" autocomplete="new-password" minlength="8" maxlength="128" required/>
                </label>
                <button type="submit" class="primary">{t!(i18n, common.me_password_submit)}</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{t!(i18n, common.me_sessions_title)}</h2>
            <p class="muted">{t!(i18n, common.me_sessions_hint)}</p>
            <ActionForm action=end attr:id="end-other-sessions">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <button type="submit" class="secondary">{t!(i18n, common.me_sessions_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn urlencode_keeps_paths_and_escapes_the_rest() {
        assert_eq!(super::urlencode("/admin/users"), "/admin/users");
        assert_eq!(super::urlencode("/a?b=c&d"), "/a%3Fb%3Dc%26d");
    }
}

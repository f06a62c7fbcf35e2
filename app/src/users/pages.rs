//! The admin's people pages: list with actions, add form, CSV import.

use super::{list_users, CreateUser, ImportUsers, ResetUserPassword, SetUserActive, UserRow};
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
    i18n::*,
    shell::{error_text, new_client_id, role_label, with_user, ErrorNotice, Forbidden},
};
use leptos::{either::Either, prelude::*};
use leptos_router::{components::A, hooks::use_query_map};

/// Shows `page` to enterprise admins, and the "not allowed" card to everyone else.
fn admins_only<V: IntoView + 'static>(
    page: impl Fn() -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    with_user(move |u: SessionUser| {
        if u.role == Role::EnterpriseAdmin {
            Either::Left(page())
        } else {
            Either::Right(view! { <Forbidden/> })
        }
    })
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, users.title)}</h1>
        {admins_only(|| view! { <UserAdmin/> })}
    }
}

#[component]
fn UserAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateUser>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let reset = ServerAction::<ResetUserPassword>::new();
    let users = Resource::new(
        move || {
            (
                create.version().get(),
                set_active.version().get(),
                reset.version().get(),
            )
        },
        |_| list_users(),
    );
    let query = use_query_map();
    let notice = move |key: &str| query.with(|q| q.get(key));
    let row_error = move || {
        let from_toggle = set_active.value().get().and_then(Result::err);
        let from_reset = reset.value().get().and_then(Result::err);
        from_toggle
            .or(from_reset)
            .map(|err| view! { <ErrorNotice err=err/> })
    };
    let reset_done = move || {
        (matches!(reset.value().get(), Some(Ok(()))) || notice("reset").is_some()).then(|| {
            view! { <p class="notice ok" role="status">{t!(i18n, users.password_was_reset)}</p> }
        })
    };

    view! {
        <p><A href="/admin/users/import" attr:class="button secondary wide">{t!(i18n, users.import_link)}</A></p>
        {row_error}
        {reset_done}
        <Transition fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) if list.is_empty() => {
                        Either::Left(view! { <p class="muted">{t!(i18n, users.empty)}</p> }.into_any())
                    }
                    Ok(list) => {
                        let count = list.len();
                        Either::Left(view! {
                            <p class="muted">{t_string!(i18n, users.count, count).to_string()}</p>
                            <ul class="people">
                                {list
                                    .into_iter()
                                    .map(|u| view! { <PersonItem user=u set_active=set_active reset=reset/> })
                                    .collect_view()}
                            </ul>
                        }.into_any())
                    }
                    Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                }
            })}
        </Transition>
        // The form after the list: the admin comes to see the people first.
        <section class="card" id="add-person">
            <h2>{t!(i18n, users.add)}</h2>
            <ActionForm action=create attr:class="stack">
                {move || match create.value().get() {
                    Some(Err(err)) => Some(Either::Right(view! { <ErrorNotice err=err/> })),
                    // Saved: from the client (JavaScript) or the redirect of a plain form post.
                    Some(Ok(row)) => Some(Either::Left(row.name)),
                    None => notice("saved").map(Either::Left),
                }
                .map(|outcome| match outcome {
                    Either::Left(name) => Either::Left(view! {
                        <p class="notice ok" role="status">
                            {t_string!(i18n, users.created, name = name.clone()).to_string()}
                        </p>
                    }),
                    Either::Right(err) => Either::Right(err),
                })}
                <input type="hidden" name="client_id" value=new_client_id()/>
                <label>
                    <span>{t!(i18n, users.name)}</span>
                    <input name="form[name]" autocomplete="off" maxlength="40"/>
                </label>
                <label>
                    <span>{t!(i18n, users.mobile)}</span>
                    <input name="form[mobile]" type="tel" inputmode="tel" autocomplete="off"/>
                </label>
                <label>
                    <span>{t!(i18n, users.employee_no)}</span>
                    <input name="form[employee_no]" autocomplete="off"/>
                </label>
                <label>
                    <span>{t!(i18n, users.department)}</span>
                    <input name="form[department]" autocomplete="off" maxlength="40"/>
                </label>
                <label>
                    <span>{t!(i18n, clearance.field_hired_on)}</span>
                    <input name="form[hired_on]" type="date"/>
                </label>
                <label>
                    <span>{t!(i18n, users.role)}</span>
                    <select name="form[role]">
                        {Role::ENTERPRISE_ROLES
                            .into_iter()
                            .map(|role| {
                                view! {
                                    <option value=role.as_str()>{move || role_label(i18n, role)}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t!(i18n, users.password)}</span>
                    <input name="form[password]" type="text" autocomplete="new-password" aria-describedby="pw-hint"/>
                    <small id="pw-hint">{t!(i18n, users.password_hint)}</small>
                </label>
                <button type="submit" class="primary" disabled=move || create.pending().get()>
                    {t!(i18n, users.save)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PersonItem(
    user: UserRow,
    set_active: ServerAction<SetUserActive>,
    reset: ServerAction<ResetUserPassword>,
) -> impl IntoView {
    let i18n = use_i18n();
    let role = user.role;
    let id = user.id.to_string();
    let (id_toggle, id_reset) = (id.clone(), id.clone());
    let contact = [
        user.mobile.clone(),
        user.employee_no.clone(),
        user.department.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let active = user.active;
    let next_active = if active { "false" } else { "true" };
    view! {
        <li class="person" class:inactive=!active data-user=id>
            <div class="person-main">
                <strong>{user.name.clone()}</strong>
                <span class="muted">{contact}</span>
                <span class="tag">{move || role_label(i18n, role)}</span>
                <span class="tag" class:off=!active>
                    {move || if active { t_string!(i18n, users.active) } else { t_string!(i18n, users.inactive) }.to_string()}
                </span>
            </div>
            <div class="person-actions">
                <ActionForm action=set_active>
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <input type="hidden" name="user_id" value=id_toggle/>
                    <input type="hidden" name="active" value=next_active/>
                    <button type="submit" class="secondary">
                        {move || if active { t_string!(i18n, users.deactivate) } else { t_string!(i18n, users.activate) }.to_string()}
                    </button>
                </ActionForm>
                <details>
                    <summary>{t!(i18n, users.reset_password)}</summary>
                    <ActionForm action=reset attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="user_id" value=id_reset/>
                        <label>
                            <span>{t!(i18n, users.new_password)}</span>
                            <input name="form[password]" type="text" autocomplete="new-password"/>
                        </label>
                        <button type="submit" class="primary">{t!(i18n, users.reset_password)}</button>
                    </ActionForm>
                </details>
            </div>
        </li>
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, users.import_title)}</h1>
        {admins_only(|| view! { <ImportForm/> })}
    }
}

#[component]
fn ImportForm() -> impl IntoView {
    let i18n = use_i18n();
    let import = ServerAction::<ImportUsers>::new();
    let query = use_query_map();
    let outcome = move || {
        let imported = query
            .with(|q| q.get("imported"))
            .and_then(|n| n.parse().ok());
        let result = import
            .value()
            .get()
            .or_else(|| imported.map(|imported| Ok(super::ImportSummary { imported })));
        result.map(|result| match result {
            Ok(summary) => {
                let count = summary.imported;
                view! { <p class="notice ok" role="status">{t_string!(i18n, users.import_done, count).to_string()}</p> }
                    .into_any()
            }
            Err(AppError::InvalidRows(rows)) => view! {
                <div class="notice error" role="alert">
                    <p>{t!(i18n, users.import_nothing_saved)}</p>
                    <ul class="row-errors">
                        {rows
                            .into_iter()
                            .map(|r| {
                                let row = r.row;
                                let err = AppError::invalid(r.field, r.problem);
                                view! {
                                    <li>
                                        {t_string!(i18n, users.import_row, row).to_string()} ": "
                                        {error_text(i18n, &err)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
            .into_any(),
            Err(err) => view! { <ErrorNotice err=err/> }.into_any(),
        })
    };
    view! {
        <section class="card">
            <p class="muted">{t!(i18n, users.import_help)}</p>
            {outcome}
            <ActionForm action=import attr:class="stack">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <CsvFileReader label=t_string!(i18n, users.import_file).to_string()/>
                <label>
                    <span>{t!(i18n, users.import_text)}</span>
                    <textarea id="csv-text" name="form[csv]" rows="8" spellcheck="false"></textarea>
                </label>
                <button type="submit" class="primary" disabled=move || import.pending().get()>
                    {t!(i18n, users.import_submit)}
                </button>
            </ActionForm>
        </section>
    }
}

/// The one interactive part of the import page: a chosen file is read into the CSV text box
/// (an island: only this ships to the browser). Without JavaScript people paste the text.
#[island]
fn CsvFileReader(label: String) -> impl IntoView {
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let file = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                leptos::task::spawn_local(async move {
                    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                    let area = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id("csv-text"))
                        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
                    if let (Ok(text), Some(area)) = (text, area) {
                        area.set_value(&text.as_string().unwrap_or_default());
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <label>
            <span>{label}</span>
            <input type="file" accept=".csv,text/csv" on:change=on_file/>
        </label>
    }
}

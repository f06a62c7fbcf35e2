//! `/training/sessions/:id`: the session's details, links to its QR page and sign-in sheet,
//! and the roster. The trainer (or an officer) ticks people present, records sign-outs,
//! overrides hours with a reason and enters scores: plain form posts, no script needed.

use super::{
    assessment_text, category_text, invite_kind_text, presence_text, result_text, review_text,
};
use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    time_fmt::{credit_hours, score},
    training::{
        sessions::{
            training_session, AcceptSignIn, CancelSession, ConfirmBackEntry, EnterScores,
            OverrideHours, RejectSignIn, RosterRow, RosterSignIn, RosterSignOut, SessionPage,
        },
        Assessment, Review,
    },
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The actions of the roster, one of each per page.
#[derive(Clone, Copy)]
struct Actions {
    sign_in: ServerAction<RosterSignIn>,
    sign_out: ServerAction<RosterSignOut>,
    hours: ServerAction<OverrideHours>,
    accept: ServerAction<AcceptSignIn>,
    reject: ServerAction<RejectSignIn>,
}

#[component]
pub fn SessionDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let created = use_query_map().with_untracked(|q| q.get("created").is_some());
    let actions = Actions {
        sign_in: ServerAction::<RosterSignIn>::new(),
        sign_out: ServerAction::<RosterSignOut>::new(),
        hours: ServerAction::<OverrideHours>::new(),
        accept: ServerAction::<AcceptSignIn>::new(),
        reject: ServerAction::<RejectSignIn>::new(),
    };
    let scores = ServerAction::<EnterScores>::new();
    let cancel = ServerAction::<CancelSession>::new();
    let confirm = ServerAction::<ConfirmBackEntry>::new();
    let error = Signal::derive(move || {
        action_error(actions.sign_in)
            .or_else(|| action_error(actions.sign_out))
            .or_else(|| action_error(actions.hours))
            .or_else(|| action_error(actions.accept))
            .or_else(|| action_error(actions.reject))
            .or_else(|| action_error(confirm))
            .or_else(|| action_error(scores))
            .or_else(|| action_error(cancel))
    });
    view! {
        {created.then(|| view! { <p class="notice ok" role="status">{t!(i18n, sessions.created)}</p> })}
        <FormFeedback error=error/>
        {load(move || training_session(id), move |s: SessionPage| view! {
            <Details s=s.clone()/>
            <BackEntry s=s.clone() confirm/>
            {s.can_manage.then(|| view! { <Manage s=s.clone() actions scores cancel/> })}
            {(!s.can_manage).then(|| view! { <OwnRow s=s.clone()/> })}
        })}
    }
}

#[component]
fn Details(s: SessionPage) -> impl IntoView {
    let i18n = use_i18n();
    let (category, assessment) = (s.category, s.assessment);
    let invitations = if s.open_to_all {
        Either::Left(view! { <span>{t!(i18n, sessions.audience_all)}</span> })
    } else {
        Either::Right(
            s.invitations
                .into_iter()
                .map(|(k, v)| view! { <span class="tag">{move || invite_kind_text(i18n.get_locale(), k)}": "{v}</span> })
                .collect_view(),
        )
    };
    let (pass_mark, half_hours) = (s.pass_mark, s.half_hours);
    let pass = move || pass_mark.map(|m| format!(" · {}", score(i18n.get_locale(), m)));
    view! {
        <h1>{s.title}</h1>
        <section class="card stack" id="session-details">
            <p class="person-main">
                <span class="tag">{move || category_text(i18n.get_locale(), category)}</span>
                {s.cancelled.then(|| view! { <span class="tag off">{t!(i18n, sessions.cancelled)}</span> })}
            </p>
            <p>{s.date}" "{s.start}"–"{s.end}" · "{move || credit_hours(i18n.get_locale(), half_hours)}</p>
            <p>{t!(i18n, sessions.field_location)}": "{s.location}</p>
            <p>{t!(i18n, sessions.field_trainer)}": "{s.trainer}</p>
            <p>{t!(i18n, sessions.field_assessment)}": "{move || assessment_text(i18n.get_locale(), assessment)}{pass}</p>
            <p class="person-main">{t!(i18n, sessions.field_audience)}": "{invitations}</p>
            {(!s.summary.is_empty()).then(|| view! { <p class="pre">{s.summary}</p> })}
        </section>
    }
}

/// A back-entry (补录): said, and confirmed here by a second person.
#[component]
fn BackEntry(s: SessionPage, confirm: ServerAction<ConfirmBackEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let id = s.id.to_string();
    s.back_entry.then(|| {
        let note = if s.confirmed {
            Either::Left(view! { <p class="notice ok">{t!(i18n, sessions.back_entry_confirmed)}</p> })
        } else {
            Either::Right(view! { <p class="notice warn" role="status">{t!(i18n, sessions.back_entry)}</p> })
        };
        view! {
            <section class="card stack" id="back-entry">
                {note}
                {s.can_confirm.then(|| view! {
                    <ActionForm action=confirm attr:class="inline" attr:id="confirm-back-entry">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="id" value=id.clone()/>
                        <button type="submit" class="primary">{t!(i18n, sessions.confirm_back_entry)}</button>
                    </ActionForm>
                })}
            </section>
        }
    })
}

/// A worker's own row: signed in or not, hours and result.
#[component]
fn OwnRow(s: SessionPage) -> impl IntoView {
    let i18n = use_i18n();
    let row = s.roster.into_iter().next();
    view! {
        <section class="card">
            {match row.filter(|r| r.signed_in.is_some()) {
                Some(r) => Either::Left(view! {
                    <p>{t!(i18n, sessions.signed_in)}" "{r.signed_in_text(i18n.get_locale_untracked())}</p>
                    {r.review.map(|rv| view! { <p class="tag">{move || review_text(i18n.get_locale(), rv)}</p> })}
                    {r.half_hours.map(|h| view! { <p>{move || credit_hours(i18n.get_locale(), h)}</p> })}
                    <p>{move || result_text(i18n.get_locale(), r.score, r.passed)}</p>
                }),
                None => Either::Right(view! { <p class="muted">{t!(i18n, sessions.not_signed_in)}</p> }),
            }}
        </section>
    }
}

#[component]
fn Manage(
    s: SessionPage,
    actions: Actions,
    scores: ServerAction<EnterScores>,
    cancel: ServerAction<CancelSession>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = s.id.to_string();
    let present = s.roster.iter().filter(|r| r.signed_in.is_some()).count();
    let total = s.roster.len();
    let pending = s
        .roster
        .iter()
        .filter(|r| r.review == Some(Review::Pending))
        .count();
    let rows = s
        .roster
        .iter()
        .cloned()
        .map(|r| view! { <Row r=r session=id.clone() actions/> })
        .collect_view();
    let others = (s.open_to_all && !s.cancelled).then(|| {
        let id = id.clone();
        let options = s
            .others
            .iter()
            .map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> })
            .collect_view();
        view! {
            <ActionForm action=actions.sign_in attr:class="card stack" attr:id="tick-other">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=id.clone()/>
                <label><span>{t!(i18n, sessions.tick_other)}</span>
                    <select name="form[user_id]">{options}</select></label>
                <label><span>{t!(i18n, sessions.field_sign_in_time)}</span>
                    <input type="time" name="form[time]"/></label>
                <button type="submit" class="primary">{t!(i18n, sessions.tick)}</button>
            </ActionForm>
        }
    });
    let score_form = (s.assessment == Assessment::Score && !s.cancelled && present > 0).then(|| {
        let id = id.clone();
        let score_rows = s
            .roster
            .iter()
            .filter(|r| r.signed_in.is_some())
            .enumerate()
            .map(|(n, r)| {
                let value = r.score.map(|v| v.to_string()).unwrap_or_default();
                view! {
                    <label>
                        <span>{r.name.clone()}</span>
                        <input type="hidden" name=format!("form[rows][{n}][user_id]") value=r.user_id.to_string()/>
                        <input type="number" name=format!("form[rows][{n}][score]") min="0" max="100" inputmode="numeric" value=value/>
                    </label>
                }
            })
            .collect_view();
        view! {
            <ActionForm action=scores attr:class="card stack" attr:id="scores">
                <h2>{t!(i18n, sessions.enter_scores)}</h2>
                <small class="muted">{t!(i18n, sessions.pass_mark_is)}" "{s.pass_mark}</small>
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=id.clone()/>
                {score_rows}
                <button type="submit" class="primary wide">{t!(i18n, sessions.save_scores)}</button>
            </ActionForm>
        }
    });
    view! {
        <p class="row-actions no-print">
            <a href=format!("/training/sessions/{id}/qr") class="button primary" id="open-qr">{t!(i18n, sessions.open_qr)}</a>
            <a href=format!("/training/sessions/{id}/sheet") class="button secondary" id="open-sheet">{t!(i18n, sessions.sheet)}</a>
            <a href=format!("/export/training/sessions/{id}/sheet.xlsx") class="button secondary">{t!(i18n, sessions.sheet_xlsx)}</a>
            <a href=format!("/training/sessions/new?copy={id}") class="button secondary" id="copy-session">{t!(i18n, sessions.copy)}</a>
        </p>
        {(pending > 0).then(|| view! { <p class="notice warn" id="pending-reviews">{t!(i18n, sessions.pending_reviews)}": "{pending}</p> })}
        <h2>{t!(i18n, sessions.roster)}" "{present}" / "{total}</h2>
        {(total == 0).then(|| view! { <p class="muted">{t!(i18n, sessions.roster_empty)}</p> })}
        <ul class="people" id="roster">{rows}</ul>
        {others}
        {score_form}
        {(!s.cancelled).then(|| view! {
            <ActionForm action=cancel attr:class="card stack" attr:id="cancel-session">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=id.clone()/>
                <button type="submit" class="secondary">{t!(i18n, sessions.cancel)}</button>
            </ActionForm>
        })}
    }
}

#[component]
fn Row(r: RosterRow, session: String, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let user = r.user_id.to_string();
    let present = r.signed_in.is_some();
    let how = r.sign_in_by.map(|by| (by, r.ticked_by.clone()));
    let (score, passed, review) = (r.score, r.passed, r.review);
    let status = if present {
        Either::Left(view! {
            <span class="tag ok">{t!(i18n, sessions.signed_in)}" "{r.signed_in_text(i18n.get_locale_untracked())}</span>
            {how.map(|(by, name)| view! { <span class="muted">{move || presence_text(i18n.get_locale(), by, name.as_deref())}</span> })}
            {review.map(|rv| view! { <span class=if rv == Review::Accepted { "tag ok" } else { "tag warn" }>{move || review_text(i18n.get_locale(), rv)}</span> })}
            {r.signed_out.clone().map(|t| view! { <span class="tag">{t!(i18n, sessions.signed_out)}" "{t}</span> })}
            {r.late.then(|| view! { <span class="tag warn">{t!(i18n, sessions.late)}</span> })}
            {r.left_early.then(|| view! { <span class="tag warn">{t!(i18n, sessions.left_early)}</span> })}
            {r.half_hours.map(|h| view! { <span>{move || credit_hours(i18n.get_locale(), h)}</span> })}
            {r.override_reason.clone().map(|why| view! { <span class="muted">{t!(i18n, sessions.overridden)}": "{why}</span> })}
            <span>{move || result_text(i18n.get_locale(), score, passed)}</span>
        })
    } else {
        Either::Right(view! { <span class="tag off">{t!(i18n, sessions.absent)}</span> })
    };
    let decide = (review == Some(Review::Pending)).then(|| {
        let (session, user) = (session.clone(), user.clone());
        let (session2, user2) = (session.clone(), user.clone());
        view! {
            <ActionForm action=actions.accept attr:class="inline">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=session2.clone()/>
                <input type="hidden" name="form[user_id]" value=user2.clone()/>
                <button type="submit" class="primary" data-review="accept">{t!(i18n, sessions.review_accept)}</button>
            </ActionForm>
            <ActionForm action=actions.reject attr:class="inline">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=session/>
                <input type="hidden" name="form[user_id]" value=user/>
                <button type="submit" class="secondary" data-review="reject">{t!(i18n, sessions.review_reject)}</button>
            </ActionForm>
        }
    });
    let actions_view = if present {
        let (session2, user2) = (session.clone(), user.clone());
        Either::Left(view! {
            {decide}
            {r.signed_out.is_none().then(move || view! {
                <ActionForm action=actions.sign_out attr:class="inline">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <input type="hidden" name="id" value=session2.clone()/>
                    <input type="hidden" name="form[user_id]" value=user2.clone()/>
                    <button type="submit" class="secondary">{t!(i18n, sessions.sign_out)}</button>
                </ActionForm>
            })}
            <details>
                <summary>{t!(i18n, sessions.override_hours)}</summary>
                <ActionForm action=actions.hours attr:class="stack">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <input type="hidden" name="id" value=session.clone()/>
                    <input type="hidden" name="form[user_id]" value=user.clone()/>
                    <label><span>{t!(i18n, sessions.field_hours_override)}</span>
                        <input name="form[hours]" inputmode="decimal" required/></label>
                    <label><span>{t!(i18n, sessions.field_reason)}</span>
                        <input name="form[reason]" maxlength="200" required/></label>
                    <button type="submit" class="secondary">{t!(i18n, sessions.save)}</button>
                </ActionForm>
            </details>
        })
    } else {
        Either::Right(view! {
            <ActionForm action=actions.sign_in attr:class="inline">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=session.clone()/>
                <input type="hidden" name="form[user_id]" value=user.clone()/>
                <input type="time" name="form[time]" aria-label=move || t_string!(i18n, sessions.field_sign_in_time).to_string()/>
                <button type="submit" class="primary">{t!(i18n, sessions.tick)}</button>
            </ActionForm>
        })
    };
    view! {
        <li class="person" data-person=r.user_id.to_string() data-present=present.to_string()>
            <span class="person-main">
                <strong>{r.name.clone()}</strong>
                <span class="muted">{r.employee_no.clone()}</span>
                <span class="muted">{r.department.clone()}</span>
            </span>
            <span class="person-main">{status}</span>
            <span class="person-actions">{actions_view}</span>
        </li>
    }
}

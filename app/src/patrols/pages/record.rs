//! On site: the scanned point with a "start" button per checklist (one tap with gloves), the
//! patrol form (one item per row, big 合格 / 不合格 buttons, a photo for a failed item; a
//! plain multipart post, no JavaScript needed), and the thank-you page.

use crate::{
    error::AppError,
    i18n::*,
    patrols::{
        patrol_record, AnswerType, Checklist, ChecklistItem, PointLanding, RecordForm, StartPatrol,
    },
    photos::PhotoInput,
    shell::{load, new_client_id, ErrorNotice},
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

/// What a scanned patrol point shows: its name and one start button per checklist. `token` is
/// what led here: the QR's token, or the short code typed on the scan page (the server tells
/// the two apart and records which).
#[component]
pub fn PointScanView(landing: PointLanding, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let start = ServerAction::<StartPatrol>::new();
    let point = landing.point;
    let refused = plain_post_error();
    view! {
        <section class="scan" data-patrol-point=point.id.to_string()>
            <h1>{point.name.clone()}</h1>
            <p class="muted">{point.area.clone()}" "{point.equipment.clone()}</p>
            {refused.map(|err| view! { <ErrorNotice err=err/> })}
            {move || start.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
            {(!point.active).then(|| view! { <p class="notice error">{t!(i18n, patrols.refused_point_inactive)}</p> })}
            {landing.checklists.is_empty().then(|| view! { <p class="muted">{t!(i18n, patrols.no_checklists)}</p> })}
            {landing.checklists.into_iter().map(|c| {
                let token = token.clone();
                view! {
                    <ActionForm action=start attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="token" value=token/>
                        <input type="hidden" name="checklist_id" value=c.id.to_string()/>
                        <button type="submit" class="primary wide big" data-start-checklist=c.id.to_string()>{t!(i18n, patrols.start)}" · "{c.name}</button>
                    </ActionForm>
                }
            }).collect_view()}
            {point.active.then(|| landing.forms.into_iter().map(|c| view! { <OfflinePatrolForm checklist=c token=token.clone()/> }).collect_view())}
        </section>
    }
}

/// The form of one checklist, hidden: on the point's page kept on the phone (no signal),
/// `public/offline.js` shows it when 开始巡查 is tapped and stamps the phone's start time; the
/// start and the answers then go together through the outbox (`offline_start`).
#[component]
fn OfflinePatrolForm(checklist: Checklist, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let (id, key) = (checklist.id.to_string(), checklist.id.to_string());
    view! {
        <form
            method="post"
            action="/api/v1/patrols/start_submit"
            enctype="multipart/form-data"
            class="stack patrol-form offline-patrol"
            data-offline-patrol=key
            hidden
        >
            <h2>{checklist.name.clone()}" · v"{checklist.version}</h2>
            <p class="notice">{t!(i18n, patrols.offline_hint)}</p>
            <input type="hidden" name="client_id" value=new_client_id()/>
            <input type="hidden" name="token" value=token/>
            <input type="hidden" name="checklist_id" value=id/>
            <input type="hidden" name="version_id" value=checklist.version_id.to_string()/>
            <input type="hidden" name="started_ms" value=""/>
            <input type="hidden" name="submitted_ms" value=""/>
            <ol class="patrol-items">
                {checklist.items.into_iter().map(|item| view! { <ItemRow item=item/> }).collect_view()}
            </ol>
            <button type="submit" class="primary wide big">{t!(i18n, patrols.submit)}</button>
        </form>
    }
}

fn range_text(item: &ChecklistItem) -> String {
    match (item.min_value, item.max_value) {
        (Some(lo), Some(hi)) => format!("{lo}–{hi} {}", item.unit),
        (Some(lo), None) => format!("≥ {lo} {}", item.unit),
        (None, Some(hi)) => format!("≤ {hi} {}", item.unit),
        (None, None) => item.unit.clone(),
    }
}

#[component]
fn ItemRow(item: ChecklistItem) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id;
    let answer = format!("answer_{id}");
    let input = match item.answer_type {
        AnswerType::PassFail => EitherOf3::A(view! {
            <div class="pass-fail" role="radiogroup">
                <label class="big-choice pass"><input type="radio" name=answer.clone() value="pass" required/><span>{t!(i18n, patrols.pass)}</span></label>
                <label class="big-choice fail"><input type="radio" name=answer value="fail"/><span>{t!(i18n, patrols.fail)}</span></label>
            </div>
        }),
        AnswerType::Number => {
            let range = range_text(&item);
            EitherOf3::B(view! {
                <label>
                    <span class="muted">{t!(i18n, patrols.range)}" "{range}</span>
                    <input type="text" inputmode="decimal" name=answer required autocomplete="off"/>
                </label>
            })
        }
        AnswerType::Text => EitherOf3::C(view! {
            <input type="text" name=answer maxlength="500" required/>
        }),
    };
    view! {
        <li class="patrol-item card" data-item=id.to_string()>
            <p><strong>{item.position}". "</strong>{item.text.clone()}</p>
            {(!item.verified).then(|| view! { <small class="tag warn">{t!(i18n, patrols.unverified)}</small> })}
            {input}
            <details>
                <summary>{t!(i18n, patrols.note_and_photo)}</summary>
                <label><span>{t!(i18n, patrols.note)}</span><input type="text" name=format!("note_{id}") maxlength="500"/></label>
                <input type="hidden" name=format!("photo_client_{id}") value=new_client_id()/>
                <PhotoInput name=format!("photo_{id}")/>
                {item.photo_on_fail.then(|| view! { <small class="muted">{t!(i18n, patrols.photo_on_fail)}</small> })}
            </details>
        </li>
    }
}

/// A refused plain post comes back with its error in the query (`__err`, `http::answer`).
fn plain_post_error() -> Option<AppError> {
    let query = use_query_map();
    #[cfg(feature = "ssr")]
    let error: Option<AppError> = query
        .with_untracked(|q| q.get("__err"))
        .map(|e| crate::error::error_in_query(&e));
    #[cfg(not(feature = "ssr"))]
    let error: Option<AppError> = {
        let _ = query;
        None
    };
    error
}

/// The patrol form of a started record.
#[component]
pub fn RecordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let error = plain_post_error();
    view! {
        {error.map(|err| view! { <ErrorNotice err=err/> })}
        {load(move || patrol_record(id), move |r: RecordForm| {
            if r.submitted {
                return EitherOf3::A(view! { <p class="notice ok">{t!(i18n, patrols.already_submitted)}</p> });
            }
            if r.checklist.items.is_empty() {
                return EitherOf3::B(view! { <p class="muted">{t!(i18n, patrols.no_checklists)}</p> });
            }
            EitherOf3::C(view! {
                <h1>{r.point.clone()}</h1>
                <p class="muted">{r.checklist.name.clone()}" · v"{r.checklist.version}</p>
                <form method="post" action="/api/v1/patrols/submit" enctype="multipart/form-data" class="stack patrol-form">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <input type="hidden" name="record_id" value=r.id.to_string()/>
                    <ol class="patrol-items">
                        {r.checklist.items.into_iter().map(|item| view! { <ItemRow item=item/> }).collect_view()}
                    </ol>
                    <button type="submit" class="primary wide big">{t!(i18n, patrols.submit)}</button>
                </form>
            })
        })}
    }
}

#[component]
pub fn DonePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let hazards = query.with_untracked(|q| q.get("hazards").and_then(|h| h.parse::<u32>().ok()));
    view! {
        <h1>{t!(i18n, patrols.submitted)}</h1>
        {hazards.filter(|n| *n > 0).map(|n| view! {
            <p class="notice error">{t!(i18n, patrols.hazards_raised)}" "{n}</p>
            <p><a href="/hazards" class="button secondary">{t!(i18n, patrols.to_hazards)}</a></p>
        })}
        <p><a href="/patrols" class="button primary wide">{t!(i18n, patrols.my_rounds)}</a></p>
    }
}

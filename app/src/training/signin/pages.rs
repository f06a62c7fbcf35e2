//! The sign-in page a scan leads to (`/training/signin/<token>?ticket=…`): the session, and
//! one big button, 签到 or 签退, each a plain form post (no JavaScript needed).

use super::{signin_view, SignIn, SignInForm, SignInView, SignOut};
use crate::{
    i18n::*,
    shell::{load, new_client_id, ErrorNotice},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let query = use_query_map();
    let (ticket, notice) = query.with_untracked(|q| {
        let notice = ["signed_in", "signed_out", "already"]
            .into_iter()
            .find(|k| q.get(k).is_some());
        (q.get("ticket").unwrap_or_default(), notice)
    });
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let form = SignInForm { token, ticket };
    let fetch = form.clone();
    view! {
        <section class="signin stack">
            {move || sign_in.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
            {move || sign_out.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
            {notice.map(|n| {
                let text = match n {
                    "signed_in" => t_string!(i18n, signin.signed_in_now),
                    "signed_out" => t_string!(i18n, signin.signed_out_now),
                    _ => t_string!(i18n, signin.already),
                };
                view! { <p class="notice ok" role="status" data-notice=n>{text}</p> }
            })}
            {load(move || signin_view(fetch), move |v: SignInView| {
                let (form_in, form_out) = (form.clone(), form.clone());
                let refusal = v.refusal.map(|r| crate::training::refusal_text(i18n, r));
                view! {
                    <h1>{v.title.clone()}</h1>
                    <dl class="facts">
                        <dt>{t!(i18n, signin.when)}</dt><dd>{v.when.clone()}</dd>
                        <dt>{t!(i18n, signin.location)}</dt><dd>{v.location.clone()}</dd>
                        <dt>{t!(i18n, signin.trainer)}</dt><dd>{v.trainer.clone()}</dd>
                    </dl>
                    {v.signed_in_at.clone().map(|at| {
                        let shown = at.clone();
                        view! { <p class="notice ok signed" data-signed-in=at>{t!(i18n, signin.signed_in_at)}" "{shown}</p> }
                    })}
                    {v.signed_out_at.clone().map(|at| {
                        let shown = at.clone();
                        view! { <p class="notice ok signed" data-signed-out=at>{t!(i18n, signin.signed_out_at)}" "{shown}</p> }
                    })}
                    {v.pending_review.then(|| view! { <p class="notice warn" data-pending-review="">{t!(i18n, signin.pending_review)}</p> })}
                    {refusal.map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
                    {v.quiz.filter(|_| v.signed_in_at.is_some()).map(|id| view! {
                        <a class="button primary wide big" href=format!("/training/quiz/{id}")>{t!(i18n, signin.take_quiz)}</a>
                    })}
                    {v.can_sign_in.then(|| view! {
                        <ActionForm action=sign_in attr:class="stack" attr:id="sign-in">
                            <Hidden form=form_in/>
                            <button type="submit" class="primary wide big">{t!(i18n, signin.sign_in)}</button>
                        </ActionForm>
                    })}
                    {v.can_sign_out.then(|| view! {
                        <ActionForm action=sign_out attr:class="stack" attr:id="sign-out">
                            <Hidden form=form_out/>
                            <button type="submit" class="primary wide big">{t!(i18n, signin.sign_out)}</button>
                        </ActionForm>
                    })}
                    {(v.signed_in_at.is_some() && v.signed_out_at.is_none() && !v.can_sign_out && v.refusal.is_none())
                        .then(|| view! { <p class="muted">{t!(i18n, signin.sign_out_later)}</p> })}
                }
            })}
        </section>
    }
}

/// The fields both forms post: a fresh client id, the token and the ticket.
#[component]
fn Hidden(form: SignInForm) -> impl IntoView {
    view! {
        <input type="hidden" name="client_id" value=new_client_id()/>
        <input type="hidden" name="form[token]" value=form.token/>
        <input type="hidden" name="form[ticket]" value=form.ticket/>
    }
}

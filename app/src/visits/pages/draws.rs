//! `/visits/draws` (抽查): the draws made at or under the regulator's node, and the form of a
//! new one; `/visits/draws/:id`: its seed, rule and picks, each with its check.

use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    visits::{list_draws, load_draw, CreateDraw, DrawDetail, DrawView, OpenVisit, PickView},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

#[component]
pub fn DrawsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateDraw>::new();
    let error = Signal::derive(move || action_error(create));
    let today = crate::time_fmt::china_day(time::OffsetDateTime::now_utc());
    let year_start = today.replace_ordinal(1).unwrap_or(today);
    view! {
        <h1>{t!(i18n, visits.draws_title)}</h1>
        <FormFeedback error=error/>
        <ActionForm action=create attr:class="card stack" attr:id="new-draw">
            <h2>{t!(i18n, visits.new_draw)}</h2>
            <p class="muted">{t!(i18n, visits.draw_hint)}</p>
            <input type="hidden" name="client_id" value=new_client_id()/>
            <label><span>{t!(i18n, visits.field_per_township)}</span><input name="form[per_township]" type="number" min="1" max="50" value="2" required/></label>
            <label><span>{t!(i18n, visits.field_draw_from)}</span><input name="form[from]" type="date" value=year_start.to_string() required/></label>
            <label><span>{t!(i18n, visits.field_draw_to)}</span><input name="form[to]" type="date" value=today.to_string() required/></label>
            <label><span>{t!(i18n, visits.field_seed)}</span><input name="form[seed]" inputmode="numeric" maxlength="20"/></label>
            <button type="submit" class="primary">{t!(i18n, visits.new_draw)}</button>
        </ActionForm>
        {load(list_draws, move |list: Vec<DrawView>| {
            if list.is_empty() {
                return Either::Left(view! { <p class="muted">{t!(i18n, visits.no_draws)}</p> });
            }
            Either::Right(view! {
                <ul class="people" id="draws">
                    {list.into_iter().map(|d| view! {
                        <li class="person">
                            <div class="person-main">
                                <a href=format!("/visits/draws/{}", d.id)><strong>{d.visited_from.clone()}" – "{d.visited_to.clone()}</strong></a>
                                <span class="muted">{t!(i18n, visits.seed_shown)}" "{d.seed.clone()}" · "{d.drawn_by.clone()}</span>
                                <span>{move || t_string!(i18n, visits.draw_picks, picks = d.picks, checked = d.checked).to_string()}</span>
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            })
        })}
    }
}

#[component]
fn Pick(p: PickView, draw: Uuid, open: ServerAction<OpenVisit>) -> impl IntoView {
    let i18n = use_i18n();
    let today = crate::time_fmt::china_day(time::OffsetDateTime::now_utc()).to_string();
    let action = match p.visit_id {
        Some(v) => Either::Left(view! { <a href=format!("/visits/{v}") class="button">{t!(i18n, visits.open_check)}</a> }),
        None => Either::Right(view! {
            <ActionForm action=open attr:class="inline">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="form[enterprise_id]" value=p.enterprise_id.to_string()/>
                <input type="hidden" name="form[kind]" value="spot_check"/>
                <input type="hidden" name="form[checklist]" value="selfcheck25"/>
                <input type="hidden" name="form[visited_on]" value=today/>
                <input type="hidden" name="form[draw_id]" value=draw.to_string()/>
                <button type="submit" class="primary">{t!(i18n, visits.start_spot_check)}</button>
            </ActionForm>
        }),
    };
    view! {
        <li class="person" data-pick=p.enterprise_id.to_string()>
            <div class="person-main">
                <strong>{p.enterprise}</strong>
                <span class="tag">{p.township}</span>
            </div>
            {action}
        </li>
    }
}

#[component]
pub fn DrawPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let id = Uuid::parse_str(&id).unwrap_or_default();
    let open = ServerAction::<OpenVisit>::new();
    let error = Signal::derive(move || action_error(open));
    view! {
        <p><a href="/visits/draws">{t!(i18n, visits.draws_title)}</a></p>
        <FormFeedback error=error/>
        {load(move || load_draw(id), move |d: DrawDetail| {
            let draw = d.draw;
            let n = draw.per_township;
            let picks = if d.picks.is_empty() {
                Either::Left(view! { <p class="muted">{t!(i18n, visits.no_picks)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="people" id="picks">
                        {d.picks.into_iter().map(|p| view! { <Pick p draw=draw.id open/> }).collect_view()}
                    </ul>
                })
            };
            view! {
                <h1>{t!(i18n, visits.draws_title)}" "{draw.visited_from.clone()}" – "{draw.visited_to.clone()}</h1>
                <p class="card" id="draw-seed">
                    {t!(i18n, visits.seed_shown)}" "<strong data-seed=draw.seed.clone()>{draw.seed.clone()}</strong>
                    " · "{move || t_string!(i18n, visits.per_township_rule, n = n).to_string()}
                </p>
                {picks}
            }
        })}
    }
}

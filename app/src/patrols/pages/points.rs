//! Officers' pages: the points (register, edit, attach checklists, regenerate the QR), their
//! posters (one or all, printed with the posters' script), and the checklists with the ready
//! packs to install.

use super::kind_label;
use crate::{
    checkpoint::Poster,
    i18n::*,
    patrols::{
        get_point, list_checklists, list_points, packs::PACKS, point_posters, ChecklistSummary,
        CreatePoint, InstallPack, Point, RegeneratePointToken, UpdatePoint,
    },
    shell::{load, new_client_id, ErrorNotice},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The point fields, filled from `point` when editing (`form[...]` of the server function).
#[component]
fn PointFields(#[prop(optional)] point: Option<Point>) -> impl IntoView {
    let i18n = use_i18n();
    let p = point.clone();
    let val = move |f: fn(&Point) -> String| p.as_ref().map(f).unwrap_or_default();
    let attached = point
        .as_ref()
        .map(|p| p.checklists.clone())
        .unwrap_or_default();
    let space = point
        .as_ref()
        .and_then(|p| p.space_id)
        .map(|s| s.to_string())
        .unwrap_or_default();
    view! {
        <label><span>{t!(i18n, patrols.point_name)}</span><input name="form[name]" value=val(|p| p.name.clone()) maxlength="60" required/></label>
        <label><span>{t!(i18n, patrols.area)}</span><input name="form[area]" value=val(|p| p.area.clone()) maxlength="120"/></label>
        <label><span>{t!(i18n, patrols.equipment)}</span><input name="form[equipment]" value=val(|p| p.equipment.clone()) maxlength="120"/></label>
        <label>
            <span>{t!(i18n, patrols.space)}</span>
            <select name="form[space_id]">
                <option value="">{t!(i18n, patrols.no_space)}</option>
                {load(|| crate::spaces::list_spaces(String::new(), String::new()), move |list: Vec<crate::spaces::Space>| {
                    let space = space.clone();
                    list.into_iter().map(|s| {
                        let id = s.id.to_string();
                        let selected = id == space;
                        view! { <option value=id selected=selected>{s.code}" "{s.name}</option> }
                    }).collect_view()
                })}
            </select>
        </label>
        <fieldset class="checks">
            <legend>{t!(i18n, patrols.checklists)}</legend>
            {load(list_checklists, move |list: Vec<ChecklistSummary>| {
                let attached = attached.clone();
                list.into_iter().map(|c| view! {
                    <label class="check">
                        <input type="checkbox" name="form[checklists][]" value=c.id.to_string() checked=attached.contains(&c.id)/>
                        {c.name}
                    </label>
                }).collect_view()
            })}
        </fieldset>
    }
}

#[component]
pub fn PointsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreatePoint>::new();
    view! {
        <h1>{t!(i18n, patrols.points)}</h1>
        <p class="row-actions">
            <a href="/patrols/posters" class="button secondary">{t!(i18n, patrols.print_all)}</a>
            <a href="/patrols/checklists" class="button secondary">{t!(i18n, patrols.checklists)}</a>
        </p>
        {load(list_points, move |list: Vec<Point>| {
            if list.is_empty() {
                return Either::Left(view! { <p class="muted">{t!(i18n, patrols.no_points)}</p> });
            }
            Either::Right(view! {
                <ul class="people">
                    {list.into_iter().map(|p| view! {
                        <li class="person" class:inactive=!p.active>
                            <a href=format!("/patrols/points/{}", p.id) class="person-main">
                                <strong>{p.name.clone()}</strong>
                                <span class="muted">{p.area.clone()}" "{p.equipment.clone()}</span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })
        })}
        <section class="card">
            <h2>{t!(i18n, patrols.register_point)}</h2>
            <ActionForm action=create attr:class="stack" attr:id="register-point">
                {move || create.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
                <input type="hidden" name="client_id" value=new_client_id()/>
                <PointFields/>
                <button type="submit" class="primary">{t!(i18n, patrols.save)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PointPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let update = ServerAction::<UpdatePoint>::new();
    let regenerate = ServerAction::<RegeneratePointToken>::new();
    let query = use_query_map();
    let notice = move |key: &str| query.with(|q| q.get(key).is_some());
    let errors = move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .or(regenerate.value().get().and_then(Result::err))
            .map(|err| view! { <ErrorNotice err=err/> })
    };
    view! {
        {errors}
        {move || (notice("registered") || notice("saved")).then(|| view! {
            <p class="notice ok" role="status">{t!(i18n, patrols.saved)}</p>
        })}
        {move || notice("regenerated").then(|| view! {
            <p class="notice ok" role="status">{t!(i18n, patrols.token_regenerated)}</p>
        })}
        {load(move || get_point(id), move |p: Point| {
            let id = p.id.to_string();
            let (id_edit, poster) = (id.clone(), format!("/patrols/posters?id={id}"));
            let version = p.version.to_string();
            view! {
                <h1>{p.name.clone()}</h1>
                <p class="muted">{p.area.clone()}" "{p.equipment.clone()}</p>
                <p class="row-actions">
                    <a class="button primary" href=poster>{t!(i18n, patrols.poster)}</a>
                </p>
                <details class="card">
                    <summary>{t!(i18n, patrols.edit)}</summary>
                    <ActionForm action=update attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="id" value=id_edit/>
                        <input type="hidden" name="version" value=version/>
                        <PointFields point=p.clone()/>
                        <button type="submit" class="primary">{t!(i18n, patrols.save)}</button>
                    </ActionForm>
                </details>
                <ActionForm action=regenerate>
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="secondary">{t!(i18n, patrols.regenerate)}</button>
                </ActionForm>
            }
        })}
    }
}

#[component]
fn PointPoster(poster: Poster) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="poster" data-url=poster.url.clone()>
            <p class="poster-warning">{t!(i18n, patrols.poster_heading)}</p>
            <h2 class="poster-title">{poster.title.clone()}</h2>
            <p class="poster-code">{poster.location.clone()}" "{poster.code.clone()}</p>
            <div class="poster-qr" inner_html=poster.svg.clone()></div>
            <p class="poster-scan">{t!(i18n, patrols.poster_scan_hint)}</p>
            <p class="poster-short">{t!(i18n, spaces.poster_short_code)}" "<strong data-short-code=poster.short_code.clone()>{poster.short_code.clone()}</strong></p>
        </article>
    }
}

/// `/patrols/posters` (every active point) or `?id=` (one): the same print script and sheet
/// styles as the confined-space posters.
#[component]
pub fn PostersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = query.with_untracked(|q| q.get("id").unwrap_or_default());
    view! {
        <script src="/poster.js" defer></script>
        <div class="no-print row-actions">
            <button type="button" class="primary" data-print="">{t!(i18n, spaces.poster_print)}</button>
            <label class="check"><input type="checkbox" data-label-size=""/>{t!(i18n, spaces.poster_label_size)}</label>
        </div>
        {load(move || point_posters(id), |list: Vec<Poster>| {
            let sheets = list.into_iter().map(|p| view! { <PointPoster poster=p/> }).collect_view();
            view! { <div class="posters">{sheets}</div> }
        })}
    }
}

#[component]
pub fn ChecklistsPage() -> impl IntoView {
    let i18n = use_i18n();
    let install = ServerAction::<InstallPack>::new();
    let query = use_query_map();
    let installed = move || query.with(|q| q.get("installed").is_some());
    view! {
        <h1>{t!(i18n, patrols.checklists)}</h1>
        {move || install.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
        {move || installed().then(|| view! { <p class="notice ok" role="status">{t!(i18n, patrols.installed)}</p> })}
        {load(list_checklists, move |list: Vec<ChecklistSummary>| view! {
            <ul class="people">
                {list.into_iter().map(|c| {
                    let kind = c.kind;
                    view! {
                        <li class="person">
                            <a href=format!("/patrols/checklists/{}", c.id) class="person-main">
                                <strong>{c.name}</strong>
                                <span class="muted">{move || kind_label(i18n, kind)}" · v"{c.version}" · "{c.items}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        <section class="card">
            <h2>{t!(i18n, patrols.packs)}</h2>
            <p class="muted">{t!(i18n, patrols.packs_hint)}</p>
            {PACKS.iter().map(|p| {
                let unverified = p.items.iter().filter(|i| !i.verified).count();
                view! {
                    <ActionForm action=install attr:class="row-actions">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="pack" value=p.key/>
                        <span>{p.name}" ("{p.items.len()}")"</span>
                        {(unverified > 0).then(|| view! { <span class="tag warn">{t!(i18n, patrols.unverified)}" "{unverified}</span> })}
                        {p.optional.then(|| view! { <span class="tag">{t!(i18n, patrols.optional)}</span> })}
                        <button type="submit" class="secondary">{t!(i18n, patrols.install)}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </section>
    }
}

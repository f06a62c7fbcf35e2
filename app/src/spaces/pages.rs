//! Ledger pages: list with search and the register form, a space's page, posters, scan view.

use super::{
    get_space, list_spaces, space_history, space_posters, CreateSpace, Hazard,
    RegenerateSpaceToken, SetSpaceActive, Space, SpaceType, UpdateSpace,
};
use crate::{
    auth::{Role, SessionUser},
    checkpoint::Poster,
    i18n::*,
    rules::gas::Gas,
    shell::{load, new_client_id, with_user, ErrorNotice},
};
use leptos::{either::Either, prelude::*};
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn type_label(i18n: I18nContext<Locale>, t: SpaceType) -> String {
    match t {
        SpaceType::Tank => t_string!(i18n, spaces.type_tank),
        SpaceType::Pit => t_string!(i18n, spaces.type_pit),
        SpaceType::Well => t_string!(i18n, spaces.type_well),
        SpaceType::Silo => t_string!(i18n, spaces.type_silo),
        SpaceType::Sewer => t_string!(i18n, spaces.type_sewer),
        SpaceType::Pipe => t_string!(i18n, spaces.type_pipe),
        SpaceType::Boiler => t_string!(i18n, spaces.type_boiler),
        SpaceType::DustCollector => t_string!(i18n, spaces.type_dust_collector),
        SpaceType::Other => t_string!(i18n, spaces.type_other),
    }
    .to_string()
}

pub fn hazard_label(i18n: I18nContext<Locale>, h: Hazard) -> String {
    match h {
        Hazard::OxygenDeficiency => t_string!(i18n, spaces.hazard_oxygen_deficiency),
        Hazard::Toxic => t_string!(i18n, spaces.hazard_toxic),
        Hazard::Flammable => t_string!(i18n, spaces.hazard_flammable),
        Hazard::Drowning => t_string!(i18n, spaces.hazard_drowning),
        Hazard::Engulfment => t_string!(i18n, spaces.hazard_engulfment),
        Hazard::Mechanical => t_string!(i18n, spaces.hazard_mechanical),
        Hazard::Electrical => t_string!(i18n, spaces.hazard_electrical),
        Hazard::Heat => t_string!(i18n, spaces.hazard_heat),
    }
    .to_string()
}

fn can_edit(role: Role) -> bool {
    matches!(role, Role::SafetyOfficer | Role::EnterpriseAdmin)
}

/// The ledger fields, filled from `space` when editing. Names follow the server function's
/// `form` argument (`form[code]`, `form[hazards][]`).
#[component]
fn SpaceFields(#[prop(optional)] space: Option<Space>) -> impl IntoView {
    let i18n = use_i18n();
    let s = space.clone();
    let val = move |f: fn(&Space) -> String| s.as_ref().map(f).unwrap_or_default();
    let current_type = space.as_ref().map(|s| s.space_type);
    let hazards = space
        .as_ref()
        .map(|s| s.hazards.clone())
        .unwrap_or_default();
    let gases = space
        .as_ref()
        .map(|s| s.required_gases.clone())
        .unwrap_or_else(|| {
            vec![
                Gas::Oxygen,
                Gas::Flammable,
                Gas::HydrogenSulfide,
                Gas::CarbonMonoxide,
            ]
        });
    let contracted = space.as_ref().is_some_and(|s| s.usually_contracted);
    let toxic = space.as_ref().is_some_and(|s| s.toxic_asphyxiation_risk);
    view! {
        <label><span>{t!(i18n, spaces.code)}</span><input name="form[code]" value=val(|s| s.code.clone()) maxlength="32"/></label>
        <label><span>{t!(i18n, spaces.name)}</span><input name="form[name]" value=val(|s| s.name.clone()) maxlength="60"/></label>
        <label><span>{t!(i18n, spaces.location)}</span><input name="form[location]" value=val(|s| s.location.clone())/></label>
        <label>
            <span>{t!(i18n, spaces.space_type)}</span>
            <select name="form[space_type]">
                {SpaceType::ALL
                    .into_iter()
                    .map(|t| view! { <option value=t.as_str() selected=current_type == Some(t)>{move || type_label(i18n, t)}</option> })
                    .collect_view()}
            </select>
        </label>
        <fieldset class="checks">
            <legend>{t!(i18n, spaces.hazards)}</legend>
            {Hazard::ALL
                .into_iter()
                .map(|h| view! {
                    <label class="check"><input type="checkbox" name="form[hazards][]" value=h.as_str() checked=hazards.contains(&h)/>{move || hazard_label(i18n, h)}</label>
                })
                .collect_view()}
        </fieldset>
        <fieldset class="checks">
            <legend>{t!(i18n, spaces.gases)}</legend>
            {Gas::ALL
                .into_iter()
                .map(|g| view! {
                    <label class="check"><input type="checkbox" name="form[required_gases][]" value=g.as_str() checked=gases.contains(&g)/>{g.formula()}</label>
                })
                .collect_view()}
        </fieldset>
        <label><span>{t!(i18n, spaces.protective_equipment)}</span><input name="form[protective_equipment]" value=val(|s| s.protective_equipment.clone())/></label>
        <label><span>{t!(i18n, spaces.rescue_equipment)}</span><input name="form[rescue_equipment]" value=val(|s| s.rescue_equipment.clone())/></label>
        <label><span>{t!(i18n, spaces.responsible_person)}</span><input name="form[responsible_person]" value=val(|s| s.responsible_person.clone())/></label>
        <label class="check"><input type="checkbox" name="form[toxic_asphyxiation_risk]" checked=toxic/>{t!(i18n, spaces.toxic_risk)}</label>
        <label class="check"><input type="checkbox" name="form[usually_contracted]" checked=contracted/>{t!(i18n, spaces.contracted)}</label>
    }
}

#[component]
pub fn SpacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let kind = move || query.with(|q| q.get("type").unwrap_or_default());
    let create = ServerAction::<CreateSpace>::new();
    let spaces = Resource::new(
        move || (search(), kind(), create.version().get()),
        |(s, k, _)| list_spaces(s, k),
    );
    view! {
        <h1>{t!(i18n, spaces.title)}</h1>
        // The officer's other pages first, so the list and the register form follow each other.
        {with_user(move |u: SessionUser| can_edit(u.role).then(|| view! {
            <nav class="row-actions spaces-nav">
                <a href="/spaces/board" class="button primary">{t!(i18n, ops.board)}</a>
                <a href="/spaces/history" class="button secondary">{t!(i18n, ops.history)}</a>
                <a href="/spaces/qualifications" class="button secondary">{t!(i18n, spaces.qualifications)}</a>
                <a href="/spaces/policy" class="button secondary">{t!(i18n, spaces.policy)}</a>
                <a href="/spaces/delegations" class="button secondary">{t!(i18n, spaces.delegations)}</a>
                <a href="/spaces/posters" class="button secondary">{t!(i18n, spaces.print_all)}</a>
                <a href="/export/spaces.xlsx" rel="external" download class="button secondary">{t!(i18n, spaces.export)}</a>
            </nav>
        }))}
        <form method="get" action="/spaces" class="card stack search">
            <label><span>{t!(i18n, spaces.search)}</span><input type="search" name="q" value=search/></label>
            <label>
                <span>{t!(i18n, spaces.space_type)}</span>
                <select name="type">
                    <option value="">{t!(i18n, spaces.all_types)}</option>
                    {SpaceType::ALL
                        .into_iter()
                        .map(|t| view! { <option value=t.as_str() selected=move || kind() == t.as_str()>{move || type_label(i18n, t)}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit" class="secondary">{t!(i18n, spaces.filter)}</button>
        </form>
        <Transition fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match spaces.await {
                    Ok(list) if list.is_empty() => Either::Left(view! { <p class="muted">{t!(i18n, spaces.empty)}</p> }.into_any()),
                    Ok(list) => Either::Left(view! {
                        <ul class="people">
                            {list.into_iter().map(|s| {
                                let href = format!("/spaces/{}", s.id);
                                let t = s.space_type;
                                view! {
                                    <li class="person" class:inactive=!s.active>
                                        <a href=href class="person-main">
                                            <strong>{s.code.clone()}" "{s.name.clone()}</strong>
                                            <span class="muted">{s.location.clone()}</span>
                                            <span class="tag">{move || type_label(i18n, t)}</span>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()),
                    Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                }
            })}
        </Transition>
        {with_user(move |u: SessionUser| can_edit(u.role).then(|| view! {
            <section class="card">
                <h2>{t!(i18n, spaces.register)}</h2>
                <ActionForm action=create attr:class="stack" attr:id="register-space">
                    {move || create.value().get().map(|r| match r {
                        Ok(space) => Either::Left(view! {
                            <p class="notice ok" role="status">
                                {t!(i18n, spaces.registered)}": "
                                <a href=format!("/spaces/{}", space.id)>{space.code.clone()}" "{space.name.clone()}</a>
                            </p>
                        }),
                        Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                    })}
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <SpaceFields/>
                    <button type="submit" class="primary">{t!(i18n, users.save)}</button>
                </ActionForm>
            </section>
        }))}
    }
}

#[component]
pub fn SpaceDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let update = ServerAction::<UpdateSpace>::new();
    let toggle = ServerAction::<SetSpaceActive>::new();
    let regenerate = ServerAction::<RegenerateSpaceToken>::new();
    let query = use_query_map();
    let notice = move |key: &str| query.with(|q| q.get(key).is_some());
    let errors = move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .or(toggle.value().get().and_then(Result::err))
            .or(regenerate.value().get().and_then(Result::err))
            .map(|err| view! { <ErrorNotice err=err/> })
    };
    view! {
        {errors}
        {move || (matches!(regenerate.value().get(), Some(Ok(()))) || notice("regenerated")).then(|| view! {
            <p class="notice ok" role="status">{t!(i18n, spaces.token_regenerated)}</p>
        })}
        {move || notice("registered").then(|| view! {
            <p class="notice ok" role="status">{t!(i18n, spaces.registered)}</p>
        })}
        {move || notice("saved").then(|| view! {
            <p class="notice ok" role="status">{t!(i18n, users.save)}" ✓"</p>
        })}
        {load(move || get_space(id()), move |s: Space| view! { <SpaceDetail space=s update toggle regenerate/> })}
    }
}

#[component]
pub fn SpaceFacts(space: Space) -> impl IntoView {
    let i18n = use_i18n();
    let t = space.space_type;
    let hazards = space.hazards.clone();
    let gases = space
        .required_gases
        .iter()
        .map(|g| g.formula())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <dl class="facts">
            <dt>{t!(i18n, spaces.space_type)}</dt><dd>{move || type_label(i18n, t)}</dd>
            <dt>{t!(i18n, spaces.location)}</dt><dd>{space.location.clone()}</dd>
            <dt>{t!(i18n, spaces.hazards)}</dt>
            <dd class="hazards">{hazards.into_iter().map(|h| view! { <span class="tag danger">{move || hazard_label(i18n, h)}</span> }).collect_view()}</dd>
            <dt>{t!(i18n, spaces.gases)}</dt><dd>{gases}</dd>
            <dt>{t!(i18n, spaces.protective_equipment)}</dt><dd>{space.protective_equipment.clone()}</dd>
            <dt>{t!(i18n, spaces.rescue_equipment)}</dt><dd>{space.rescue_equipment.clone()}</dd>
            <dt>{t!(i18n, spaces.responsible_person)}</dt><dd>{space.responsible_person.clone()}</dd>
        </dl>
        {space.toxic_asphyxiation_risk.then(|| view! { <p class="notice error">{t!(i18n, spaces.toxic_risk)}</p> })}
    }
}

#[component]
fn SpaceDetail(
    space: Space,
    update: ServerAction<UpdateSpace>,
    toggle: ServerAction<SetSpaceActive>,
    regenerate: ServerAction<RegenerateSpaceToken>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = space.id.to_string();
    let history = Resource::new(
        {
            let id = id.clone();
            move || (id.clone(), update.version().get())
        },
        |(id, _)| space_history(id),
    );
    let editable = space.clone();
    let (id_edit, id_toggle, id_regen, id_poster) = (id.clone(), id.clone(), id.clone(), id);
    let version = space.version.to_string();
    let active = space.active;
    let next_active = if active { "false" } else { "true" };
    view! {
        <h1>{space.code.clone()}" "{space.name.clone()}</h1>
        {(!active).then(|| view! { <p class="notice error">{t!(i18n, spaces.inactive)}</p> })}
        <section class="card"><SpaceFacts space=space.clone()/></section>
        {with_user(move |u: SessionUser| {
            let editable = editable.clone();
            let (id_edit, id_toggle, id_regen, id_poster, version) = (id_edit.clone(), id_toggle.clone(), id_regen.clone(), id_poster.clone(), version.clone());
            can_edit(u.role).then(move || view! {
                <p class="row-actions">
                    <a class="button primary" href=format!("/spaces/{id_poster}/poster")>{t!(i18n, spaces.poster)}</a>
                    <a class="button secondary" href=format!("/spaces/history?space={id_poster}")>{t!(i18n, ops.history)}</a>
                </p>
                <details class="card">
                    <summary>{t!(i18n, spaces.edit)}</summary>
                    <ActionForm action=update attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="id" value=id_edit/>
                        <input type="hidden" name="version" value=version/>
                        <SpaceFields space=editable/>
                        <button type="submit" class="primary">{t!(i18n, users.save)}</button>
                    </ActionForm>
                </details>
                <div class="row-actions">
                    <ActionForm action=regenerate>
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="id" value=id_regen/>
                        <button type="submit" class="secondary">{t!(i18n, spaces.regenerate)}</button>
                    </ActionForm>
                    <ActionForm action=toggle>
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="id" value=id_toggle/>
                        <input type="hidden" name="active" value=next_active/>
                        <button type="submit" class="secondary">
                            {move || if active { t_string!(i18n, spaces.deactivate) } else { t_string!(i18n, spaces.activate) }.to_string()}
                        </button>
                    </ActionForm>
                </div>
                <section class="card">
                    <h2>{t!(i18n, spaces.history)}</h2>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            history.await.ok().map(|versions| view! {
                                <ol class="history">
                                    {versions.into_iter().map(|v| view! {
                                        <li>"v"{v.version}" · "{v.edited_at}" · "{v.edited_by}" · "{v.code}" "{v.name}</li>
                                    }).collect_view()}
                                </ol>
                            })
                        })}
                    </Transition>
                </section>
            })
        })}
    }
}

#[component]
fn PosterSheet(poster: Poster) -> impl IntoView {
    let i18n = use_i18n();
    let hazards = poster
        .hazards
        .iter()
        .filter_map(|h| Hazard::parse(h))
        .collect::<Vec<_>>();
    view! {
        <article class="poster" data-url=poster.url.clone()>
            <p class="poster-warning">{t!(i18n, spaces.poster_warning)}</p>
            <p class="poster-hazards">
                {hazards.into_iter().map(|h| view! { <span>{move || hazard_label(i18n, h)}</span> }).collect_view()}
            </p>
            <h2 class="poster-title">{poster.title.clone()}</h2>
            <p class="poster-code">{poster.code.clone()}" · "{poster.location.clone()}</p>
            <div class="poster-qr" inner_html=poster.svg.clone()></div>
            <p class="poster-scan">{t!(i18n, spaces.poster_scan_hint)}</p>
            <p class="poster-short">{t!(i18n, spaces.poster_short_code)}" "<strong data-short-code=poster.short_code.clone()>{poster.short_code.clone()}</strong></p>
        </article>
    }
}

fn posters_view<F, Fut>(posters: F) -> impl IntoView
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Vec<Poster>, crate::error::AppError>> + Send + 'static,
{
    let i18n = use_i18n();
    view! {
        // The buttons' script is a file (public/poster.js): the Content-Security-Policy
        // allows no inline handlers.
        <script src="/poster.js" defer></script>
        <div class="no-print row-actions">
            <button type="button" class="primary" data-print="">{t!(i18n, spaces.poster_print)}</button>
            <label class="check"><input type="checkbox" data-label-size=""/>{t!(i18n, spaces.poster_label_size)}</label>
        </div>
        {load(posters, |list: Vec<Poster>| {
            let sheets = list.into_iter().map(|p| view! { <PosterSheet poster=p/> }).collect_view();
            view! { <div class="posters">{sheets}</div> }
        })}
    }
}

#[component]
pub fn PosterPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    posters_view(move || space_posters(id.clone()))
}

#[component]
pub fn PostersPage() -> impl IntoView {
    posters_view(|| space_posters(String::new()))
}

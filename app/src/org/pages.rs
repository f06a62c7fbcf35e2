use super::list_enterprises;
use crate::{
    auth::{Role, SessionUser},
    i18n::*,
    shell::{with_user, ErrorNotice, Forbidden},
};
use leptos::{either::Either, prelude::*};

#[component]
pub fn EnterprisesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, org.enterprises_title)}</h1>
        {with_user(|u: SessionUser| {
            if u.role == Role::Regulator {
                Either::Left(view! { <EnterpriseList/> })
            } else {
                Either::Right(view! { <Forbidden/> })
            }
        })}
    }
}

#[component]
fn EnterpriseList() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| list_enterprises());
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => {
                        view! { <p class="muted">{t!(i18n, org.enterprises_empty)}</p> }.into_any()
                    }
                    Ok(items) => view! {
                        <ul class="people">
                            {items
                                .into_iter()
                                .map(|e| {
                                    let count = e.active_people;
                                    view! {
                                        <li class="person">
                                            <div class="person-main">
                                                <strong>{e.name}</strong>
                                                <span class="muted">{e.code}</span>
                                                <span class="tag">{move || t_string!(i18n, org.enterprises_people, count).to_string()}</span>
                                            </div>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorNotice err=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

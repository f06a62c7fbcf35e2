//! A hazard's photos on its pages: the photo field of the report and the fixes (a plain
//! multipart form, no JavaScript needed), and small thumbnails with their stage (整改前 /
//! 整改后), each linking to the full photo.

use crate::{
    hazards::{HazardPhoto, PhotoStage},
    i18n::*,
    photos::PhotoInput,
    shell::new_client_id,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn stage_label(i18n: I18nContext<Locale>, stage: PhotoStage) -> String {
    match stage {
        PhotoStage::Before => t_string!(i18n, hazards.photo_before),
        PhotoStage::After => t_string!(i18n, hazards.photo_after),
    }
    .to_string()
}

/// The photo of a form: the file (`photo`) and its upload's own client id, so a retried post
/// stores it once.
#[component]
pub fn PhotoField(
    /// 整改前 (the report's, optional) or 整改后 (a fix's, required).
    stage: PhotoStage,
) -> impl IntoView {
    let i18n = use_i18n();
    let required = stage == PhotoStage::After;
    view! {
        <fieldset class="photo-field">
            <legend>
                {move || stage_label(i18n, stage)}
                {(!required).then(|| view! { " " <small class="muted">{t!(i18n, hazards.optional)}</small> })}
            </legend>
            <input type="hidden" name="photo_client_id" value=new_client_id()/>
            <PhotoInput name="photo" required/>
        </fieldset>
    }
}

/// Thumbnails (`loading="lazy"`, sized by the photo's own proportions) linking to the photos.
#[component]
pub fn Thumbs(photos: Vec<HazardPhoto>, #[prop(optional)] small: bool) -> impl IntoView {
    let i18n = use_i18n();
    let width = if small { 64 } else { 120 };
    let items = photos
        .into_iter()
        .map(|p| {
            let stage = p.stage;
            let height = (u64::from(p.height) * width / u64::from(p.width.max(1))).max(1);
            let alt = format!("{} · {} · {}", stage_label(i18n, stage), p.by, p.at);
            view! {
                <li data-stage=stage.as_str()>
                    <a href=p.url.clone()>
                        <img
                            src=p.url.clone()
                            loading="lazy"
                            width=width.to_string()
                            height=height.to_string()
                            alt=alt
                        />
                    </a>
                    {(!small).then(|| view! { <span class="tag">{move || stage_label(i18n, stage)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="thumbs" class:small=small>{items}</ul> }
}

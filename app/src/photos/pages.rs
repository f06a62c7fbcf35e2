//! The photo field of other features' forms.

use crate::i18n::*;
use leptos::prelude::*;

/// A camera photo field: `<input type="file" accept="image/*" capture="environment">`.
///
/// Put it in a form with `enctype="multipart/form-data"` (`method="post"`) whose handler reads
/// the post with `photos::http::read_multipart` and stores the file with `photos::store`:
/// without JavaScript the phone sends the camera's full photo and the server shrinks it.
///
/// With JavaScript, public/photo-shrink.js shrinks the photo on the phone before the form is
/// sent (canvas, long side ≤ 1600 px, JPEG at 0.8: typically ≤ 300 KB instead of 3 to 8 MB
/// over a weak signal) and puts the smaller file in the input's place. A ~2 KB static script
/// rather than an `#[island]`: an island makes the page load the WASM bundle (hundreds of KB)
/// and would have to be listed in `ISLAND_PATHS`, where a plain script file costs one small,
/// cached request and runs under the page's Content-Security-Policy (`script-src 'self'`).
#[component]
pub fn PhotoInput(
    /// The form field's name (the file's key in `MultipartForm::files`).
    #[prop(into)]
    name: String,
    /// Whether the form may not be sent without a photo.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // The label is the large 拍照 button (style/main.css); the real file input stays inside
        // it, visible and focusable, so screen readers and keyboards reach it as a file field.
        <label class="photo-input">
            <span class="photo-take">{t!(i18n, photos.take)}</span>
            <input
                type="file"
                name=name
                accept="image/*"
                capture="environment"
                required=required
                data-photo-shrink=""
            />
            <small class="muted">{t!(i18n, photos.hint)}</small>
        </label>
        <script src="/photo-shrink.js" defer></script>
    }
}

/// On `/admin/enterprise`: the enterprise's photo storage, what is used, the quota with its
/// default and basis, and the form that changes it.
#[component]
pub fn QuotaSection() -> impl IntoView {
    use super::{photo_quota, QuotaView, SavePhotoQuota, DEFAULT_QUOTA_MIB, MAX_QUOTA_MIB};
    use crate::shell::{action_error, load, new_client_id, ErrorNotice};
    use leptos_router::hooks::use_query_map;
    let i18n = use_i18n();
    let save = ServerAction::<SavePhotoQuota>::new();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("photo_quota_saved").is_some());
    view! {
        <section class="card stack" id="photo-quota">
            <h2>{t!(i18n, photos.quota_heading)}</h2>
            {move || action_error(save).map(|err| view! { <ErrorNotice err=err/> })}
            {move || saved().then(|| view! {
                <p class="notice ok" role="status">{t!(i18n, photos.quota_saved)}</p>
            })}
            {load(photo_quota, move |q: QuotaView| {
                let (used, quota) = (q.used_mib, q.quota_mib);
                view! {
                    <p>{t!(i18n, photos.quota_used, used, quota)}</p>
                    <ActionForm action=save attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <label>
                            <span>{t!(i18n, photos.field_quota)}</span>
                            <input type="number" name="form[quota_mib]" min="1"
                                max=MAX_QUOTA_MIB value=quota required=true/>
                            <small>{t!(i18n, photos.quota_default, mib = DEFAULT_QUOTA_MIB)}</small>
                        </label>
                        <p class="muted basis">{t!(i18n, photos.quota_basis)}</p>
                        <button type="submit" class="primary">{t!(i18n, photos.quota_save)}</button>
                    </ActionForm>
                }
            })}
        </section>
    }
}

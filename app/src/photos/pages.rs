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
        <label class="photo-input">
            <span>{t!(i18n, photos.take)}</span>
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

//! Generates the typed `i18n` module from `locales/<locale>/<namespace>.json` (leptos_i18n): every key is checked
//! at compile time, and both locales must define the same keys.
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    // sqlx::migrate! embeds app/migrations when the crate compiles: a new or edited migration
    // must recompile it (without this, only a changed .rs file would).
    println!("cargo::rerun-if-changed=migrations");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let i18n_mod_directory = PathBuf::from(out_dir).join("i18n");
    // zh-CN is the default: Anxun is used on Chinese shop floors first.
    // One namespace per feature (locales/<locale>/<namespace>.json): a feature adds its own
    // file instead of growing one shared list.
    let config = Config::new("zh-CN")
        .and_then(|c| c.add_locale("en"))
        .and_then(|c| {
            c.add_namespaces([
                "common",
                "users",
                "org",
                "spaces",
                "ops",
                "training",
                "photos",
                "hazards",
                "patrols",
                "selfcheck",
                "sessions",
                "signin",
                "quiz",
                "clearance",
                "delivery",
                "pwa",
                "units",
                "today",
            ])
        })
        .expect("locale and namespace names are valid")
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations =
        TranslationsInfos::parse(config).expect("locales/*.json must parse; see diagnostics");
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations
        .generate_i18n_module(i18n_mod_directory)
        .expect("writing the generated i18n module");
}

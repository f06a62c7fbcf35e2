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
    // One namespace per file of the default locale (locales/zh-CN/<namespace>.json): a feature
    // adds its own file and nothing else; leptos_i18n checks that the other locale has the
    // same files and keys.
    let namespaces = namespaces_in("locales/zh-CN");
    let config = Config::new("zh-CN")
        .and_then(|c| c.add_locale("en"))
        .and_then(|c| c.add_namespaces(namespaces.iter().map(String::as_str)))
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

/// The namespaces of a locale's folder, sorted: the names of its `.json` files.
fn namespaces_in(dir: &str) -> Vec<String> {
    println!("cargo::rerun-if-changed={dir}");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the default locale's folder")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "json").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.sort();
    names
}

//! The built files' names: cargo-leptos's `hash-files` gives `/pkg/anxun.<hash>.css|js|wasm`
//! and writes the hashes to `hash.txt` next to the server binary (read once here); without it
//! the names carry no hash.

use leptos::config::LeptosOptions;
use std::sync::OnceLock;

/// Where the stylesheet, the islands' loader and their WASM are served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFiles {
    pub css: String,
    pub js: String,
    pub wasm: String,
}

impl BuiltFiles {
    /// From the hash file's text (`css: <hash>` lines), or `None` without hashing.
    pub fn named(pkg: &str, name: &str, hashes: Option<&str>) -> BuiltFiles {
        let hash_of = |kind: &str| {
            hashes?.lines().find_map(|line| {
                let (k, hash) = line.split_once(':')?;
                (k.trim() == kind).then(|| format!(".{}", hash.trim()))
            })
        };
        let file = |kind: &str, ext: &str| {
            format!("/{pkg}/{name}{}.{ext}", hash_of(kind).unwrap_or_default())
        };
        BuiltFiles {
            css: file("css", "css"),
            js: file("js", "js"),
            wasm: file("wasm", "wasm"),
        }
    }

    /// The text of `hash.txt` this build wrote (empty without hashing), read once.
    pub fn hashes(options: &LeptosOptions) -> &'static str {
        static HASHES: OnceLock<String> = OnceLock::new();
        HASHES.get_or_init(|| {
            options
                .hash_files
                .then(|| {
                    let exe = std::env::current_exe().ok()?;
                    let file = exe.parent()?.join(options.hash_file.as_ref());
                    std::fs::read_to_string(file).ok()
                })
                .flatten()
                .unwrap_or_default()
        })
    }

    /// This build's files, worked out once. (Unlike leptos_meta's `HashedStylesheet`, which
    /// reads the hash file on every request.)
    pub fn of(options: &LeptosOptions) -> &'static BuiltFiles {
        static FILES: OnceLock<BuiltFiles> = OnceLock::new();
        FILES.get_or_init(|| {
            let hashes = Some(Self::hashes(options)).filter(|h| !h.is_empty());
            BuiltFiles::named(&options.site_pkg_dir, &options.output_name, hashes)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let files = BuiltFiles::named("pkg", "anxun", Some("js: J1\nwasm: W2\ncss: C3\n"));
        assert_eq!(files.css, "/pkg/anxun.C3.css");
        assert_eq!(files.js, "/pkg/anxun.J1.js");
        assert_eq!(files.wasm, "/pkg/anxun.W2.wasm");
        let plain = BuiltFiles::named("pkg", "anxun", None);
        assert_eq!(plain.css, "/pkg/anxun.css");
    }
}

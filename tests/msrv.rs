//! Cargo.toml's rust-version is exactly what the locked crates need: the highest
//! rust-version declared by a registry package of Cargo.lock (read from cargo's registry
//! cache, where a build put their sources).

use std::path::PathBuf;

/// "1.89" or "1.88.0" as (major, minor).
fn version(s: &str) -> (u32, u32) {
    let mut it = s.split('.').map(|x| x.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

#[test]
fn rust_version_is_what_the_locked_crates_need() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml"))
            .expect("toml");
    let ours = manifest["package"]["rust-version"]
        .as_str()
        .expect("rust-version");
    let lock: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock"))
            .expect("toml");
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let registries: Vec<PathBuf> = std::fs::read_dir(cargo_home.join("registry/src"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    let mut needed: Option<((u32, u32), String)> = None;
    let mut seen = 0;
    for p in lock["package"].as_array().expect("packages") {
        if p.get("source").is_none() {
            continue; // this crate
        }
        let (name, ver) = (p["name"].as_str().unwrap(), p["version"].as_str().unwrap());
        let Some(text) = registries
            .iter()
            .find_map(|r| std::fs::read_to_string(r.join(format!("{name}-{ver}/Cargo.toml"))).ok())
        else {
            continue;
        };
        seen += 1;
        let t: toml::Table = toml::from_str(&text).expect("crate manifest");
        if let Some(rv) = t
            .get("package")
            .and_then(|p| p.get("rust-version"))
            .and_then(|v| v.as_str())
        {
            if needed.as_ref().is_none_or(|(v, _)| version(rv) > *v) {
                needed = Some((version(rv), format!("{name} {ver}")));
            }
        }
    }
    if seen == 0 {
        eprintln!("no crate sources in the registry cache: nothing to compare");
        return;
    }
    let (v, who) = needed.expect("some crate declares a rust-version");
    assert_eq!(
        version(ours),
        v,
        "Cargo.toml says rust-version {ours}; the locked crates need {}.{} ({who})",
        v.0,
        v.1
    );
}

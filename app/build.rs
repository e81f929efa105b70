//! Generates the `i18n` module from `locales/{fr,en}.json` (leptos_i18n 0.6:
//! the build-script way; `load_locales!` is deprecated).

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    // French is the default: it is used when neither the cookie nor
    // Accept-Language names a language we have.
    // `interpolate_display` lets `t_string!` fill `{{ placeholders }}` (for
    // attributes, titles and other plain strings).
    let cfg = Config::new("fr")?
        .add_locale("en")?
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    Ok(())
}

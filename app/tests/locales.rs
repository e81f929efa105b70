//! Both languages must say everything: same keys, same placeholders, no
//! empty strings.

use serde_json::Value;
use std::collections::BTreeMap;

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        other => panic!("{prefix}: unexpected value {other}"),
    }
}

fn load(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = BTreeMap::new();
    flatten("", &json, &mut out);
    out
}

/// `{{ name }}` placeholders of a message, sorted.
fn placeholders(s: &str) -> Vec<String> {
    let mut found: Vec<String> = s
        .split("{{")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("}}")
                .map(|(name, _)| name.trim().to_owned())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn french_and_english_have_the_same_keys() {
    let (fr, en) = (load("fr"), load("en"));
    let only_fr: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
    assert!(only_fr.is_empty(), "missing in en.json: {only_fr:?}");
    assert!(only_en.is_empty(), "missing in fr.json: {only_en:?}");
    assert!(
        fr.len() > 50,
        "the locale files look truncated ({} keys)",
        fr.len()
    );
}

#[test]
fn messages_are_not_empty_and_use_the_same_placeholders() {
    let (fr, en) = (load("fr"), load("en"));
    for (key, fr_text) in &fr {
        let en_text = &en[key];
        assert!(!fr_text.trim().is_empty(), "fr {key} is empty");
        assert!(!en_text.trim().is_empty(), "en {key} is empty");
        assert_eq!(
            placeholders(fr_text),
            placeholders(en_text),
            "placeholders differ for {key}"
        );
    }
}

//! Stripe's form encoding: flat pairs with nested keys such as
//! `line_items[0][price_data][unit_amount]=1200`, `metadata[reservation]=ABC`
//! or `expand[]=payment_intent` (numbered here as `expand[0]`).

use std::collections::{BTreeMap, HashMap};

use crate::error::ApiError;

/// The decoded parameters of one request, keyed by their full nested name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pairs: BTreeMap<String, String>,
}

impl Form {
    /// Decodes a form body or a query string; bad encoding answers Stripe's 400.
    pub fn parse(raw: &[u8]) -> Result<Form, ApiError> {
        let list: Vec<(String, String)> = serde_urlencoded::from_bytes(raw)
            .map_err(|e| ApiError::invalid(format!("Invalid form encoding: {e}")))?;
        let mut counters: HashMap<String, usize> = HashMap::new();
        let mut pairs = BTreeMap::new();
        for (key, value) in list {
            let key = match key.find("[]") {
                Some(at) => {
                    let prefix = key[..at].to_string();
                    let n = counters.entry(prefix.clone()).or_insert(0);
                    let numbered = format!("{prefix}[{n}]{}", &key[at + 2..]);
                    *n += 1;
                    numbered
                }
                None => key,
            };
            pairs.insert(key, value);
        }
        Ok(Form { pairs })
    }

    /// All the pairs, as recorded for `/_fake/requests`.
    pub fn pairs(&self) -> &BTreeMap<String, String> {
        &self.pairs
    }

    /// The value of `key`, if given and not empty.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.pairs
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A required string parameter.
    pub fn required(&self, key: &str) -> Result<&str, ApiError> {
        self.str(key).ok_or_else(|| ApiError::missing_param(key))
    }

    /// An integer parameter; a non-integer answers 400 like Stripe.
    pub fn int(&self, key: &str) -> Result<Option<i64>, ApiError> {
        match self.str(key) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                ApiError::invalid(format!("Invalid integer: {v}"))
                    .code("parameter_invalid_integer")
                    .param(key)
            }),
        }
    }

    /// A boolean parameter (`true`/`false`).
    pub fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.str(key) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(v) => Err(ApiError::invalid(format!(
                "Invalid boolean: {v}. Expected true or false."
            ))
            .param(key)),
        }
    }

    /// The entries of a hash parameter such as `metadata[...]`.
    pub fn map(&self, prefix: &str) -> BTreeMap<String, String> {
        let start = format!("{prefix}[");
        self.pairs
            .iter()
            .filter_map(|(k, v)| {
                let inner = k.strip_prefix(&start)?.strip_suffix(']')?;
                (!inner.contains('[')).then(|| (inner.to_string(), v.clone()))
            })
            .collect()
    }

    /// The indexes used by an array parameter such as `line_items[N][...]`, sorted.
    pub fn indices(&self, prefix: &str) -> Vec<usize> {
        let start = format!("{prefix}[");
        let mut found: Vec<usize> = self
            .pairs
            .keys()
            .filter_map(|k| {
                let rest = k.strip_prefix(&start)?;
                rest[..rest.find(']')?].parse().ok()
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The values of a list of strings such as `expand[N]`.
    pub fn list(&self, prefix: &str) -> Vec<String> {
        self.indices(prefix)
            .into_iter()
            .filter_map(|i| self.str(&format!("{prefix}[{i}]")).map(str::to_string))
            .collect()
    }

    /// Whether any key starts with `prefix` (a scalar or nested parameter).
    pub fn has(&self, prefix: &str) -> bool {
        self.pairs
            .keys()
            .any(|k| k == prefix || k.starts_with(&format!("{prefix}[")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_and_lists() {
        let body =
            "line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=1200&line_items[1][quantity]=2\
                    &metadata[reservation]=AB+C&expand[]=a&expand[]=b&x=&n=zz";
        let form = Form::parse(body.as_bytes()).unwrap();
        assert_eq!(
            form.int("line_items[0][price_data][unit_amount]").unwrap(),
            Some(1200)
        );
        assert_eq!(form.indices("line_items"), vec![0, 1]);
        assert_eq!(form.map("metadata").get("reservation").unwrap(), "AB C");
        assert_eq!(form.list("expand"), vec!["a", "b"]);
        assert_eq!(form.str("x"), None);
        assert!(form.int("n").is_err());
        assert!(form.has("line_items"));
    }
}

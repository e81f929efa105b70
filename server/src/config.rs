//! Configuration from the environment. Every variable is documented in the
//! README and `.env.example`; bad values stop the server with one line.

use backend::store::DEFAULT_DATABASE_URL;
use backend::DatabaseUrl;
use leptos::prelude::LeptosOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub redis_url: Option<String>,
    pub log_format: LogFormat,
    pub leptos: LeptosOptions,
    /// Load the demo restaurant even when the database already has data.
    pub seed_demo: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Database(#[from] backend::ConfigError),
    #[error("LOG_FORMAT {0:?} is not valid: expected \"text\" or \"json\"")]
    LogFormat(String),
    #[error("REDIS_URL {0:?} is not valid: expected redis://HOST:PORT")]
    RedisUrl(String),
    #[error("Leptos configuration is not valid ({0}); check LEPTOS_SITE_ADDR, LEPTOS_SITE_ROOT and LEPTOS_ENV")]
    Leptos(String),
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the
    /// process environment. Leptos options still come from `LEPTOS_*`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let non_empty = |key: &str| lookup(key).filter(|v| !v.trim().is_empty());
        let database_url = DatabaseUrl::parse(
            &non_empty("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
        )?;
        let redis_url = match non_empty("REDIS_URL") {
            Some(url) if url.starts_with("redis://") || url.starts_with("rediss://") => Some(url),
            Some(url) => return Err(ConfigError::RedisUrl(url)),
            None => None,
        };
        let log_format = match non_empty("LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(ConfigError::LogFormat(other.to_owned())),
        };
        let leptos = leptos::prelude::get_configuration(None)
            .map_err(|e| ConfigError::Leptos(e.to_string()))?
            .leptos_options;
        Ok(Config {
            database_url,
            redis_url,
            log_format,
            leptos,
            seed_demo: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(move |k| map.get(k).cloned())
    }

    #[test]
    fn defaults_to_embedded_sqlite() {
        let c = config(&[]).unwrap();
        assert_eq!(
            c.database_url,
            DatabaseUrl::Sqlite("data/techplus.db".into())
        );
        assert_eq!(c.redis_url, None);
        assert_eq!(c.log_format, LogFormat::Text);
    }

    #[test]
    fn reads_postgres_redis_and_json_logs() {
        let c = config(&[
            (
                "DATABASE_URL",
                "postgres://postgres@127.0.0.1:5432/techplus_dev",
            ),
            ("REDIS_URL", "redis://127.0.0.1:6379"),
            ("LOG_FORMAT", "json"),
        ])
        .unwrap();
        assert_eq!(c.database_url.backend(), backend::Backend::Postgres);
        assert_eq!(c.redis_url.as_deref(), Some("redis://127.0.0.1:6379"));
        assert_eq!(c.log_format, LogFormat::Json);
    }

    #[test]
    fn bad_values_are_named_in_one_line() {
        let err = config(&[("DATABASE_URL", "mysql://x")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("DATABASE_URL") && !err.contains('\n'), "{err}");
        let err = config(&[("LOG_FORMAT", "xml")]).unwrap_err().to_string();
        assert!(err.contains("LOG_FORMAT"), "{err}");
        let err = config(&[("REDIS_URL", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("REDIS_URL"), "{err}");
    }
}

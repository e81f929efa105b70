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
    /// `SMTP_URL`: send booking e-mails over SMTP; unset writes them as
    /// `.eml` files into `mail_dir`.
    pub smtp_url: Option<String>,
    /// `MAIL_DIR` (default `data/mail`): where e-mails go without SMTP.
    pub mail_dir: std::path::PathBuf,
    /// `PUBLIC_URL` (default `http://` + the site address): the origin that
    /// links in e-mails point to.
    pub public_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Database(#[from] backend::ConfigError),
    #[error("LOG_FORMAT {0:?} is not valid: expected \"text\" or \"json\"")]
    LogFormat(String),
    #[error("REDIS_URL {0:?} is not valid: expected redis://HOST:PORT")]
    RedisUrl(String),
    #[error("SMTP_URL is not valid: expected smtp://HOST:PORT or smtps://USER:PASSWORD@HOST:PORT")]
    SmtpUrl,
    #[error("PUBLIC_URL {0:?} is not valid: expected http(s)://HOST[:PORT]")]
    PublicUrl(String),
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
        let smtp_url = match non_empty("SMTP_URL") {
            // The URL may hold a password: never echo it.
            Some(url)
                if url::Url::parse(&url).is_ok_and(|u| {
                    matches!(u.scheme(), "smtp" | "smtps") && u.host_str().is_some()
                }) =>
            {
                Some(url)
            }
            Some(_) => return Err(ConfigError::SmtpUrl),
            None => None,
        };
        let mail_dir = non_empty("MAIL_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from("data/mail"));
        let public_url = match non_empty("PUBLIC_URL") {
            Some(raw) => {
                let trimmed = raw.trim().trim_end_matches('/').to_owned();
                match url::Url::parse(&trimmed) {
                    Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
                        trimmed
                    }
                    _ => return Err(ConfigError::PublicUrl(raw)),
                }
            }
            None => format!("http://{}", leptos.site_addr),
        };
        Ok(Config {
            database_url,
            redis_url,
            log_format,
            leptos,
            seed_demo: false,
            smtp_url,
            mail_dir,
            public_url,
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
        let err = config(&[("SMTP_URL", "smtp://user:hunter2@")])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("SMTP_URL") && !err.contains("hunter2"),
            "{err}"
        );
        let err = config(&[("PUBLIC_URL", "ftp://x")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("PUBLIC_URL"), "{err}");
        let c = config(&[("PUBLIC_URL", "https://book.example.com/")]).unwrap();
        assert_eq!(c.public_url, "https://book.example.com");
        let err = config(&[("REDIS_URL", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("REDIS_URL"), "{err}");
    }
}

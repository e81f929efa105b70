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
    /// `TECHPLUS_RELEASE`: a name for this deployment (a version, a commit).
    /// Browsers offer to reload when it changes, as when the client's files
    /// change (`pwa`).
    pub release: Option<String>,
    pub redis_url: Option<String>,
    /// `REDIS_PREFIX` (default `techplus`): the start of this site's
    /// rate-limit keys in Redis, so that several sites can share one.
    pub redis_prefix: String,
    pub log_format: LogFormat,
    pub leptos: LeptosOptions,
    /// Load the demo restaurant even when the database already has data.
    pub seed_demo: bool,
    /// `SMTP_URL`: send booking e-mails over SMTP; unset writes them as
    /// `.eml` files into `mail_dir`.
    pub smtp_url: Option<String>,
    /// `MAIL_DIR` (default `data/mail`): where e-mails go without SMTP.
    pub mail_dir: std::path::PathBuf,
    /// `MEDIA_DIR` (default `data/media`): where uploaded photos are kept.
    pub media_dir: std::path::PathBuf,
    /// `PUBLIC_URL` (default `http://` + the site address): the origin that
    /// links in e-mails point to.
    pub public_url: String,
    /// Whether `PUBLIC_URL` was set (then writes must come from exactly
    /// that origin; unset, from the origin the browser reached by `Host`).
    pub public_url_set: bool,
    /// `RATE_LIMIT_API`, `RATE_LIMIT_BOOKING`, `RATE_LIMIT_LOOKUP`,
    /// `RATE_LIMIT_LOGIN`, `RATE_LIMIT_PASSWORD_RESET`, `RATE_LIMIT_ACCOUNT`,
    /// `RATE_LIMIT_BOOKING_GUEST`, `RATE_LIMIT_BULK`, `RATE_LIMIT_STAFF_BOOKING`, `RATE_LIMIT_UPLOAD`.
    pub rate_limits: crate::security::RateLimits,
    /// `CORS_ALLOWED_ORIGINS`: other origins allowed to call us from a
    /// browser (comma-separated); none by default.
    pub allowed_origins: Vec<String>,
    /// `TRUSTED_PROXIES`: proxy addresses whose `X-Forwarded-For` is
    /// believed (comma-separated IPs); none by default.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `MAX_CONNECTIONS` (default 1024) and `HEADER_READ_TIMEOUT` (seconds,
    /// default 10).
    pub connection_limits: crate::listen::ConnectionLimits,
    /// `LIVE_PING_SECONDS` (default 15): how often staff screens' event
    /// streams say they are alive.
    pub live_ping: std::time::Duration,
    /// `STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`, `STRIPE_API_BASE`
    /// (tests: a local fake) and `STRIPE_CURRENCY` (default `eur`).
    pub stripe: backend::payments::StripeConfig,
    /// `HOLD_SWEEP_SECONDS` (default 60): how often unpaid and unconfirmed
    /// holds are looked for and released.
    pub hold_sweep: std::time::Duration,
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
    #[error("PUBLIC_URL {0:?} must start with https:// when LEPTOS_ENV=PROD (sessions, passwords and manage links would cross the network in clear)")]
    InsecurePublicUrl(String),
    #[error("STRIPE_API_BASE {0:?} is not valid: expected http(s)://HOST[:PORT]")]
    StripeApiBase(String),
    #[error("STRIPE_CURRENCY {0:?} is not valid: expected a three-letter ISO 4217 code")]
    StripeCurrency(String),
    #[error("{0} is not valid: expected a whole number above 0")]
    Number(&'static str),
    #[error("{name} is not valid: {detail}")]
    RateLimit { name: &'static str, detail: String },
    #[error(
        "CORS_ALLOWED_ORIGINS {0:?} is not valid: expected comma-separated http(s)://HOST[:PORT]"
    )]
    AllowedOrigin(String),
    #[error("TRUSTED_PROXIES {0:?} is not valid: expected comma-separated IP addresses")]
    TrustedProxy(String),
    #[error("Leptos configuration is not valid ({0}); check LEPTOS_SITE_ADDR, LEPTOS_SITE_ROOT and LEPTOS_ENV")]
    Leptos(String),
}

/// Whether `PUBLIC_URL` keeps traffic private: `https://`, or a loopback
/// address (a local test of a production build).
pub fn public_url_is_safe(public_url: &str) -> bool {
    let Ok(url) = url::Url::parse(public_url) else {
        return false;
    };
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    url.scheme() == "https" || loopback
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
        let redis_prefix = non_empty("REDIS_PREFIX")
            .map(|p| p.trim().to_owned())
            .unwrap_or_else(|| "techplus".to_owned());
        let log_format = match non_empty("LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(ConfigError::LogFormat(other.to_owned())),
        };
        let mut leptos = leptos::prelude::get_configuration(None)
            .map_err(|e| ConfigError::Leptos(e.to_string()))?
            .leptos_options;
        if let Some(root) = non_empty("LEPTOS_SITE_ROOT") {
            leptos.site_root = root.into();
        }
        // cargo-leptos writes the hashed asset names beside the binary it
        // builds: a binary started without its environment (`cargo leptos
        // serve` sets LEPTOS_HASH_FILES) still links the right files.
        if non_empty("LEPTOS_HASH_FILES").is_none() {
            leptos.hash_files = hash_file_beside_binary(&leptos.hash_file);
        }
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
        let media_dir = non_empty("MEDIA_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from("data/media"));
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
        let prod = non_empty("LEPTOS_ENV").is_some_and(|v| {
            matches!(
                v.trim().to_ascii_uppercase().as_str(),
                "PROD" | "PRODUCTION"
            )
        });
        if prod && !public_url_is_safe(&public_url) {
            return Err(ConfigError::InsecurePublicUrl(public_url));
        }
        let number = |key: &'static str| -> Result<Option<u64>, ConfigError> {
            match non_empty(key) {
                None => Ok(None),
                Some(v) => match v.trim().parse::<u64>() {
                    Ok(n) if n > 0 => Ok(Some(n)),
                    _ => Err(ConfigError::Number(key)),
                },
            }
        };
        let mut connection_limits = crate::listen::ConnectionLimits::default();
        if let Some(n) = number("MAX_CONNECTIONS")? {
            connection_limits.max_connections = usize::try_from(n).unwrap_or(usize::MAX);
        }
        if let Some(n) = number("HEADER_READ_TIMEOUT")? {
            connection_limits.header_read_timeout = std::time::Duration::from_secs(n);
        }
        let live_ping = number("LIVE_PING_SECONDS")?
            .map_or(backend::live::PING, std::time::Duration::from_secs);
        let mut rate_limits = crate::security::RateLimits::default();
        for (name, slot) in [
            ("RATE_LIMIT_API", &mut rate_limits.api),
            ("RATE_LIMIT_BOOKING", &mut rate_limits.booking),
            ("RATE_LIMIT_LOOKUP", &mut rate_limits.lookup),
            ("RATE_LIMIT_LOGIN", &mut rate_limits.login),
            ("RATE_LIMIT_PASSWORD_RESET", &mut rate_limits.password_reset),
            ("RATE_LIMIT_ACCOUNT", &mut rate_limits.account),
            ("RATE_LIMIT_BOOKING_GUEST", &mut rate_limits.booking_guest),
            ("RATE_LIMIT_BULK", &mut rate_limits.bulk),
            ("RATE_LIMIT_UPLOAD", &mut rate_limits.upload),
            ("RATE_LIMIT_STAFF_BOOKING", &mut rate_limits.staff_booking),
            ("RATE_LIMIT_CONTACT", &mut rate_limits.contact),
        ] {
            if let Some(raw) = non_empty(name) {
                *slot = crate::security::Limit::parse(&raw)
                    .map_err(|detail| ConfigError::RateLimit { name, detail })?;
            }
        }
        let list = |key: &str| -> Vec<String> {
            non_empty(key)
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().trim_end_matches('/').to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        let allowed_origins = list("CORS_ALLOWED_ORIGINS");
        for origin in &allowed_origins {
            let ok = url::Url::parse(origin).is_ok_and(|u| {
                matches!(u.scheme(), "http" | "https") && u.host_str().is_some() && u.path() == "/"
            });
            if !ok {
                return Err(ConfigError::AllowedOrigin(origin.clone()));
            }
        }
        let api_base = match non_empty("STRIPE_API_BASE") {
            Some(raw) => match url::Url::parse(raw.trim()) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
                    Some(raw.trim().to_owned())
                }
                _ => return Err(ConfigError::StripeApiBase(raw)),
            },
            None => None,
        };
        let currency = match non_empty("STRIPE_CURRENCY") {
            Some(raw) => {
                let code = raw.trim().to_ascii_lowercase();
                if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
                    return Err(ConfigError::StripeCurrency(raw));
                }
                code
            }
            None => "eur".to_owned(),
        };
        let stripe = backend::payments::StripeConfig {
            secret_key: non_empty("STRIPE_SECRET_KEY").map(|k| k.trim().to_owned()),
            webhook_secret: non_empty("STRIPE_WEBHOOK_SECRET").map(|k| k.trim().to_owned()),
            api_base,
            currency,
        };
        let hold_sweep = number("HOLD_SWEEP_SECONDS")?.map_or(
            std::time::Duration::from_secs(60),
            std::time::Duration::from_secs,
        );
        let trusted_proxies = list("TRUSTED_PROXIES")
            .iter()
            .map(|s| s.parse().map_err(|_| ConfigError::TrustedProxy(s.clone())))
            .collect::<Result<_, _>>()?;
        Ok(Config {
            rate_limits,
            allowed_origins,
            trusted_proxies,
            database_url,
            redis_url,
            redis_prefix,
            log_format,
            leptos,
            seed_demo: false,
            smtp_url,
            mail_dir,
            media_dir,
            public_url_set: non_empty("PUBLIC_URL").is_some(),
            release: non_empty("TECHPLUS_RELEASE").map(|r| r.trim().to_owned()),
            connection_limits,
            live_ping,
            public_url,
            stripe,
            hold_sweep,
        })
    }
}

/// Whether cargo-leptos left its list of hashed file names next to the
/// running executable (it does when the workspace sets `hash-files`).
fn hash_file_beside_binary(name: &str) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name)))
        .is_some_and(|path| path.is_file())
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
        // In production, only https (or a loopback address, for a local
        // test of the production build).
        let prod = |url: &'static str| config(&[("LEPTOS_ENV", "PROD"), ("PUBLIC_URL", url)]);
        let err = prod("http://book.example.com").unwrap_err().to_string();
        assert!(err.contains("PUBLIC_URL") && err.contains("https"), "{err}");
        assert!(prod("https://book.example.com").is_ok());
        assert!(prod("http://127.0.0.1:3000").is_ok());
        assert!(prod("http://localhost:3000").is_ok());
        assert!(config(&[("PUBLIC_URL", "http://book.example.com")]).is_ok());
        let err = config(&[("RATE_LIMIT_API", "lots")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("RATE_LIMIT_API"), "{err}");
        let err = config(&[("TRUSTED_PROXIES", "10.0.0.1, proxy")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("TRUSTED_PROXIES"), "{err}");
        let err = config(&[("CORS_ALLOWED_ORIGINS", "evil")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("CORS_ALLOWED_ORIGINS"), "{err}");
        let c = config(&[
            ("RATE_LIMIT_BOOKING", "off"),
            ("TRUSTED_PROXIES", "10.0.0.1"),
            ("CORS_ALLOWED_ORIGINS", "https://partner.example/"),
        ])
        .unwrap();
        assert_eq!(c.rate_limits.booking, None);
        assert_eq!(
            c.trusted_proxies,
            vec![std::net::IpAddr::from([10, 0, 0, 1])]
        );
        assert_eq!(
            c.allowed_origins,
            vec!["https://partner.example".to_owned()]
        );
        let err = config(&[("REDIS_URL", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("REDIS_URL"), "{err}");
    }
}

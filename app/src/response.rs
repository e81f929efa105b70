//! Response headers of a server-rendered page: its HTTP status, and its
//! Content-Security-Policy (no-ops in the browser).

/// The policy of HTML pages. Scripts run only from our origin or with the
/// per-response nonce that Leptos puts on its inline hydration scripts
/// (`'wasm-unsafe-eval'` lets the WASM client compile); no `unsafe-inline`
/// for scripts.
pub fn page_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'"
    )
}

#[cfg(feature = "ssr")]
mod imp {
    use leptos::prelude::use_context;

    pub fn set_status(code: u16) {
        if let (Some(options), Ok(status)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(code),
        ) {
            options.set_status(status);
        }
    }

    /// Sets the page's Content-Security-Policy with this response's nonce.
    pub fn set_security_policy() {
        let nonce = leptos::nonce::use_nonce();
        let options = use_context::<leptos_axum::ResponseOptions>();
        if let (Some(nonce), Some(options)) = (nonce, options) {
            if let Ok(value) = http::HeaderValue::from_str(&super::page_security_policy(&nonce)) {
                options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
            }
        }
    }
}

#[cfg(not(feature = "ssr"))]
mod imp {
    pub fn set_status(_code: u16) {}
    pub fn set_security_policy() {}
}

pub use imp::{set_security_policy, set_status};

#[cfg(test)]
mod tests {
    #[test]
    fn scripts_need_the_nonce() {
        let csp = super::page_security_policy("abc123");
        let scripts = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(scripts.contains("'nonce-abc123'"));
        assert!(!scripts.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}

//! Setting the HTTP status of a server-rendered page (no-op in the browser).

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
}

#[cfg(not(feature = "ssr"))]
mod imp {
    pub fn set_status(_code: u16) {}
}

pub use imp::set_status;

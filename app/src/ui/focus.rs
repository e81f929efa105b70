//! Keyboard focus after client-side changes, as a full page load would
//! place it for screen readers.

use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the first page has hydrated: later page mounts come from a
/// client-side navigation and move the focus to their heading.
static HYDRATED: AtomicBool = AtomicBool::new(false);

/// Called once by `App` (an effect only runs in the browser).
pub fn mark_hydrated() {
    set_timeout(
        || HYDRATED.store(true, Ordering::Relaxed),
        std::time::Duration::ZERO,
    );
}

/// Moves the keyboard focus to the element with this id once the browser
/// has painted the current changes; waits up to 2 s for it to appear
/// (content that is still loading).
pub fn focus_later(id: impl Into<String>) {
    fn attempt(id: String, tries_left: u32) {
        use leptos::wasm_bindgen::JsCast;
        match document()
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            Some(el) => {
                let _ = el.focus();
            }
            None if tries_left > 0 => set_timeout(
                move || attempt(id, tries_left - 1),
                std::time::Duration::from_millis(50),
            ),
            None => {}
        }
    }
    let id = id.into();
    request_animation_frame(move || attempt(id, 40));
}

/// After a client-side navigation to this page, focus its heading (which
/// needs `tabindex="-1"`), as a full page load would start there for
/// screen readers. A first load keeps the browser's behaviour.
pub fn focus_heading_on_arrival(id: &'static str) {
    Effect::new(move |_| {
        if HYDRATED.load(Ordering::Relaxed) {
            focus_later(id);
        }
    });
}

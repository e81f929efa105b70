//! Live updates of the back office. The admin shell follows the server's
//! event stream (`/api/admin/events`) and shares a counter that moves when
//! bookings or notes change anywhere (another device, another server
//! process, a guest online); a screen reads [`changes`] among its data's
//! sources and reads its data again. A change that arrives while staff
//! type in a field waits until the field loses focus, so nothing typed is
//! lost. A lost connection is said ([`LiveStatus`]), and the screens read
//! again when it comes back.

use crate::i18n::*;
use leptos::prelude::*;

/// The shared state the shell provides.
#[derive(Clone, Copy)]
pub struct Live {
    /// Moves by one for each change to show.
    pub changes: RwSignal<u64>,
    /// The stream is open (or not opened yet: no alarm before hydration).
    pub connected: RwSignal<bool>,
}

/// In the shell: provides [`Live`] and, in the browser, follows the
/// stream for as long as the shell is shown.
pub fn provide_live() {
    let live = Live {
        changes: RwSignal::new(0),
        connected: RwSignal::new(true),
    };
    provide_context(live);
    #[cfg(feature = "hydrate")]
    browser::follow(live);
}

/// The counter a screen's resource reads (0 outside the shell).
pub fn changes() -> u64 {
    use_context::<Live>().map_or(0, |l| l.changes.get())
}

/// Says when the live updates are cut off (and that the screen catches up
/// when they return).
#[component]
pub fn LiveStatus() -> impl IntoView {
    let i18n = use_i18n();
    let connected = use_context::<Live>().map(|l| l.connected);
    view! {
        <div class="live-status" role="status" aria-live="polite">
            {move || (connected.is_some_and(|c| !c.get())).then(|| view! {
                <p class="alert alert-info">{t!(i18n, staff.live_lost)}</p>
            })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Live;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;
    use std::cell::Cell;
    use std::rc::Rc;
    use web_sys::{EventSource, HtmlInputElement};

    /// Whether staff are typing in a field (a change waits for them).
    fn editing() -> bool {
        let Some(el) = document().active_element() else {
            return false;
        };
        match el.tag_name().as_str() {
            "TEXTAREA" | "SELECT" => true,
            "INPUT" => el.dyn_ref::<HtmlInputElement>().is_none_or(|i| {
                !matches!(
                    i.type_().as_str(),
                    "checkbox" | "radio" | "button" | "submit" | "reset"
                )
            }),
            _ => false,
        }
    }

    pub fn follow(live: Live) {
        // Opened after hydration (an effect runs in the browser only).
        Effect::new(move |started: Option<bool>| {
            if started.is_some() {
                return true;
            }
            let Ok(source) = EventSource::new("/api/admin/events") else {
                return true;
            };
            let pending = Rc::new(Cell::new(false));
            let lost = Rc::new(Cell::new(false));
            let bump = move || live.changes.update(|n| *n += 1);
            let on_changed = {
                let pending = pending.clone();
                Closure::<dyn Fn()>::new(move || {
                    if editing() {
                        pending.set(true);
                    } else {
                        bump();
                    }
                })
            };
            let on_ready = {
                let lost = lost.clone();
                Closure::<dyn Fn()>::new(move || {
                    live.connected.set(true);
                    // Back after a cut: what changed meanwhile is read again.
                    if lost.replace(false) {
                        bump();
                    }
                })
            };
            let on_error = {
                let lost = lost.clone();
                Closure::<dyn Fn()>::new(move || {
                    lost.set(true);
                    live.connected.set(false);
                })
            };
            let _ = source
                .add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
            let _ =
                source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            let focus_left = window_event_listener(leptos::ev::focusout, move |_| {
                // After the focus has moved on.
                let pending = pending.clone();
                set_timeout(
                    move || {
                        if pending.get() && !editing() {
                            pending.set(false);
                            bump();
                        }
                    },
                    std::time::Duration::from_millis(50),
                );
            });
            // The stream and its handlers live as long as the shell.
            let kept = StoredValue::new_local(Some((source, on_changed, on_ready, on_error)));
            on_cleanup(move || {
                focus_left.remove();
                if let Some((source, ..)) = kept.try_update_value(Option::take).flatten() {
                    source.close();
                }
            });
            true
        });
    }
}

//! Live updates of the back office. The admin shell follows the server's
//! event stream (`/api/admin/events`) and shares a counter that moves when
//! bookings or notes change anywhere (another device, another server
//! process, a guest online); a screen reads [`changes`] among its data's
//! sources and reads its data again. A change that arrives while staff
//! type in a field waits until the field loses focus, so nothing typed is
//! lost. A lost connection is said ([`LiveStatus`]), and the screens read
//! again when it comes back; a connection silent for three of the stream's
//! pings is taken for lost and opened again.
//!
//! Each event carries the database's live version. A screen whose data
//! says which version it was read at calls [`shown`]; an event at or below
//! it is then already on the screen and reads nothing again (staff's own
//! action re-reads its screen once, not a second time when its event
//! arrives; a reconnection re-reads only if something changed meanwhile).

use crate::i18n::*;
use leptos::prelude::*;

/// The shared state the shell provides.
#[derive(Clone, Copy)]
pub struct Live {
    /// Moves by one for each change to show.
    pub changes: RwSignal<u64>,
    /// The stream is open (or not opened yet: no alarm before hydration).
    pub connected: RwSignal<bool>,
    /// The newest version a screen has shown.
    pub shown: RwSignal<i64>,
}

/// In the shell: provides [`Live`] and, in the browser, follows the
/// stream for as long as the shell is shown.
pub fn provide_live() {
    let live = Live {
        changes: RwSignal::new(0),
        connected: RwSignal::new(true),
        shown: RwSignal::new(0),
    };
    provide_context(live);
    #[cfg(feature = "hydrate")]
    browser::follow(live);
}

/// The counter a screen's resource reads (0 outside the shell).
pub fn changes() -> u64 {
    use_context::<Live>().map_or(0, |l| l.changes.get())
}

/// A screen shows data read at live version `version`.
pub fn shown(version: i64) {
    if let Some(live) = use_context::<Live>() {
        live.shown.update_untracked(|v| *v = (*v).max(version));
    }
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
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use web_sys::js_sys::{Date, Function};
    use web_sys::{EventSource, HtmlInputElement, MessageEvent};

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
            // Something being moved (a table on the plan editor).
            _ => el.has_attribute("data-live-hold"),
        }
    }

    pub fn follow(live: Live) {
        // Opened after hydration (an effect runs in the browser only).
        Effect::new(move |started: Option<bool>| {
            if started.is_some() {
                return true;
            }
            // The newest version announced that no screen has shown yet
            // because staff were typing (0: none).
            let pending = Rc::new(Cell::new(0_i64));
            let lost = Rc::new(Cell::new(false));
            // When the stream was last heard from (ms), and how long a
            // silence means it is dead: three pings (45 s until the first
            // ping says how often they come).
            let heard = Rc::new(Cell::new(Date::now()));
            let silence = Rc::new(Cell::new(45_000.0));
            // Reads again unless a screen already shows `version`.
            let bump = move |version: i64| {
                if version > live.shown.get_untracked() {
                    live.changes.update(|n| *n += 1);
                }
            };
            let on_event = {
                let (pending, lost, heard, silence) = (
                    pending.clone(),
                    lost.clone(),
                    heard.clone(),
                    silence.clone(),
                );
                Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                    heard.set(Date::now());
                    let number = event
                        .data()
                        .as_string()
                        .and_then(|d| d.trim().parse::<i64>().ok());
                    // A version that cannot be read: read again.
                    let version = number.unwrap_or(i64::MAX);
                    match event.type_().as_str() {
                        "ping" => silence.set(number.unwrap_or(15).clamp(1, 300) as f64 * 3_000.0),
                        "ready" => {
                            live.connected.set(true);
                            // Back after a cut: what changed meanwhile is read again.
                            if lost.replace(false) {
                                bump(version);
                            }
                        }
                        _ if editing() => pending.set(pending.get().max(version)),
                        _ => bump(version),
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
            let source = Rc::new(RefCell::new(None::<EventSource>));
            let open = {
                let (source, heard) = (source.clone(), heard.clone());
                let handler: Function = on_event.as_ref().unchecked_ref::<Function>().clone();
                let failed: Function = on_error.as_ref().unchecked_ref::<Function>().clone();
                move || {
                    if let Some(old) = source.borrow_mut().take() {
                        old.close();
                    }
                    heard.set(Date::now());
                    if let Ok(stream) = EventSource::new("/api/admin/events") {
                        for name in ["ready", "changed", "ping"] {
                            let _ = stream.add_event_listener_with_callback(name, &handler);
                        }
                        stream.set_onerror(Some(&failed));
                        *source.borrow_mut() = Some(stream);
                    }
                }
            };
            open();
            // A connection can die without either end being told (the host
            // stand's Wi-Fi, a tablet waking up): a silence of three pings
            // is a cut, and the stream is opened again.
            let watch = set_interval_with_handle(
                move || {
                    if Date::now() - heard.get() > silence.get() {
                        lost.set(true);
                        live.connected.set(false);
                        open();
                    }
                },
                std::time::Duration::from_secs(1),
            )
            .ok();
            let focus_left = window_event_listener(leptos::ev::focusout, move |_| {
                // After the focus has moved on.
                let pending = pending.clone();
                set_timeout(
                    move || {
                        if pending.get() != 0 && !editing() {
                            bump(pending.replace(0));
                        }
                    },
                    std::time::Duration::from_millis(50),
                );
            });
            // The stream and its handlers live as long as the shell.
            let kept = StoredValue::new_local(Some((source, on_event, on_error)));
            on_cleanup(move || {
                focus_left.remove();
                if let Some(watch) = watch {
                    watch.clear();
                }
                if let Some((source, ..)) = kept.try_update_value(Option::take).flatten() {
                    if let Some(stream) = source.borrow_mut().take() {
                        stream.close();
                    }
                }
            });
            true
        });
    }
}

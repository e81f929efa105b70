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
    use std::cell::{Cell, RefCell};
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

    /// An open stream and its handlers (dropped with it).
    struct Stream {
        source: EventSource,
        _handlers: [Closure<dyn Fn()>; 3],
    }

    /// What the handlers share.
    #[derive(Clone)]
    struct Follower {
        live: Live,
        stream: Rc<RefCell<Option<Stream>>>,
        /// Cut off since the last `ready`: read again when it comes.
        lost: Rc<Cell<bool>>,
        /// A change arrived while staff were typing.
        pending: Rc<Cell<bool>>,
    }

    impl Follower {
        fn bump(&self) {
            self.live.changes.update(|n| *n += 1);
        }

        fn open(&self) {
            let Ok(source) = EventSource::new("/api/admin/events") else {
                return;
            };
            let on_changed = {
                let f = self.clone();
                Closure::<dyn Fn()>::new(move || {
                    if editing() {
                        f.pending.set(true);
                    } else {
                        f.bump();
                    }
                })
            };
            let on_ready = {
                let f = self.clone();
                Closure::<dyn Fn()>::new(move || {
                    f.live.connected.set(true);
                    // Back after a cut: what changed meanwhile is read again.
                    if f.lost.replace(false) {
                        f.bump();
                    }
                })
            };
            let on_error = {
                let f = self.clone();
                // The browser tries again by itself.
                Closure::<dyn Fn()>::new(move || f.cut())
            };
            let _ = source
                .add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
            let _ =
                source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            *self.stream.borrow_mut() = Some(Stream {
                source,
                _handlers: [on_changed, on_ready, on_error],
            });
        }

        fn cut(&self) {
            self.lost.set(true);
            self.live.connected.set(false);
        }

        fn close(&self) {
            if let Some(stream) = self.stream.borrow_mut().take() {
                stream.source.close();
            }
        }
    }

    pub fn follow(live: Live) {
        // Opened after hydration (an effect runs in the browser only, once:
        // it reads no signal).
        Effect::new(move |_| {
            let f = Follower {
                live,
                stream: Rc::default(),
                lost: Rc::default(),
                pending: Rc::default(),
            };
            f.open();
            // The device lost its network: said at once; a new stream when
            // it is back (the old one may hang on a dead connection).
            let offline = window_event_listener(leptos::ev::offline, {
                let f = f.clone();
                move |_| {
                    f.cut();
                    f.close();
                }
            });
            let online = window_event_listener(leptos::ev::online, {
                let f = f.clone();
                move |_| {
                    f.close();
                    f.open();
                }
            });
            let focus_left = window_event_listener(leptos::ev::focusout, {
                let f = f.clone();
                move |_| {
                    // After the focus has moved on.
                    let f = f.clone();
                    set_timeout(
                        move || {
                            if f.pending.get() && !editing() {
                                f.pending.set(false);
                                f.bump();
                            }
                        },
                        std::time::Duration::from_millis(50),
                    );
                }
            });
            // The stream lives as long as the shell.
            let kept = StoredValue::new_local(Some(f));
            on_cleanup(move || {
                offline.remove();
                online.remove();
                focus_left.remove();
                if let Some(f) = kept.try_update_value(Option::take).flatten() {
                    f.close();
                }
            });
        });
    }
}

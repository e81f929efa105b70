//! Photos sent by the script once the page has hydrated: several at a
//! time (picked, or dropped onto the upload box), one after another, each
//! with its progress, to `POST /api/admin/menu/items/{id}/photos`, and
//! said in words. The state is the page's (signals of `MenuPage`), so a
//! batch goes on whatever is drawn again meanwhile. Before hydration the
//! upload box is a plain form (`POST /admin/menu/items/{id}/photos`).

use super::errors::photo_reason;
use crate::i18n::*;
use crate::ui::I18n;
use leptos::prelude::*;

/// The largest file sent (the server refuses more: 15 MiB).
// Made by the script only (`browser`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const MAX_PHOTO_BYTES: f64 = 15.0 * 1024.0 * 1024.0;

/// Where one file is.
// Made by the script only (`browser`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Waiting,
    /// Sending, this many percent sent.
    Sending(u8),
    Added,
    /// Refused: the reason (`unsupported_type`, ...) or an error code.
    Refused(String),
}

/// A file picked or dropped, for the dish `item`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub key: u32,
    pub item: i64,
    pub name: String,
    pub step: Step,
}

/// What the live region says.
// Made by the script only (`browser`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    Sending { n: usize, total: usize },
    Added,
    Refused { name: String, reason: String },
}

/// The page's uploads.
#[derive(Clone, Copy)]
pub struct Uploads {
    /// The files of the last batch, in order.
    pub list: RwSignal<Vec<Upload>>,
    pub said: RwSignal<Option<Said>>,
    /// Photos added so far: the menu is read again after each.
    pub added: RwSignal<usize>,
    /// The script runs: several files at a time, and dropping them.
    pub ready: RwSignal<bool>,
}

impl Uploads {
    pub fn new() -> Self {
        let uploads = Uploads {
            list: RwSignal::new(Vec::new()),
            said: RwSignal::new(None),
            added: RwSignal::new(0),
            ready: RwSignal::new(false),
        };
        // Effects run in the browser only, once hydrated.
        Effect::new(move |_| uploads.ready.set(true));
        #[cfg(feature = "hydrate")]
        on_cleanup(browser::stop);
        uploads
    }

    /// What the live region says, in words.
    pub fn said_text(self, i18n: I18n) -> Option<String> {
        Some(match self.said.get()? {
            Said::Sending { n, total } => {
                t_string!(i18n, menu_admin.uploading, n = n, total = total).to_string()
            }
            Said::Added => t_string!(i18n, menu_admin.photo_added).to_string(),
            Said::Refused { name, reason } => t_string!(
                i18n,
                menu_admin.upload_refused,
                name = name,
                reason = photo_reason(i18n, &reason)
            )
            .to_string(),
        })
    }
}

/// Sends the files of a picker or a drop to dish `item`.
#[cfg(feature = "hydrate")]
pub fn send(uploads: Uploads, item: i64, files: &web_sys::FileList) {
    browser::add(uploads, item, files);
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Said, Step, Upload, Uploads, MAX_PHOTO_BYTES};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use web_sys::js_sys::{Reflect, JSON};
    use web_sys::{File, FileList, FormData, ProgressEvent, XmlHttpRequest};

    /// A request on its way, with the handlers it calls.
    struct Sending {
        xhr: XmlHttpRequest,
        _progress: Closure<dyn FnMut(ProgressEvent)>,
        _load: Closure<dyn FnMut()>,
        _error: Closure<dyn FnMut()>,
    }

    thread_local! {
        static QUEUE: RefCell<VecDeque<(u32, i64, File)>> = const { RefCell::new(VecDeque::new()) };
        static CURRENT: RefCell<Option<Sending>> = const { RefCell::new(None) };
        static NEXT_KEY: Cell<u32> = const { Cell::new(0) };
    }

    fn busy() -> bool {
        CURRENT.with(|c| c.borrow().is_some()) || QUEUE.with(|q| !q.borrow().is_empty())
    }

    /// Leaving the page: what is waiting is dropped, what is on its way
    /// stopped.
    pub fn stop() {
        QUEUE.with(|q| q.borrow_mut().clear());
        if let Some(sending) = CURRENT.with(|c| c.borrow_mut().take()) {
            let _ = sending.xhr.abort();
        }
    }

    fn set_step(uploads: Uploads, key: u32, step: Step) {
        uploads.list.try_update(|list| {
            if let Some(u) = list.iter_mut().find(|u| u.key == key) {
                u.step = step;
            }
        });
    }

    pub fn add(uploads: Uploads, item: i64, files: &FileList) {
        let idle = !busy();
        if idle {
            uploads.list.set(Vec::new());
        }
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            let key = NEXT_KEY.with(|k| {
                k.set(k.get() + 1);
                k.get()
            });
            // Too large: said at once, not sent.
            let step = if file.size() > MAX_PHOTO_BYTES {
                Step::Refused("too_large".into())
            } else {
                Step::Waiting
            };
            let refused = step != Step::Waiting;
            uploads.list.update(|list| {
                list.push(Upload {
                    key,
                    item,
                    name: file.name(),
                    step,
                })
            });
            if refused {
                uploads.said.set(Some(Said::Refused {
                    name: file.name(),
                    reason: "too_large".into(),
                }));
            } else {
                QUEUE.with(|q| q.borrow_mut().push_back((key, item, file)));
            }
        }
        if idle {
            next(uploads);
        }
    }

    /// The reason of a refusal: the field's, else the error's code.
    fn reason(xhr: &XmlHttpRequest) -> String {
        let status = xhr.status().unwrap_or(0);
        if status == 413 {
            return "too_large".into();
        }
        let body = xhr
            .response_text()
            .ok()
            .flatten()
            .and_then(|text| JSON::parse(&text).ok());
        let get = |v: &JsValue, key: &str| Reflect::get(v, &JsValue::from_str(key)).ok();
        let error = body.as_ref().and_then(|b| get(b, "error"));
        let field = error
            .as_ref()
            .and_then(|e| get(e, "fields"))
            .and_then(|f| get(&f, "0"))
            .and_then(|f| get(&f, "reason"))
            .and_then(|r| r.as_string());
        let code = error
            .as_ref()
            .and_then(|e| get(e, "code"))
            .and_then(|c| c.as_string());
        field.or(code).unwrap_or_else(|| "internal".into())
    }

    /// Sends the next file, if any.
    fn next(uploads: Uploads) {
        CURRENT.with(|c| c.borrow_mut().take());
        let Some((key, item, file)) = QUEUE.with(|q| q.borrow_mut().pop_front()) else {
            return;
        };
        let (n, total) = uploads
            .list
            .try_with_untracked(|list| {
                let n = list.iter().position(|u| u.key == key).map_or(1, |i| i + 1);
                (n, list.len())
            })
            .unwrap_or((1, 1));
        set_step(uploads, key, Step::Sending(0));
        uploads.said.try_set(Some(Said::Sending { n, total }));
        let name = file.name();
        let failed = move |reason: String| {
            set_step(uploads, key, Step::Refused(reason.clone()));
            uploads.said.try_set(Some(Said::Refused {
                name: name.clone(),
                reason,
            }));
        };
        let Ok(xhr) = XmlHttpRequest::new() else {
            failed("network".into());
            return;
        };
        let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let percent = (e.loaded() / e.total() * 100.0).clamp(0.0, 100.0) as u8;
                set_step(uploads, key, Step::Sending(percent));
            }
        });
        let load = {
            let (xhr, failed) = (xhr.clone(), failed.clone());
            Closure::<dyn FnMut()>::new(move || {
                if xhr.status().unwrap_or(0) == 201 {
                    set_step(uploads, key, Step::Added);
                    uploads.said.try_set(Some(Said::Added));
                    uploads.added.try_update(|n| *n += 1);
                } else {
                    failed(reason(&xhr));
                }
                // Later: this handler is dropped with the request.
                set_timeout(move || next(uploads), std::time::Duration::ZERO);
            })
        };
        let error = {
            let failed = failed.clone();
            Closure::<dyn FnMut()>::new(move || {
                failed("network".into());
                set_timeout(move || next(uploads), std::time::Duration::ZERO);
            })
        };
        let sent = (|| -> Result<(), JsValue> {
            let form = FormData::new()?;
            form.append_with_blob_and_filename("photo", &file, &file.name())?;
            xhr.open_with_async(
                "POST",
                &format!("/api/admin/menu/items/{item}/photos"),
                true,
            )?;
            xhr.set_request_header("Accept", "application/json")?;
            xhr.upload()?
                .set_onprogress(Some(progress.as_ref().unchecked_ref()));
            xhr.set_onload(Some(load.as_ref().unchecked_ref()));
            xhr.set_onerror(Some(error.as_ref().unchecked_ref()));
            xhr.send_with_opt_form_data(Some(&form))
        })();
        match sent {
            Ok(()) => CURRENT.with(|c| {
                *c.borrow_mut() = Some(Sending {
                    xhr,
                    _progress: progress,
                    _load: load,
                    _error: error,
                })
            }),
            Err(_) => {
                failed("network".into());
                next(uploads);
            }
        }
    }
}

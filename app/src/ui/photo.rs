//! Uploaded photos on a page: WebP where the browser takes it, the JPEG
//! fallback otherwise, every variant offered (`srcset`) and the size
//! reserved (no layout shift).

use crate::error::message as error_message;
use crate::i18n::*;
use crate::ui::form::page_locale;
use crate::ui::I18n;
use domain::Photo;
use leptos::prelude::*;

/// A photo drawn `width` CSS pixels wide at most (`sizes` says how wide
/// it is drawn), lazily loaded.
#[component]
pub fn Picture(
    photo: Photo,
    alt: Signal<String>,
    sizes: &'static str,
    #[prop(default = 400)] width: u32,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <picture class=class>
            <source type="image/webp" srcset=photo.srcset("webp") sizes=sizes />
            <img src=photo.fallback(width) srcset=photo.srcset("jpg") sizes=sizes
                width=width.to_string() height=photo.height_at(width).to_string()
                loading="lazy" decoding="async" alt=alt />
        </picture>
    }
}

/// A photo at its smallest variant (400 px wide, or the original when
/// narrower), WebP first and the JPEG fallback, sized for layout.
#[component]
pub fn Thumb(photo: Photo, alt: Signal<String>, #[prop(optional)] lazy: bool) -> impl IntoView {
    let width = photo.widths.first().copied().unwrap_or(photo.width);
    view! {
        <picture>
            <source type="image/webp" srcset=photo.src(width, "webp") />
            <img src=photo.src(width, "jpg") width=width height=photo.height_at(width) alt=alt
                loading=lazy.then_some("lazy") decoding="async" />
        </picture>
    }
}

/// Why an upload was refused, in words (`unsupported_type`, `too_large`,
/// `too_many_pixels`, `unreadable`, `required`, `invalid`; other codes as
/// any error). How many photos a place holds is the caller's to say.
pub fn photo_reason(i18n: I18n, reason: &str) -> String {
    let text = match reason {
        "unsupported_type" => t_string!(i18n, photo_err.unsupported_type),
        "too_large" => t_string!(i18n, photo_err.too_large),
        "too_many_pixels" => t_string!(i18n, photo_err.too_many_pixels),
        "unreadable" => t_string!(i18n, photo_err.unreadable),
        "required" => t_string!(i18n, photo_err.required),
        "invalid" | "invalid_input" => t_string!(i18n, photo_err.invalid),
        "busy" => return error_message(page_locale(i18n), "unavailable"),
        code => return error_message(page_locale(i18n), code),
    };
    text.to_string()
}

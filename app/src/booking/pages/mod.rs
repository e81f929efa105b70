//! The four steps of the booking wizard (and the payment page between the
//! third and the fourth), one file each, and what they share: the step
//! indicator.

mod choose;
mod confirmation;
mod details;
mod payment;
mod review;

pub use choose::ChoosePage;
pub use confirmation::ConfirmationPage;
pub use details::DetailsPage;
pub use payment::PayPage;
pub use review::ReviewPage;

use crate::i18n::*;
use crate::ui::I18n;
use leptos::prelude::*;

/// The wizard's step indicator; `current` is 1 to 4.
#[component]
fn Steps(current: u8) -> impl IntoView {
    let i18n = use_i18n();
    let step = move |n: u8, label: fn(I18n) -> &'static str| {
        let state = match n.cmp(&current) {
            std::cmp::Ordering::Less => "step step-done",
            std::cmp::Ordering::Equal => "step step-current",
            std::cmp::Ordering::Greater => "step",
        };
        view! {
            <li class=state aria-current=(n == current).then_some("step")>
                <span class="step-number" aria-hidden="true">{n}</span>
                <span class="step-label">{move || label(i18n)}</span>
                {(n < current).then(|| view! {
                    <span class="visually-hidden">" "{move || t_string!(i18n, steps.done_suffix)}</span>
                })}
            </li>
        }
    };
    view! {
        <nav class="steps-nav" aria-label=move || t_string!(i18n, steps.label)>
            <ol class="steps">
                {step(1, |i18n| t_string!(i18n, steps.choose))}
                {step(2, |i18n| t_string!(i18n, steps.details))}
                {step(3, |i18n| t_string!(i18n, steps.review))}
                {step(4, |i18n| t_string!(i18n, steps.done))}
            </ol>
        </nav>
    }
}

/// "Choose a date and time first", with a link to step 1.
fn choose_first(i18n: I18n) -> impl IntoView {
    view! {
        <section class="card">
            <p>{t!(i18n, book.choose_first)}</p>
            <p><a class="button button-primary" href="/book">{t!(i18n, book.choose_link)}</a></p>
        </section>
    }
}

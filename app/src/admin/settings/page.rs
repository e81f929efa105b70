//! `/admin/settings`: the screen's frame — its title, the message of the
//! last change (`?done=`), the refusals of the remove buttons — and its
//! sections in order.

use super::audit::AuditCard;
use super::exceptions::ExceptionsCard;
use super::gallery::{GalleryActions, GalleryCard};
use super::hours::HoursCard;
use super::outside::OutsideCard;
use super::payments::PaymentsCard;
use super::restaurant::RestaurantCard;
use super::rules::RulesCard;
use super::{api, PaymentsView, SettingsView};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The screen's actions: each that succeeds reads the settings again.
#[derive(Clone, Copy)]
pub(super) struct Actions {
    pub restaurant: ServerAction<api::AdminRestaurantSave>,
    pub rules: ServerAction<api::AdminRulesSave>,
    pub payments: ServerAction<api::AdminPaymentsSave>,
    pub hours: ServerAction<api::AdminHoursSave>,
    pub delete_hours: ServerAction<api::AdminHoursDelete>,
    pub exception: ServerAction<api::AdminExceptionAdd>,
    pub delete_exception: ServerAction<api::AdminExceptionDelete>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            restaurant: ServerAction::new(),
            rules: ServerAction::new(),
            payments: ServerAction::new(),
            hours: ServerAction::new(),
            delete_hours: ServerAction::new(),
            exception: ServerAction::new(),
            delete_exception: ServerAction::new(),
        }
    }

    /// Moves on with every action that succeeds.
    fn successes(self) -> RwSignal<usize> {
        let count = RwSignal::new(0_usize);
        count_successes!(
            count,
            self.restaurant,
            self.rules,
            self.payments,
            self.hours,
            self.delete_hours,
            self.exception,
            self.delete_exception,
        );
        count
    }

    /// The last refusal of a remove button (the forms show their own).
    fn refusal(self) -> Option<AppError> {
        [
            self.delete_hours.value().get(),
            self.delete_exception.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = Actions::new();
    let done = Memo::new(move |_| query.read().get("done"));
    let audit_before = Memo::new(move |_| {
        query
            .read()
            .get("audit_before")
            .and_then(|v| v.parse::<i64>().ok())
    });
    let saved = actions.successes();
    let settings = Resource::new(
        move || (saved.get(), crate::ui::live::changes()),
        |_| api::admin_settings(),
    );
    // What guests are asked to pay: read with the rest (a resource of
    // the page, for hydration), again after each change.
    let payments = Resource::new(
        move || (saved.get(), crate::ui::live::changes()),
        |_| api::admin_payments(),
    );
    let gallery_actions = GalleryActions::new();
    let gallery_saved = RwSignal::new(0_usize);
    count_successes!(
        gallery_saved,
        gallery_actions.alt,
        gallery_actions.shift,
        gallery_actions.remove,
    );
    let gallery = Resource::new(
        move || (gallery_saved.get(), crate::ui::live::changes()),
        |_| api::admin_gallery(),
    );
    // The audit log (admins only; staff get a refusal, not shown) is read
    // again after each change of the settings.
    let audit = Resource::new(
        move || (audit_before.get(), saved.get(), crate::ui::live::changes()),
        |(before, _, _)| api::admin_audit(before),
    );
    let upload = Memo::new(move |_| {
        let q = query.read();
        if q.get("gallery").is_some() {
            Some(Ok(()))
        } else {
            q.get("gallery_error").map(Err)
        }
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, settings.title).to_string() />
        <h1 id="page-title" tabindex="-1">{t!(i18n, settings.title)}</h1>
        <div class="status-region" role="status" aria-live="polite">
            {move || done.get().map(|code| {
                let text = match code.as_str() {
                    "restaurant" => t_string!(i18n, settings.done_restaurant),
                    "rules" => t_string!(i18n, settings.done_rules),
                    "payments" => t_string!(i18n, payments_admin.done),
                    "hours" => t_string!(i18n, settings.done_hours),
                    "hours_removed" => t_string!(i18n, settings.done_hours_removed),
                    "exception" => t_string!(i18n, settings.done_exception),
                    "exception_removed" => t_string!(i18n, settings.done_exception_removed),
                    "gallery" => t_string!(i18n, settings.done_gallery),
                    "gallery_removed" => t_string!(i18n, settings.done_gallery_removed),
                    _ => t_string!(i18n, settings.done),
                };
                view! { <p class="alert alert-success">{text}</p> }
            })}
            {move || actions.refusal().map(|error| view! { <ErrorMessage error /> })}
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let audit = audit.await;
                let payments = payments.await;
                match (settings.await, gallery.await) {
                    (Ok(view), Ok(photos)) => {
                        let editable = view.editable;
                        let before = audit_before.get_untracked();
                        view! {
                            <Sections view payments actions />
                            <GalleryCard photos editable actions=gallery_actions upload=upload.get_untracked() />
                            {editable.then(|| view! { <AuditCard page=audit before /> })}
                        }
                        .into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Sections(
    view: SettingsView,
    payments: Result<PaymentsView, AppError>,
    actions: Actions,
) -> impl IntoView {
    let i18n = use_i18n();
    let SettingsView { settings, editable } = view;
    let domain::Settings {
        restaurant,
        rules,
        hours,
        exceptions,
        outside,
    } = settings;
    view! {
        {(!editable).then(|| view! { <p class="alert alert-info">{t!(i18n, settings.read_only)}</p> })}
        {(!outside.is_empty()).then(|| view! { <OutsideCard outside /> })}
        <HoursCard hours editable save=actions.hours remove=actions.delete_hours />
        <ExceptionsCard exceptions editable add=actions.exception remove=actions.delete_exception />
        <RulesCard rules editable action=actions.rules />
        <PaymentsCard payments action=actions.payments />
        <RestaurantCard restaurant editable action=actions.restaurant />
    }
}

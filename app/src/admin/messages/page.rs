//! The list of contact messages.

use super::api;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::Loading;
use domain::ContactMessage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MessagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let show = Memo::new(move |_| query.read().get("show").unwrap_or_default());
    let handled = ServerAction::<api::AdminMessageHandled>::new();
    let list = Resource::new(
        move || {
            (
                show.get(),
                handled.version().get(),
                crate::ui::live::changes(),
            )
        },
        |(show, _, _)| api::admin_messages((!show.is_empty()).then_some(show)),
    );
    focus_heading_on_arrival("page-title");
    let all = move || show.get() == "all";
    view! {
        <Title text=move || t_string!(i18n, messages.title).to_string() />
        <header class="day-head">
            <h1 id="page-title" tabindex="-1">{t!(i18n, messages.title)}</h1>
        </header>
        <p class="hint">{t!(i18n, messages.intro)}</p>
        <nav class="list-filters" aria-label=move || t_string!(i18n, messages.filter)>
            <a href="/admin/messages" aria-current=move || (!all()).then_some("page")>{t!(i18n, messages.show_open)}</a>
            " · "
            <a href="/admin/messages?show=all" aria-current=move || all().then_some("page")>{t!(i18n, messages.show_all)}</a>
        </nav>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <List list all=all() handled /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn List(
    list: api::Messages,
    all: bool,
    handled: ServerAction<api::AdminMessageHandled>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = list.open;
    let summary = move || {
        if count == 1 {
            t_string!(i18n, messages.open_one).to_string()
        } else {
            t_string!(i18n, messages.open_many, count = count).to_string()
        }
    };
    if list.messages.is_empty() {
        return view! {
            <p class="status-region" role="status">{summary}</p>
            <p>{move || if all { t_string!(i18n, messages.none) } else { t_string!(i18n, messages.none_open) }}</p>
        }
        .into_any();
    }
    let items = list
        .messages
        .into_iter()
        .map(|m| view! { <Message message=m all handled /> })
        .collect_view();
    view! {
        <p class="status-region" role="status">{summary}</p>
        <ol class="messages">{items}</ol>
    }
    .into_any()
}

#[component]
fn Message(
    message: ContactMessage,
    all: bool,
    handled: ServerAction<api::AdminMessageHandled>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("message-{}", message.id);
    let reply = format!(
        "mailto:{}?subject={}",
        message.email,
        t_string!(i18n, messages.reply_subject).replace(' ', "%20")
    );
    let language = match message.language.as_str() {
        "en" => t_string!(i18n, language.en),
        _ => t_string!(i18n, language.fr),
    };
    let done = message.handled.clone();
    let is_done = done.is_some();
    view! {
        <li class="card message" class:message-done=is_done>
            <h2 id=heading>{message.name.clone()}</h2>
            <p class="message-meta">
                <a href=reply>{message.email.clone()}</a>
                " · "{t_string!(i18n, messages.received, at = message.received.clone()).to_string()}
                " · "{language}
            </p>
            <p class="message-body">{message.message.clone()}</p>
            {done.map(|d| {
                let by = d.by.unwrap_or_else(|| t_string!(i18n, messages.someone).to_string());
                view! { <p class="hint">{t_string!(i18n, messages.handled_by, by = by, at = d.at).to_string()}</p> }
            })}
            <ActionForm action=handled attr:class="inline-form">
                <input type="hidden" name="id" value=message.id.to_string() />
                <input type="hidden" name="handled" value=(!is_done).to_string() />
                <input type="hidden" name="show" value=if all { "all" } else { "open" } />
                <button type="submit" class="button button-secondary">
                    {if is_done { t_string!(i18n, messages.mark_open) } else { t_string!(i18n, messages.mark_done) }}
                    <span class="visually-hidden">" – "{message.name.clone()}</span>
                </button>
            </ActionForm>
        </li>
    }
}

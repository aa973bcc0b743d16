//! Banners shown on every page: storage problems, and undo after a delete.

use crate::state::AppState;
use crate::storage::Health;
use leptos::prelude::*;

/// What the banner offers when stored data could not be read (`Some(raw)`:
/// damaged) or was saved by a newer version (`None`). For damage: a copy to
/// download, and replacing it, which only a page that edits can do (until
/// one has been opened, `AppState::make_full`, the page only reads), so
/// until then the banner points there. For a newer version: reload, and
/// (once full) download what this tab holds first.
pub type UnreadableActions = fn(AppState, Option<String>) -> AnyView;

pub fn keep_or_replace(state: AppState, raw: Option<String>) -> AnyView {
    let Some(raw) = raw else {
        return view! {
            <p class="nhsuk-body">
                "If you changed anything in this tab since that version opened, download it first, then import the file in the newer version (on “Save, share and import”) so nothing is lost."
            </p>
            <div class="app-button-group">
                <DownloadThisTab state />
                <Reload />
            </div>
        }
        .into_any();
    };
    view! {
        <p class="nhsuk-body">
            "Download a copy to keep it safe. Until you choose to replace it, changes you make now are not saved."
        </p>
        <div class="app-button-group">
            <DownloadUnreadable raw />
            <button
                type="button"
                class="nhsuk-button nhsuk-button--warning"
                on:click=move |_| state.replace_unreadable()
            >
                "Replace it and start saving"
            </button>
        </div>
    }
    .into_any()
}

pub fn keep_or_go_to_replace(_: AppState, raw: Option<String>) -> AnyView {
    let Some(raw) = raw else {
        return view! {
            <div class="app-button-group">
                <Reload />
            </div>
        }
        .into_any();
    };
    view! {
        <p class="nhsuk-body">
            "Download a copy to keep it safe. To replace it and start saving, open the "
            <a href=crate::route::Page::RATE.href()>"self-assessment"</a>"."
        </p>
        <div class="app-button-group">
            <DownloadUnreadable raw />
        </div>
    }
    .into_any()
}

/// Everything this tab holds, as the app's own file, to import in the
/// newer version.
#[component]
fn DownloadThisTab(state: AppState) -> impl IntoView {
    let download = move |_| {
        let (name, text) = state.workspace.with(|w| {
            let today = crate::state::today().to_string();
            (
                format!(
                    "{}-from-this-tab.json",
                    crate::model::file_stem(&w.assessments, &today)
                ),
                crate::model::export(
                    &w.assessments,
                    env!("CARGO_PKG_VERSION"),
                    crate::state::now(),
                ),
            )
        });
        crate::files::download(&name, "application/json", text.as_bytes());
    };
    view! {
        <button type="button" class="nhsuk-button nhsuk-button--secondary" id="download-this-tab" on:click=download>
            "Download what this tab holds"
        </button>
    }
}

#[component]
fn Reload() -> impl IntoView {
    view! {
        <button
            type="button"
            class="nhsuk-button"
            id="reload-newer"
            on:click=move |_| {
                let _ = window().location().reload();
            }
        >
            "Reload this page"
        </button>
    }
}

#[component]
fn DownloadUnreadable(raw: String) -> impl IntoView {
    view! {
        <button
            type="button"
            class="nhsuk-button nhsuk-button--secondary"
            on:click=move |_| crate::files::download("inclusion-framework-saved-data.txt", "text/plain;charset=utf-8", raw.as_bytes())
        >
            "Download the saved data"
        </button>
    }
}

/// Says plainly when changes are not being saved, and what to do.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let (title, body) = match state.health.get() {
            Health::Saving => return None,
            Health::Unavailable => (
                "Your changes are not being saved",
                view! {
                    <p class="nhsuk-body">
                        "This browser is not letting the app store anything, perhaps because of a private window or your organisation’s settings. You can keep working, but everything will be lost when you close this tab."
                    </p>
                    <p class="nhsuk-body">
                        "To keep your work, open the app in a normal (not private) window, or ask your IT team to allow this site to store data."
                    </p>
                }
                .into_any(),
            ),
            Health::Full => (
                "Your latest changes are not being saved",
                view! {
                    <p class="nhsuk-body">
                        "The storage this browser allows for this site is full. Your latest changes are only in this tab."
                    </p>
                    <p class="nhsuk-body">
                        "Delete assessments you no longer need on the "
                        <a href="#/assessments">"your assessments"</a>
                        " page; saving starts again by itself when there is room."
                    </p>
                }
                .into_any(),
            ),
            Health::Failed(message) => (
                "Your latest changes are not being saved",
                view! {
                    <p class="nhsuk-body">
                        "The browser refused to save ("{message}"). Your latest changes are only in this tab; keep it open and try again later."
                    </p>
                }
                .into_any(),
            ),
            Health::Unreadable { raw, reason } => (
                "We could not read the answers saved in this browser",
                view! {
                    <p class="nhsuk-body">
                        "The saved data could not be used because "{reason}". We have not changed or deleted it."
                    </p>
                    {(state.unreadable_actions.get())(state, Some(raw))}
                }
                .into_any(),
            ),
            Health::Newer(_) => (
                "A newer version of this app is open in another tab or window",
                view! {
                    <p class="nhsuk-body">
                        "It saves your answers in a way this version cannot read, so this tab has stopped saving: nothing either version saved will be overwritten. Changes you make here are kept only in this tab, until you close it."
                    </p>
                    <p class="nhsuk-body">
                        "Reload this page to get the newer version."
                    </p>
                    {(state.unreadable_actions.get())(state, None)}
                }
                .into_any(),
            ),
        };
        Some(view! {
            <div
                class="nhsuk-notification-banner app-storage-banner"
                role="region"
                aria-labelledby="storage-banner-title"
            >
                <div class="nhsuk-notification-banner__header">
                    <h2 class="nhsuk-notification-banner__title" id="storage-banner-title">
                        "Important"
                    </h2>
                </div>
                <div class="nhsuk-notification-banner__content">
                    <p class="nhsuk-notification-banner__heading">{title}</p>
                    {body}
                </div>
            </div>
        })
    }
}

/// The NHS.UK error summary for a one-field form: shown above the form,
/// focused when it appears, linking to the field.
#[component]
pub fn FieldErrorSummary(
    /// Element id of the summary (focused by the caller).
    id: String,
    /// The field's id, linked from the message.
    field: String,
    message: &'static str,
) -> impl IntoView {
    let title = format!("{id}-title");
    let labelled_by = title.clone();
    let href = format!("#{field}");
    let jump = move |ev: leptos::ev::MouseEvent| {
        // Move to the field without changing the address (and so the page).
        ev.prevent_default();
        crate::components::focus::focus_later(field.clone());
    };
    view! {
        <div class="nhsuk-error-summary" aria-labelledby=labelled_by role="alert" tabindex="-1" id=id>
            <h2 class="nhsuk-error-summary__title" id=title>"There is a problem"</h2>
            <div class="nhsuk-error-summary__body">
                <ul class="nhsuk-list nhsuk-error-summary__list">
                    <li><a href=href on:click=jump>{message}</a></li>
                </ul>
            </div>
        </div>
    }
}

/// Says when another tab or window deleted what this tab was showing, so
/// nothing changes under the user without a word. Dismissable.
#[component]
pub fn OtherTabNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.notice.get().map(|message| {
            view! {
                <div class="nhsuk-notification-banner" role="alert" id="other-tab-notice" aria-labelledby="other-tab-notice-title">
                    <div class="nhsuk-notification-banner__header">
                        <h2 class="nhsuk-notification-banner__title" id="other-tab-notice-title">"Important"</h2>
                    </div>
                    <div class="nhsuk-notification-banner__content">
                        <p class="nhsuk-notification-banner__heading">{message}</p>
                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
                    </div>
                </div>
            }
        })
    }
}

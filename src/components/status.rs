//! Banners shown on every page: storage problems, and undo after a delete.

use crate::state::AppState;
use crate::storage::Health;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
                    <p class="nhsuk-body">
                        "Download a copy to keep it safe. Until you choose to replace it, changes you make now are not saved."
                    </p>
                    <div class="app-button-group">
                        <button
                            type="button"
                            class="nhsuk-button nhsuk-button--secondary"
                            on:click=move |_| download_text("inclusion-framework-saved-data.txt", &raw)
                        >
                            "Download the saved data"
                        </button>
                        <button
                            type="button"
                            class="nhsuk-button nhsuk-button--warning"
                            on:click=move |_| state.replace_unreadable()
                        >
                            "Replace it and start saving"
                        </button>
                    </div>
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

/// Offers a text as a file download, made in the page (nothing is sent).
pub fn download_text(filename: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

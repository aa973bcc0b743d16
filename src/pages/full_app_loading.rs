//! The reader build's stand-in for every page that edits: asks the loader
//! to start the full app (which replaces this at once), and says so plainly
//! if it could not be loaded.

use leptos::prelude::*;

/// Sent to the loader (`scripts/loader.js`): please start the full app.
const WANT_FULL_APP: &str = "inclusion:want-full-app";
/// Sent back by the loader when the full app could not be fetched or started.
const FULL_APP_FAILED: &str = "inclusion:full-app-failed";

#[component]
pub fn FullAppLoading() -> impl IntoView {
    let failed = RwSignal::new(false);
    let listener = window_event_listener_untyped(FULL_APP_FAILED, move |_| failed.set(true));
    on_cleanup(move || listener.remove());
    let ask = move || {
        failed.set(false);
        if let Ok(event) = web_sys::Event::new(WANT_FULL_APP) {
            let _ = window().dispatch_event(&event);
        }
    };
    ask();
    move || {
        if failed.get() {
            view! {
                <h1 tabindex="-1">"This part of the app could not be loaded"</h1>
                <p>"Your answers are safe in this browser. Check your connection, then try again."</p>
                <button type="button" class="nhsuk-button" on:click=move |_| ask()>"Try again"</button>
                <p><a href="#/">"Go back to the framework"</a></p>
            }
            .into_any()
        } else {
            view! {
                <h1 tabindex="-1">"Loading…"</h1>
                <p>"Opening this part of the app."</p>
            }
            .into_any()
        }
    }
}

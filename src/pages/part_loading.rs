//! What a page from a part of the build shows until the part has arrived
//! (`crate::parts`), and if it could not be fetched.

use leptos::prelude::*;

/// Shown while a part is fetched. Its words appear only if that takes more
/// than a moment (a CSS delay), so a quick load does not flash. No heading:
/// the page's own `<h1>` is the first one on screen, and focus moves to it
/// once it is there (`crate::app`), so a heading always means the page.
#[component]
pub fn PartLoading() -> impl IntoView {
    view! {
        <div class="app-part-loading" role="status">
            <p class="nhsuk-body-l">"Loading…"</p>
            <p>"Opening this part of the app."</p>
        </div>
    }
}

/// Shown when a part could not be fetched: nothing is lost, and trying
/// again fetches it again.
#[component]
pub fn PartUnavailable(retry: Callback<()>) -> impl IntoView {
    view! {
        <h1 tabindex="-1">"This part of the app could not be loaded"</h1>
        <p>"Your answers are safe in this browser. Check your connection, then try again. If it still cannot be loaded, reload the page: a new version of the app may have been published."</p>
        <button type="button" class="nhsuk-button" on:click=move |_| retry.run(())>"Try again"</button>
        <p><a href="#/">"Go back to the framework"</a></p>
    }
}

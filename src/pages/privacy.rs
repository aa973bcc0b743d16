//! What the app stores, where, for how long, and how to delete it.

use crate::components::focus::focus_later;
use crate::route::Page;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirming = RwSignal::new(false);
    let deleted = RwSignal::new(false);
    view! {
        <h1 tabindex="-1">"Privacy notice"</h1>
        <h2>"What this app stores"</h2>
        <p>"Your organisation’s answers: self-assessment ratings and notes, progress, actions and action plans, organisation details, review rounds, and when each was last changed. Answers are about your organisation: the app asks you not to record anything that identifies individual staff or service users."</p>
        <h2>"Where"</h2>
        <p>"Only in this browser, on this device, in its local storage for this site. There is no account and no server. Files you export go where you save them; files you open to compare organisations are read in the tab and never stored."</p>
        <p>"If you connect a shared folder, the app also writes your copy of that assessment into that folder on this computer, and your organisation’s sync app (such as OneDrive) shares it with the colleagues who can open the folder. The browser remembers which folder it is."</p>
        <h2>"For how long"</h2>
        <p>"Until you delete it here, or clear this browser’s site data (in a private window, when you close it). The app asks the browser to keep the data rather than clear it when space runs low."</p>
        <h2>"Nothing is sent anywhere"</h2>
        <p>"The app makes no requests to any other website: no analytics, no fonts or code from elsewhere, no cookies. Its content security policy only lets the page load its own files, and our automated tests fail if any request leaves the site or the policy is broken. Links to other websites only take you there when you choose to follow them."</p>
        <h2 id="delete">"Delete all data in this browser"</h2>
        {move || {
            if deleted.get() {
                view! {
                    <div class="nhsuk-inset-text" id="deleted-all" tabindex="-1" role="status">
                        <p>"Everything this app kept in this browser has been deleted. You have a new, empty assessment."</p>
                    </div>
                }.into_any()
            } else if confirming.get() {
                view! {
                    <div class="nhsuk-warning-callout" id="confirm-delete-all" tabindex="-1">
                        <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Delete all assessments?"</span></h3>
                        <p>"Every assessment, answer and review round in this browser will be deleted. This cannot be undone. "<a href=Page::Share.href()>"Export a copy"</a>" first if you may need it."</p>
                        <div class="app-button-group">
                            <button type="button" class="nhsuk-button nhsuk-button--warning" on:click=move |_| { state.delete_everything(); deleted.set(true); focus_later("deleted-all"); }>"Yes, delete everything"</button>
                            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p>"This deletes every assessment and review round kept by this app in this browser, and forgets any shared folder you connected. Files already in a shared folder stay there."</p>
                    <button type="button" class="nhsuk-button nhsuk-button--warning" id="delete-all" on:click=move |_| { confirming.set(true); focus_later("confirm-delete-all"); }>"Delete all data in this browser"</button>
                }.into_any()
            }
        }}
    }
}

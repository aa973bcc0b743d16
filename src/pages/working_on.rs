//! "You are working on …": which assessment the checklist pages edit.

use crate::route::Page;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn WorkingOn() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = Memo::new(move |_| state.workspace.with(|w| w.current().name.value.clone()));
    let organisation = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.current().profile.organisation.value.clone())
    });
    view! {
        <div class="nhsuk-inset-text app-working-on">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p>
                "You are working on "
                <strong>{move || name.get()}</strong>
                {move || {
                    let org = organisation.get();
                    (!org.is_empty()).then(|| format!(" for {org}"))
                }}
                ". It saves as you go, in this browser only. "
                <a href=Page::Assessments.href()>"Switch or manage assessments"</a>
                "."
            </p>
        </div>
    }
}

//! "Working on …": which assessment the checklist pages edit, in one line;
//! and the reminder when changes are in no exported file (when and how big
//! is decided by `model::export_reminder`).

use crate::model::{export_reminder, Reminder};
use crate::route::Page;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn WorkingOn(
    /// Whether the export reminder is the full callout (the task list and
    /// the share page) rather than one line.
    #[prop(optional)]
    panel: bool,
    /// More about the page's progress, said in the same line.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = Memo::new(move |_| state.workspace.with(|w| w.current().name.value.clone()));
    let organisation = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.current().profile.organisation.value.clone())
    });
    let reminder = Memo::new(move |_| {
        state.workspace.with(|w| {
            state
                .reminder_quiet
                .with(|q| export_reminder(w, q.as_ref(), panel))
        })
    });
    view! {
        <p class="nhsuk-body-s app-working-on" id="working-on">
            "Working on "
            <strong>{move || name.get()}</strong>
            {move || {
                let org = organisation.get();
                (!org.is_empty() && !name.get().contains(org.as_str())).then(|| format!(" for {org}"))
            }}
            ", saved as you go in this browser only. "
            <a href=Page::Assessments.href()>"Switch"<span class="nhsuk-u-visually-hidden">" or manage assessments"</span></a>
            {children.map(|c| view! { " " {c()} })}
        </p>
        {move || match reminder.get() {
            Reminder::Hidden => None,
            Reminder::Line => Some(view! {
                <p class="nhsuk-body-s app-export-reminder app-export-reminder--line" id="export-reminder">
                    <strong>"Not yet exported: "</strong>
                    <a href=Page::Share.href()>"export a copy"<span class="nhsuk-u-visually-hidden">" to keep your changes safe or share them"</span></a>
                </p>
            }.into_any()),
            Reminder::Panel => Some(view! {
                <div class="nhsuk-warning-callout app-export-reminder" id="export-reminder">
                    <h2 class="nhsuk-warning-callout__label">
                        <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Not yet exported"</span>
                    </h2>
                    <p>
                        "Some changes are only in this browser and in no exported file. "
                        <a href=Page::Share.href()>"Export a copy"</a>
                        " to keep them safe or share them."
                    </p>
                </div>
            }.into_any()),
        }}
    }
}

//! What the checklist pages share: the heading with its caption, the
//! privacy reminder (said once per page; each text box points to it), and
//! moving on through the pillars to check-your-answers.

use crate::components::pagination::Pagination;
use crate::content::{framework, Element};
use crate::route::{checklist_neighbours, Page};
use leptos::prelude::*;

/// The id of the page's privacy reminder, for text boxes to point to.
pub const PRIVACY_REMINDER: &str = "privacy-reminder";

/// A pillar's elements, and whether it is the first pillar (whose page
/// carries the checklist's introduction).
pub fn pillar_elements(id: u8) -> (&'static [Element], bool) {
    let fw = framework();
    let elements = fw
        .pillar(id)
        .map(|p| p.elements.as_slice())
        .unwrap_or_default();
    (elements, fw.pillars.first().map(|p| p.id) == Some(id))
}

/// The h1, with what it is part of as its caption ("Self-assessment,
/// pillar 3 of 6").
#[component]
pub fn ChecklistHeading(page: Page) -> impl IntoView {
    let fw = framework();
    view! {
        <h1 tabindex="-1">
            {page.caption(fw).map(|c| view! {
                <span class="nhsuk-caption-l">{c}<span class="nhsuk-u-visually-hidden">": "</span></span>
            })}
            {page.heading(fw)}
        </h1>
    }
}

#[component]
pub fn PrivacyReminder() -> impl IntoView {
    view! {
        <p class="nhsuk-body-s app-privacy-reminder" id=PRIVACY_REMINDER>
            <strong>"Keep it anonymous: "</strong>
            "do not include anything that could identify individual staff or service users."
        </p>
    }
}

/// "Save and continue" to the next page (answers save as they are given;
/// the button moves on), then a link back to the previous page by name (no
/// "Next" link: it would repeat the button).
#[component]
pub fn MoveOn(page: Page) -> impl IntoView {
    let fw = framework();
    let (previous, next) = checklist_neighbours(fw, page);
    let gate = super::target_date::DateChecks::gate();
    let name = move |p: Page| match p {
        Page::SelfAssessment(crate::route::Step::Pillar(id))
        | Page::Progress(crate::route::Step::Pillar(id)) => {
            format!("Pillar {id}: {}", p.heading(fw))
        }
        other => other.heading(fw),
    };
    view! {
        {next.map(|n| view! {
            <a class="nhsuk-button app-save-continue" href=n.href() role="button" draggable="false" id="save-continue"
                on:click=gate>
                "Save and continue"
                <span class="nhsuk-u-visually-hidden">{format!(": {}", name(n))}</span>
            </a>
        })}
        {previous.map(|p| view! {
            <Pagination of="page" previous=Some((p.href(), name(p))) next=None />
        })}
    }
}

//! The completed checklist for printing: every answer in words, nothing
//! clipped or collapsed, each pillar's heading kept with its content.

use crate::components::rich_text::Rich;
use crate::content::framework;
use crate::model::{is_overdue, Assessment, Date};
use crate::state::{today, AppState};
use leptos::prelude::*;

#[component]
pub fn PrintPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let assessment = Memo::new(move |_| state.workspace.with(|w| w.current().clone()));
    let print = |_| {
        let _ = window().print();
    };
    view! {
        <h1 tabindex="-1">"Completed checklist"</h1>
        <p class="app-no-print">
            "This page holds every answer in full for printing or saving as a PDF. For one or two pages for a board paper, use the "
            <a href=crate::route::Page::Board.href()>"board report"</a>
            ". "
            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=print>"Print this page"</button>
        </p>
        {move || view! { <AnswersInFull assessment=assessment.get() nested=false /> }}
    }
}

/// Every answer of an assessment (or a frozen review round) in words, in
/// full. `nested` puts the headings a level lower, under another section.
#[component]
pub fn AnswersInFull(assessment: Assessment, nested: bool) -> impl IntoView {
    let fw = framework();
    let or_dash = |s: String| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s
        }
    };
    let a = assessment;
    let p = a.profile.clone();
    let day = today();
    view! {
        <dl class="nhsuk-summary-list app-print-about">
            <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Assessment"</dt><dd class="nhsuk-summary-list__value">{a.name.value.clone()}</dd></div>
            <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Organisation"</dt><dd class="nhsuk-summary-list__value">{or_dash(p.organisation.value)}</dd></div>
            <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Type"</dt><dd class="nhsuk-summary-list__value">{or_dash(p.org_type.value.map(|t| t.label().to_string()).unwrap_or_default())}</dd></div>
            <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Completed by"</dt><dd class="nhsuk-summary-list__value">{or_dash(p.completed_by.value)}</dd></div>
            <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Date of assessment"</dt><dd class="nhsuk-summary-list__value">{or_dash(Date::parse(&p.assessed_on.value).map(|d| d.long()).unwrap_or(p.assessed_on.value))}</dd></div>
        </dl>
        {fw.pillars.iter().map(|pillar| view! {
            <section class="app-print-pillar">
                {
                    let text = format!("Pillar {}: {}", pillar.id, pillar.title);
                    if nested { view! { <h4 class="nhsuk-heading-m">{text}</h4> }.into_any() } else { view! { <h2>{text}</h2> }.into_any() }
                }
                {pillar.elements.iter().map(|e| {
                    let answer = a.answer(&e.id);
                    let overdue = is_overdue(&answer, day);
                    let target = Date::parse(&answer.target_date.value).map(|d| d.long()).unwrap_or_default();
                    view! {
                        <div class="app-print-element">
                            {if nested {
                                view! { <h5 class="nhsuk-heading-s">{format!("{} ", e.id)}<Rich text=&e.self_assessment /></h5> }.into_any()
                            } else {
                                view! { <h3 class="nhsuk-heading-s">{format!("{} ", e.id)}<Rich text=&e.self_assessment /></h3> }.into_any()
                            }}
                            <dl class="nhsuk-summary-list">
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Rating"</dt><dd class="nhsuk-summary-list__value">{answer.rating.value.label()}</dd></div>
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"What tells us this"</dt><dd class="nhsuk-summary-list__value app-pre">{or_dash(answer.note.value.clone())}</dd></div>
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Recommendation"</dt><dd class="nhsuk-summary-list__value"><Rich text=&e.progress /></dd></div>
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Progress"</dt><dd class="nhsuk-summary-list__value">{answer.progress.value.label()}</dd></div>
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Action to date"</dt><dd class="nhsuk-summary-list__value app-pre">{or_dash(answer.action_to_date.value.clone())}</dd></div>
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Next steps"</dt><dd class="nhsuk-summary-list__value app-pre">{or_dash(answer.next_steps.value.clone())}</dd></div>
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Owner"</dt><dd class="nhsuk-summary-list__value">{or_dash(answer.owner.value.clone())}</dd></div>
                                <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Target date"</dt><dd class="nhsuk-summary-list__value">{or_dash(target)}{overdue.then_some(" (overdue)")}</dd></div>
                            </dl>
                        </div>
                    }
                }).collect_view()}
            </section>
        }).collect_view()}
    }
}

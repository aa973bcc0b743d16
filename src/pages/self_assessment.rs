//! The traffic-light self-assessment: one radio group per element.

use super::working_on::WorkingOn;
use crate::components::fields::{Radios, TextArea};
use crate::components::rating::{RatingIcon, RatingTag};
use crate::components::rich_text::Rich;
use crate::content::{framework, Element};
use crate::model::{Edit, Rating};
use crate::route::{dom_id, Page};
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    let fw = framework();
    view! {
        <h1 tabindex="-1">"Self-assessment checklist"</h1>
        <p class="nhsuk-lede-text"><Rich text=&fw.self_assessment_intro /></p>
        <WorkingOn />
        <AssessedCount />
        <RatingKey />
        {fw
            .pillars
            .iter()
            .map(|p| {
                view! {
                    <h2 id=format!("pillar-{}", p.id) tabindex="-1">{format!("Pillar {}: {}", p.id, p.title)}</h2>
                    {p.elements.iter().map(|e| view! { <RateElement element=e /> }).collect_view()}
                }
            })
            .collect_view()}
        <p>
            <a class="nhsuk-button" href=Page::Summary.href() role="button" draggable="false">
                "See the summary"
            </a>
        </p>
    }
}

/// How far through the checklist the user is, kept up to date as they go.
#[component]
fn AssessedCount() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let assessed = Memo::new(move |_| {
        state.workspace.with(|w| {
            let a = w.current();
            fw.elements()
                .filter(|e| a.rating(&e.id) != Rating::NotAssessed)
                .count()
        })
    });
    let total = fw.elements().count();
    view! {
        <p class="nhsuk-body-s" id="assessed-count">
            {move || format!("Assessed so far: {} of {total} elements.", assessed.get())}
            " " <a href=Page::Summary.href()>"See the summary"</a>
        </p>
    }
}

#[component]
fn RatingKey() -> impl IntoView {
    view! {
        <h2 class="nhsuk-heading-s">"Key"</h2>
        <ul class="nhsuk-list app-key">
            <li><span class="app-key__swatch app-tag app-tag--in_place"><RatingIcon rating=Rating::InPlace /></span>"In place: we have this in place"</li>
            <li><span class="app-key__swatch app-tag app-tag--work_in_progress"><RatingIcon rating=Rating::WorkInProgress /></span>"Work in progress"</li>
            <li><span class="app-key__swatch app-tag app-tag--not_in_place"><RatingIcon rating=Rating::NotInPlace /></span>"Not in place"</li>
            <li><span class="app-key__swatch app-tag app-tag--not_assessed"><RatingIcon rating=Rating::NotAssessed /></span>"Not yet assessed: where everyone starts; you can go back to it"</li>
        </ul>
    }
}

#[component]
fn RateElement(element: &'static Element) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = element.id.as_str();
    let rating = Memo::new(move |_| state.workspace.with(|w| w.current().rating(id)));
    let note = Memo::new(move |_| state.workspace.with(|w| w.current().answer(id).note.value));
    let options = Rating::ALL.iter().map(|r| (r.key(), r.label())).collect();
    let dom = dom_id(id);
    view! {
        <div class="nhsuk-form-group app-rate" id=format!("rate-{dom}") tabindex="-1">
            <div class="nhsuk-form-group">
            <Radios
                name=format!("rating-{dom}")
                legend=move || {
                    view! {
                        <span class="app-element-number">{format!("{id} ")}</span>
                        <Rich text=&element.self_assessment />
                        {move || (rating.get() != Rating::NotAssessed).then(|| view! {
                            " " <span class="app-legend-tag"><RatingTag rating=rating /></span>
                        })}
                    }
                }
                options=options
                selected=Signal::derive(move || rating.get().key())
                on_change=Callback::new(move |key: &'static str| {
                    let r = Rating::ALL.into_iter().find(|r| r.key() == key).unwrap_or_default();
                    state.edit(Edit::Rating(id.to_string(), r));
                })
            />
            </div>
            <TextArea
                id=format!("note-{dom}")
                label=move || view! { "What tells us this (optional)" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
                hint="Evidence or reasons for the rating, such as a policy, survey result or board paper."
                value=note
                on_input=Callback::new(move |v: String| state.edit(Edit::Note(id.to_string(), v)))
            />
        </div>
    }
}

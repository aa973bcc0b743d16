//! The traffic-light self-assessment: one pillar per page, one radio group
//! per element, then check-your-answers.

use super::checklist::{
    pillar_elements, ChecklistHeading, MoveOn, PrivacyReminder, PRIVACY_REMINDER,
};
use super::working_on::WorkingOn;
use crate::components::fields::{Radios, TextArea};
use crate::components::rating::{RatingIcon, RatingTag};
use crate::components::rich_text::Rich;
use crate::components::versions::{Versions, VersionsNotice};
use crate::content::{framework, Element};
use crate::model::{Edit, Field, Rating};
use crate::route::{dom_id, rate_link, Page, Step};
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn SelfAssessmentPage(step: Step) -> impl IntoView {
    match step {
        Step::Pillar(id) => view! { <RatePillar id /> }.into_any(),
        Step::Check | Step::Focus => view! { <CheckRatings /> }.into_any(),
    }
}

#[component]
fn RatePillar(id: u8) -> impl IntoView {
    let fw = framework();
    let page = Page::SelfAssessment(Step::Pillar(id));
    let (elements, first) = pillar_elements(id);
    view! {
        <ChecklistHeading page />
        {first.then(|| view! { <p class="nhsuk-body"><Rich text=&fw.self_assessment_intro /></p> })}
        <WorkingOn><AssessedCount /></WorkingOn>
        <details class="nhsuk-details app-key-details">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"What the ratings mean"</span>
            </summary>
            <div class="nhsuk-details__text"><RatingKey /></div>
        </details>
        <PrivacyReminder />
        {elements.iter().map(|e| view! { <RateElement element=e /> }).collect_view()}
        <MoveOn page />
    }
}

/// Every rating and note on one page, each with a link to change it (the
/// NHS "check your answers" pattern), before the summary.
#[component]
fn CheckRatings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let page = Page::SelfAssessment(Step::Check);
    let unrated = Memo::new(move |_| {
        state.workspace.with(|w| {
            fw.elements()
                .filter(|e| w.current().rating(&e.id) == Rating::NotAssessed)
                .count()
        })
    });
    view! {
        <ChecklistHeading page />
        <WorkingOn />
        <VersionsNotice progress=false />
        {move || match unrated.get() {
            0 => view! { <p id="check-status">"You have rated every element. Check your answers, then see the summary."</p> }.into_any(),
            n => view! {
                <div class="nhsuk-inset-text" id="check-status">
                    <span class="nhsuk-u-visually-hidden">"Information: "</span>
                    <p>{format!("{n} of {} elements are not yet rated. You can see the summary now and come back to them.", fw.elements().count())}</p>
                </div>
            }.into_any(),
        }}
        {fw.pillars.iter().map(|p| view! {
            <h2 class="nhsuk-heading-m" id=format!("check-pillar-{}", p.id)>{format!("Pillar {}: {}", p.id, p.title)}</h2>
            <dl class="nhsuk-summary-list app-check-list">
                {p.elements.iter().map(|e| view! { <CheckRating element=e /> }).collect_view()}
            </dl>
        }).collect_view()}
        <h2 class="nhsuk-heading-m">"Now see the summary"</h2>
        <p>"The summary counts your ratings by pillar and suggests where to focus first. You can change any answer later."</p>
        <a class="nhsuk-button" href=Page::Summary.href() role="button" draggable="false" id="check-continue">
            "See the summary"
        </a>
        <p><a href=Page::RECORD.href()>"Go on to the progress checklist"</a></p>
        <MoveOn page />
    }
}

#[component]
fn CheckRating(element: &'static Element) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = element.id.as_str();
    let rating = Memo::new(move |_| state.workspace.with(|w| w.current().rating(id)));
    let note = Memo::new(move |_| state.workspace.with(|w| w.current().answer(id).note.value));
    view! {
        <div class="nhsuk-summary-list__row" id=format!("check-{}", dom_id(id))>
            <dt class="nhsuk-summary-list__key">
                <span class="app-element-number">{format!("{id} ")}</span>
                <Rich text=&element.statement />
            </dt>
            <dd class="nhsuk-summary-list__value">
                <RatingTag rating=rating />
                {move || {
                    let n = note.get();
                    (!n.is_empty()).then(|| view! { <p class="nhsuk-body-s app-pre-wrap app-check-note">{n}</p> })
                }}
            </dd>
            <dd class="nhsuk-summary-list__actions">
                <a href=rate_link(id)>
                    "Change"<span class="nhsuk-u-visually-hidden">{format!(" the rating for {id}")}</span>
                </a>
            </dd>
        </div>
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
        <strong id="assessed-count">
            {move || format!("Rated so far: {} of {total} elements.", assessed.get())}
        </strong>
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
    // While the rating holds two versions, no radio is shown as chosen: the
    // versions panel above says what they are.
    let rating_settled = Memo::new(move |_| {
        state
            .workspace
            .with(|w| !Field::Rating(id.to_string()).is_conflicted(w.current()))
    });
    let options = Rating::ALL.iter().map(|r| (r.key(), r.label())).collect();
    let dom = dom_id(id);
    view! {
        <div class="nhsuk-form-group app-rate" id=format!("rate-{dom}") tabindex="-1">
            <Versions id=format!("versions-{dom}") fields=vec![Field::Rating(id.to_string()), Field::Note(id.to_string())] />
            <div class="nhsuk-form-group">
            <Radios
                name=format!("rating-{dom}")
                legend=move || {
                    view! {
                        <span class="app-element-number">{format!("{id} ")}</span>
                        <Rich text=&element.self_assessment />
                    }
                }
                // The checked radio already says the rating to screen
                // readers; the tag is for the eye.
                beside_legend=move || view! {
                    {move || (rating_settled.get() && rating.get() != Rating::NotAssessed).then(|| view! {
                        <p class="app-legend-tag" aria-hidden="true"><RatingTag rating=rating /></p>
                    })}
                }
                options=options
                selected=Signal::derive(move || if rating_settled.get() { rating.get().key() } else { "" })
                on_change=Callback::new(move |key: &'static str| {
                    let r = Rating::ALL.into_iter().find(|r| r.key() == key).unwrap_or_default();
                    state.edit(Edit::Rating(id.to_string(), r));
                })
            />
            </div>
            // The note is optional: folded away until wanted, so rating
            // all 17 elements is mostly radios (open when there is a note).
            <details class="nhsuk-details app-note-details" id=format!("note-details-{dom}") open=note.with_untracked(|n| !n.is_empty())>
                <summary class="nhsuk-details__summary">
                    <span class="nhsuk-details__summary-text">
                        "What tells us this (optional)" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span>
                    </span>
                </summary>
                <div class="nhsuk-details__text">
                    <TextArea
                        id=format!("note-{dom}")
                        label=move || view! { "Evidence or reasons" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
                        hint="Such as a policy, survey result or board paper."
                        privacy=PRIVACY_REMINDER
                        value=note
                        on_input=Callback::new(move |v: String| state.edit(Edit::Note(id.to_string(), v)))
                    />
                </div>
            </details>
        </div>
    }
}

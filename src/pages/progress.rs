//! The progress checklist, with an action plan for each recommendation.

use super::working_on::WorkingOn;
use crate::components::fields::{Radios, TextArea, TextInput};
use crate::components::rating::RatingTag;
use crate::components::rich_text::Rich;
use crate::content::{framework, Element};
use crate::model::{is_overdue, Date, Edit, Progress, Rating};
use crate::route::{dom_id, rate_link, Page};
use crate::state::{today, AppState};
use leptos::prelude::*;

#[component]
pub fn ProgressPage() -> impl IntoView {
    let fw = framework();
    view! {
        <h1 tabindex="-1">"Progress checklist"</h1>
        <p class="nhsuk-lede-text"><Rich text=&fw.progress_intro /></p>
        <WorkingOn />
        <p>
            "For each recommendation, record your progress and the action taken to date, as in the publication’s checklist. The action plan (next steps, owner and target date) is extra: an action is marked overdue when its target date has passed without significant progress."
        </p>
        {fw
            .pillars
            .iter()
            .map(|p| {
                view! {
                    <h2 id=format!("pillar-{}", p.id) tabindex="-1">{format!("Pillar {}: {}", p.id, p.title)}</h2>
                    {p.elements.iter().map(|e| view! { <RecordProgress element=e /> }).collect_view()}
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

#[component]
fn RecordProgress(element: &'static Element) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = element.id.as_str();
    let answer = Memo::new(move |_| state.workspace.with(|w| w.current().answer(id)));
    let field =
        move |f: fn(&crate::model::ElementAnswer) -> String| Signal::derive(move || answer.with(f));
    let progress = Signal::derive(move || answer.with(|a| a.progress.value.key()));
    let overdue = Memo::new(move |_| answer.with(|a| is_overdue(a, today())));
    let rating = Memo::new(move |_| answer.with(|a| a.rating.value));
    let dom = dom_id(id);
    let edit = move |make: fn(String, String) -> Edit| {
        Callback::new(move |v: String| state.edit(make(id.to_string(), v)))
    };
    let target_hint = Signal::derive(move || {
        answer.with(|a| Date::parse(&a.target_date.value).map(|d| d.long()))
    });
    view! {
        <section class="app-recommendation-entry" id=format!("progress-{dom}") tabindex="-1" aria-labelledby=format!("progress-{dom}-heading")>
            <h3 class="nhsuk-heading-s" id=format!("progress-{dom}-heading")>
                <span class="app-element-number">{id}</span>
                " "
                <Rich text=&element.progress />
            </h3>
            <p class="app-element-status" id=format!("progress-{dom}-rating")>
                "Self-assessment: "
                {move || if rating.get() == Rating::NotAssessed {
                    view! { <a href=rate_link(id)>"Not yet rated"<span class="nhsuk-u-visually-hidden">{format!(": rate {id}")}</span></a> }.into_any()
                } else {
                    view! { <RatingTag rating=rating /> }.into_any()
                }}
            </p>
            {move || overdue.get().then(|| view! {
                <p><strong class="nhsuk-tag app-tag app-tag--overdue">"Overdue"</strong>
                <span class="nhsuk-u-visually-hidden">{format!(": the target date for {id} has passed")}</span></p>
            })}
            <div class="nhsuk-form-group">
                <Radios
                    name=format!("progress-{dom}-level")
                    legend=move || view! { "Progress" <span class="nhsuk-u-visually-hidden">{format!(" on recommendation {id}")}</span> }
                    options=Progress::ALL.iter().map(|p| (p.key(), p.label())).collect()
                    selected=progress
                    inline=false
                    on_change=Callback::new(move |key: &'static str| {
                        let p = Progress::ALL.into_iter().find(|p| p.key() == key).unwrap_or_default();
                        state.edit(Edit::Progress(id.to_string(), p));
                    })
                />
            </div>
            <TextArea
                id=format!("action-{dom}")
                label=move || view! { "Action to date" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
                value=field(|a| a.action_to_date.value.clone())
                on_input=edit(Edit::ActionToDate)
                rows=4
            />
            <details class="nhsuk-details app-action-plan" open=answer.with_untracked(|a| !a.next_steps.value.is_empty() || !a.owner.value.is_empty() || !a.target_date.value.is_empty())>
                <summary class="nhsuk-details__summary">
                    <span class="nhsuk-details__summary-text">
                        "Action plan" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span>
                    </span>
                </summary>
                <div class="nhsuk-details__text">
                    <TextArea
                        id=format!("next-{dom}")
                        label=move || view! { "Next steps" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
                        value=field(|a| a.next_steps.value.clone())
                        on_input=edit(Edit::NextSteps)
                    />
                    <TextInput
                        id=format!("owner-{dom}")
                        label=move || view! { "Owner" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
                        hint="A role, such as “Director of people”, or a name."
                        value=field(|a| a.owner.value.clone())
                        on_input=edit(Edit::Owner)
                        class="nhsuk-input nhsuk-u-width-two-thirds"
                    />
                    <TextInput
                        id=format!("target-{dom}")
                        label=move || view! { "Target date" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
                        hint="For example, 31 March 2027."
                        value=field(|a| a.target_date.value.clone())
                        on_input=edit(Edit::TargetDate)
                        kind="date"
                        class="nhsuk-input nhsuk-input--width-10"
                    />
                    {move || target_hint.get().map(|d| view! { <p class="nhsuk-body-s">"Target: "{d}</p> })}
                </div>
            </details>
        </section>
    }
}

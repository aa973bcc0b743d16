//! The progress checklist, with an action plan for each recommendation:
//! one pillar per page, the elements to focus on, then check-your-answers.

use super::checklist::{
    pillar_elements, ChecklistHeading, MoveOn, PrivacyReminder, PRIVACY_REMINDER,
};
use super::target_date::{DateChecks, DateErrorSummary, TargetDate};
use super::working_on::WorkingOn;
use crate::components::fields::{Radios, TextArea, TextInput};
use crate::components::rating::{ProgressTag, RatingTag};
use crate::components::rich_text::Rich;
use crate::components::versions::{Versions, VersionsNotice};
use crate::content::{framework, Element};
use crate::model::{focus_elements, is_overdue, Date, Edit, Field, Progress, Rating};
use crate::route::{dom_id, progress_link, rate_link, Page, Step};
use crate::state::{today, AppState};
use leptos::prelude::*;

#[component]
pub fn ProgressPage(step: Step) -> impl IntoView {
    match step {
        Step::Pillar(id) => view! { <RecordPillar id /> }.into_any(),
        Step::Focus => view! { <FocusProgress /> }.into_any(),
        Step::Check => view! { <CheckProgress /> }.into_any(),
    }
}

const ABOUT: &str = "For each recommendation, record your progress and the action taken to date, as in the publication’s checklist. The action plan (next steps, owner and target date) is extra: an action is marked overdue when its target date has passed without significant progress.";

#[component]
fn RecordPillar(id: u8) -> impl IntoView {
    let fw = framework();
    let page = Page::Progress(Step::Pillar(id));
    let (elements, first) = pillar_elements(id);
    DateChecks::provide();
    view! {
        <DateErrorSummary />
        <ChecklistHeading page />
        {first.then(|| view! {
            <p class="nhsuk-body"><Rich text=&fw.progress_intro /></p>
            <p class="nhsuk-body">{ABOUT}</p>
        })}
        <WorkingOn><RecordedCount /></WorkingOn>
        <PrivacyReminder />
        {elements.iter().map(|e| view! { <RecordProgress element=e /> }).collect_view()}
        <MoveOn page />
    }
}

/// How far through the checklist, and the way to the focus view.
#[component]
fn RecordedCount() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let counts = Memo::new(move |_| {
        state.workspace.with(|w| {
            let a = w.current();
            let recorded = fw
                .elements()
                .filter(|e| a.answer(&e.id).progress.value != Progress::NotRecorded)
                .count();
            (recorded, focus_elements(fw, a).len())
        })
    });
    let total = fw.elements().count();
    view! {
        <span id="recorded-count">
            {move || format!("Progress recorded on {} of {total} recommendations.", counts.get().0)}
            {move || {
                let focus = counts.get().1;
                (focus > 0).then(|| view! {
                    " " <a href=Page::Progress(Step::Focus).href() id="show-focus">
                        {format!("Show only the {focus} {} to focus on", if focus == 1 { "element" } else { "elements" })}
                    </a>
                })
            }}
        </span>
    }
}

/// The progress checklist filtered to the elements rated Not in place or
/// Work in progress, in the summary's focus order.
#[component]
fn FocusProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let page = Page::Progress(Step::Focus);
    // The list is fixed when the page opens, so changing a rating
    // elsewhere does not pull an entry out from under the user.
    let ids = state
        .workspace
        .with_untracked(|w| focus_elements(fw, w.current()));
    let count = ids.len();
    DateChecks::provide();
    view! {
        <DateErrorSummary />
        <ChecklistHeading page />
        <WorkingOn />
        <p id="focus-rule">
            "These are the elements you rated Not in place or Work in progress, pillar by pillar in the summary’s order of where to focus first (the pillars furthest from In place first), Not in place before Work in progress."
        </p>
        <p><a href=Page::RECORD.href() id="show-all">"Show every recommendation, pillar by pillar"</a></p>
        {if count == 0 {
            view! {
                <div class="nhsuk-inset-text" id="focus-none">
                    <span class="nhsuk-u-visually-hidden">"Information: "</span>
                    <p>"No element is rated Not in place or Work in progress yet. "<a href=Page::RATE.href()>"Rate the elements"</a>" first."</p>
                </div>
            }.into_any()
        } else {
            view! {
                <p class="nhsuk-body-s" id="focus-count">{format!("Showing {count} of {} recommendations.", fw.elements().count())}</p>
                <PrivacyReminder />
                {ids.iter().filter_map(|id| fw.element(id)).map(|e| view! { <RecordProgress element=e /> }).collect_view()}
            }.into_any()
        }}
        <a class="nhsuk-button" href=Page::Progress(Step::Check).href() role="button" draggable="false" on:click=DateChecks::gate()>"Check your progress checklist"</a>
    }
}

/// Every recommendation's progress and plan, each with a link to change it.
#[component]
fn CheckProgress() -> impl IntoView {
    let fw = framework();
    let page = Page::Progress(Step::Check);
    view! {
        <ChecklistHeading page />
        <WorkingOn><RecordedCount /></WorkingOn>
        <VersionsNotice progress=true />
        {fw.pillars.iter().map(|p| view! {
            <h2 class="nhsuk-heading-m" id=format!("check-pillar-{}", p.id)>{format!("Pillar {}: {}", p.id, p.title)}</h2>
            {p.elements.iter().map(|e| view! { <CheckEntry element=e /> }).collect_view()}
        }).collect_view()}
        <h2 class="nhsuk-heading-m">"Now see the summary"</h2>
        <p>"The summary shows progress by pillar; the action tracker lists every next step. You can change any answer later."</p>
        <a class="nhsuk-button" href=Page::Summary.href() role="button" draggable="false" id="check-continue">"See the summary"</a>
        <p><a href=Page::Actions.href()>"See the action tracker"</a></p>
        <MoveOn page />
    }
}

#[component]
fn CheckEntry(element: &'static Element) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = element.id.as_str();
    let dom = dom_id(id);
    let answer = Memo::new(move |_| state.workspace.with(|w| w.current().answer(id)));
    let progress = Signal::derive(move || answer.with(|a| a.progress.value));
    let text = move |f: fn(&crate::model::ElementAnswer) -> String| {
        move || {
            let v = answer.with(f);
            if v.trim().is_empty() {
                view! { <span class="app-muted">"Not given"</span> }.into_any()
            } else {
                view! { <span class="app-pre">{v}</span> }.into_any()
            }
        }
    };
    let change = move |what: &'static str| {
        view! {
            <dd class="nhsuk-summary-list__actions">
                <a href=progress_link(id)>"Change"<span class="nhsuk-u-visually-hidden">{format!(" {what} for {id}")}</span></a>
            </dd>
        }
    };
    view! {
        <h3 class="nhsuk-heading-s" id=format!("check-{dom}")>
            <span class="app-element-number">{format!("{id} ")}</span>
            <Rich text=&element.statement />
        </h3>
        <dl class="nhsuk-summary-list app-check-list">
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Progress"</dt>
                <dd class="nhsuk-summary-list__value"><ProgressTag progress /></dd>
                {change("the progress")}
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Action to date"</dt>
                <dd class="nhsuk-summary-list__value">{text(|a| a.action_to_date.value.clone())}</dd>
                {change("the action to date")}
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Action plan"</dt>
                <dd class="nhsuk-summary-list__value">
                    {move || {
                        let (next, owner, date) = answer.with(|a| (a.next_steps.value.clone(), a.owner.value.clone(), a.target_date.value.clone()));
                        if next.trim().is_empty() && owner.trim().is_empty() && date.trim().is_empty() {
                            return view! { <span class="app-muted">"None yet"</span> }.into_any();
                        }
                        let date = Date::parse(&date).map(|d| d.long()).unwrap_or(date);
                        view! {
                            {(!next.trim().is_empty()).then(|| view! { <p class="app-pre nhsuk-u-margin-bottom-1">{next}</p> })}
                            <p class="nhsuk-body-s nhsuk-u-margin-bottom-0">
                                {format!("Owner: {}", if owner.trim().is_empty() { "not given" } else { owner.as_str() })}
                                <br />
                                {format!("Target date: {}", if date.trim().is_empty() { "not given" } else { date.as_str() })}
                            </p>
                        }.into_any()
                    }}
                </dd>
                {change("the action plan")}
            </div>
        </dl>
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
            <Versions id=format!("versions-progress-{dom}") fields=vec![
                Field::Progress(id.to_string()),
                Field::ActionToDate(id.to_string()),
                Field::NextSteps(id.to_string()),
                Field::Owner(id.to_string()),
                Field::TargetDate(id.to_string()),
            ] />
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
                privacy=PRIVACY_REMINDER
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
                        privacy=PRIVACY_REMINDER
                    />
                    <TextInput
                        id=format!("owner-{dom}")
                        label=move || view! { "Owner" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
                        hint="A role, such as “Director of people”, or a name."
                        value=field(|a| a.owner.value.clone())
                        on_input=edit(Edit::Owner)
                        class="nhsuk-input nhsuk-u-width-two-thirds"
                    />
                    <TargetDate id />
                </div>
            </details>
        </section>
    }
}

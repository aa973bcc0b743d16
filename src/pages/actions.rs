//! The action tracker: every next step with its owner and target date,
//! overdue first, sortable and filterable, each linked to its
//! recommendation.

use super::working_on::WorkingOn;
use crate::components::rating::ProgressTag;
use crate::model::{actions, owners, tracker, Action, ActionFilter, ActionSort, ActionStatus};
use crate::route::progress_link;
use crate::state::{today, AppState};
use leptos::prelude::*;

fn status_tag(status: ActionStatus) -> impl IntoView {
    let class = match status {
        ActionStatus::Overdue => "nhsuk-tag app-tag app-tag--overdue",
        ActionStatus::Upcoming => "nhsuk-tag nhsuk-tag--blue",
        ActionStatus::NoDate => "nhsuk-tag nhsuk-tag--grey",
        ActionStatus::Done => "nhsuk-tag nhsuk-tag--green",
    };
    view! { <strong class=class>{status.label()}</strong> }
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = crate::content::framework();
    let all = Memo::new(move |_| state.workspace.with(|w| actions(fw, w.current(), today())));
    let sort = RwSignal::new(ActionSort::default());
    let owner = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let filter = ActionFilter {
            owner: Some(owner.get()).filter(|o| !o.is_empty()),
            status: ActionStatus::from_key(&status.get()),
        };
        all.with(|a| tracker(a, &filter, sort.get()))
    });
    let overdue = move || {
        all.with(|a| {
            a.iter()
                .filter(|x| x.status == ActionStatus::Overdue)
                .count()
        })
    };
    view! {
        <h1 tabindex="-1">"Action tracker"</h1>
        <WorkingOn />
        <p>
            "Every next step in your action plan, with its owner and target date. An action is overdue when its target date has passed without significant progress. Add or change actions on the "
            <a href=crate::route::Page::RECORD.href()>"progress checklist"</a>"."
        </p>
        {move || {
            let total = all.with(Vec::len);
            if total == 0 {
                return view! {
                    <div class="nhsuk-inset-text" id="actions-none">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>"There are no actions yet. Open the action plan under a recommendation on the progress checklist to add next steps, an owner and a target date."</p>
                    </div>
                }.into_any();
            }
            view! {
                <p class="nhsuk-body-l" id="actions-overdue">
                    {move || match overdue() { 0 => "No actions are overdue.".to_string(), 1 => "1 action is overdue.".to_string(), n => format!("{n} actions are overdue.") }}
                </p>
                <div class="app-controls">
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label" for="actions-sort">"Sort by"</label>
                        <select class="nhsuk-select" id="actions-sort" on:change=move |ev| sort.set(ActionSort::from_key(&event_target_value(&ev)))>
                            {ActionSort::ALL.iter().map(|&s| view! { <option value=s.key() selected=move || sort.get() == s>{s.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label" for="actions-owner">"Owner"</label>
                        <select class="nhsuk-select" id="actions-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                            <option value="" selected=move || owner.get().is_empty()>"Everyone"</option>
                            {move || all.with(|a| owners(a)).into_iter().map(|o| {
                                let (value, label) = (o.clone(), o.clone());
                                view! { <option value=o selected=move || owner.get() == value>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label" for="actions-status">"Status"</label>
                        <select class="nhsuk-select" id="actions-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="" selected=move || status.get().is_empty()>"Any status"</option>
                            {ActionStatus::ALL.iter().map(|&s| view! { <option value=s.key() selected=move || status.get() == s.key()>{s.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <p class="nhsuk-body-s" id="actions-count" aria-live="polite">
                    {move || format!("Showing {} of {} actions.", rows.with(Vec::len), all.with(Vec::len))}
                </p>
                <table class="nhsuk-table-responsive app-actions" id="actions-table">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Actions"</caption>
                    <thead role="rowgroup" class="nhsuk-table__head">
                        <tr role="row">
                            <th role="columnheader" scope="col">"Recommendation"</th>
                            <th role="columnheader" scope="col">"Next steps"</th>
                            <th role="columnheader" scope="col">"Owner"</th>
                            <th role="columnheader" scope="col">"Target date"</th>
                            <th role="columnheader" scope="col">"Status"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {move || rows.get().into_iter().map(|a| view! { <ActionRow action=a /> }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

#[component]
fn ActionRow(action: Action) -> impl IntoView {
    let fw = crate::content::framework();
    let title = fw
        .element(&action.element)
        .map(|e| crate::markup::plain_text(&e.statement))
        .unwrap_or_default();
    let date = action.target.map(|d| d.long()).unwrap_or_else(|| {
        if action.target_text.is_empty() {
            "Not set".into()
        } else {
            action.target_text.clone()
        }
    });
    let progress = action.progress;
    let cell = |heading: &'static str| {
        view! { <span class="nhsuk-table-responsive__heading" aria-hidden="true">{heading}" "</span> }
    };
    view! {
        <tr role="row" class="nhsuk-table__row" id=format!("action-{}", crate::route::dom_id(&action.element))>
            <td role="cell" class="nhsuk-table__cell">
                {cell("Recommendation")}
                <span>
                    <a href=progress_link(&action.element)>{action.element.clone()}<span class="nhsuk-u-visually-hidden">": "</span></a>
                    " " <span class="app-action-title">{title}</span>
                </span>
            </td>
            <td role="cell" class="nhsuk-table__cell">{cell("Next steps")}<span class="app-pre-line">{if action.next_steps.is_empty() { "Not given".to_string() } else { action.next_steps.clone() }}</span></td>
            <td role="cell" class="nhsuk-table__cell">{cell("Owner")}<span>{if action.owner.is_empty() { "Not given".to_string() } else { action.owner.clone() }}</span></td>
            <td role="cell" class="nhsuk-table__cell app-nowrap">{cell("Target date")}<span>{date}</span></td>
            <td role="cell" class="nhsuk-table__cell">
                {cell("Status")}
                <span class="app-action-status">
                    // Done is "Significant progress": its progress tag, with
                    // its icon, says it; the others add their progress.
                    {(action.status != ActionStatus::Done).then(|| view! { {status_tag(action.status)} " " })}
                    <ProgressTag progress=Signal::derive(move || progress) />
                </span>
            </td>
        </tr>
    }
}

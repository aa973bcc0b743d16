//! The board report: the open assessment on one or two A4 pages for a board
//! paper. What goes in it is decided in `model::board`; this page draws it,
//! and the commentary box is the only thing edited here.

use super::summary::{RatingChart, RatingTable};
use super::working_on::WorkingOn;
use crate::components::fields::TextArea;
use crate::components::rating::{ProgressTag, RatingTag};
use crate::components::versions::Versions;
use crate::content::framework;
use crate::model::board::{
    about as board_about, actions, focus_areas, since_last_round, Action, UPCOMING_DAYS,
};
use crate::model::{summarise, Edit, Field, Movement, FOCUS_RULE, FOCUS_RULE_PLAIN};
use crate::route::{progress_link, Page};
use crate::state::{today, AppState};
use leptos::prelude::*;

/// An element's short title, as written in the content (never a cut).
fn short(id: &str) -> String {
    framework()
        .element(id)
        .map(|e| e.short_title.clone())
        .unwrap_or_default()
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let assessment = Memo::new(move |_| state.workspace.with(|w| w.current().clone()));
    let summaries = Memo::new(move |_| assessment.with(|a| summarise(fw, a, Some(today()))));
    let commentary = Signal::derive(move || assessment.with(|a| a.commentary.value.clone()));
    let print = |_| {
        let _ = window().print();
    };

    view! {
        <div class="app-board">
        <h1 tabindex="-1">"Board report"</h1>
        <div class="app-no-print">
            <WorkingOn />
            <p>
                "One or two A4 pages for a board paper: every rating at a glance, counts by pillar, where to focus, overdue and upcoming actions, and what moved since the last review round. Write a commentary for the board below; it is saved and exported with the assessment."
            </p>
            <div class="app-button-group">
                <button type="button" class="nhsuk-button" id="board-print" on:click=print>"Print or save as PDF"</button>
                <a href=Page::Summary.href()>"Back to the summary"</a>
            </div>
        </div>

        {move || view! {
            <dl class="nhsuk-summary-list app-board-about" id="board-about">
                {assessment.with(board_about).into_iter().map(|(key, value)| view! {
                    <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">{key}</dt><dd class="nhsuk-summary-list__value">{value}</dd></div>
                }).collect_view()}
            </dl>
        }}

        <h2 id="board-commentary-heading">"Commentary for the board"</h2>
        <div class="app-no-print">
            <Versions id="versions-commentary".to_string() fields=vec![Field::Commentary] />
            <TextArea
                id="board-commentary".to_string()
                label=|| "Your commentary"
                hint="What the board should take from this: context, risks, decisions you are asking for. It prints as written."
                value=commentary
                on_input=Callback::new(move |v| state.edit(Edit::Commentary(v)))
                rows=5
            />
        </div>
        <div class="app-print-only app-pre" id="board-commentary-print">
            {move || {
                let text = commentary.get();
                if text.trim().is_empty() { "No commentary written.".to_string() } else { text }
            }}
        </div>

        <h2 id="board-ratings">"All 17 elements at a glance"</h2>
        <div class="app-board-grid" id="board-grid">
            {fw.pillars.iter().map(|pillar| view! {
                <section class="app-board-pillar" aria-labelledby=format!("board-pillar-{}", pillar.id)>
                    <h3 class="nhsuk-heading-xs" id=format!("board-pillar-{}", pillar.id)>{format!("Pillar {}: {}", pillar.id, pillar.title)}</h3>
                    <ul class="nhsuk-list app-board-elements">
                        {pillar.elements.iter().map(|e| {
                            let id = e.id.clone();
                            let full = crate::markup::plain_text(&e.self_assessment);
                            let hover = full.clone();
                            let rating = Signal::derive(move || assessment.with(|a| a.rating(&id)));
                            view! {
                                <li class="app-board-element" data-element=e.id.clone()>
                                    <span class="app-board-element__name" title=hover>
                                        <strong>{e.id.clone()}</strong>" "
                                        <span aria-hidden="true" class="app-short-title">{e.short_title.clone()}</span>
                                        <span class="nhsuk-u-visually-hidden">{full}</span>
                                    </span>
                                    <RatingTag rating />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
        </div>

        <div class="app-board-counts">
            <h2 id="board-by-pillar">"Self-assessment by pillar"</h2>
            <RatingChart summaries />
            <RatingTable summaries compact=true />
        </div>

        <section class="app-board-focus" aria-labelledby="board-focus">
        <h2 id="board-focus">"Where to focus"</h2>
        <p class="nhsuk-body-s">{FOCUS_RULE_PLAIN}" We name up to three that have something not yet in place."</p>
        <details class="nhsuk-details app-no-print">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"How pillars are scored"</span></summary>
            <div class="nhsuk-details__text"><p class="nhsuk-body-s">{FOCUS_RULE}</p></div>
        </details>
        {move || {
            let areas = assessment.with(|a| summaries.with(|s| focus_areas(fw, s, a)));
            if areas.is_empty() {
                return view! { <p id="board-focus-none">"No focus areas: nothing is rated “Not in place” or “Work in progress” yet."</p> }.into_any();
            }
            view! {
                <ol class="nhsuk-list nhsuk-list--number" id="board-focus-list">
                    {areas.into_iter().map(|f| {
                        let title = fw.pillar(f.pillar).map(|p| p.title.clone()).unwrap_or_default();
                        let names = |ids: &[String]| ids.iter().map(|id| {
                            format!("{id} {}", short(id))
                        }).collect::<Vec<_>>().join("; ");
                        view! {
                            <li>
                                <strong>{format!("Pillar {}: {title}", f.pillar)}</strong>
                                {(!f.not_in_place.is_empty()).then(|| view! { <br /><span>{format!("Not in place: {}", names(&f.not_in_place))}</span> })}
                                {(!f.work_in_progress.is_empty()).then(|| view! { <br /><span>{format!("Work in progress: {}", names(&f.work_in_progress))}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        </section>

        <h2 id="board-actions">"Actions"</h2>
        {move || {
            let x = assessment.with(|a| actions(fw, a, today()));
            view! {
                <ActionTable id="board-overdue" caption="Overdue actions".to_string() empty="No actions are overdue." rows=x.overdue />
                <ActionTable id="board-upcoming" caption=format!("Due in the next {UPCOMING_DAYS} days") empty="No actions are due in the next 90 days." rows=x.upcoming />
            }
        }}

        <h2 id="board-moved">"Since the last review round"</h2>
        {move || {
            match assessment.with(|a| since_last_round(fw, a)) {
                None => view! {
                    <p id="board-moved-none">"No review round saved yet."<span class="app-no-print">" "<a href=Page::Rounds.href()>"Save a review round"</a>" after this board review to see what moves by the next one."</span></p>
                }.into_any(),
                Some((name, moved)) if moved.is_empty() => view! {
                    <p id="board-moved-none">{format!("Nothing has moved since “{name}”.")}</p>
                }.into_any(),
                Some((name, moved)) => view! {
                    <p>{format!("{} {} moved since “{name}”:", moved.len(), if moved.len() == 1 { "element has" } else { "elements have" })}</p>
                    <ul class="nhsuk-list app-board-moved" id="board-moved-list">
                        {moved.into_iter().map(|c| {
                            let statement = short(&c.element);
                            let rating = (!matches!(c.rating, Movement::Same | Movement::Neither)).then(|| format!(
                                "rating {} → {} ({})", c.before.rating.value.label(), c.after.rating.value.label(), c.rating.label().to_lowercase()
                            ));
                            let progress = (!matches!(c.progress, Movement::Same | Movement::Neither)).then(|| format!(
                                "progress {} → {}", c.before.progress.value.label(), c.after.progress.value.label()
                            ));
                            let what = [rating, progress].into_iter().flatten().collect::<Vec<_>>().join("; ");
                            view! { <li><strong>{format!("{} {statement}", c.element)}</strong>{format!(": {what}")}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }
        }}
        <p class="nhsuk-body-s app-board-footer">
            {move || format!("Produced on {} with the Health and Care LGBTQ+ Inclusion Framework self-assessment.", today().long())}
        </p>
        </div>
    }
}

#[component]
fn ActionTable(
    id: &'static str,
    caption: String,
    empty: &'static str,
    rows: Vec<Action>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p id=id><strong>{caption}": "</strong>{empty}</p> }.into_any();
    }
    let label = format!("{caption}, table");
    view! {
        // Reflows into labelled rows where its columns do not fit (a phone,
        // or 200 % zoom), so it never overflows its box.
        <div class="app-table-scroll app-reflow app-reflow--5" tabindex="0" role="region" aria-label=label>
        <table class="nhsuk-table app-board-actions" id=id role="table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
            <thead class="nhsuk-table__head" role="rowgroup">
                <tr class="nhsuk-table__row" role="row">
                    <th scope="col" class="nhsuk-table__header" role="columnheader">"Recommendation"</th>
                    <th scope="col" class="nhsuk-table__header" role="columnheader">"Next steps"</th>
                    <th scope="col" class="nhsuk-table__header" role="columnheader">"Owner"</th>
                    <th scope="col" class="nhsuk-table__header" role="columnheader">"Target date"</th>
                    <th scope="col" class="nhsuk-table__header" role="columnheader">"Progress"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body" role="rowgroup">
                {rows.into_iter().map(|a| {
                    let statement = short(&a.element);
                    view! {
                        <tr class="nhsuk-table__row" role="row">
                            <td role="cell" class="nhsuk-table__cell" data-label="Recommendation"><span><a href=progress_link(&a.element)>{a.element.clone()}</a>" "{statement}</span></td>
                            <td role="cell" class="nhsuk-table__cell app-board-steps" data-label="Next steps"><span>{if a.next_steps.is_empty() { "—".to_string() } else { a.next_steps.clone() }}</span></td>
                            <td role="cell" class="nhsuk-table__cell" data-label="Owner"><span>{if a.owner.is_empty() { "No owner named".to_string() } else { a.owner.clone() }}</span></td>
                            <td role="cell" class="nhsuk-table__cell app-nowrap" data-label="Target date"><span>{a.target.long()}</span></td>
                            <td role="cell" class="nhsuk-table__cell" data-label="Progress"><ProgressTag progress=a.progress /></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }.into_any()
}

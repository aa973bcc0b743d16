//! Where the open assessment stands: completeness, where to focus first, and
//! counts per pillar as a chart with a table equivalent.

use super::working_on::WorkingOn;
use crate::components::rating::{ProgressTag, RatingTag};
use crate::content::framework;
use crate::model::{
    completeness, focus_order, summarise, PillarSummary, Progress, Rating, FOCUS_RULE,
    FOCUS_RULE_PLAIN,
};
use crate::route::{progress_link, rate_link, Page, Step};
use crate::state::{today, AppState};
use leptos::prelude::*;

#[component]
pub fn SummaryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let summaries = Memo::new(move |_| {
        state
            .workspace
            .with(|w| summarise(fw, w.current(), Some(today())))
    });
    let complete = Memo::new(move |_| state.workspace.with(|w| completeness(fw, w.current())));
    view! {
        <div class="app-summary">
        <h1 tabindex="-1">"Summary"</h1>
        <WorkingOn />
        <ul class="nhsuk-list app-no-print" id="summary-next">
            <li>
                <a href=Page::Actions.href() id="summary-actions-link">"Action tracker"</a>
                ": every next step with its owner and target date, overdue first."
            </li>
            <li>
                <a href=Page::Board.href() id="summary-board-link">"Board report"</a>
                ": this summary on one or two A4 pages for a board paper, with the overdue actions, what moved since the last review round and your commentary."
            </li>
        </ul>

        <h2 id="completeness">"How complete it is"</h2>
        {move || {
            let c = complete.get();
            view! {
                <p class="nhsuk-body-l" id="completeness-count">
                    {format!("{} of {} elements assessed", c.assessed, c.total)}
                    <br />
                    {format!("Progress recorded for {} of {} recommendations", c.progress_recorded, c.total)}
                </p>
                {(!c.unassessed.is_empty()).then(|| view! {
                    <h3 class="nhsuk-heading-s">"Not yet assessed"</h3>
                    <ul class="nhsuk-list app-inline-list" id="unassessed">
                        {c.unassessed.iter().map(|id| {
                            let statement = fw.element(id).map(|e| e.self_assessment.clone()).unwrap_or_default();
                            view! { <li><a href=rate_link(id)>{id.clone()}<span class="nhsuk-u-visually-hidden">{format!(": {statement}")}</span></a></li> }
                        }).collect_view()}
                    </ul>
                })}
                {(!c.unrecorded.is_empty()).then(|| view! {
                    <h3 class="nhsuk-heading-s">"No progress recorded"</h3>
                    <ul class="nhsuk-list app-inline-list" id="unrecorded">
                        {c.unrecorded.iter().map(|id| view! { <li><a href=progress_link(id)>{id.clone()}<span class="nhsuk-u-visually-hidden">" recommendation"</span></a></li> }).collect_view()}
                    </ul>
                })}
            }
        }}

        <h2 id="focus">"Where to focus first"</h2>
        <p>
            "The publication suggests using the self-assessment to decide which pillars to focus on first. "
            {FOCUS_RULE_PLAIN}
        </p>
        <details class="nhsuk-details app-no-print">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"How pillars are scored"</span></summary>
            <div class="nhsuk-details__text"><p>{FOCUS_RULE}</p></div>
        </details>
        <ol class="nhsuk-list nhsuk-list--number" id="focus-order">
            {move || {
                let s = summaries.get();
                focus_order(&s)
                    .into_iter()
                    .map(|id| {
                        let p = s.iter().find(|p| p.pillar == id).cloned().unwrap_or_default();
                        let title = fw.pillar(id).map(|p| p.title.clone()).unwrap_or_default();
                        let detail = match p.distance() {
                            None => "nothing assessed yet".to_string(),
                            Some(_) => format!(
                                "{} not in place, {} in progress, {} in place",
                                p.not_in_place, p.work_in_progress, p.in_place
                            ),
                        };
                        view! {
                            <li>
                                <a href=Page::Pillar(id).href()>{format!("Pillar {id}: {title}")}</a>
                                <span class="app-focus-detail">{format!(" ({detail})")}</span>
                                <span class="app-no-print">
                                    " – "
                                    <a href=Page::Progress(Step::Pillar(id)).href() id=format!("focus-progress-{id}")>
                                        "record progress on its recommendations"
                                        <span class="nhsuk-u-visually-hidden">{format!(" (pillar {id})")}</span>
                                    </a>
                                </span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>

        <h2 id="by-pillar">"Self-assessment by pillar"</h2>
        <RatingChart summaries />
        <RatingTable summaries />

        <h2 id="progress-by-pillar">"Progress by pillar"</h2>
        <ProgressTable summaries />

        <h2 id="over-time" class="app-no-print">"Over time"</h2>
        <p class="app-no-print">
            <a href=Page::Rounds.href()>"Save a review round"</a>
            " before a board review, then compare rounds to see what moved. Regional and system leads can "
            <a href=Page::Compare.href()>"compare organisations"</a>
            " from their exported files."
        </p>
        </div>
    }
}

const CHART_ROW: f64 = 34.0;
const LABEL_WIDTH: f64 = 70.0;
const BAR_WIDTH: f64 = 500.0;

/// Stacked bars, one per pillar. Decorative for screen readers: the table
/// that follows holds the same numbers in words.
#[component]
pub fn RatingChart(summaries: Memo<Vec<PillarSummary>>) -> impl IntoView {
    let height = CHART_ROW * 6.0 + 10.0;
    view! {
        <figure class="app-chart">
            <svg
                viewBox=format!("0 0 {} {height}", LABEL_WIDTH + BAR_WIDTH + 10.0)
                xmlns="http://www.w3.org/2000/svg"
                aria-hidden="true"
                focusable="false"
                class="app-chart__svg"
            >
                {move || {
                    summaries
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(row, s)| {
                            let y = row as f64 * CHART_ROW + 5.0;
                            let mut x = LABEL_WIDTH;
                            let segments = Rating::ALL
                                .iter()
                                .filter(|r| s.count(**r) > 0)
                                .map(|r| {
                                    let n = s.count(*r);
                                    let w = BAR_WIDTH * n as f64 / s.elements as f64;
                                    let start = x;
                                    x += w;
                                    view! {
                                        <rect class=format!("app-chart__bar app-chart__bar--{}", r.key()) x=start y=y width=w height=CHART_ROW - 8.0></rect>
                                        <text class=format!("app-chart__count app-chart__count--{}", r.key()) x=start + w / 2.0 y=y + CHART_ROW / 2.0 + 1.0>{n}</text>
                                    }
                                })
                                .collect_view();
                            view! {
                                <text class="app-chart__label" x="0" y=y + CHART_ROW / 2.0 + 1.0>{format!("Pillar {}", s.pillar)}</text>
                                {segments}
                            }
                        })
                        .collect_view()
                }}
            </svg>
            <figcaption class="nhsuk-body-s">
                "Each bar shows one pillar’s elements: "
                <RatingTag rating=Rating::InPlace /> " " <RatingTag rating=Rating::WorkInProgress /> " "
                <RatingTag rating=Rating::NotInPlace /> " " <RatingTag rating=Rating::NotAssessed />
                ". The table below gives the same numbers."
            </figcaption>
        </figure>
    }
}

#[component]
pub fn RatingTable(
    summaries: Memo<Vec<PillarSummary>>,
    /// Rows headed "Pillar 1" only, where the titles are given nearby.
    #[prop(default = false)]
    compact: bool,
) -> impl IntoView {
    let fw = framework();
    view! {
        <div class="app-table-scroll app-reflow app-reflow--5" tabindex="0" role="region" aria-label="Elements by self-assessment rating, table">
        <table class="nhsuk-table" id="rating-table" role="table">
            <caption class="nhsuk-table__caption">"Elements by self-assessment rating"</caption>
            <thead class="nhsuk-table__head" role="rowgroup">
                <tr class="nhsuk-table__row" role="row">
                    <th scope="col" class="nhsuk-table__header" role="columnheader">"Pillar"</th>
                    {Rating::ALL.iter().map(|r| view! { <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric" role="columnheader">{r.label()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody class="nhsuk-table__body" role="rowgroup">
                {move || summaries.get().into_iter().map(|s| {
                    let title = fw.pillar(s.pillar).map(|p| p.title.clone()).unwrap_or_default();
                    let head = if compact { format!("Pillar {}", s.pillar) } else { format!("{}. {title}", s.pillar) };
                    view! {
                        <tr class="nhsuk-table__row" role="row">
                            <th scope="row" class="nhsuk-table__header" role="rowheader">{head}</th>
                            {Rating::ALL.iter().map(|r| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric" role="cell" data-label=r.label()>{s.count(*r)}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn ProgressTable(summaries: Memo<Vec<PillarSummary>>) -> impl IntoView {
    let fw = framework();
    view! {
        <p class="nhsuk-body-s app-keep-with-next">
            <ProgressTag progress=Progress::NoProgress /> " " <ProgressTag progress=Progress::Moderate /> " "
            <ProgressTag progress=Progress::Significant /> " " <ProgressTag progress=Progress::NotRecorded />
        </p>
        <div class="app-table-scroll app-reflow app-reflow--6" tabindex="0" role="region" aria-label="Recommendations by progress, table">
        <table class="nhsuk-table" id="progress-table" role="table">
            <caption class="nhsuk-table__caption">"Recommendations by progress"</caption>
            <thead class="nhsuk-table__head" role="rowgroup">
                <tr class="nhsuk-table__row" role="row">
                    <th scope="col" class="nhsuk-table__header" role="columnheader">"Pillar"</th>
                    {Progress::ALL.iter().map(|p| view! { <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric" role="columnheader">{p.label()}</th> }).collect_view()}
                    <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric" role="columnheader">"Overdue actions"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body" role="rowgroup">
                {move || summaries.get().into_iter().map(|s| {
                    let title = fw.pillar(s.pillar).map(|p| p.title.clone()).unwrap_or_default();
                    view! {
                        <tr class="nhsuk-table__row" role="row">
                            <th scope="row" class="nhsuk-table__header" role="rowheader">{format!("{}. {title}", s.pillar)}</th>
                            {Progress::ALL.iter().map(|p| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric" role="cell" data-label=p.label()>{s.progress_count(*p)}</td> }).collect_view()}
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric" role="cell" data-label="Overdue actions">{s.overdue}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

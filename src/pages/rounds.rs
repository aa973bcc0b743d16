//! Review rounds: save frozen copies, compare any two points, and see each
//! pillar's trend over all rounds.

use super::print::AnswersInFull;
use super::working_on::WorkingOn;
use crate::components::focus::focus_later;
use crate::components::rating::{ProgressTag, RatingTag};
use crate::components::rich_text::Rich;
use crate::components::status::FieldErrorSummary;
use crate::content::framework;
use crate::model::{compare, tally, trend, Assessment, Edit, ElementChange, TrendLine};
use crate::state::{new_id, AppState};
use leptos::prelude::*;

const NOW: &str = "now";

fn date_of(at: i64) -> String {
    js_sys::Date::new(&(at as f64).into())
        .to_locale_date_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

#[component]
pub fn RoundsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rounds = Memo::new(move |_| state.workspace.with(|w| w.current().rounds.clone()));
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_string();
        if value.is_empty() {
            error.set(true);
            focus_later("round-name-summary");
            return;
        }
        error.set(false);
        state.edit(Edit::SaveRound {
            id: new_id(),
            name: value,
        });
        state.quiet_reminder();
        name.set(String::new());
    };
    view! {
        <h1 tabindex="-1">"Review rounds"</h1>
        <WorkingOn />
        <p>"A review round is a dated, frozen copy of every rating, progress level, note and action, for example before a board review. The live assessment carries on; compare rounds to see what moved."</p>
        <h2 id="save-round">"Save a review round"</h2>
        {move || error.get().then(|| view! {
            <FieldErrorSummary id="round-name-summary".to_string() field="round-name".to_string() message="Enter a name for the review round" />
        })}
        <form on:submit=save novalidate>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error.get()>
                <label class="nhsuk-label" for="round-name">"Name of the round"</label>
                <div class="nhsuk-hint" id="round-name-hint">"For example, “Q1 2027 board review”."</div>
                {move || error.get().then(|| view! {
                    <span class="nhsuk-error-message" id="round-name-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>"Enter a name for the review round"</span>
                })}
                <input class="nhsuk-input" class:nhsuk-input--error=move || error.get() id="round-name" type="text"
                    aria-describedby=move || if error.get() { "round-name-hint round-name-error" } else { "round-name-hint" }
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="nhsuk-button">"Save review round"</button>
        </form>
        {move || {
            let list = rounds.get();
            if list.is_empty() {
                view! { <p id="no-rounds">"No review rounds saved yet."</p> }.into_any()
            } else {
                view! { <RoundList rounds=list /> <Comparison /> <Trend /> }.into_any()
            }
        }}
    }
}

#[component]
fn RoundList(rounds: Vec<crate::model::Round>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirming = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<(String, String)>);
    let viewing = RwSignal::new(None::<String>);
    view! {
        <h2 id="rounds">"Saved rounds"</h2>
        <ul class="nhsuk-list app-round-list">
            {rounds.into_iter().map(|r| {
                let (id1, id2, id3, id4) = (r.id.clone(), r.id.clone(), r.id.clone(), r.id.clone());
                let (view_id, shown_id) = (r.id.clone(), r.id.clone());
                let frozen = r.as_assessment();
                let round_name = r.name.value.clone();
                let assessed = r.answers.values().filter(|a| a.rating.value != Default::default()).count();
                view! {
                    <li class="app-round">
                        <p class="app-round__name"><strong>{r.name.value.clone()}</strong>{format!(" – saved {}, {assessed} of 17 assessed", date_of(r.taken_at))}</p>
                        {move || match renaming.get() {
                            Some((ref id, ref text)) if *id == id1 => {
                                let id = id.clone();
                                let text = text.clone();
                                view! {
                                    <div class="nhsuk-form-group">
                                        <label class="nhsuk-label" for=format!("rename-round-{id}")>"New name"</label>
                                        <input class="nhsuk-input" id=format!("rename-round-{id}") type="text" prop:value=text
                                            on:input={ let id = id.clone(); move |ev| renaming.set(Some((id.clone(), event_target_value(&ev)))) } />
                                    </div>
                                    <div class="app-button-group">
                                        <button type="button" class="nhsuk-button nhsuk-button--small" on:click=move |_| {
                                            if let Some((id, text)) = renaming.get_untracked() {
                                                if !text.trim().is_empty() { state.edit(Edit::RenameRound(id, text.trim().to_string())); }
                                            }
                                            renaming.set(None);
                                        }>"Save name"</button>
                                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| renaming.set(None)>"Cancel"</button>
                                    </div>
                                }.into_any()
                            }
                            _ if confirming.get().as_deref() == Some(id2.as_str()) => {
                                let id = id2.clone();
                                view! {
                                    <div class="nhsuk-warning-callout">
                                        <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>{format!("Delete the round ‘{round_name}’?")}</span></h3>
                                        <p>"Its frozen answers will be removed from this browser. The live assessment is not affected."</p>
                                        <div class="app-button-group">
                                            <button type="button" class="nhsuk-button nhsuk-button--warning nhsuk-button--small" on:click=move |_| { state.edit(Edit::DeleteRound(id.clone())); confirming.set(None); }>"Yes, delete the round"</button>
                                            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| confirming.set(None)>"Cancel"</button>
                                        </div>
                                    </div>
                                }.into_any()
                            }
                            _ => {
                                let (rename_id, delete_id, name) = (id3.clone(), id4.clone(), r.name.value.clone());
                                let view_id = view_id.clone();
                                let expanded_id = view_id.clone();
                                view! {
                                    <div class="app-button-group">
                                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                                            aria-expanded=move || (viewing.get().as_deref() == Some(expanded_id.as_str())).to_string()
                                            on:click={ let id = view_id.clone(); move |_| viewing.update(|v| *v = if v.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) }) }>
                                            "View answers"<span class="nhsuk-u-visually-hidden">{format!(" in {}", r.name.value)}</span>
                                        </button>
                                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| renaming.set(Some((rename_id.clone(), name.clone())))>
                                            "Rename"<span class="nhsuk-u-visually-hidden">{format!(" {}", r.name.value)}</span>
                                        </button>
                                        <button type="button" class="nhsuk-button nhsuk-button--warning nhsuk-button--small" on:click=move |_| confirming.set(Some(delete_id.clone()))>
                                            "Delete"<span class="nhsuk-u-visually-hidden">{format!(" {}", r.name.value)}</span>
                                        </button>
                                    </div>
                                }.into_any()
                            }
                        }}
                        {move || (viewing.get().as_deref() == Some(shown_id.as_str())).then(|| view! {
                            <div class="app-round__answers">
                                <AnswersInFull assessment=frozen.clone() nested=true />
                            </div>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The points a user can compare: each round, then "now".
fn points(a: &Assessment) -> Vec<(String, String, Assessment)> {
    let mut out: Vec<_> = a
        .rounds
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                format!("{} ({})", r.name.value, date_of(r.taken_at)),
                r.as_assessment(),
            )
        })
        .collect();
    out.push((
        NOW.to_string(),
        "Now (current answers)".to_string(),
        a.clone(),
    ));
    out
}

#[component]
fn Comparison() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let all = Memo::new(move |_| state.workspace.with(|w| points(w.current())));
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(NOW.to_string());
    // Default: the latest round against now.
    Effect::new(move |_| {
        if from.get_untracked().is_empty() {
            if let Some(last) = all.with(|p| p.iter().rev().nth(1).map(|x| x.0.clone())) {
                from.set(last);
            }
        }
    });
    let pick = move |id: String| all.with(|p| p.iter().find(|x| x.0 == id).map(|x| x.2.clone()));
    let changes = Memo::new(move |_| match (pick(from.get()), pick(to.get())) {
        (Some(a), Some(b)) => compare(fw, &a, &b),
        _ => Vec::new(),
    });
    let select = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="nhsuk-form-group app-inline-field">
                <label class="nhsuk-label" for=id>{label}</label>
                <select class="nhsuk-select" id=id on:change=move |ev| value.set(event_target_value(&ev))>
                    {move || all.get().into_iter().map(|(pid, text, _)| {
                        let selected = value.get() == pid;
                        view! { <option value=pid selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <h2 id="compare">"Compare two points"</h2>
        <div class="app-inline-fields">
            {select("compare-from", "From", from)}
            {select("compare-to", "To", to)}
        </div>
        {move || {
            let c = changes.get();
            let t = tally(&c, false);
            let p = tally(&c, true);
            let n = |m: &std::collections::BTreeMap<&str, usize>, k: &str| m.get(k).copied().unwrap_or(0);
            view! {
                <p id="movement-summary" class="nhsuk-body-l">
                    {format!("Self-assessment: {} moved up, {} moved down, {} unchanged, {} newly assessed.", n(&t, "up"), n(&t, "down"), n(&t, "same"), n(&t, "new"))}
                    <br />
                    {format!("Progress: {} moved up, {} moved down, {} unchanged, {} newly recorded.", n(&p, "up"), n(&p, "down"), n(&p, "same"), n(&p, "new"))}
                </p>
                <div class="app-changes">
                    {c.into_iter().map(|change| view! { <ChangeCard change /> }).collect_view()}
                </div>
            }
        }}
    }
}

#[component]
fn ChangeCard(change: ElementChange) -> impl IntoView {
    let fw = framework();
    let statement = fw
        .element(&change.element)
        .map(|e| e.self_assessment.as_str())
        .unwrap_or_default();
    let side = |label: &'static str, a: &crate::model::ElementAnswer| {
        let (rating, progress) = (a.rating.value, a.progress.value);
        let note = if a.note.value.is_empty() {
            "—".to_string()
        } else {
            a.note.value.clone()
        };
        let action = if a.action_to_date.value.is_empty() {
            "—".to_string()
        } else {
            a.action_to_date.value.clone()
        };
        view! {
            <div class="app-conflict__side">
                <h4 class="nhsuk-heading-xs">{label}</h4>
                <p><RatingTag rating=rating /></p>
                <p class="app-pre nhsuk-body-s">{note}</p>
                <p><ProgressTag progress=progress /></p>
                <p class="app-pre nhsuk-body-s">{action}</p>
            </div>
        }
    };
    view! {
        <section class="app-change" id=format!("change-{}", change.element.replace('.', "-"))>
            <h3 class="nhsuk-heading-s">{format!("{} ", change.element)}<Rich text=statement /></h3>
            <p>
                <strong class=format!("nhsuk-tag app-tag app-move--{}", change.rating.key())>{format!("Rating: {}", change.rating.label())}</strong>
                " "
                <strong class=format!("nhsuk-tag app-tag app-move--{}", change.progress.key())>{format!("Progress: {}", change.progress.label())}</strong>
            </p>
            <div class="app-conflict__sides">
                {side("Before", &change.before)}
                {side("After", &change.after)}
            </div>
        </section>
    }
}

const DASHES: [&str; 6] = ["", "8 4", "2 3", "10 3 2 3", "4 4", "1 5"];

#[component]
fn Trend() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let data = Memo::new(move |_| {
        state.workspace.with(|w| {
            let pts = points(w.current());
            let labels: Vec<String> = pts.iter().map(|p| p.1.clone()).collect();
            let assessments: Vec<Assessment> = pts.into_iter().map(|p| p.2).collect();
            (labels, trend(fw, &assessments))
        })
    });
    let (width, height, left, top, bottom) = (640.0, 260.0, 44.0, 12.0, 30.0);
    view! {
        <h2 id="trend">"Each pillar over time"</h2>
        <p>"The share of each pillar’s elements rated “In place” at each round, and now. The table below gives the same figures."</p>
        {move || {
            let (labels, lines): (Vec<String>, Vec<TrendLine>) = data.get();
            let n = labels.len().max(2) as f64 - 1.0;
            let x = move |i: usize| left + (width - left - 60.0) * i as f64 / n;
            let y = move |share: f64| top + (height - top - bottom) * (1.0 - share);
            view! {
                <figure class="app-chart">
                    <svg viewBox=format!("0 0 {width} {height}") class="app-chart__svg" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">
                        {[0.0, 0.5, 1.0].into_iter().map(|s| view! {
                            <line class="app-trend__grid" x1=left x2=width - 60.0 y1=y(s) y2=y(s)></line>
                            <text class="app-chart__label" x="0" y=y(s)>{format!("{}%", (s * 100.0) as u32)}</text>
                        }).collect_view()}
                        {lines.iter().enumerate().map(|(k, line)| {
                            let pts: Vec<String> = line.in_place.iter().enumerate()
                                .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v as f64 / line.elements as f64)))
                                .collect();
                            let last = line.in_place.last().copied().unwrap_or(0) as f64 / line.elements as f64;
                            let end = line.in_place.len().saturating_sub(1);
                            view! {
                                <polyline class=format!("app-trend__line app-trend__line--{}", k + 1) points=pts.join(" ") stroke-dasharray=DASHES[k % 6]></polyline>
                                <text class="app-chart__label" x=x(end) + 6.0 y=y(last) + (k as f64 - 2.5) * 3.0>{format!("P{}", line.pillar)}</text>
                            }
                        }).collect_view()}
                    </svg>
                </figure>
                <div class="app-table-scroll" tabindex="0" role="region" aria-label="Elements in place per pillar at each round, table">
                    <table class="nhsuk-table" id="trend-table">
                        <caption class="nhsuk-table__caption">"Elements in place per pillar"</caption>
                        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                            <th scope="col" class="nhsuk-table__header">"Pillar"</th>
                            {labels.iter().map(|l| view! { <th scope="col" class="nhsuk-table__header">{l.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody class="nhsuk-table__body">
                            {lines.iter().map(|line| view! {
                                <tr class="nhsuk-table__row">
                                    <th scope="row" class="nhsuk-table__header">{format!("P{}. {}", line.pillar, fw.pillar(line.pillar).map(|p| p.title.as_str()).unwrap_or_default())}</th>
                                    {line.in_place.iter().map(|v| view! { <td class="nhsuk-table__cell">{format!("{v} of {}", line.elements)}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }}
    }
}

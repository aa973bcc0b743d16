//! Review rounds: save frozen copies, compare any two points, and see each
//! pillar's trend over all rounds.

use super::print::AnswersInFull;
use super::working_on::WorkingOn;
use crate::components::focus::focus_later;
use crate::components::rating::{ProgressTag, RatingTag};
use crate::components::rich_text::Rich;
use crate::components::status::FieldErrorSummary;
use crate::content::framework;
use crate::model::{
    compare, shown_changes, tally, trend, Assessment, Edit, ElementChange, Movement, Rating,
    TrendLine,
};
use crate::route::{dom_id, Location, Page};
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
    let show_all = RwSignal::new(false);
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
            // Each count links to the first of its elements, shown in full.
            let count = |progress: bool, m: Movement, words: &'static str| {
                let first = c.iter().find(|x| (if progress { x.progress } else { x.rating }) == m).map(|x| x.element.clone());
                let number = n(if progress { &p } else { &t }, m.key());
                let text = format!("{number} {words}");
                match first {
                    Some(id) => view! {
                        <a href=Location::at(Page::Rounds, format!("change-{}", dom_id(&id))).href()
                            class="app-movement-link"
                            on:click=move |_| if !matches!(m, Movement::Up | Movement::Down | Movement::New | Movement::Cleared) { show_all.set(true) }
                        >{text}</a>
                    }.into_any(),
                    None => view! { <span>{text}</span> }.into_any(),
                }
            };
            let moved = c.iter().filter(|x| x.moved()).count();
            let list = shown_changes(&c, show_all.get());
            view! {
                <p id="movement-summary" class="nhsuk-body-l">
                    "Self-assessment: " {count(false, Movement::Up, "moved up")} ", " {count(false, Movement::Down, "moved down")} ", "
                    {count(false, Movement::Same, "unchanged")} ", " {count(false, Movement::New, "newly assessed")} "."
                    <br />
                    "Progress: " {count(true, Movement::Up, "moved up")} ", " {count(true, Movement::Down, "moved down")} ", "
                    {count(true, Movement::Same, "unchanged")} ", " {count(true, Movement::New, "newly recorded")} "."
                </p>
                <p id="moved-count">{format!("{moved} of {} elements moved (rating or progress).", c.len())}</p>
                <div class="nhsuk-checkboxes nhsuk-checkboxes--small app-no-print">
                    <div class="nhsuk-checkboxes__item">
                        <input class="nhsuk-checkboxes__input" id="show-all-changes" type="checkbox"
                            prop:checked=move || show_all.get()
                            on:change=move |ev| show_all.set(event_target_checked(&ev)) />
                        <label class="nhsuk-label nhsuk-checkboxes__label" for="show-all-changes">"Show all 17 elements, including those that did not move"</label>
                    </div>
                </div>
                {list.is_empty().then(|| view! { <p id="nothing-moved">"Nothing moved between these two points."</p> })}
                <div class="app-changes">
                    {list.into_iter().map(|change| view! { <ChangeCard change /> }).collect_view()}
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
        <section class="app-change" tabindex="-1" id=format!("change-{}", change.element.replace('.', "-"))>
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
    view! {
        <h2 id="trend">"Each pillar over time"</h2>
        <p>"How many of each pillar’s elements were at each rating, at each round and now. The table below gives the same figures."</p>
        {move || {
            let (labels, lines): (Vec<String>, Vec<TrendLine>) = data.get();
            view! {
                <div class="app-trend" aria-hidden="true">
                    <p class="nhsuk-body-s app-trend__key">
                        {Rating::ALL.iter().map(|r| view! { <RatingTag rating=*r /> " " }).collect_view()}
                    </p>
                    {lines.iter().map(|line| {
                        let title = fw.pillar(line.pillar).map(|p| p.title.clone()).unwrap_or_default();
                        view! {
                            <div class="app-trend__pillar">
                                <p class="app-trend__title"><strong>{format!("Pillar {}: {title}", line.pillar)}</strong></p>
                                {line.levels.iter().zip(&labels).map(|(counts, label)| view! {
                                    <div class="app-trend__row">
                                        <span class="app-trend__label">{label.clone()}</span>
                                        <span class="app-trend__bar">
                                            {Rating::ALL.iter().zip(counts).filter(|(_, n)| **n > 0).map(|(r, n)| view! {
                                                // Widths by flex-grow classes: the CSP allows no inline style.
                                                <span class=format!("app-trend__segment app-trend__segment--{} app-grow-{}", r.key(), (*n).min(12))>
                                                    {*n}
                                                </span>
                                            }).collect_view()}
                                        </span>
                                    </div>
                                }).collect_view()}
                            </div>
                        }
                    }).collect_view()}
                </div>
                <div class="app-table-scroll" tabindex="0" role="region" aria-label="Elements at each rating per pillar at each round, table">
                    <table class="nhsuk-table" id="trend-table">
                        <caption class="nhsuk-table__caption">"Elements at each rating per pillar"</caption>
                        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                            <th scope="col" class="nhsuk-table__header">"Pillar"</th>
                            <th scope="col" class="nhsuk-table__header">"When"</th>
                            {Rating::ALL.iter().map(|r| view! { <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">{r.label()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody class="nhsuk-table__body">
                            {lines.iter().map(|line| {
                                let title = format!("P{}. {}", line.pillar, fw.pillar(line.pillar).map(|p| p.title.as_str()).unwrap_or_default());
                                let span = labels.len().to_string();
                                line.levels.iter().zip(&labels).enumerate().map(|(i, (counts, label))| view! {
                                    <tr class="nhsuk-table__row">
                                        {(i == 0).then(|| view! { <th scope="rowgroup" rowspan=span.clone() class="nhsuk-table__header">{title.clone()}</th> })}
                                        <th scope="row" class="nhsuk-table__header app-trend__when">{label.clone()}</th>
                                        {counts.iter().map(|n| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{format!("{n} of {}", line.elements)}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }}
    }
}

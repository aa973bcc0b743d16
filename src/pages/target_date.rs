//! A recommendation's target date in the NHS.UK date input: saved as soon
//! as it is a real date, a past date asked about first, and anything else
//! named at the field and, when the person moves on, in an error summary at
//! the top of the page (`DateChecks`), so nothing typed vanishes unsaid.

use crate::components::date_input::DateInput;
use crate::components::focus::focus_later;
use crate::model::{past_target_question, target_entry, Date, DateParts, Edit, TargetEntry};
use crate::route::dom_id;
use crate::state::{today, AppState};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The id of the page's error summary.
pub const DATE_ERRORS: &str = "date-errors";

/// The page's dates that cannot be saved as they stand, by element: the box
/// to go to and what to do. `shown` once the person tried to move on.
#[derive(Clone, Copy)]
pub struct DateChecks {
    problems: RwSignal<BTreeMap<String, (String, String)>>,
    shown: RwSignal<bool>,
}

impl DateChecks {
    /// One per page that has target dates.
    pub fn provide() {
        provide_context(DateChecks {
            problems: RwSignal::new(BTreeMap::new()),
            shown: RwSignal::new(false),
        });
    }

    /// A click handler for a "Save and continue" link (made where the
    /// link is drawn, so it finds the page's checks): when a date on the
    /// page cannot be saved, stays on the page and shows the error
    /// summary, focused. Does nothing on a page without dates.
    pub fn gate() -> impl Fn(leptos::ev::MouseEvent) + Copy + 'static {
        let checks = use_context::<DateChecks>();
        move |ev| {
            let Some(checks) = checks else { return };
            if checks.problems.with_untracked(BTreeMap::is_empty) {
                return;
            }
            ev.prevent_default();
            checks.shown.set(true);
            focus_later(DATE_ERRORS);
        }
    }
}

/// The NHS.UK error summary for the page's dates, shown after the person
/// tried to move on while one could not be saved.
#[component]
pub fn DateErrorSummary() -> impl IntoView {
    let checks = expect_context::<DateChecks>();
    move || {
        let list = checks.problems.get();
        (checks.shown.get() && !list.is_empty()).then(|| {
            view! {
                <div class="nhsuk-error-summary" aria-labelledby="date-errors-title" role="alert" tabindex="-1" id=DATE_ERRORS>
                    <h2 class="nhsuk-error-summary__title" id="date-errors-title">"There is a problem"</h2>
                    <div class="nhsuk-error-summary__body">
                        <p>"Nothing else you typed is lost. These dates are not saved yet:"</p>
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {list.into_iter().map(|(_, (field, message))| {
                                let href = format!("#{field}");
                                view! { <li><a href=href on:click=move |ev| { ev.prevent_default(); focus_later(field.clone()); }>{message}</a></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            }
        })
    }
}

/// A recommendation's target date: a past date is asked about first.
#[component]
pub fn TargetDate(id: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let stored = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.current().answer(id).target_date.value.clone())
    });
    view! {
        <SavedDate
            key=id.to_string()
            prefix=format!("target-{}", dom_id(id))
            name=format!("Target date for {id}")
            legend=move || view! { "Target date" <span class="nhsuk-u-visually-hidden">{format!(" for {id}")}</span> }
            hint="For example, 31 3 2027"
            stored
            save=Callback::new(move |v| state.edit(Edit::TargetDate(id.to_string(), v)))
            confirm_past=true
        />
    }
}

/// The open assessment's date of assessment, on the organisation page.
#[component]
pub fn AssessedOn() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stored = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.current().profile.assessed_on.value.clone())
    });
    view! {
        <SavedDate
            key="assessed-on".to_string()
            prefix="assessed-on".to_string()
            name="Date of assessment".to_string()
            legend=|| "Date of assessment"
            hint=crate::components::date_input::DATE_HINT
            stored
            save=Callback::new(move |v| state.edit(Edit::AssessedOn(v)))
            confirm_past=false
        />
    }
}

/// A date saved as soon as it is a real one (a past one, with
/// `confirm_past`, once the person says they mean it); otherwise named at
/// the field when focus leaves it, and listed in the page's `DateChecks`.
#[component]
fn SavedDate(
    /// Orders the page's problems ("1.1").
    key: String,
    /// The boxes' id prefix.
    prefix: String,
    /// The question, in messages ("Target date for 1.1").
    name: String,
    #[prop(into)] legend: ViewFn,
    #[prop(into)] hint: String,
    stored: Memo<String>,
    save: Callback<String>,
    confirm_past: bool,
) -> impl IntoView {
    let checks = use_context::<DateChecks>();
    let parts = RwSignal::new(DateParts::from_iso(&stored.get_untracked()));
    // A date already saved, or one the person said they mean, is not asked
    // about (again).
    let confirmed = RwSignal::new(Date::parse(&stored.get_untracked()));
    // Focus left the date since it last changed: time to name a problem.
    let left = RwSignal::new(false);
    let entry = {
        let name = name.clone();
        Memo::new(move |_| {
            let entry = parts.with(|p| target_entry(p, &name, today(), confirmed.get()));
            match entry {
                TargetEntry::Confirm(d) if !confirm_past => TargetEntry::Save(d),
                other => other,
            }
        })
    };
    let keep = move || {
        let value = match entry.get_untracked() {
            TargetEntry::Clear => String::new(),
            TargetEntry::Save(d) => d.to_string(),
            TargetEntry::Confirm(_) | TargetEntry::Problem(_) => return,
        };
        if stored.get_untracked() != value {
            save.run(value);
        }
    };
    // What is saved changed elsewhere (another tab, an import): show it,
    // unless it is what the boxes already say.
    Effect::new(move |previous: Option<String>| {
        let now = stored.get();
        if previous.is_some_and(|p| p != now) {
            let shows = parts.with_untracked(|p| p.read("").ok().flatten().map(|d| d.to_string()));
            if shows.unwrap_or_default() != now {
                parts.set(DateParts::from_iso(&now));
                confirmed.set(Date::parse(&now));
            }
        }
        now
    });
    let (first_box, year_box, yes_id, change_id) = (
        format!("{prefix}-day"),
        format!("{prefix}-year"),
        format!("{prefix}-yes"),
        format!("{prefix}-change"),
    );
    if let Some(checks) = checks {
        let (prefix, yes_id, mine) = (prefix.clone(), yes_id.clone(), key.clone());
        Effect::new(move |_| {
            let problem = match entry.get() {
                TargetEntry::Problem(p) => {
                    let part = p.parts.first().map_or("day", |p| p.key());
                    Some((format!("{prefix}-{part}"), p.message))
                }
                TargetEntry::Confirm(d) => Some((
                    yes_id.clone(),
                    format!(
                        "{name} ({}) has passed: say it is the date you mean, or change it",
                        d.long()
                    ),
                )),
                _ => None,
            };
            checks.problems.update(|list| match problem {
                Some(p) => {
                    list.insert(mine.clone(), p);
                }
                None => {
                    list.remove(&mine);
                }
            });
        });
        // The page's list may be gone first (its owner disposed before
        // this one's): then there is nothing to take this date out of.
        on_cleanup(move || {
            checks.problems.try_update(|list| {
                list.remove(&key);
            });
        });
    }
    let shown = move || left.get() || checks.is_some_and(|c| c.shown.get());
    let problem = Signal::derive(move || match entry.get() {
        TargetEntry::Problem(p) if shown() => Some(p),
        _ => None,
    });
    let question = move || match entry.get() {
        TargetEntry::Confirm(d) => Some(d),
        _ => None,
    };
    let confirm_id = format!("{prefix}-confirm");
    view! {
        <DateInput
            id=prefix
            legend
            legend_class="nhsuk-fieldset__legend"
            hint
            parts
            problem
            on_change=Callback::new(move |_| {
                left.set(false);
                keep();
            })
            on_leave=Callback::new(move |_| left.set(true))
        >
            {move || question().map(|d| {
                let (yes_id, change_id, first_box, year_box) = (yes_id.clone(), change_id.clone(), first_box.clone(), year_box.clone());
                view! {
                    <div class="app-date-confirm" id=confirm_id.clone()>
                        <p class="nhsuk-body-s nhsuk-u-margin-bottom-2"><strong>{past_target_question(d, today())}</strong></p>
                        <div class="app-button-group">
                            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id=yes_id
                                on:click=move |_| {
                                    confirmed.set(Some(d));
                                    keep();
                                    focus_later(year_box.clone());
                                }>
                                {format!("Yes, keep {}", d.long())}
                            </button>
                            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id=change_id
                                on:click=move |_| focus_later(first_box.clone())>
                                "No, change it"
                            </button>
                        </div>
                    </div>
                }
            })}
        </DateInput>
    }
}

//! Starting an assessment: the organisation's name, type and date first
//! (each may be skipped); they name the assessment, and so its files.

use crate::components::date_input::DateInput;
use crate::components::focus::focus_later;
use crate::model::{DateParts, DateProblem, OrgType, StartDetails, StartError, START_DATE};
use crate::route::Page;
use crate::state::{new_id, AppState};
use leptos::prelude::*;

#[component]
pub fn StartPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let organisation = RwSignal::new(String::new());
    let org_type = RwSignal::new(None::<OrgType>);
    let date = RwSignal::new(DateParts::default());
    let problems = RwSignal::new(Vec::<StartError>::new());
    // What is open now, as the page opened: decides the words only.
    let (open_name, open_used) = state.workspace.with_untracked(|w| {
        let a = w.current();
        (
            a.name.value.clone(),
            a.has_content() || a.name.value != crate::model::DEFAULT_NAME,
        )
    });
    let begin = move |details: StartDetails| {
        let found = details.problems();
        if !found.is_empty() {
            problems.set(found);
            focus_later("start-errors");
            return;
        }
        problems.set(Vec::new());
        let (id, stamp) = (new_id(), state.stamp());
        state.change(|w| w.begin(&details, id, &stamp));
        let _ = window().location().set_hash(&Page::Tasks.href());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        begin(StartDetails {
            organisation: organisation.get_untracked(),
            org_type: org_type.get_untracked(),
            assessed_on: date.get_untracked(),
        });
    };
    let error_for = move |question: &'static str| {
        move || {
            problems.with(|p| {
                p.iter()
                    .find(|e| e.question == question)
                    .map(|e| e.message.clone())
            })
        }
    };
    let date_problem = Signal::derive(move || {
        problems.with(|p| {
            p.iter()
                .find(|e| e.question == START_DATE)
                .map(|e| DateProblem {
                    message: e.message.clone(),
                    parts: e.parts.clone(),
                })
        })
    });
    let described = move |field: &'static str, hint: &'static str| {
        move || match error_for(field)() {
            Some(_) => format!("{hint} {field}-error"),
            None => hint.to_string(),
        }
    };
    let error_message = move |field: &'static str| {
        move || {
            error_for(field)().map(|m| {
                view! {
                    <span class="nhsuk-error-message" id=format!("{field}-error")>
                        <span class="nhsuk-u-visually-hidden">"Error: "</span>{m}
                    </span>
                }
            })
        }
    };
    view! {
        {move || (!problems.with(Vec::is_empty)).then(|| view! {
            <div class="nhsuk-error-summary" aria-labelledby="start-errors-title" role="alert" tabindex="-1" id="start-errors">
                <h2 class="nhsuk-error-summary__title" id="start-errors-title">"There is a problem"</h2>
                <div class="nhsuk-error-summary__body">
                    <ul class="nhsuk-list nhsuk-error-summary__list">
                        {problems.get().into_iter().map(|e| view! {
                            <li><a href=format!("#{}", e.field) on:click=move |ev| { ev.prevent_default(); focus_later(e.field.clone()); }>{e.message}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        })}
        <h1 tabindex="-1">"About your organisation"</h1>
        {open_used.then(|| view! {
            <div class="nhsuk-inset-text" id="start-open">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>
                    "You have an assessment open: " <strong>{open_name.clone()}</strong> ". "
                    <a href=Page::Tasks.href() id="start-continue">"Continue it"</a>
                    ", or answer these questions to start a new one."
                </p>
            </div>
        })}
        <p>"These name your assessment and the files you export, and head your summary. You can skip them and add them later."</p>
        <form on:submit=submit novalidate>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error_for("start-organisation")().is_some()>
                <label class="nhsuk-label nhsuk-label--s" for="start-organisation">"Organisation name"</label>
                <div class="nhsuk-hint" id="start-organisation-hint">"For example, “Leeds Community Healthcare NHS Trust”."</div>
                {error_message("start-organisation")}
                <input class="nhsuk-input" id="start-organisation" name="organisation" type="text" autocomplete="organization"
                    aria-describedby=described("start-organisation", "start-organisation-hint")
                    prop:value=move || organisation.get() on:input=move |ev| organisation.set(event_target_value(&ev)) />
            </div>
            <div class="nhsuk-form-group">
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Type of organisation"</legend>
                    <div class="nhsuk-radios">
                        {OrgType::ALL.iter().map(|&t| {
                            let id = format!("start-type-{}", t.key());
                            view! {
                                <div class="nhsuk-radios__item">
                                    <input class="nhsuk-radios__input" id=id.clone() name="start-type" type="radio" value=t.key()
                                        prop:checked=move || org_type.get() == Some(t) on:change=move |_| org_type.set(Some(t)) />
                                    <label class="nhsuk-label nhsuk-radios__label" for=id>{t.label()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <DateInput id=START_DATE.to_string() legend=|| "Date of assessment" parts=date problem=date_problem />
            <div class="app-button-group">
                <button type="submit" class="nhsuk-button" id="start-submit">"Save and continue"</button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="start-skip"
                    on:click=move |_| begin(StartDetails::default())>
                    "Skip these questions"
                </button>
            </div>
        </form>
    }
}

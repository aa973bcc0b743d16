//! Several assessments in one browser: create, open, rename, duplicate and
//! delete (with confirmation and undo), and where the data lives.

use crate::components::focus::focus_later;
use crate::components::status::FieldErrorSummary;
use crate::content::framework;
use crate::model::{completeness, Assessment, Workspace};
use crate::state::{new_id, AppState};
use crate::storage::Health;
use leptos::prelude::*;

/// What a card is doing: showing, renaming or asking to confirm a delete.
#[derive(Clone, PartialEq)]
enum Mode {
    Show,
    Rename(String),
    ConfirmDelete(String),
}

#[component]
pub fn AssessmentsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let mode = RwSignal::new(Mode::Show);
    let ids = Memo::new(move |_| {
        state.workspace.with(|w| {
            w.assessments
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h1 tabindex="-1">"Your assessments"</h1>
        <UndoDelete />
        <p>
            "Keep one assessment per site, service or year. The one you open is what the checklists and summary show."
        </p>
        <ul class="nhsuk-list app-assessment-list">
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <li><AssessmentCard id mode /></li>
            </For>
        </ul>
        <NewAssessment />
        <WhereDataLives />
    }
}

#[component]
fn AssessmentCard(id: String, mode: RwSignal<Mode>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let card_id = id.clone();
    let assessment = Memo::new(move |_| state.workspace.with(|w| w.get(&card_id).cloned()));
    let is_current = {
        let id = id.clone();
        Memo::new(move |_| state.workspace.with(|w| w.current == id))
    };
    let heading_id = format!("assessment-{id}");
    let view_card = move |a: Assessment| {
        let id = a.id.clone();
        let c = completeness(fw, &a);
        let organisation = a.profile.organisation.value.clone();
        let changed = js_sys::Date::new(&(a.touched_at as f64).into());
        let changed = format!(
            "{} {}",
            changed.to_locale_date_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED),
            changed.to_locale_time_string("en-GB")
        );
        let (open_id, rename_id, dup_id, del_id) = (id.clone(), id.clone(), id.clone(), id.clone());
        view! {
            <dl class="nhsuk-summary-list app-assessment-facts">
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Organisation"</dt>
                    <dd class="nhsuk-summary-list__value">{if organisation.is_empty() { "Not given".to_string() } else { organisation }}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Assessed"</dt>
                    <dd class="nhsuk-summary-list__value">{format!("{} of {} elements", c.assessed, c.total)}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Last changed"</dt>
                    <dd class="nhsuk-summary-list__value">{changed}</dd>
                </div>
            </dl>
            <div class="app-button-group">
                {move || (!is_current.get()).then(|| {
                    let open_id = open_id.clone();
                    view! {
                        <button type="button" class="nhsuk-button nhsuk-button--small" on:click=move |_| {
                            state.change(|w| w.switch(&open_id));
                        }>"Open" <span class="nhsuk-u-visually-hidden">{format!(" {}", a.name.value)}</span></button>
                    }
                })}
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| {
                    mode.set(Mode::Rename(rename_id.clone()));
                    focus_later(format!("rename-{rename_id}"));
                }>"Rename"</button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| {
                    let new = new_id();
                    let stamp = state.stamp();
                    state.change(|w| w.duplicate(&dup_id, new.clone(), &stamp));
                    focus_later(format!("assessment-{new}"));
                }>"Duplicate"</button>
                <button type="button" class="nhsuk-button nhsuk-button--warning nhsuk-button--small" on:click=move |_| {
                    mode.set(Mode::ConfirmDelete(del_id.clone()));
                    focus_later(format!("confirm-delete-{del_id}"));
                }>"Delete"</button>
            </div>
        }
        .into_any()
    };
    let id_for_body = id.clone();
    let labelled_by = heading_id.clone();
    view! {
        <section class="nhsuk-card app-assessment-card" class:app-assessment-card--current=move || is_current.get() aria-labelledby=labelled_by>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id=heading_id tabindex="-1">
                    {move || assessment.get().map(|a| a.name.value).unwrap_or_default()}
                    {move || is_current.get().then(|| view! { " " <strong class="nhsuk-tag app-tag app-tag--current">"Open"</strong> })}
                </h2>
                {move || {
                    let Some(a) = assessment.get() else { return ().into_any() };
                    match mode.get() {
                        Mode::Rename(ref target) if *target == id_for_body => view! { <RenameForm assessment=a mode /> }.into_any(),
                        Mode::ConfirmDelete(ref target) if *target == id_for_body => view! { <ConfirmDelete assessment=a mode /> }.into_any(),
                        _ => view_card(a),
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn RenameForm(assessment: Assessment, mode: RwSignal<Mode>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = assessment.id.clone();
    let name = RwSignal::new(assessment.name.value.clone());
    let error = RwSignal::new(false);
    let input_id = format!("rename-{id}");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new_name = name.get_untracked().trim().to_string();
        if new_name.is_empty() {
            error.set(true);
            focus_later(format!("rename-{id}-summary"));
            return;
        }
        let stamp = state.stamp();
        state.change(|w| w.rename(&id, new_name, &stamp));
        mode.set(Mode::Show);
        focus_later(format!("assessment-{id}"));
    };
    let error_id = format!("{input_id}-error");
    let described = error_id.clone();
    let summary_id = format!("{input_id}-summary");
    let summary_field = input_id.clone();
    view! {
        {move || error.get().then(|| view! {
            <FieldErrorSummary id=summary_id.clone() field=summary_field.clone() message="Enter a name for the assessment" />
        })}
        <form on:submit=save novalidate>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error.get()>
                <label class="nhsuk-label" for=input_id.clone()>"New name"</label>
                {move || error.get().then(|| view! {
                    <span class="nhsuk-error-message" id=error_id.clone()>
                        <span class="nhsuk-u-visually-hidden">"Error: "</span>"Enter a name for the assessment"
                    </span>
                })}
                <input class="nhsuk-input" class:nhsuk-input--error=move || error.get() id=input_id.clone() type="text"
                    aria-describedby=move || error.get().then(|| described.clone())
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </div>
            <div class="app-button-group">
                <button type="submit" class="nhsuk-button nhsuk-button--small">"Save name"</button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| mode.set(Mode::Show)>"Cancel"</button>
            </div>
        </form>
    }
}

#[component]
fn ConfirmDelete(assessment: Assessment, mode: RwSignal<Mode>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = assessment.id.clone();
    let name = assessment.name.value.clone();
    // Whether this assessment has a shared folder, and if so what to do
    // with this browser's copy in it.
    let folder = RwSignal::new(None::<String>);
    let stop = RwSignal::new(false);
    let looked = id.clone();
    if use_context::<crate::sync::FolderSync>().is_some() {
        leptos::task::spawn_local(async move {
            if let Ok(Some(handle)) = crate::folder::remembered(&looked).await {
                let _ = folder.try_set(Some(crate::folder::name_of(&handle)));
            }
        });
    }
    let for_folder = assessment.clone();
    let group_id = format!("folder-choice-{}", assessment.id);
    let delete = move |_| {
        if folder.get_untracked().is_some() {
            let a = for_folder.clone();
            let stopping = stop.get_untracked();
            leptos::task::spawn_local(async move {
                if let Err(message) = crate::sync::FolderSync::stop_sharing(&a, stopping).await {
                    state.notice.set(Some(message));
                }
            });
        }
        let mut removed = None;
        let stamp = state.stamp();
        state.change(|w: &mut Workspace| {
            removed = w.delete(&id, new_id(), &stamp);
            removed.is_some()
        });
        state.undo_delete.set(removed);
        mode.set(Mode::Show);
        focus_later("undo-delete");
    };
    view! {
        <div class="nhsuk-warning-callout" id=format!("confirm-delete-{}", assessment.id) tabindex="-1">
            <h3 class="nhsuk-warning-callout__label">
                <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>{format!("Delete ‘{name}’?")}</span>
            </h3>
            <p>"All its answers, notes and actions will be removed from this browser. You can undo this straight after."</p>
            {move || folder.get().map(|f| {
                let group = group_id.clone();
                view! {
                    <div class="nhsuk-form-group">
                        <fieldset class="nhsuk-fieldset" aria-describedby=format!("{group}-hint")>
                            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{format!("It is shared through the folder ‘{f}’")}</legend>
                            <div class="nhsuk-hint" id=format!("{group}-hint")>"Colleagues keep their own copies whichever you choose."</div>
                            <div class="nhsuk-radios">
                                <div class="nhsuk-radios__item">
                                    <input class="nhsuk-radios__input" id=format!("{group}-leave") name=group.clone() type="radio" prop:checked=move || !stop.get() on:change=move |_| stop.set(false) />
                                    <label class="nhsuk-label nhsuk-radios__label" for=format!("{group}-leave")>"Leave the shared copies alone"</label>
                                </div>
                                <div class="nhsuk-radios__item">
                                    <input class="nhsuk-radios__input" id=format!("{group}-stop") name=group.clone() type="radio" prop:checked=move || stop.get() on:change=move |_| stop.set(true) />
                                    <label class="nhsuk-label nhsuk-radios__label" for=format!("{group}-stop")>"Stop sharing: remove my copy from the folder"</label>
                                </div>
                            </div>
                        </fieldset>
                    </div>
                }
            })}
            <div class="app-button-group">
                <button type="button" class="nhsuk-button nhsuk-button--warning nhsuk-button--small" on:click=delete>"Yes, delete it"</button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| mode.set(Mode::Show)>"Cancel"</button>
            </div>
        </div>
    }
}

#[component]
fn UndoDelete() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.undo_delete.get().map(|deleted| {
            let name = deleted.assessment.name.value.clone();
            let undo = move |_| {
                let deleted = deleted.clone();
                let id = deleted.assessment.id.clone();
                let stamp = state.stamp();
                state.change(|w| {
                    w.restore(deleted, &stamp);
                    true
                });
                state.undo_delete.set(None);
                focus_later(format!("assessment-{id}"));
            };
            view! {
                <div class="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" id="undo-delete" tabindex="-1" aria-labelledby="undo-delete-title">
                    <div class="nhsuk-notification-banner__header">
                        <h2 class="nhsuk-notification-banner__title" id="undo-delete-title">"Success"</h2>
                    </div>
                    <div class="nhsuk-notification-banner__content">
                        <p class="nhsuk-notification-banner__heading">{format!("‘{name}’ was deleted")}</p>
                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=undo>
                            "Undo delete"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

#[component]
fn NewAssessment() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_string();
        if value.is_empty() {
            error.set(true);
            focus_later("new-assessment-summary");
            return;
        }
        error.set(false);
        let id = new_id();
        let stamp = state.stamp();
        state.change(|w| {
            w.create(id.clone(), value, &stamp);
            true
        });
        name.set(String::new());
        focus_later(format!("assessment-{id}"));
    };
    view! {
        <h2 id="new-assessment">"Start a new assessment"</h2>
        {move || error.get().then(|| view! {
            <FieldErrorSummary id="new-assessment-summary".to_string() field="new-assessment-name".to_string() message="Enter a name for the new assessment" />
        })}
        <form on:submit=create novalidate>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error.get()>
                <label class="nhsuk-label" for="new-assessment-name">"Name"</label>
                <div class="nhsuk-hint" id="new-assessment-name-hint">"For example, “Main hospital site 2027”."</div>
                {move || error.get().then(|| view! {
                    <span class="nhsuk-error-message" id="new-assessment-name-error">
                        <span class="nhsuk-u-visually-hidden">"Error: "</span>"Enter a name for the new assessment"
                    </span>
                })}
                <input class="nhsuk-input" class:nhsuk-input--error=move || error.get() id="new-assessment-name" type="text"
                    aria-describedby=move || if error.get() { "new-assessment-name-hint new-assessment-name-error" } else { "new-assessment-name-hint" }
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="nhsuk-button">"Start new assessment"</button>
        </form>
    }
}

#[component]
fn WhereDataLives() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h2 id="your-data">"Where your answers are kept"</h2>
        <p>
            "Only in this browser, on this device. Nothing is sent anywhere: there is no account and no server, and nobody else can see your answers unless they use this browser profile."
        </p>
        <p>"Clearing this browser’s history or site data deletes them, and so does a private window when you close it."</p>
        <p id="persistence-status">
            {move || match (state.health.get(), state.persisted.get()) {
                (Health::Saving, Some(true)) => "This browser has agreed to keep your answers until you delete them.",
                (Health::Saving, _) => "This browser may delete your answers if it runs short of space.",
                _ => "Your answers are not being saved at the moment: see the message at the top of the page.",
            }}
        </p>
    }
}

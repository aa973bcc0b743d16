//! Answers holding two or more versions (written at once in two tabs, or in
//! colleagues' copies that were merged): every version is shown where the
//! answer lives, with when it was written and a button to keep it. Until
//! the person chooses (or types a new answer, which replaces them all),
//! nothing picks one for them.

use crate::model::{Field, FieldValue, FieldVersion, Timestamp};
use crate::state::AppState;
use leptos::prelude::*;

/// A time as the person's browser shows dates and times, in British English.
pub fn when(at: Timestamp) -> String {
    let d = js_sys::Date::new(&(at as f64).into());
    format!(
        "{} at {}",
        d.to_locale_date_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED),
        d.to_locale_time_string("en-GB")
    )
}

/// A field's value as words: dates as a person writes them, empty text
/// said plainly (the model decides; see `Field::shown`).
pub fn shown(field: &Field, value: &FieldValue) -> String {
    field.shown(value)
}

/// The versions of each of `fields` in the open assessment that holds more
/// than one. `id` names the panel (and its status line) on the page.
#[component]
pub fn Versions(id: String, fields: Vec<Field>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let kept = RwSignal::new(None::<String>);
    let found = Memo::new(move |_| {
        state.workspace.with(|w| {
            fields
                .iter()
                .filter_map(|f| {
                    let versions = f.values(w.current());
                    (versions.len() > 1).then(|| (f.clone(), versions))
                })
                .collect::<Vec<(Field, Vec<FieldVersion>)>>()
        })
    });
    let panel_id = id.clone();
    view! {
        <p class="nhsuk-u-visually-hidden" role="status" id=format!("{id}-status")>{move || kept.get()}</p>
        {move || {
            let found = found.get();
            (!found.is_empty()).then(|| {
                let items = found.into_iter().map(|(field, versions)| {
                    let label = field.label();
                    let count = versions.len();
                    let rows = versions.into_iter().enumerate().map(|(i, v)| {
                        let (field, value) = (field.clone(), v.value.clone());
                        let words = shown(&field, &v.value);
                        let said = format!("Kept ‘{}’ for {}.", clip(&words), field.label());
                        let at = v.at.map(|t| format!("Changed {}", when(t))).unwrap_or_default();
                        view! {
                            <li class="app-versions__version">
                                <p class="app-pre-wrap app-versions__value">{words}</p>
                                <p class="nhsuk-body-s app-versions__when">{at}</p>
                                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-versions__keep"
                                    on:click=move |_| {
                                        state.keep_version(&field, &value);
                                        kept.set(Some(said.clone()));
                                    }>
                                    "Keep this version"
                                    <span class="nhsuk-u-visually-hidden">{format!(" ({} of {count}) for {}", i + 1, field.label())}</span>
                                </button>
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <p class="nhsuk-body app-versions__what">{format!("{label}: {count} versions were saved at the same time in different places (two tabs, or colleagues’ copies merged). Keep one, or change the answer: what you enter replaces them all.")}</p>
                        <ul class="nhsuk-list app-versions__list">{rows}</ul>
                    }
                }).collect_view();
                view! {
                    <div class="nhsuk-warning-callout app-versions" id=panel_id.clone()>
                        <h3 class="nhsuk-warning-callout__label">
                            <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Two versions to choose from"</span>
                        </h3>
                        {items}
                    </div>
                }
            })
        }}
    }
}

fn clip(s: &str) -> String {
    let short: String = s.chars().take(60).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Where an answer is changed, to link to it.
pub fn place_of(field: &Field) -> String {
    use crate::route::{progress_link, rate_link, Page};
    match field.element() {
        Some(id) if field.is_progress() => progress_link(id),
        Some(id) => rate_link(id),
        None if *field == Field::Commentary => Page::Board.href(),
        None if *field == Field::Name => Page::Assessments.href(),
        None => Page::Organisation.href(),
    }
}

/// On the task list and the check pages: how many answers hold two
/// versions, each linked to where it is settled. `progress`: only the
/// progress checklist's (`Some(true)`), only the self-assessment's
/// (`Some(false)`), or all (`None`).
#[component]
pub fn VersionsNotice(#[prop(optional)] progress: Option<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let found = Memo::new(move |_| {
        state.workspace.with(|w| {
            w.current()
                .conflicted()
                .into_iter()
                .filter(|f| match progress {
                    None => true,
                    Some(p) => f.element().is_some() && f.is_progress() == p,
                })
                .collect::<Vec<Field>>()
        })
    });
    move || {
        let found = found.get();
        let n = found.len();
        (n > 0).then(|| view! {
            <div class="nhsuk-warning-callout" id="versions-notice">
                <h2 class="nhsuk-warning-callout__label">
                    <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>
                    {if n == 1 { "1 answer has two versions".to_string() } else { format!("{n} answers have two versions") }}</span>
                </h2>
                <p>"They were saved at the same time in different places (two tabs, or colleagues’ copies merged). Choose which to keep for each:"</p>
                <ul class="nhsuk-list nhsuk-list--bullet">
                    {found.into_iter().map(|f| view! { <li><a href=place_of(&f)>{f.label()}</a></li> }).collect_view()}
                </ul>
            </div>
        })
    }
}

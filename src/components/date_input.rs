//! The NHS.UK date input: a fieldset with day, month and year boxes, each
//! labelled, and the problem (decided in `model::date_input`) at the field.

use crate::model::{DatePart, DateParts, DateProblem};
use leptos::prelude::*;

/// The hint NHS.UK gives under a date question.
pub const DATE_HINT: &str = "For example, 15 1 2027";

#[component]
pub fn DateInput(
    /// Prefix of the boxes' ids: "{id}-day", "{id}-month", "{id}-year".
    id: String,
    #[prop(into)] legend: ViewFn,
    #[prop(default = "nhsuk-fieldset__legend nhsuk-fieldset__legend--s")]
    legend_class: &'static str,
    #[prop(default = DATE_HINT.to_string(), into)] hint: String,
    /// What is in the boxes, as typed.
    parts: RwSignal<DateParts>,
    /// The problem to show at the field, if any.
    #[prop(into)]
    problem: Signal<Option<DateProblem>>,
    /// Called after each change to a box.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
    /// Called when focus leaves the three boxes (and anything in
    /// `children`), the moment to check what was typed.
    #[prop(optional)]
    on_leave: Option<Callback<()>>,
    /// Drawn under the boxes, inside the group (a question about the date).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let group_id = format!("{id}-group");
    let has_error = move || problem.with(Option::is_some);
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if has_error() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let leave = {
        let group_id = group_id.clone();
        move |_: leptos::ev::FocusEvent| {
            let Some(on_leave) = on_leave else { return };
            let selector = format!("#{group_id}");
            // Focus has not moved yet when focusout fires: look a frame later.
            let group_id = group_id.clone();
            request_animation_frame(move || {
                // Removed with its page (leaving a page blurs the focused
                // box): its callback's owner is gone, so do nothing.
                if document().get_element_by_id(&group_id).is_none() {
                    return;
                }
                let inside = document()
                    .active_element()
                    .and_then(|a| a.closest(&selector).ok().flatten())
                    .is_some();
                if !inside {
                    on_leave.run(());
                }
            });
        }
    };
    let boxes = DatePart::ALL
        .into_iter()
        .map(|part| {
            let box_id = format!("{id}-{}", part.key());
            let width = if part == DatePart::Year { 4 } else { 2 };
            let marked = move || problem.with(|p| p.as_ref().is_some_and(|p| p.parts.contains(&part)));
            view! {
                <div class="nhsuk-date-input__item">
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label nhsuk-date-input__label" for=box_id.clone()>{part.label()}</label>
                        <input
                            class=format!("nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}")
                            class:nhsuk-input--error=marked
                            id=box_id.clone()
                            name=box_id
                            type="text"
                            inputmode=if part == DatePart::Month { "text" } else { "numeric" }
                            autocomplete="off"
                            prop:value=move || parts.with(|p| p.get(part).to_string())
                            on:input=move |ev| {
                                parts.update(|p| p.set(part, event_target_value(&ev)));
                                if let Some(f) = on_change {
                                    f.run(());
                                }
                            }
                        />
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="nhsuk-form-group app-date-group" class:nhsuk-form-group--error=has_error id=group_id on:focusout=leave>
            <fieldset class="nhsuk-fieldset" role="group" aria-describedby=described>
                <legend class=legend_class>{legend.run()}</legend>
                <div class="nhsuk-hint" id=hint_id>{hint}</div>
                {move || problem.get().map(|p| view! {
                    <span class="nhsuk-error-message" id=error_id.clone()>
                        <span class="nhsuk-u-visually-hidden">"Error: "</span>{p.message}
                    </span>
                })}
                <div class="nhsuk-date-input" id=id>{boxes}</div>
            </fieldset>
            {children.map(|c| c())}
        </div>
    }
}

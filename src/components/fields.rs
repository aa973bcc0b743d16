//! NHS.UK form fields bound to the model: each shows a value signal and
//! reports edits through a callback.

use crate::model::limits::{fits, MAX_SHORT_CHARS, MAX_TEXT_CHARS, WARN_WHEN_LEFT};
use leptos::prelude::*;

/// The reminder beside every free-text field.
pub const PRIVACY_HINT: &str =
    "Do not include anything that could identify individual staff or service users.";

#[component]
pub fn TextArea(
    id: String,
    #[prop(into)] label: ViewFn,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(default = 3)] rows: u32,
    /// Most characters the model accepts (the NHS character count pattern:
    /// the count appears near the limit; over it, an error, and not saved).
    #[prop(default = MAX_TEXT_CHARS)]
    limit: usize,
    /// The id of the page's privacy reminder, when the page says it once
    /// (the box points to it for screen readers); otherwise the hint says it.
    #[prop(optional)]
    privacy: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let count_id = format!("{id}-count");
    let hint = match (hint, privacy) {
        (Some(h), Some(_)) => Some(h),
        (Some(h), None) => Some(format!("{h} {PRIVACY_HINT}")),
        (None, Some(_)) => None,
        (None, None) => Some(PRIVACY_HINT.into()),
    };
    // What is in the box, which may be over the limit and so not saved.
    let typed = RwSignal::new(value.with_untracked(|v| v.chars().count()));
    Effect::new(move |_| typed.set(value.with(|v| v.chars().count())));
    let over = move || typed.get() > limit;
    let count = move || {
        let n = typed.get();
        if n > limit {
            let extra = n - limit;
            Some(format!(
                "You have {extra} {} too many. This text is not saved until it is {limit} characters or fewer.",
                if extra == 1 { "character" } else { "characters" }
            ))
        } else if limit - n <= WARN_WHEN_LEFT {
            Some(format!("You have {} characters remaining", limit - n))
        } else {
            None
        }
    };
    let described = [
        hint.as_ref().map(|_| hint_id.as_str()),
        privacy,
        Some(count_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=over>
            <label class="nhsuk-label" for=id.clone()>{label.run()}</label>
            {hint.map(|h| view! { <div class="nhsuk-hint" id=hint_id.clone()>{h}</div> })}
            <textarea
                class="nhsuk-textarea"
                class:nhsuk-textarea--error=over
                id=id.clone()
                name=id
                rows=rows
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    typed.set(text.chars().count());
                    if fits(&text, limit) {
                        on_input.run(text);
                    }
                }
            ></textarea>
            <div
                id=count_id
                aria-live="polite"
                class=move || if over() { "nhsuk-error-message app-count" } else { "nhsuk-hint app-count" }
            >
                {count}
            </div>
        </div>
    }
}

#[component]
pub fn TextInput(
    id: String,
    #[prop(into)] label: ViewFn,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "nhsuk-input")] class: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for=id.clone()>{label.run()}</label>
            {hint.map(|h| view! { <div class="nhsuk-hint" id=hint_id.clone()>{h}</div> })}
            <input
                class=class
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete.unwrap_or("off")
                maxlength=MAX_SHORT_CHARS
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </div>
    }
}

/// A radio group in a fieldset with a legend. `options` are (key, label).
#[component]
pub fn Radios(
    name: String,
    #[prop(into)] legend: ViewFn,
    #[prop(default = "nhsuk-fieldset__legend nhsuk-fieldset__legend--s")]
    legend_class: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] selected: Signal<&'static str>,
    on_change: Callback<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = false)] inline: bool,
    /// Shown beside the legend but not in it (a chosen rating's tag), so
    /// the group's name stays the question whatever the answer.
    #[prop(optional, into)]
    beside_legend: Option<ViewFn>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <fieldset class="nhsuk-fieldset" aria-describedby=described>
            <legend class=legend_class>{legend.run()}</legend>
            {beside_legend.map(|v| v.run())}
            {hint.map(|h| view! { <div class="nhsuk-hint" id=hint_id.clone()>{h}</div> })}
            <div class="nhsuk-radios" class:nhsuk-radios--inline=inline>
                {options
                    .into_iter()
                    .map(|(key, label)| {
                        let id = format!("{name}-{key}");
                        view! {
                            <div class="nhsuk-radios__item">
                                <input
                                    class="nhsuk-radios__input"
                                    id=id.clone()
                                    name=name.clone()
                                    type="radio"
                                    value=key
                                    prop:checked=move || selected.get() == key
                                    on:change=move |_| on_change.run(key)
                                />
                                <label class="nhsuk-label nhsuk-radios__label" for=id>
                                    {label}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

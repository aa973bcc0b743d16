//! "A note on language": the publication's definitions.

use crate::components::rich_text::Rich;
use crate::content::framework;
use leptos::prelude::*;

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let glossary = &framework().glossary;
    view! {
        <h1 tabindex="-1">{glossary.heading.as_str()}</h1>
        <p class="nhsuk-lede-text">"The framework uses these terms."</p>
        <dl class="nhsuk-summary-list app-glossary">
            {glossary
                .terms
                .iter()
                .map(|t| {
                    view! {
                        <div class="nhsuk-summary-list__row">
                            <dt class="nhsuk-summary-list__key">{t.term.as_str()}</dt>
                            <dd class="nhsuk-summary-list__value"><Rich text=&t.definition /></dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

//! Further reading listed by the publication, grouped as it groups them.

use crate::components::rich_text::Rich;
use crate::content::framework;
use leptos::prelude::*;

#[component]
pub fn ResourcesPage() -> impl IntoView {
    let fw = framework();
    view! {
        <h1 tabindex="-1">"Resources"</h1>
        <p class="nhsuk-lede-text">
            "Further reading from the publication. These links go to other websites and open in this tab."
        </p>
        {fw
            .resources
            .iter()
            .map(|group| {
                view! {
                    <h2>{group.heading.as_str()}</h2>
                    <ul class="nhsuk-list nhsuk-list--bullet">
                        {group.items.iter().map(|i| view! { <li><Rich text=i /></li> }).collect_view()}
                    </ul>
                }
            })
            .collect_view()}
    }
}

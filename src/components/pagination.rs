//! The NHS.UK pagination pattern: previous and next pages, with titles.

use leptos::prelude::*;

const LEFT: &str = "M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z";
const RIGHT: &str = "m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z";

/// A link to another page: its address and its title.
pub type PageLink = (String, String);

#[component]
pub fn Pagination(
    /// What the pages are, for the landmark and screen readers ("pillar").
    of: &'static str,
    previous: Option<PageLink>,
    next: Option<PageLink>,
) -> impl IntoView {
    let link = move |(href, title): PageLink, prev: bool| {
        let (label, item, class, arrow, path, rel) = if prev {
            (
                "Previous",
                "nhsuk-pagination-item--previous",
                "nhsuk-pagination__link nhsuk-pagination__link--prev",
                "left",
                LEFT,
                "prev",
            )
        } else {
            (
                "Next",
                "nhsuk-pagination-item--next",
                "nhsuk-pagination__link nhsuk-pagination__link--next",
                "right",
                RIGHT,
                "next",
            )
        };
        view! {
            <li class=item>
                <a class=class href=href rel=rel>
                    <span class="nhsuk-pagination__title">
                        {label}<span class="nhsuk-u-visually-hidden">{format!(" {of}")}</span>
                    </span>
                    <span class="nhsuk-u-visually-hidden">": "</span>
                    <span class="nhsuk-pagination__page">{title}</span>
                    <svg class=format!("nhsuk-icon nhsuk-icon--arrow-{arrow}") xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
                        <path d=path></path>
                    </svg>
                </a>
            </li>
        }
    };
    let label = format!("{}s", capitalise(of));
    view! {
        <nav class="nhsuk-pagination" role="navigation" aria-label=label>
            <ul class="nhsuk-list nhsuk-pagination__list">
                {previous.map(|l| link(l, true))}
                {next.map(|l| link(l, false))}
            </ul>
        </nav>
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

//! Content strings drawn as text nodes and links, never as HTML.

use crate::content::{framework, Block};
use crate::markup::{parse_inline, Inline};
use crate::route::{Location, Page};
use leptos::prelude::*;

/// One content string with its inline links and footnote references.
#[component]
pub fn Rich(text: &'static str) -> impl IntoView {
    // Content is validated by a native test; if it were ever malformed the
    // reader still gets the words, just without links.
    let parts = parse_inline(text).unwrap_or_else(|_| vec![Inline::Text(text.to_string())]);
    parts
        .into_iter()
        .map(|part| match part {
            Inline::Text(text) => text.into_any(),
            Inline::Link { text, url } => {
                view! { <ExternalLink href=url>{text}</ExternalLink> }.into_any()
            }
            Inline::FootnoteRef(id) => view! { <FootnoteRef id /> }.into_any(),
        })
        .collect_view()
}

/// A link that leaves the app: same tab, marked visibly and for screen readers.
#[component]
pub fn ExternalLink(#[prop(into)] href: String, children: Children) -> impl IntoView {
    view! {
        <a class="app-external-link" href=href rel="external noreferrer">
            {children()}
            <span class="nhsuk-u-visually-hidden">" (external website)"</span>
            <svg
                class="app-external-link__icon"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 24 24"
                width="16"
                height="16"
                aria-hidden="true"
                focusable="false"
            >
                <path d="M14 3h7v7h-2V6.4l-9.3 9.3-1.4-1.4L17.6 5H14V3Zm-9 2h6v2H6v11h11v-5h2v6a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Z"></path>
            </svg>
        </a>
    }
}

#[component]
fn FootnoteRef(id: String) -> impl IntoView {
    let href = Location::at(Page::Overview, format!("footnote-{id}")).href();
    view! {
        <sup class="app-footnote-ref">
            <a id=format!("footnote-ref-{id}") href=href>
                <span class="nhsuk-u-visually-hidden">"Reference "</span>
                {format!("[{id}]")}
            </a>
        </sup>
    }
}

/// Body text: paragraphs, bullet lists and the list of pillars.
#[component]
pub fn Blocks(blocks: &'static [Block]) -> impl IntoView {
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(text) => view! { <p><Rich text=text /></p> }.into_any(),
            Block::List(items) => view! {
                <ul class="nhsuk-list nhsuk-list--bullet">
                    {items.iter().map(|i| view! { <li><Rich text=i /></li> }).collect_view()}
                </ul>
            }
            .into_any(),
            Block::PillarList => view! { <PillarList /> }.into_any(),
        })
        .collect_view()
}

/// The six pillars, each linking to its page.
#[component]
pub fn PillarList() -> impl IntoView {
    let fw = framework();
    view! {
        <ol class="nhsuk-list app-pillar-list">
            {fw
                .pillars
                .iter()
                .map(|p| {
                    view! {
                        <li>
                            <a href=Page::Pillar(p.id).href()>
                                <span class="app-pillar-list__number">{format!("Pillar {}", p.id)}</span>
                                <span class="nhsuk-u-visually-hidden">": "</span>
                                <span class="app-pillar-list__title">{p.title.as_str()}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

//! One pillar: how it is demonstrated, each element's recommendation and
//! learning, challenges and summary, then previous/next.

use crate::components::pagination::Pagination;
use crate::components::rating::RatingTag;
use crate::components::rich_text::{Blocks, Rich};
use crate::content::{framework, Element};
use crate::route::{element_anchor, neighbours, rate_link, Location, Page};
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn PillarPage(id: u8) -> impl IntoView {
    let fw = framework();
    let Some(pillar) = fw.pillar(id) else {
        return view! { <super::NotFoundPage /> }.into_any();
    };
    let (previous, next) = neighbours(fw, id);
    view! {
        <h1 tabindex="-1">
            <span class="nhsuk-caption-l">
                {format!("Pillar {id}")}
                <span class="nhsuk-u-visually-hidden">": "</span>
            </span>
            {pillar.title.as_str()}
        </h1>

        <h2 id="how-this-is-demonstrated">"How this is demonstrated"</h2>
        <ol class="nhsuk-list app-element-list">
            {pillar
                .elements
                .iter()
                .map(|e| {
                    let href = Location::at(Page::Pillar(id), element_anchor(&e.id)).href();
                    view! {
                        <li>
                            <a href=href>
                                <span class="app-element-number">{e.id.as_str()}</span>
                                " "
                                <Rich text=&e.statement />
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ol>

        {pillar.elements.iter().map(|e| view! { <ElementSection element=e /> }).collect_view()}

        <h2 id="challenges">"Potential challenges to anticipate"</h2>
        <ul class="nhsuk-list nhsuk-list--bullet">
            {pillar.challenges.iter().map(|c| view! { <li><Rich text=c /></li> }).collect_view()}
        </ul>

        <h2 id="summary">"Summary"</h2>
        <ul class="nhsuk-list nhsuk-list--tick">
            {pillar
                .summary
                .iter()
                .map(|s| view! { <li><TickIcon /><Rich text=s /></li> })
                .collect_view()}
        </ul>

        <Pagination
            of="pillar"
            previous=previous.map(|id| (Page::Pillar(id).href(), Page::Pillar(id).heading(fw)))
            next=next.map(|id| (Page::Pillar(id).href(), Page::Pillar(id).heading(fw)))
        />
    }
    .into_any()
}

#[component]
fn ElementSection(element: &'static Element) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = element.id.as_str();
    let rating = Memo::new(move |_| state.workspace.with(|w| w.current().rating(id)));
    view! {
        <section class="app-element" aria-labelledby=element_anchor(&element.id)>
            <h2 class="nhsuk-heading-m" id=element_anchor(&element.id) tabindex="-1">
                <span class="app-element-number">{element.id.as_str()}</span>
                " "
                <Rich text=&element.statement />
            </h2>
            <p class="app-element-status">
                "Your rating: " <RatingTag rating=rating /> " "
                <a href=rate_link(id)>"Rate this element"<span class="nhsuk-u-visually-hidden">{format!(" ({id})")}</span></a>
            </p>
            <div class="nhsuk-card nhsuk-card--feature app-recommendation">
                <div class="nhsuk-card__content nhsuk-card__content--feature">
                    <h3 class="nhsuk-card__heading nhsuk-card__heading--feature">
                        {element.recommendation_heading.as_str()}
                    </h3>
                    {element.recommendation.iter().map(|p| view! { <p><Rich text=p /></p> }).collect_view()}
                </div>
            </div>
            <h3>"Learning from pilot sites"</h3>
            <Blocks blocks=&element.learning />
        </section>
    }
}

#[component]
fn TickIcon() -> impl IntoView {
    view! {
        <svg class="nhsuk-icon nhsuk-icon--tick" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
            <path d="M11.4 18.8a2 2 0 0 1-2.7.1h-.1L4 14.1a1.5 1.5 0 0 1 2.1-2L10 16l8.1-8.1a1.5 1.5 0 1 1 2.2 2l-8.9 9Z"></path>
        </svg>
    }
}

//! The landing page: what the framework is, who made it, how to use it, and
//! the six pillars.

use crate::components::rich_text::{Blocks, ExternalLink, PillarList, Rich};
use crate::content::framework;
use crate::route::{Location, Page};
use leptos::prelude::*;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let fw = framework();
    let sections = fw.sections.iter().map(|s| {
        let heading = s.heading.as_str();
        let heading = if s.level == 2 {
            view! { <h2 id=s.id.as_str()>{heading}</h2> }.into_any()
        } else {
            view! { <h3 id=s.id.as_str()>{heading}</h3> }.into_any()
        };
        view! { {heading} <Blocks blocks=&s.blocks /> }
    });
    view! {
        <h1 tabindex="-1">{fw.title.as_str()}</h1>
        <p class="nhsuk-lede-text"><Rich text=&fw.strapline /></p>
        <a class="nhsuk-button app-start" href=Page::Start.href() role="button" draggable="false" id="start-now">
            "Start now"
            <span class="nhsuk-u-visually-hidden">": complete your assessment"</span>
        </a>
        <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p>
                "This is an interactive version of the framework published by the "
                {fw.publisher.as_str()}
                "’s Health and Care LGBTQ+ Leaders Network, developed with the NHS Confederation’s Mental Health Network. "
                <ExternalLink href=fw.source_url.as_str()>"Read the original publication"</ExternalLink>
                "."
            </p>
        </div>

        <h2 id="start">"Using this app"</h2>
        <ul class="nhsuk-list nhsuk-list--bullet">
            <li><a href=Page::RATE.href()>"Rate your organisation"</a>" on the traffic-light self-assessment, then track each recommendation on the "<a href=Page::RECORD.href()>"progress checklist"</a>"."</li>
            <li>"See where to focus first on the "<a href=Page::Summary.href()>"summary"</a>", and save "<a href=Page::Rounds.href()>"review rounds"</a>" to follow progress over time."</li>
            <li><a href=Page::Share.href()>"Share your work by file"</a>" with colleagues, or "<a href=Page::Compare.href()>"compare organisations"</a>" from their files."</li>
            <li>"Your answers stay in this browser on this device: nothing is sent anywhere."</li>
        </ul>

        <h2 id="the-pillars">"The six pillars"</h2>
        <p><Rich text=&fw.pillars_intro /></p>
        <PillarList />

        {sections.collect_view()}

        <h2 id="about">"About the NHS Confederation"</h2>
        {fw.about.iter().map(|p| view! { <p><Rich text=p /></p> }).collect_view()}

        <h2 id="references">"References"</h2>
        <ol class="nhsuk-list app-footnotes">
            {fw
                .footnotes
                .iter()
                .map(|f| {
                    let back = Location::at(Page::Overview, format!("footnote-ref-{}", f.id)).href();
                    view! {
                        <li id=format!("footnote-{}", f.id) tabindex="-1">
                            <span class="app-footnotes__number">{format!("[{}] ", f.id)}</span>
                            <ExternalLink href=f.url.as_str()>{f.text.as_str()}</ExternalLink>
                            " "
                            <a href=back class="app-footnotes__back">
                                "Back to text"
                                <span class="nhsuk-u-visually-hidden">{format!(" for reference {}", f.id)}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

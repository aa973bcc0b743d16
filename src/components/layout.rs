//! The frame around every page: skip link, header, breadcrumb, footer.

use crate::content::framework;
use crate::route::{Page, SERVICE_NAME};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Skips to `<main>` without touching the URL, so a refresh keeps the page.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("maincontent") {
            let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    view! {
        <a class="nhsuk-skip-link" href="#maincontent" on:click=skip>
            "Skip to main content"
        </a>
    }
}

const NAV: [(&str, Page); 6] = [
    ("Framework", Page::Overview),
    ("Self-assessment", Page::RATE),
    ("Progress checklist", Page::RECORD),
    ("Summary", Page::Summary),
    ("Your assessments", Page::Assessments),
    ("Share", Page::Share),
];

#[component]
pub fn Header(page: Memo<Page>) -> impl IntoView {
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-name app-service-name" href=Page::Overview.href()>
                        {SERVICE_NAME}
                    </a>
                </div>
            </div>
            <nav class="nhsuk-header__navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list app-navigation-list">
                        {NAV
                            .iter()
                            .map(|&(label, target)| {
                                let current = move || page.get().same_kind(target);
                                view! {
                                    <li
                                        class="nhsuk-header__navigation-item"
                                        class:nhsuk-header__navigation-item--current=current
                                    >
                                        <a
                                            class="nhsuk-header__navigation-link"
                                            href=target.href()
                                            aria-current=move || current().then_some("page")
                                        >
                                            {label}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </nav>
        </header>
    }
}

/// Parent pages, with the NHS.UK mobile back link: the checklists' pages
/// sit under the task list, the assessment's home.
#[component]
pub fn Breadcrumb(page: Memo<Page>) -> impl IntoView {
    move || {
        let page = page.get();
        (page != Page::Overview).then(|| {
            let tasks = matches!(
                page,
                Page::SelfAssessment(_) | Page::Progress(_) | Page::Actions
            );
            let (back, back_label) = if tasks {
                (Page::Tasks.href(), "Your tasks")
            } else {
                (Page::Overview.href(), "Overview")
            };
            view! {
                <nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">
                    <ol class="nhsuk-breadcrumb__list">
                        <li class="nhsuk-breadcrumb__list-item">
                            <a class="nhsuk-breadcrumb__link" href=Page::Overview.href()>
                                "Overview"
                            </a>
                        </li>
                        {tasks.then(|| view! {
                            <li class="nhsuk-breadcrumb__list-item">
                                <a class="nhsuk-breadcrumb__link" href=Page::Tasks.href()>"Your tasks"</a>
                            </li>
                        })}
                    </ol>
                    <a class="nhsuk-back-link" href=back>
                        <span class="nhsuk-u-visually-hidden">"Back to "</span>
                        {back_label}
                    </a>
                </nav>
            }
        })
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let fw = framework();
    view! {
        <footer class="nhsuk-footer" role="contentinfo">
            <div class="nhsuk-width-container">
                <div class="nhsuk-footer__meta">
                    <h2 class="nhsuk-u-visually-hidden">"Support links"</h2>
                    <ul class="nhsuk-footer__list">
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=fw.source_url.as_str() rel="external noreferrer">
                                "Original publication (NHS Confederation website)"
                            </a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=Page::Glossary.href()>"A note on language"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=Page::Resources.href()>"Resources"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=Page::Organisation.href()>"Organisation details"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=Page::Rounds.href()>"Review rounds"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=Page::Compare.href()>"Compare organisations"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=Page::Privacy.href()>"Privacy"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href=Page::Accessibility.href()>"Accessibility statement"</a>
                        </li>
                    </ul>
                    <p class="nhsuk-body-s">
                        "Framework text © NHS Confederation, from the Health and Care LGBTQ+ Leaders Network, developed with the Mental Health Network."
                    </p>
                    <p class="nhsuk-body-s">
                        "This app runs entirely in your browser: it has no account and sends nothing anywhere. Your answers are kept only in this browser on this device."
                    </p>
                </div>
            </div>
        </footer>
    }
}

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

/// The header: the service name and the menu, which on small screens
/// folds behind a "Menu" button (as the NHS.UK header does) so the page's
/// questions start near the top. The button says whether the menu is open
/// (`aria-expanded`); Escape closes it and returns to the button; going to
/// another page closes it.
#[component]
pub fn Header(page: Memo<Page>) -> impl IntoView {
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        page.track();
        open.set(false);
    });
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            crate::components::focus::focus_later("menu-toggle");
        }
    };
    view! {
        <header class="nhsuk-header" role="banner" on:keydown=escape>
            <div class="nhsuk-header__container nhsuk-width-container app-header__container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-name app-service-name" href=Page::Overview.href()>
                        {SERVICE_NAME}
                    </a>
                </div>
                <button
                    type="button"
                    class="app-menu-toggle"
                    id="menu-toggle"
                    aria-controls="header-navigation"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    "Menu"
                    <svg class="app-menu-toggle__icon" class:app-menu-toggle__icon--open=move || open.get() xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                        <path d="M15.5 12a1 1 0 0 1-.29.71l-5 5a1 1 0 0 1-1.42-1.42l4.3-4.29-4.3-4.29a1 1 0 0 1 1.42-1.42l5 5a1 1 0 0 1 .29.71z" transform="rotate(90 12 12)" fill="currentColor"></path>
                    </svg>
                </button>
            </div>
            <nav class="nhsuk-header__navigation app-navigation" class:app-navigation--open=move || open.get() id="header-navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list app-navigation-list">
                        {Page::MENU
                            .iter()
                            .map(|&(label, target)| {
                                let current = move || page.get().menu_entry() == Some(target);
                                view! {
                                    <li
                                        class="nhsuk-header__navigation-item"
                                        class:nhsuk-header__navigation-item--current=current
                                    >
                                        <a
                                            class="nhsuk-header__navigation-link"
                                            href=target.href()
                                            // "page" on the page itself, "true" on a page within it.
                                            aria-current=move || current().then(|| if page.get() == target { "page" } else { "true" })
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

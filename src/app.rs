//! The Leptos shell: holds the current location in a signal, draws the page
//! for it, and keeps the document title and focus in step.
//!
//! The reading pages are drawn at once; every other page is in a part of
//! the build fetched on first use (`crate::parts`), with a loading message
//! meanwhile and a way to try again if it cannot be fetched.

use crate::components::layout::{Breadcrumb, Footer, Header, SkipLink};
use crate::components::status::{OtherTabNotice, StorageBanner};
use crate::content::framework;
use crate::pages::{
    AccessibilityPage, GlossaryPage, NotFoundPage, OverviewPage, PartLoading, PartUnavailable,
    PillarPage, ResourcesPage,
};
use crate::route::{parse_hash, Location, Page};
use crate::state::AppState;
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use wasm_bindgen::JsCast;

/// Mounts the app in `#app`, replacing the "Loading the framework…" text.
pub fn start() {
    console_error_panic_hook::set_once();
    let root = document()
        .get_element_by_id("app")
        .expect("index.html has an #app element");
    root.set_inner_html("");
    leptos::mount::mount_to(root.unchecked_into(), move || view! { <App full=false /> }).forget();
}

/// The app with everything loaded from the start, as the browser tests
/// mount it (they do not split the build).
#[component]
pub fn FullApp() -> impl IntoView {
    view! { <App full=true /> }
}

/// The page drawn now, for `data-page` (set once its part has arrived).
#[derive(Clone, Copy)]
struct Drawn(RwSignal<Option<Page>>);

fn draw_page(page: Page) -> AnyView {
    let drawn = expect_context::<Drawn>().0;
    if !page.is_reading() {
        return view! { <Part page /> }.into_any();
    }
    let reading = match page {
        Page::Overview => view! { <OverviewPage /> }.into_any(),
        Page::Pillar(id) => view! { <PillarPage id /> }.into_any(),
        Page::Glossary => view! { <GlossaryPage /> }.into_any(),
        Page::Resources => view! { <ResourcesPage /> }.into_any(),
        Page::Accessibility => view! { <AccessibilityPage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    };
    drawn.set(Some(page));
    reading
}

/// A page from a part of the build: drawn as soon as the part is here
/// (at once, once fetched), after "Loading…" if it takes a moment.
///
/// The page is made outside any tracking: made inside a `Suspend`, every
/// signal a page reads as it is set up would redraw the whole page when it
/// changed, even while the page is being taken down.
#[component]
fn Part(page: Page) -> impl IntoView {
    let drawn = expect_context::<Drawn>().0;
    drawn.set(None);
    let attempt = RwSignal::new(0u32);
    let outcome = RwSignal::new(Outcome::Waiting);
    let made = StoredValue::new_local(None::<AnyView>);
    // Each attempt makes the page under its own owner, so a page made on
    // an attempt, or left behind by navigating away, goes with it.
    Effect::new(move || {
        let retried = attempt.get() > 0;
        outcome.set(Outcome::Waiting);
        let making = ScopedFuture::new_untracked(crate::parts::draw(page));
        leptos::task::spawn_local(async move {
            let next = match making.await {
                Ok(view) => {
                    if made.try_set_value(Some(view)).is_some() {
                        return; // navigated away meanwhile
                    }
                    Outcome::Drawn
                }
                Err(_) => Outcome::Unavailable,
            };
            if outcome.try_set(next).is_some() {
                return; // navigated away meanwhile
            }
            if next == Outcome::Drawn {
                drawn.set(Some(page));
            }
            // The heading that says what happened takes focus, so it is
            // read out: after a failure (the page's own focus move waits
            // for a page that did not come), and after "Try again", whose
            // button is gone.
            if next == Outcome::Unavailable || retried {
                request_animation_frame(|| move_focus(None));
            }
        });
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    move || match outcome.get() {
        Outcome::Waiting => view! { <PartLoading /> }.into_any(),
        Outcome::Drawn => made
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| view! { <PartLoading /> }.into_any()),
        Outcome::Unavailable => view! { <PartUnavailable retry /> }.into_any(),
    }
}

/// Where a part's page is: on its way, drawn, or not to be had.
#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Waiting,
    Drawn,
    Unavailable,
}

/// The route in the address bar now; a non-route fragment keeps `fallback`.
fn location_from_url(fallback: Location) -> Location {
    let hash = window().location().hash().unwrap_or_default();
    parse_hash(&hash, framework()).unwrap_or(fallback)
}

#[component]
fn App(full: bool) -> impl IntoView {
    let fw = framework();
    let state = AppState::reading();
    provide_context(state);
    if full {
        state.make_full();
    }
    let drawn = RwSignal::new(None);
    provide_context(Drawn(drawn));
    let update_ready = RwSignal::new(false);
    crate::offline::register(update_ready);
    let location = RwSignal::new(location_from_url(Location::page(Page::Overview)));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        location.set(location_from_url(location.get_untracked()));
    });
    on_cleanup(move || listener.remove());
    let page = Memo::new(move |_| location.get().page);

    // Where focus should go once the page is drawn: set on navigation,
    // taken when the page (perhaps after its part arrived) is on screen.
    let focus_due = StoredValue::new(None::<Option<String>>);
    Effect::new(move |previous: Option<Location>| {
        let now = location.get();
        if previous.as_ref() != Some(&now) {
            document().set_title(&now.page.title(fw));
            let page_changed = previous.as_ref().is_some_and(|p| p.page != now.page);
            let anchor_changed = previous.as_ref().map(|p| &p.anchor) != Some(&now.anchor);
            if page_changed || (anchor_changed && now.anchor.is_some()) {
                focus_due.set_value(Some(now.anchor.clone()));
            }
        }
        if drawn.get() == Some(now.page) {
            if let Some(anchor) = focus_due.try_update_value(Option::take).flatten() {
                // Wait a frame so the new page is in the DOM before moving focus.
                request_animation_frame(move || move_focus(anchor.as_deref()));
            }
        }
        now
    });

    view! {
        <SkipLink />
        <Header page />
        <div class="nhsuk-width-container">
            <Breadcrumb page />
            <StorageBanner />
            <OtherTabNotice />
            {move || update_ready.get().then(|| view! {
                <div class="nhsuk-notification-banner" role="region" aria-labelledby="update-title" id="update-ready">
                    <div class="nhsuk-notification-banner__header">
                        <h2 class="nhsuk-notification-banner__title" id="update-title">"Update"</h2>
                    </div>
                    <div class="nhsuk-notification-banner__content">
                        <p class="nhsuk-notification-banner__heading">"A new version of this app has been installed"</p>
                        <p>"It will be used the next time you open or reload this page. Your answers are not affected."</p>
                    </div>
                </div>
            })}
            <main class="nhsuk-main-wrapper" id="maincontent" tabindex="-1">
                <div class="nhsuk-grid-row">
                    <div
                        class=move || {
                            // Wide tables get the full width; reading pages keep a line length.
                            let column = if matches!(page.get(), Page::Compare | Page::Actions | Page::Summary | Page::Board) { "full" } else { "two-thirds" };
                            format!("nhsuk-grid-column-{column} app-page")
                        }
                        // Which page is drawn; none while its part is on its way.
                        data-page=move || drawn.get().filter(|d| *d == page.get()).map(|d| d.href())
                    >
                        {move || draw_page(page.get())}
                    </div>
                </div>
            </main>
        </div>
        <Footer />
    }
}

/// After navigation, put focus where a screen-reader user expects it: the
/// requested anchor, or else the new page's heading at the top.
fn move_focus(anchor: Option<&str>) {
    let doc = document();
    let target = anchor.and_then(|id| doc.get_element_by_id(id)).or_else(|| {
        window().scroll_to_with_x_and_y(0.0, 0.0);
        doc.query_selector("main h1").ok().flatten()
    });
    if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        if anchor.is_some() {
            el.scroll_into_view();
        }
    }
}

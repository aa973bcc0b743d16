//! The Leptos shell: holds the current location in a signal, draws the page
//! for it, and keeps the document title and focus in step.
//!
//! Two builds share this shell. The full app draws every page. The reader
//! (`src/bin/reader.rs`) draws only the reading pages, so the landing page
//! loads a much smaller wasm; on the way to any other page it asks the
//! loader (`scripts/loader.js`) to start the full app in its place.

use crate::components::layout::{Breadcrumb, Footer, Header, SkipLink};
use crate::components::status::{OtherTabNotice, StorageBanner, UnreadableActions};
use crate::content::framework;
use crate::pages::{
    AccessibilityPage, ActionsPage, AssessmentsPage, BoardPage, ComparePage, FullAppLoading,
    GlossaryPage, NotFoundPage, OrganisationPage, OverviewPage, PillarPage, PrintPage, PrivacyPage,
    ProgressPage, ResourcesPage, RoundsPage, SelfAssessmentPage, SharePage, StartPage, SummaryPage,
    TasksPage,
};
use crate::route::{parse_hash, Location, Page};
use crate::state::AppState;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// What one build can draw. Plain function pointers, so the reader build
/// never references the checklist pages and the linker leaves them out.
#[derive(Clone, Copy)]
struct Build {
    draws: fn(Page) -> bool,
    draw: fn(Page) -> AnyView,
    unreadable_actions: UnreadableActions,
    state: fn() -> AppState,
    /// Starts keeping a connected folder in step (the full app), or
    /// nothing (the reader): a function pointer, so the reader never
    /// links the folder code.
    sync: fn(AppState),
}

const FULL: Build = Build {
    draws: |_| true,
    draw: draw_any_page,
    unreadable_actions: crate::components::status::keep_or_replace,
    state: AppState::start,
    sync: |state| provide_context(crate::sync::FolderSync::start(state)),
};

const READER: Build = Build {
    draws: Page::is_reading,
    draw: draw_reading_page,
    unreadable_actions: crate::components::status::keep_or_go_to_replace,
    state: AppState::read_only,
    sync: |_| {},
};

thread_local! {
    /// The mounted reader, dropped (and so unmounted) before the full app starts.
    static READER_MOUNT: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Mounts the full app in `#app`, replacing whatever is there. When the
/// loader has just stopped the reader (`data-handoff`), this counts as a
/// navigation, so focus moves to the new page.
pub fn start() {
    console_error_panic_hook::set_once();
    let root = app_root();
    let handoff = root.has_attribute("data-handoff");
    let _ = root.remove_attribute("data-handoff");
    root.set_inner_html("");
    leptos::mount::mount_to(
        root.unchecked_into(),
        move || view! { <App kind=FULL handoff /> },
    )
    .forget();
}

/// Mounts the reader in `#app`; `stop_reader` unmounts it.
pub fn start_reader() {
    console_error_panic_hook::set_once();
    let root = app_root();
    root.set_inner_html("");
    let mounted = leptos::mount::mount_to(root.unchecked_into(), ReaderApp);
    READER_MOUNT.with(|m| *m.borrow_mut() = Some(Box::new(mounted)));
}

/// Unmounts the reader: its listeners and effects end, so only the full
/// app reacts to the address from now on.
pub fn stop_reader() {
    let mounted = READER_MOUNT.with(|m| m.borrow_mut().take());
    drop(mounted);
}

/// The full app, as `start` mounts it (and as the browser tests do).
#[component]
pub fn FullApp() -> impl IntoView {
    view! { <App kind=FULL handoff=false /> }
}

/// The reader, as `start_reader` mounts it.
#[component]
pub fn ReaderApp() -> impl IntoView {
    view! { <App kind=READER handoff=false /> }
}

fn app_root() -> web_sys::Element {
    document()
        .get_element_by_id("app")
        .expect("index.html has an #app element")
}

fn draw_any_page(page: Page) -> AnyView {
    match page {
        Page::SelfAssessment(step) => view! { <SelfAssessmentPage step /> }.into_any(),
        Page::Progress(step) => view! { <ProgressPage step /> }.into_any(),
        Page::Start => view! { <StartPage /> }.into_any(),
        Page::Actions => view! { <ActionsPage /> }.into_any(),
        Page::Summary => view! { <SummaryPage /> }.into_any(),
        Page::Organisation => view! { <OrganisationPage /> }.into_any(),
        Page::Assessments => view! { <AssessmentsPage /> }.into_any(),
        Page::Share => view! { <SharePage /> }.into_any(),
        Page::Print => view! { <PrintPage /> }.into_any(),
        Page::Rounds => view! { <RoundsPage /> }.into_any(),
        Page::Compare => view! { <ComparePage /> }.into_any(),
        Page::Privacy => view! { <PrivacyPage /> }.into_any(),
        Page::Tasks => view! { <TasksPage /> }.into_any(),
        Page::Board => view! { <BoardPage /> }.into_any(),
        reading => draw_reading_page(reading),
    }
}

fn draw_reading_page(page: Page) -> AnyView {
    if !page.is_reading() {
        return view! { <FullAppLoading /> }.into_any();
    }
    match page {
        Page::Overview => view! { <OverviewPage /> }.into_any(),
        Page::Pillar(id) => view! { <PillarPage id /> }.into_any(),
        Page::Glossary => view! { <GlossaryPage /> }.into_any(),
        Page::Resources => view! { <ResourcesPage /> }.into_any(),
        Page::Accessibility => view! { <AccessibilityPage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The route in the address bar now; a non-route fragment keeps `fallback`.
fn location_from_url(fallback: Location) -> Location {
    let hash = window().location().hash().unwrap_or_default();
    parse_hash(&hash, framework()).unwrap_or(fallback)
}

#[component]
fn App(kind: Build, handoff: bool) -> impl IntoView {
    let fw = framework();
    let state = (kind.state)();
    provide_context(state);
    (kind.sync)(state);
    let update_ready = RwSignal::new(false);
    crate::offline::register(update_ready);
    let location = RwSignal::new(location_from_url(Location::page(Page::Overview)));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        location.set(location_from_url(location.get_untracked()));
    });
    on_cleanup(move || listener.remove());
    let page = Memo::new(move |_| location.get().page);

    Effect::new(move |previous: Option<Location>| {
        let now = location.get();
        document().set_title(&now.page.title(fw));
        let page_changed = match &previous {
            Some(p) => p.page != now.page,
            None => handoff,
        };
        let anchor_changed = previous.as_ref().map(|p| &p.anchor) != Some(&now.anchor);
        if page_changed || (anchor_changed && now.anchor.is_some()) {
            let anchor = now.anchor.clone();
            // Wait a frame so the new page is in the DOM before moving focus.
            request_animation_frame(move || move_focus(anchor.as_deref()));
        }
        now
    });

    view! {
        <SkipLink />
        <Header page />
        <div class="nhsuk-width-container">
            <Breadcrumb page />
            <StorageBanner actions=kind.unreadable_actions />
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
                        // Which page is drawn; none while the full app is on its way.
                        data-page=move || (kind.draws)(page.get()).then(|| page.get().href())
                    >
                        {move || (kind.draw)(page.get())}
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

//! Browser tests (wasm-bindgen-test in headless Chromium): the Leptos shell
//! against real DOM, location and focus APIs.
#![cfg(target_arch = "wasm32")]

use inclusion_framework::app::FullApp;
use inclusion_framework::components::rich_text::Rich;
use inclusion_framework::content::framework;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits for effects and a frame or two to run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 60)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn set_hash(hash: &str) {
    window().location().set_hash(hash).unwrap();
}

/// Mounts the app in a fresh container; drop the handle to unmount.
fn mount() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), FullApp);
    (container, handle)
}

fn h1(container: &web_sys::HtmlElement) -> String {
    container
        .query_selector("main h1")
        .unwrap()
        .expect("an h1")
        .text_content()
        .unwrap()
}

fn active_element() -> web_sys::Element {
    document().active_element().expect("something has focus")
}

#[wasm_bindgen_test]
async fn the_app_names_its_writers_after_a_random_session() {
    let (_container, _app) = mount();
    settle().await;
    // The native default would be shared by every browser, so two people's
    // edits would carry the same dots and one would silently win a merge.
    let session = inclusion_framework::model::session().expect("the app starts a session");
    assert_ne!(session, "local");
    assert_eq!(session.len(), 12, "48 random bits: {session}");
}

#[wasm_bindgen_test]
async fn an_empty_hash_shows_the_overview() {
    set_hash("");
    settle().await;
    let (container, _app) = mount();
    settle().await;
    assert_eq!(h1(&container), framework().title);
    assert_eq!(document().title(), "Overview – LGBTQ+ Inclusion Framework");
    let pillar_links = container.query_selector_all(".app-pillar-list a").unwrap();
    assert!(pillar_links.length() >= 6);
    container.remove();
}

#[wasm_bindgen_test]
async fn changing_the_hash_changes_page_title_and_focus() {
    set_hash("#/");
    settle().await;
    let (container, _app) = mount();
    settle().await;
    set_hash("#/pillars/3");
    settle().await;
    let heading = h1(&container);
    assert!(heading.contains(&framework().pillars[2].title), "{heading}");
    assert!(document().title().starts_with("Pillar 3: "));
    assert_eq!(
        active_element().tag_name(),
        "H1",
        "focus moves to the new page's heading"
    );

    set_hash("#/glossary");
    settle().await;
    assert_eq!(h1(&container), "A note on language");
    assert_eq!(container.query_selector_all("dt").unwrap().length(), 3);
    container.remove();
}

#[wasm_bindgen_test]
async fn an_in_page_fragment_keeps_the_current_page() {
    set_hash("#/resources");
    settle().await;
    let (container, _app) = mount();
    settle().await;
    set_hash("#maincontent");
    settle().await;
    assert_eq!(h1(&container), "Resources");
    container.remove();
}

#[wasm_bindgen_test]
async fn an_anchor_scrolls_to_and_focuses_its_element() {
    set_hash("#/");
    settle().await;
    let (container, _app) = mount();
    settle().await;
    set_hash("#/pillars/2?to=element-2-3");
    settle().await;
    assert_eq!(active_element().id(), "element-2-3");
    container.remove();
}

#[wasm_bindgen_test]
async fn unknown_routes_say_page_not_found() {
    set_hash("#/pillars/9");
    settle().await;
    let (container, _app) = mount();
    settle().await;
    assert_eq!(h1(&container), "Page not found");
    assert_eq!(
        document().title(),
        "Page not found – LGBTQ+ Inclusion Framework"
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn unmounting_stops_listening_to_the_address_bar() {
    set_hash("#/glossary");
    settle().await;
    let (container, app) = mount();
    settle().await;
    drop(app);
    // A disposed app must not react (or panic) when the hash changes later.
    set_hash("#/resources");
    settle().await;
    assert_eq!(container.child_element_count(), 0);
    container.remove();
}

#[wasm_bindgen_test]
fn markup_in_content_is_rendered_as_text() {
    let hostile: &'static str = Box::leak(
        "<img src=x onerror=\"window.pwned=1\"> and [a link](https://example.org/<b>)"
            .to_string()
            .into_boxed_str(),
    );
    let container: web_sys::HtmlElement = document().create_element("p").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let _view = leptos::mount::mount_to(container.clone(), move || view! { <Rich text=hostile /> });
    assert!(container.query_selector("img").unwrap().is_none());
    assert!(container.query_selector("b").unwrap().is_none());
    assert!(container.text_content().unwrap().starts_with("<img src=x"));
    let link = container.query_selector("a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "https://example.org/<b>"
    );
    assert!(link.text_content().unwrap().contains("(external website)"));
    container.remove();
}

#[wasm_bindgen_test]
fn the_content_parses_in_the_browser_quickly() {
    let performance = window().performance().unwrap();
    let json = include_str!("../content/framework.json");
    let start = performance.now();
    let parsed = inclusion_framework::content::parse(json).unwrap();
    let elapsed = performance.now() - start;
    assert_eq!(parsed.pillars.len(), 6);
    // Logged for the record; the benchmark owns performance targets.
    web_sys::console::log_1(&format!("framework.json parsed in {elapsed:.2} ms").into());
}

#[wasm_bindgen_test]
async fn a_page_from_a_part_is_marked_drawn_once_it_is_there() {
    set_hash("#/pillars/2");
    settle().await;
    let (container, app) = mount();
    settle().await;
    let drawn = || {
        container
            .query_selector(".app-page")
            .unwrap()
            .unwrap()
            .get_attribute("data-page")
    };
    assert!(h1(&container).contains("Pillar 2"));
    assert_eq!(drawn().as_deref(), Some("#/pillars/2"));

    set_hash("#/summary");
    settle().await;
    assert_eq!(h1(&container), "Summary");
    assert_eq!(drawn().as_deref(), Some("#/summary"));
    assert_eq!(document().title(), "Summary – LGBTQ+ Inclusion Framework");
    assert_eq!(
        active_element().tag_name(),
        "H1",
        "focus moves to the new page"
    );

    // Unmounted, it no longer follows the address.
    drop(app);
    set_hash("#/glossary");
    settle().await;
    assert_eq!(document().title(), "Summary – LGBTQ+ Inclusion Framework");
    container.remove();
    set_hash("");
}

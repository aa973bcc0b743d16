//! Browser tests of saving: corrupt data, quota exceeded, storage blocked,
//! another tab's changes, and flushing when the page is hidden.
#![cfg(target_arch = "wasm32")]

use inclusion_framework::app::FullApp;
use inclusion_framework::model::{decode, encode, Edit, Rating, Stamp, Workspace, STORAGE_KEY};
use inclusion_framework::storage::{self, Health};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Another tab's edits: its own writer id.
fn other_tab(at: i64) -> Stamp {
    Stamp::at(at)
}

fn local() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn stored() -> Option<String> {
    local().get_item(STORAGE_KEY).unwrap()
}

fn mount_at(
    hash: &str,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    window().location().set_hash(hash).unwrap();
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), FullApp);
    (container, handle)
}

fn text(container: &web_sys::HtmlElement) -> String {
    container.text_content().unwrap_or_default()
}

fn click(container: &web_sys::HtmlElement, selector: &str) {
    container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

fn page_hidden() {
    window()
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_rating_is_saved_when_the_page_is_hidden() {
    local().clear().unwrap();
    let (container, _app) = mount_at("#/self-assessment/1");
    settle(50).await;
    click(&container, "#rating-1-1-in_place");
    page_hidden();
    let saved = decode(&stored().expect("saved at once on pagehide")).unwrap();
    assert_eq!(saved.workspace.current().rating("1.1"), Rating::InPlace);
    assert!(saved
        .workspace
        .current()
        .answer("1.1")
        .rating
        .changed_at
        .is_some());
    container.remove();
}

#[wasm_bindgen_test]
async fn corrupt_data_is_reported_kept_and_only_replaced_on_request() {
    local().clear().unwrap();
    local()
        .set_item(STORAGE_KEY, "{\"schema\":1, truncated")
        .unwrap();
    let (container, _app) = mount_at("#/self-assessment/2");
    settle(50).await;
    assert!(text(&container).contains("We could not read the answers saved in this browser"));
    assert!(text(&container).contains("not valid JSON"));
    click(&container, "#rating-2-1-not_in_place");
    page_hidden();
    settle(500).await;
    assert_eq!(
        stored().as_deref(),
        Some("{\"schema\":1, truncated"),
        "never overwritten silently"
    );

    let replace = container
        .query_selector_all(".app-storage-banner button")
        .unwrap()
        .item(1)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(
        replace.text_content().unwrap(),
        "Replace it and start saving"
    );
    replace.click();
    settle(50).await;
    let saved = decode(&stored().unwrap()).unwrap();
    assert_eq!(saved.workspace.current().rating("2.1"), Rating::NotInPlace);
    assert!(!text(&container).contains("We could not read"));
    container.remove();
}

#[wasm_bindgen_test]
async fn a_newer_schema_is_not_overwritten() {
    local().clear().unwrap();
    let future = "{\"schema\":99,\"workspace\":{}}";
    local().set_item(STORAGE_KEY, future).unwrap();
    let (container, _app) = mount_at("#/");
    settle(50).await;
    assert!(text(&container).contains("saved by a newer version of this app"));
    assert_eq!(stored().as_deref(), Some(future));
    container.remove();
}

#[wasm_bindgen_test]
async fn another_tabs_change_appears_without_a_reload() {
    local().clear().unwrap();
    let ours = Workspace::fresh("shared", &other_tab(1));
    local().set_item(STORAGE_KEY, &encode(&ours, 1)).unwrap();
    let (container, _app) = mount_at("#/summary");
    settle(50).await;
    assert!(text(&container).contains("0 of 17 elements assessed"));

    // The other tab rates an element and saves; this tab hears a storage event.
    let mut theirs = ours.clone();
    theirs.apply(
        Edit::Rating("4.2".into(), Rating::WorkInProgress),
        &other_tab(2),
    );
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(STORAGE_KEY));
    init.set_new_value(Some(&encode(&theirs, 2)));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    window().dispatch_event(&event).unwrap();
    settle(50).await;
    assert!(text(&container).contains("1 of 17 elements assessed"));

    // Events for other keys, or with unreadable values, change nothing.
    init.set_key(Some("something-else"));
    init.set_new_value(Some("{}"));
    window()
        .dispatch_event(&web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap())
        .unwrap();
    init.set_key(Some(STORAGE_KEY));
    init.set_new_value(Some("not json"));
    window()
        .dispatch_event(&web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap())
        .unwrap();
    settle(50).await;
    assert!(text(&container).contains("1 of 17 elements assessed"));
    container.remove();
}

#[wasm_bindgen_test]
async fn a_delete_all_in_another_tab_holds_here() {
    local().clear().unwrap();
    let ours = Workspace::fresh("shared", &other_tab(1));
    local().set_item(STORAGE_KEY, &encode(&ours, 1)).unwrap();
    let (container, _app) = mount_at("#/self-assessment/2");
    settle(50).await;
    click(&container, "#rating-2-1-in_place");
    page_hidden();
    // The other tab deletes everything: a new generation, stored and announced.
    let cleared = decode(&stored().unwrap())
        .unwrap()
        .workspace
        .cleared("after", &other_tab(2));
    let raw = encode(&cleared, 2);
    local().set_item(STORAGE_KEY, &raw).unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(STORAGE_KEY));
    init.set_new_value(Some(&raw));
    window()
        .dispatch_event(&web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap())
        .unwrap();
    settle(50).await;
    assert!(text(&container).contains("All data in this browser was deleted in another tab"));
    // This tab's next edit is saved into the new generation, alone.
    click(&container, "#rating-2-2-in_place");
    page_hidden();
    let saved = decode(&stored().unwrap()).unwrap().workspace;
    assert_eq!(saved.generation, 1);
    assert_eq!(saved.assessments.len(), 1);
    assert_eq!(
        saved.current().rating("2.1"),
        Rating::NotAssessed,
        "old answers never return"
    );
    assert_eq!(saved.current().rating("2.2"), Rating::InPlace);
    container.remove();
}

#[wasm_bindgen_test]
async fn saving_merges_what_another_tab_stored_instead_of_overwriting_it() {
    local().clear().unwrap();
    let (container, _app) = mount_at("#/self-assessment/1");
    settle(50).await;
    click(&container, "#rating-1-1-in_place");
    page_hidden();
    // The other tab writes a newer change to a different element, and its
    // storage event has not reached us yet.
    let mut theirs = decode(&stored().unwrap()).unwrap().workspace;
    theirs.apply(
        Edit::Rating("6.2".into(), Rating::NotInPlace),
        // Its clock is a day behind ours: that must not matter.
        &other_tab(js_sys::Date::now() as i64 - 86_400_000),
    );
    local().set_item(STORAGE_KEY, &encode(&theirs, 2)).unwrap();
    click(&container, "#rating-1-2-work_in_progress");
    page_hidden();
    let saved = decode(&stored().unwrap()).unwrap().workspace;
    assert_eq!(saved.current().rating("1.1"), Rating::InPlace);
    assert_eq!(saved.current().rating("1.2"), Rating::WorkInProgress);
    assert_eq!(
        saved.current().rating("6.2"),
        Rating::NotInPlace,
        "the other tab's edit survives"
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_and_recovers_when_there_is_room() {
    local().clear().unwrap();
    let (container, _app) = mount_at("#/self-assessment/3");
    settle(50).await;
    // Fill this origin's storage with junk until the browser refuses.
    let mut filled = 0;
    let mut size = 512 * 1024;
    while size > 0 {
        let chunk = "x".repeat(size);
        while local().set_item(&format!("junk-{filled}"), &chunk).is_ok() {
            filled += 1;
            assert!(filled < 1000, "storage never filled up");
        }
        size /= 4;
    }
    let big = "y".repeat(1024 * 1024);
    assert_eq!(storage::write(&big), Err(Health::Full));

    click(&container, "#rating-3-1-in_place");
    page_hidden();
    settle(50).await;
    assert!(text(&container).contains("Your latest changes are not being saved"));
    assert!(text(&container).contains("storage this browser allows for this site is full"));

    for i in 0..filled {
        local().remove_item(&format!("junk-{i}")).unwrap();
    }
    click(&container, "#rating-3-2-in_place");
    page_hidden();
    settle(50).await;
    assert!(!text(&container).contains("not being saved"));
    let saved = decode(&stored().unwrap()).unwrap().workspace;
    assert_eq!(
        saved.current().rating("3.1"),
        Rating::InPlace,
        "nothing typed while full is lost"
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn blocked_storage_keeps_the_app_working_and_says_so() {
    local().clear().unwrap();
    // Make `window.localStorage` throw, as it does when a policy blocks it.
    let win = window();
    let object: &js_sys::Object = win.unchecked_ref();
    let key = JsValue::from_str("localStorage");
    let original = js_sys::Object::get_own_property_descriptor(object, &key);
    let thrower = js_sys::Function::new_no_args(
        "throw new DOMException('The operation is insecure.', 'SecurityError')",
    );
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"get".into(), &thrower).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Object::define_property(object, &key, &descriptor);

    assert!(!storage::available(), "detected without panicking");
    let (container, _app) = mount_at("#/self-assessment/5");
    settle(50).await;
    assert!(text(&container).contains("Your changes are not being saved"));
    click(&container, "#rating-5-1-in_place");
    page_hidden();
    settle(50).await;
    let checked = container
        .query_selector("#rating-5-1-in_place")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>()
        .checked();
    assert!(checked, "the app keeps working in memory");

    if original.is_undefined() {
        js_sys::Reflect::delete_property(object, &key).unwrap();
    } else {
        js_sys::Object::define_property(object, &key, &original.unchecked_into());
    }
    assert!(storage::available());
    container.remove();
}

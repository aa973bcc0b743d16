//! Browser tests of saving: corrupt data, quota exceeded, storage blocked,
//! another tab's changes (of this version, of the previous one, of a newer
//! one, and half-finished), and flushing when the page is hidden.
#![cfg(target_arch = "wasm32")]

use inclusion_framework::app::FullApp;
use inclusion_framework::model::store::{self, Plan, Saved, Store};
use inclusion_framework::model::{encode, Edit, Rating, Stamp, Workspace, LEGACY_KEY};
use inclusion_framework::storage::{self, Health, Local};
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

/// Another tab's edits: the other tab's copy (decoded or made fresh) has
/// its own writer, so a stamp only carries the time.
fn other_tab(at: i64) -> Stamp {
    Stamp::at(at)
}

fn local() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// What a tab opened now would read.
fn stored() -> Workspace {
    store::read(&Local).workspace.expect("something stored")
}

/// Every key the app keeps, and its text.
fn app_keys() -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = Local
        .keys()
        .into_iter()
        .filter(|k| store::key_of(k).is_some())
        .map(|k| {
            let v = Local.get(&k).unwrap();
            (k, v)
        })
        .collect();
    keys.sort();
    keys
}

/// Tells this page that another tab changed `key`, as the browser does.
fn announce(key: &str, value: Option<&str>) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(value);
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    window().dispatch_event(&event).unwrap();
}

/// Another tab of this version, working on what is stored.
struct OtherTab {
    w: Workspace,
    saved: Saved,
}

impl OtherTab {
    fn open() -> Self {
        let reading = store::read(&Local);
        OtherTab {
            w: reading.workspace.unwrap(),
            saved: reading.saved,
        }
    }

    fn starting(w: Workspace) -> Self {
        let mut tab = OtherTab {
            w,
            saved: Saved::default(),
        };
        tab.save(true);
        tab
    }

    fn plan(&mut self) -> Plan {
        store::plan_save(&self.saved, &mut self.w, &Local.keys(), 2)
    }

    /// Writes its save (and tells this page, key by key, unless `quietly`).
    fn save(&mut self, quietly: bool) {
        let plan = self.plan();
        write(&plan, !quietly);
        self.saved.commit(plan);
    }
}

fn write(plan: &Plan, tell: bool) {
    for (k, v) in &plan.writes {
        local().set_item(k, v).unwrap();
        if tell {
            announce(k, Some(v));
        }
    }
    for k in &plan.removes {
        local().remove_item(k).unwrap();
        if tell {
            announce(k, None);
        }
    }
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
    let saved = stored();
    assert_eq!(saved.current().rating("1.1"), Rating::InPlace);
    assert!(saved.current().answer("1.1").rating.changed_at.is_some());
    assert!(
        local().get_item(LEGACY_KEY).unwrap().is_none(),
        "the previous version's key is never written"
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn corrupt_data_is_reported_kept_and_only_replaced_on_request() {
    local().clear().unwrap();
    local()
        .set_item(LEGACY_KEY, "{\"schema\":1, truncated")
        .unwrap();
    let (container, _app) = mount_at("#/self-assessment/2");
    settle(50).await;
    assert!(text(&container).contains("We could not read the answers saved in this browser"));
    assert!(text(&container).contains("not valid JSON"));
    click(&container, "#rating-2-1-not_in_place");
    page_hidden();
    settle(500).await;
    assert_eq!(
        app_keys(),
        [(
            LEGACY_KEY.to_string(),
            "{\"schema\":1, truncated".to_string()
        )],
        "never overwritten silently, nothing written beside it"
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
    assert_eq!(stored().current().rating("2.1"), Rating::NotInPlace);
    assert!(local().get_item(LEGACY_KEY).unwrap().is_none());
    assert!(!text(&container).contains("We could not read"));
    container.remove();
}

#[wasm_bindgen_test]
async fn a_damaged_key_of_this_version_stops_saving_and_the_rest_still_opens() {
    local().clear().unwrap();
    let mut ours = Workspace::fresh("first", &other_tab(1));
    ours.apply(Edit::Rating("1.1".into(), Rating::InPlace), &other_tab(2));
    ours.create("second", "Second", &other_tab(3));
    ours.switch("first");
    OtherTab::starting(ours);
    let damaged = store::answers_key(0, "second");
    local().set_item(&damaged, "{\"id\":\"second\",").unwrap();
    let before = app_keys();
    let (container, _app) = mount_at("#/self-assessment/1");
    settle(50).await;
    assert!(text(&container).contains("We could not read the answers saved in this browser"));
    let checked = container
        .query_selector("#rating-1-1-in_place")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>()
        .checked();
    assert!(checked, "what can be read is shown: {}", text(&container));
    click(&container, "#rating-1-2-in_place");
    page_hidden();
    assert_eq!(app_keys(), before, "nothing written");
    container.remove();
}

#[wasm_bindgen_test]
async fn a_newer_schema_is_not_overwritten() {
    local().clear().unwrap();
    let future = "{\"schema\":99,\"workspace\":{}}";
    local().set_item(LEGACY_KEY, future).unwrap();
    let (container, _app) = mount_at("#/");
    settle(50).await;
    assert!(
        text(&container).contains("A newer version of this app is open in another tab or window")
    );
    assert_eq!(app_keys(), [(LEGACY_KEY.to_string(), future.to_string())]);
    container.remove();
}

#[wasm_bindgen_test]
async fn a_newer_version_in_another_tab_stops_this_one_writing_and_it_says_so() {
    local().clear().unwrap();
    let (container, _app) = mount_at("#/self-assessment/1");
    settle(50).await;
    click(&container, "#rating-1-1-in_place");
    page_hidden();
    // The newer version opens in another tab and stores under its own keys.
    let key = "lgbtq-inclusion-framework/5";
    local().set_item(key, "{\"schema\":5}").unwrap();
    announce(key, Some("{\"schema\":5}"));
    settle(50).await;
    let shown = text(&container);
    assert!(shown.contains("A newer version of this app is open in another tab or window"));
    assert!(shown.contains("Reload this page to get the newer version"));
    assert!(shown.contains("Download what this tab holds"));
    let before = app_keys();
    click(&container, "#rating-1-2-work_in_progress");
    page_hidden();
    settle(500).await;
    assert_eq!(app_keys(), before, "this tab stopped writing");
    let checked = container
        .query_selector("#rating-1-2-work_in_progress")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>()
        .checked();
    assert!(checked, "its edits are kept in memory");
    container.remove();
}

#[wasm_bindgen_test]
async fn the_previous_versions_key_is_merged_at_load_and_when_it_changes_and_never_written() {
    local().clear().unwrap();
    let mut old = Workspace::fresh("shared", &other_tab(1));
    old.apply(Edit::Rating("4.1".into(), Rating::InPlace), &other_tab(2));
    let schema_2 = |w: &Workspace| encode(w, 3).replace("\"schema\":3", "\"schema\":2");
    let raw = schema_2(&old);
    local().set_item(LEGACY_KEY, &raw).unwrap();
    let (container, _app) = mount_at("#/summary");
    settle(50).await;
    assert!(text(&container).contains("1 of 17 elements assessed"));
    assert_eq!(
        local().get_item(LEGACY_KEY).unwrap().as_deref(),
        Some(raw.as_str())
    );
    assert_eq!(
        stored().current().rating("4.1"),
        Rating::InPlace,
        "merged into this version's keys"
    );
    // The previous version, open in another tab, saves again.
    old.apply(
        Edit::Rating("4.2".into(), Rating::NotInPlace),
        &other_tab(3),
    );
    let raw = schema_2(&old);
    local().set_item(LEGACY_KEY, &raw).unwrap();
    announce(LEGACY_KEY, Some(&raw));
    settle(50).await;
    assert!(text(&container).contains("2 of 17 elements assessed"));
    page_hidden();
    assert_eq!(
        local().get_item(LEGACY_KEY).unwrap().as_deref(),
        Some(raw.as_str()),
        "never written"
    );
    assert_eq!(stored().current().rating("4.2"), Rating::NotInPlace);
    container.remove();
}

#[wasm_bindgen_test]
async fn another_tabs_change_appears_without_a_reload() {
    local().clear().unwrap();
    let mut theirs = OtherTab::starting(Workspace::fresh("shared", &other_tab(1)));
    let (container, _app) = mount_at("#/summary");
    settle(50).await;
    assert!(text(&container).contains("0 of 17 elements assessed"));

    // The other tab rates an element and saves; this tab hears storage events.
    theirs.w.apply(
        Edit::Rating("4.2".into(), Rating::WorkInProgress),
        &other_tab(2),
    );
    theirs.save(false);
    settle(50).await;
    assert!(text(&container).contains("1 of 17 elements assessed"));

    // Events for other keys change nothing.
    announce("something-else", Some("{}"));
    settle(50).await;
    assert!(text(&container).contains("1 of 17 elements assessed"));
    assert!(!text(&container).contains("We could not read"));
    // An unreadable value for one of ours stops this tab writing, and says so.
    announce(&store::index_key(), Some("not json"));
    settle(50).await;
    assert!(text(&container).contains("We could not read the answers saved in this browser"));
    container.remove();
}

#[wasm_bindgen_test]
async fn a_half_finished_save_in_another_tab_loses_nothing() {
    local().clear().unwrap();
    let mut theirs = OtherTab::starting(Workspace::fresh("shared", &other_tab(1)));
    let (container, _app) = mount_at("#/self-assessment/1");
    settle(50).await;
    // The other tab adds an assessment and rates in the shared one; only
    // the first of its keys is written when this tab saves.
    theirs.w.create("theirs", "Their site", &other_tab(2));
    theirs
        .w
        .apply(Edit::Rating("2.1".into(), Rating::InPlace), &other_tab(2));
    theirs.w.switch("shared");
    theirs
        .w
        .apply(Edit::Rating("3.1".into(), Rating::InPlace), &other_tab(2));
    let plan = theirs.plan();
    assert!(plan.writes.len() >= 3);
    let (first, rest) = plan.writes.split_at(1);
    local().set_item(&first[0].0, &first[0].1).unwrap();
    click(&container, "#rating-1-1-in_place");
    page_hidden();
    // Then the rest of its save, which read storage before this tab's.
    for (k, v) in rest {
        local().set_item(k, v).unwrap();
        announce(k, Some(v));
    }
    settle(50).await;
    page_hidden();
    let saved = stored();
    assert_eq!(
        saved.get("shared").unwrap().rating("1.1"),
        Rating::InPlace,
        "{:?}",
        app_keys()
    );
    assert_eq!(saved.get("shared").unwrap().rating("3.1"), Rating::InPlace);
    assert_eq!(saved.get("theirs").unwrap().rating("2.1"), Rating::InPlace);
    // A listed assessment whose key is missing is skipped, not deleted:
    // this tab, which holds it, writes it again.
    let key = store::answers_key(0, "theirs");
    local().remove_item(&key).unwrap();
    announce(&key, None);
    settle(500).await;
    page_hidden();
    assert!(local().get_item(&key).unwrap().is_some(), "written again");
    assert!(stored().get("theirs").is_some());
    container.remove();
}

#[wasm_bindgen_test]
async fn a_delete_all_in_another_tab_holds_here() {
    local().clear().unwrap();
    let old = Workspace::fresh("shared", &other_tab(1));
    local()
        .set_item(
            LEGACY_KEY,
            &encode(&old, 1).replace("\"schema\":3", "\"schema\":2"),
        )
        .unwrap();
    let (container, _app) = mount_at("#/self-assessment/2");
    settle(50).await;
    click(&container, "#rating-2-1-in_place");
    page_hidden();
    // The other tab deletes everything: a new generation, stored and announced.
    let theirs = OtherTab::open();
    let (_, plan) = store::plan_delete_all(&theirs.w, &Local, "after", &other_tab(2), 3);
    write(&plan, true);
    settle(50).await;
    assert!(text(&container).contains("All data in this browser was deleted in another tab"));
    assert!(
        local().get_item(LEGACY_KEY).unwrap().is_none(),
        "both versions' keys"
    );
    // This tab's next edit is saved into the new generation, alone.
    click(&container, "#rating-2-2-in_place");
    page_hidden();
    let saved = stored();
    assert_eq!(saved.generation, 1);
    assert_eq!(saved.assessments.len(), 1);
    assert_eq!(
        saved.current().rating("2.1"),
        Rating::NotAssessed,
        "old answers never return"
    );
    assert_eq!(saved.current().rating("2.2"), Rating::InPlace);
    assert!(
        app_keys().iter().all(|(k, _)| !k.contains("/g0/")),
        "older keys removed"
    );
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
    // storage events have not reached us yet.
    let mut theirs = OtherTab::open();
    theirs.w.apply(
        Edit::Rating("6.2".into(), Rating::NotInPlace),
        // Its clock is a day behind ours: that must not matter.
        &other_tab(js_sys::Date::now() as i64 - 86_400_000),
    );
    theirs.save(true);
    click(&container, "#rating-1-2-work_in_progress");
    page_hidden();
    let saved = stored();
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
    assert_eq!(storage::set("big", &big), Err(Health::Full));

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
    let saved = stored();
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

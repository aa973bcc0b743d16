//! Registers the service worker (release builds only) so the app opens with
//! no network, and notices when a new version has been installed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Starts registration; `update_ready` becomes true when a new version has
/// taken over (it is used from the next load).
pub fn register(update_ready: RwSignal<bool>) {
    if cfg!(debug_assertions) {
        return; // `trunk serve` rebuilds constantly: caching would get in the way.
    }
    let navigator: wasm_bindgen::JsValue = window().navigator().into();
    let has_worker = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !has_worker {
        return; // Not a secure context, or an old browser: the app still works online.
    }
    let container = window().navigator().service_worker();
    let had_controller = container.controller().is_some();
    let options = web_sys::RegistrationOptions::new();
    options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
    let _ = container.register_with_options("./sw.js", &options);
    if had_controller {
        let on_change =
            wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || update_ready.set(true));
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget(); // Lives as long as the page.
    }
}

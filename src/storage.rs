//! The localStorage adapter: the only code that touches browser storage.
//! What to read and write, and in which order, is decided by the model
//! (`model::store`); this gets, sets and removes keys.
//!
//! Storage can be missing (blocked by policy, some private modes), full, or
//! hold data we cannot read. Each case is reported as a `Health`, never
//! swallowed, and unreadable data is never overwritten without the user's say.

use crate::model::store::{Plan, Problem, Store};
use gloo_storage::{LocalStorage, Storage};

/// Whether changes are reaching storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    Saving,
    /// The browser will not let the app store anything.
    Unavailable,
    /// The browser's storage for this site is full.
    Full,
    /// Some other write failure, with the browser's message.
    Failed(String),
    /// Stored data could not be read; saving is paused so it is not lost.
    Unreadable {
        raw: String,
        reason: String,
    },
    /// A newer version of the app (this schema) stores its data here, in
    /// another tab or window; saving is paused so neither is lost.
    Newer(u64),
}

impl Health {
    pub fn is_saving(&self) -> bool {
        matches!(self, Health::Saving)
    }

    /// What stops a tab writing, as the banner shows it.
    pub fn of(problem: &Problem) -> Health {
        match problem {
            Problem::Newer(schema) => Health::Newer(*schema),
            Problem::Damaged { reason, .. } => Health::Unreadable {
                raw: problem.saved_text(),
                reason: reason.clone(),
            },
        }
    }
}

/// True when localStorage exists and accepts a write. gloo-storage's
/// `LocalStorage::raw()` panics when storage is unavailable, so this check
/// must pass before any other function here is used.
pub fn available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(Some(storage)) = window.local_storage() else {
        return false;
    };
    let probe = "lgbtq-inclusion-framework:probe";
    let ok = storage.set_item(probe, "1").is_ok();
    let _ = storage.remove_item(probe);
    ok
}

/// This origin's localStorage, for the model to read. Use only when
/// `available()`.
pub struct Local;

impl Store for Local {
    fn get(&self, key: &str) -> Option<String> {
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    fn keys(&self) -> Vec<String> {
        let raw = LocalStorage::raw();
        let n = raw.length().unwrap_or(0);
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
    }
}

/// Writes one key; the error is the resulting `Health`.
pub fn set(key: &str, value: &str) -> Result<(), Health> {
    LocalStorage::raw()
        .set_item(key, value)
        .map_err(|e| health_of(&e))
}

/// Carries out a save: the writes in order, then the removals. Stops at the
/// first write the browser refuses (what was written is a state readers
/// handle: see `model::store`).
pub fn apply(plan: &Plan) -> Result<(), Health> {
    for (key, value) in &plan.writes {
        set(key, value)?;
    }
    remove(&plan.removes);
    Ok(())
}

/// Removes keys (a removal cannot fail for lack of room).
pub fn remove(keys: &[String]) {
    let raw = LocalStorage::raw();
    for key in keys {
        let _ = raw.remove_item(key);
    }
}

fn health_of(error: &wasm_bindgen::JsValue) -> Health {
    let field = |name: &str| {
        js_sys::Reflect::get(error, &name.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    match field("name").as_str() {
        "QuotaExceededError" => Health::Full,
        name => Health::Failed(format!("{name}: {}", field("message"))),
    }
}

/// Asks the browser not to evict our data under storage pressure. Resolves
/// to whether it agreed; `None` where the API is missing.
pub async fn request_persistence() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persist().ok()?;
    let granted = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    granted.as_bool()
}

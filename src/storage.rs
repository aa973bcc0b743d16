//! The localStorage adapter: the only code that touches browser storage.
//!
//! Storage can be missing (blocked by policy, some private modes), full, or
//! hold data we cannot read. Each case is reported as a `Health`, never
//! swallowed, and unreadable data is never overwritten without the user's say.

use crate::model::{Envelope, LoadError, STORAGE_KEY};
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
}

impl Health {
    pub fn is_saving(&self) -> bool {
        matches!(self, Health::Saving)
    }
}

/// What was found at start-up.
pub enum Loaded {
    Nothing,
    /// What was read, and the text it was read from.
    Found(Envelope, String),
    Unreadable {
        raw: String,
        reason: LoadError,
    },
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
    let probe = format!("{STORAGE_KEY}:probe");
    let ok = storage.set_item(&probe, "1").is_ok();
    let _ = storage.remove_item(&probe);
    ok
}

/// Reads the stored workspace. Call only when `available()`.
/// `decode` is the model's full reader, or the reader build's ratings-only
/// one (so each build links only the code it uses).
pub fn load(decode: fn(&str) -> Result<Envelope, LoadError>) -> Loaded {
    match LocalStorage::raw().get_item(STORAGE_KEY) {
        Ok(None) => Loaded::Nothing,
        Ok(Some(raw)) => match decode(&raw) {
            Ok(envelope) => Loaded::Found(envelope, raw),
            Err(reason) => Loaded::Unreadable { raw, reason },
        },
        Err(e) => Loaded::Unreadable {
            raw: String::new(),
            reason: LoadError::NotJson(format!("{e:?}")),
        },
    }
}

/// The stored text, if any (for merging before a write).
pub fn read_raw() -> Option<String> {
    LocalStorage::raw().get_item(STORAGE_KEY).ok().flatten()
}

/// Writes the encoded workspace; the error is the resulting `Health`.
pub fn write(encoded: &str) -> Result<(), Health> {
    // Raw text, already encoded by the model, so what is stored is exactly
    // what `decode` reads back.
    LocalStorage::raw()
        .set_item(STORAGE_KEY, encoded)
        .map_err(|e| health_of(&e))
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

/// Removes everything the app stored (the one key). Call only when available.
pub fn clear() {
    if available() {
        let _ = LocalStorage::raw().remove_item(STORAGE_KEY);
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

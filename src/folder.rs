//! The browser's folders at the edge: the File System Access API (pick a
//! folder, ask for permission, list, read and write files in it) and the
//! IndexedDB store that keeps each assessment's folder handle between
//! visits. Only this file touches them; `sync.rs` decides when, and
//! `model::folder_sync` what.
//!
//! Called through `Reflect` rather than web-sys's typed bindings because
//! `showDirectoryPicker` and the permission calls are only in web-sys
//! behind `--cfg=web_sys_unstable_apis`, and a browser without them
//! (Firefox, Safari, phones) must simply be told so. Nothing here touches
//! the network: the folder is on this computer (a sync client such as
//! OneDrive carries it to colleagues).

use crate::model::folder_sync::Listed;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A browser error, by its `DOMException` name and message.
#[derive(Debug, Clone)]
pub struct FolderError {
    pub name: String,
    pub message: String,
}

fn error(e: JsValue) -> FolderError {
    let text = |key: &str| {
        Reflect::get(&e, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    FolderError {
        name: text("name"),
        message: text("message"),
    }
}

fn missing(what: &str) -> FolderError {
    FolderError {
        name: "TypeError".into(),
        message: format!("this browser has no {what}"),
    }
}

/// Calls `target.method(args…)`, awaiting it when it returns a promise.
async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, FolderError> {
    let f = Reflect::get(target, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| missing(method))?;
    let args: Array = args.iter().collect();
    let out = f.apply(target, &args).map_err(error)?;
    match out.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await.map_err(error),
        Err(value) => Ok(value),
    }
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

fn read_write() -> JsValue {
    options(&[("mode", "readwrite".into())])
}

/// Whether this browser can keep a folder connected.
pub fn supported() -> bool {
    Reflect::get(&window(), &"showDirectoryPicker".into()).is_ok_and(|f| f.is_function())
        && Reflect::get(&window(), &"indexedDB".into()).is_ok_and(|d| d.is_object())
}

fn window() -> JsValue {
    web_sys::window()
        .map(JsValue::from)
        .unwrap_or(JsValue::UNDEFINED)
}

/// Asks the person to choose a folder, for reading and writing. `Err` with
/// `AbortError` when they cancelled.
pub async fn pick() -> Result<JsValue, FolderError> {
    let o = options(&[
        ("id", "inclusion-shared-folder".into()),
        ("mode", "readwrite".into()),
    ]);
    call(&window(), "showDirectoryPicker", &[o]).await
}

/// The folder's own name, as the person sees it.
pub fn name_of(handle: &JsValue) -> String {
    Reflect::get(handle, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Whether reading and writing is allowed now; with `ask`, asks for it
/// (which needs the person's click). A browser without the permission
/// calls allows what the picker gave.
pub async fn allowed(handle: &JsValue, ask: bool) -> Result<bool, FolderError> {
    let method = if ask {
        "requestPermission"
    } else {
        "queryPermission"
    };
    match call(handle, method, &[read_write()]).await {
        Ok(state) => Ok(state.as_string().as_deref() == Some("granted")),
        Err(e) if e.name == "TypeError" && e.message.contains("has no") => Ok(true),
        Err(e) => Err(e),
    }
}

/// Every file directly in the folder: name, size, modification time, and
/// the file to read (sub-folders are left alone).
pub async fn list(handle: &JsValue) -> Result<Vec<(Listed, web_sys::File)>, FolderError> {
    let entries = call(handle, "values", &[]).await?;
    let mut out = Vec::new();
    loop {
        let step = call(&entries, "next", &[]).await?;
        if Reflect::get(&step, &"done".into()).is_ok_and(|d| d.is_truthy()) {
            break;
        }
        let entry = Reflect::get(&step, &"value".into()).map_err(error)?;
        let kind = Reflect::get(&entry, &"kind".into())
            .ok()
            .and_then(|k| k.as_string());
        if kind.as_deref() != Some("file") {
            continue;
        }
        // A file can go between listing and reading (a browser's or sync
        // client's temporary file): it is simply not there this time.
        let file = match call(&entry, "getFile", &[]).await {
            Ok(file) => file,
            Err(e) if e.name == "NotFoundError" => continue,
            Err(e) => return Err(e),
        };
        let file: web_sys::File = file.dyn_into().map_err(|_| missing("file"))?;
        out.push((
            Listed {
                name: file.name(),
                size: file.size() as u64,
                modified: file.last_modified().max(0.0) as u64,
            },
            file,
        ));
    }
    Ok(out)
}

/// Writes `text` as the file `name` in the folder, whole: the browser
/// writes to a temporary file and swaps it in on `close`, so colleagues'
/// sync clients never carry a half-written copy.
pub async fn write(handle: &JsValue, name: &str, text: &str) -> Result<(), FolderError> {
    let file = call(
        handle,
        "getFileHandle",
        &[name.into(), options(&[("create", true.into())])],
    )
    .await?;
    let stream = call(&file, "createWritable", &[]).await?;
    match call(&stream, "write", &[text.into()]).await {
        Ok(_) => call(&stream, "close", &[]).await.map(|_| ()),
        Err(e) => {
            let _ = call(&stream, "abort", &[]).await;
            Err(e)
        }
    }
}

/// Removes this browser's own file `name` from the folder (only ever its
/// own: "stop sharing" when its assessment is deleted).
pub async fn remove(handle: &JsValue, name: &str) -> Result<(), FolderError> {
    match call(handle, "removeEntry", &[name.into()]).await {
        Err(e) if e.name != "NotFoundError" => Err(e),
        _ => Ok(()),
    }
}

// Each assessment's folder, kept between visits. A folder handle can only
// be kept in IndexedDB (localStorage holds text), keyed by assessment id.

const DB: &str = "lgbtq-inclusion-framework-folders";
const STORE: &str = "folders";

/// Waits for an IndexedDB request (or transaction) to succeed or fail.
async fn done(target: &JsValue, ok: &str, fail: &str, value: bool) -> Result<JsValue, FolderError> {
    let target_ok = target.clone();
    let target_err = target.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let t = target_ok.clone();
        let on_ok = Closure::once_into_js(move |_: JsValue| {
            let result = if value {
                Reflect::get(&t, &"result".into()).unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            };
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let t = target_err.clone();
        let on_fail = Closure::once_into_js(move |_: JsValue| {
            let e = Reflect::get(&t, &"error".into()).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        let _ = Reflect::set(&target_ok, &format!("on{ok}").into(), &on_ok);
        let _ = Reflect::set(&target_ok, &format!("on{fail}").into(), &on_fail);
    });
    JsFuture::from(promise).await.map_err(error)
}

async fn database() -> Result<JsValue, FolderError> {
    let factory = Reflect::get(&window(), &"indexedDB".into()).map_err(error)?;
    let open = Reflect::get(&factory, &"open".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| missing("indexedDB"))?;
    let request = open.call2(&factory, &DB.into(), &1.into()).map_err(error)?;
    let upgrade_target = request.clone();
    let upgrade = Closure::once_into_js(move |_: JsValue| {
        if let Ok(db) = Reflect::get(&upgrade_target, &"result".into()) {
            let _ = Reflect::get(&db, &"createObjectStore".into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .map(|f| f.call1(&db, &STORE.into()));
        }
    });
    let _ = Reflect::set(&request, &"onupgradeneeded".into(), &upgrade);
    done(&request, "success", "error", true).await
}

/// Runs one request against the store; `write` for a read-write transaction.
async fn with_store(write: bool, method: &str, args: &[JsValue]) -> Result<JsValue, FolderError> {
    let db = database().await?;
    let mode: JsValue = if write { "readwrite" } else { "readonly" }.into();
    let tx = call(&db, "transaction", &[STORE.into(), mode]).await?;
    let store = call(&tx, "objectStore", &[STORE.into()]).await?;
    let request = call(&store, method, args).await?;
    let result = done(&request, "success", "error", true).await;
    if write {
        done(&tx, "complete", "error", false).await?;
    }
    let _ = call(&db, "close", &[]).await;
    result
}

/// The folder kept for an assessment, if any.
pub async fn remembered(assessment: &str) -> Result<Option<JsValue>, FolderError> {
    let found = with_store(false, "get", &[assessment.into()]).await?;
    Ok((!found.is_undefined() && !found.is_null()).then_some(found))
}

/// Keeps `handle` as the assessment's folder.
pub async fn remember(assessment: &str, handle: &JsValue) -> Result<(), FolderError> {
    with_store(true, "put", &[handle.clone(), assessment.into()])
        .await
        .map(|_| ())
}

/// Forgets the assessment's folder (the folder and its files stay).
pub async fn forget(assessment: &str) -> Result<(), FolderError> {
    with_store(true, "delete", &[assessment.into()])
        .await
        .map(|_| ())
}

/// Forgets every assessment's folder ("Delete all data").
pub async fn forget_all() -> Result<(), FolderError> {
    with_store(true, "clear", &[]).await.map(|_| ())
}

//! File I/O at the edge: downloads made in the page, reading picked or
//! dropped files, and handing a file to the system share sheet. Nothing here
//! touches the network.

use crate::parts::Unavailable;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn blob(bytes: &[u8], mime: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()
}

/// Offers bytes as a file download.
pub fn download(filename: &str, mime: &str, bytes: &[u8]) {
    let Some(blob) = blob(bytes, mime) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(a) = document.and_then(|d| d.create_element("a").ok()) {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The whole contents of a picked or dropped file.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The files in a FileList, in order.
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

fn share_data(filename: &str, mime: &str, bytes: &[u8]) -> Option<js_sys::Object> {
    let blob = blob(bytes, mime)?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_blob_sequence_and_options(
        &js_sys::Array::of1(&blob),
        filename,
        &options,
    )
    .ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    js_sys::Reflect::set(&data, &"title".into(), &filename.into()).ok()?;
    Some(data)
}

fn navigator_method(name: &str) -> Option<(JsValue, js_sys::Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let method = js_sys::Reflect::get(&navigator, &name.into()).ok()?;
    method
        .dyn_into::<js_sys::Function>()
        .ok()
        .map(|f| (navigator, f))
}

/// Whether this browser can hand files to the system share sheet.
pub fn can_share_files() -> bool {
    let Some((navigator, can_share)) = navigator_method("canShare") else {
        return false;
    };
    let Some(data) = share_data("check.json", "application/json", b"{}") else {
        return false;
    };
    can_share
        .call1(&navigator, &data)
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Opens the share sheet with the file; `Ok(false)` when the user cancels.
pub async fn share(filename: &str, mime: &str, bytes: &[u8]) -> Result<bool, String> {
    let (navigator, share) = navigator_method("share").ok_or("sharing is not available")?;
    let data = share_data(filename, mime, bytes).ok_or("the file could not be prepared")?;
    let promise: js_sys::Promise = share
        .call1(&navigator, &data)
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    match JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                Ok(false)
            } else {
                Err(name.unwrap_or_else(|| "sharing failed".into()))
            }
        }
    }
}

/// A picked or dropped file's bytes, its size checked before reading; or
/// what is wrong, as "name: …".
async fn read_checked(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let name = file.name();
    crate::model::check_size(file.size() as u64).map_err(|e| format!("{name}: {e}"))?;
    read(file)
        .await
        .map_err(|e| format!("{name}: the file could not be read ({e})"))
}

/// Reads and checks exported files: the good ones with their names, and a
/// message per bad one ("name: what is wrong"). Sizes are checked before
/// reading. Nothing is changed.
pub async fn read_exports(
    list: Vec<web_sys::File>,
) -> (Vec<(String, crate::model::ExportFile)>, Vec<String>) {
    use crate::model::parse_import;
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for file in list {
        let name = file.name();
        match read_checked(&file).await {
            Err(e) => bad.push(e),
            Ok(bytes) => match parse_import(&bytes, crate::content::framework()) {
                Ok(parsed) => good.push((name, parsed)),
                Err(e) => bad.push(format!("{name}: {e}")),
            },
        }
    }
    (good, bad)
}

/// What a choice of files holds: exported JSON files, or one spreadsheet.
pub enum Incoming {
    Json(Vec<(String, crate::model::ExportFile)>),
    Sheet(String, Box<crate::model::sheet::SheetImport>),
}

/// Reads and checks picked or dropped files: JSON exports (several at a
/// time), or one spreadsheet (.xlsx or .csv) — or a message per bad file.
/// Sizes are checked before reading. Nothing is changed.
pub async fn read_imports(list: Vec<web_sys::File>) -> Result<Incoming, Vec<String>> {
    use crate::model::parse_import;
    use crate::model::sheet::is_spreadsheet;
    let several = list.len() > 1;
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for file in list {
        let name = file.name();
        let bytes = match read_checked(&file).await {
            Ok(bytes) => bytes,
            Err(e) => {
                bad.push(e);
                continue;
            }
        };
        if is_spreadsheet(&name, &bytes) {
            if several {
                bad.push(format!(
                    "{name}: import a spreadsheet on its own, not with other files"
                ));
                continue;
            }
            return match read_spreadsheet(name.clone(), bytes).await {
                Ok(Ok(sheet)) => Ok(Incoming::Sheet(name, Box::new(sheet))),
                Ok(Err(e)) => Err(vec![format!("{name}: {e}")]),
                Err(Unavailable) => Err(vec![format!("{name}: this spreadsheet could not be read, because the part of the app that reads spreadsheets could not be loaded. Check your connection, then choose the file again.")]),
            };
        }
        match parse_import(&bytes, crate::content::framework()) {
            Ok(parsed) => good.push((name, parsed)),
            Err(e) => bad.push(format!("{name}: {e}")),
        }
    }
    if bad.is_empty() {
        Ok(Incoming::Json(good))
    } else {
        Err(bad)
    }
}

/// Reads a spreadsheet (.xlsx or CSV). A split point of its own: the
/// readers (unzipping, XML, CSV) are fetched the first time someone imports
/// a spreadsheet, not with the share page. `Err` when they cannot be
/// fetched; choosing the file again asks again.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(spreadsheet, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read_spreadsheet(
    name: String,
    bytes: Vec<u8>,
) -> Result<Result<crate::model::sheet::SheetImport, String>, Unavailable> {
    Ok(parse_spreadsheet(&name, &bytes))
}

/// Reads a spreadsheet (one build: an ordinary function).
#[cfg(not(feature = "split"))]
async fn read_spreadsheet(
    name: String,
    bytes: Vec<u8>,
) -> Result<Result<crate::model::sheet::SheetImport, String>, Unavailable> {
    Ok(parse_spreadsheet(&name, &bytes))
}

fn parse_spreadsheet(name: &str, bytes: &[u8]) -> Result<crate::model::sheet::SheetImport, String> {
    crate::model::sheet::parse_sheet(name, bytes, crate::content::framework())
        .map_err(|e| e.to_string())
}

/// While the calling component lives, files dropped anywhere on the page go
/// to `take` (and the browser does not open them instead).
pub fn on_drop_files(take: impl Fn(Vec<web_sys::File>) + 'static) {
    use leptos::prelude::*;
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        take(list(ev.data_transfer().and_then(|d| d.files())));
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
}

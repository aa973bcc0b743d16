//! Moving focus after the DOM has caught up with a change.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element with `id` on the next frame, once it is drawn: used
/// after actions that replace part of the page (confirmations, errors, new
/// cards) so keyboard and screen-reader users land on the result.
pub fn focus_later(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

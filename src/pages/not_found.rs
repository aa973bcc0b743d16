//! Shown for any fragment that is not one of our pages.

use crate::route::Page;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Page not found"</h1>
        <p>"If you typed the web address, check it is correct."</p>
        <p>"If you pasted the web address, check you copied the entire address."</p>
        <p>
            <a href=Page::Overview.href()>"Go to the framework overview"</a>
        </p>
    }
}

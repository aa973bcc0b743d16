//! The accessibility statement, as NHS services publish one.

use crate::route::Page;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Accessibility statement"</h1>
        <p>"We want as many people as possible to be able to use this app. You should be able to change colours, contrast levels and fonts, zoom in up to 400% without text spilling off the screen, get around it using just a keyboard, and use it with a screen reader or speech recognition software."</p>
        <h2>"How accessible this app is"</h2>
        <p>"We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. It uses the NHS.UK design system’s patterns: radio buttons are grouped with their question, errors are listed at the top of the page and next to the field, and ratings are always shown in words with a shape, never by colour alone."</p>
        <h2>"How we test it"</h2>
        <ul class="nhsuk-list nhsuk-list--bullet">
            <li>"Every page, and every state such as errors, confirmations and warnings, is checked automatically with axe-core against WCAG 2.0, 2.1 and 2.2 A and AA, at desktop width and at 320 pixels wide."</li>
            <li>"An automated test completes the whole self-assessment and progress checklist using only the keyboard."</li>
            <li>"We check that focus moves to each new page’s heading, to error summaries and to confirmations."</li>
        </ul>
        <h2>"Known limitations"</h2>
        <ul class="nhsuk-list nhsuk-list--bullet">
            <li>"The app needs JavaScript and WebAssembly. Without them, it shows a link to the original publication."</li>
            <li>"Charts are hidden from screen readers; each has a table with the same figures straight after it."</li>
            <li>"Wide tables, such as comparing many organisations, scroll sideways on small screens."</li>
            <li>"It has not yet been tested by disabled users or audited by an accessibility specialist."</li>
        </ul>
        <h2>"Reporting a problem"</h2>
        <p>"If you find a problem, tell the team that gave you this app, or the NHS Confederation’s Health and Care LGBTQ+ Leaders Network. Say which page you were on and what happened. Do not include anything that identifies individual staff or service users."</p>
        <h2>"Enforcement procedure"</h2>
        <p>"The Equality and Human Rights Commission is responsible for enforcing the accessibility regulations. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service."</p>
        <p><a href=Page::Privacy.href()>"Read the privacy notice"</a></p>
    }
}

//! Ratings and progress drawn as words with a shape, never colour alone.

use crate::model::{Progress, Rating};
use leptos::prelude::*;

/// The icon for a rating: tick, half-filled circle, cross, dashed circle.
#[component]
pub fn RatingIcon(rating: Rating) -> impl IntoView {
    let path = match rating {
        Rating::InPlace => "M9.2 17.6 4.3 12.7l1.8-1.8 3.1 3.1 8.7-8.7 1.8 1.8z",
        Rating::WorkInProgress => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 2v14a7 7 0 0 1 0-14z",
        Rating::NotInPlace => "M6.3 4.5 12 10.2l5.7-5.7 1.8 1.8-5.7 5.7 5.7 5.7-1.8 1.8-5.7-5.7-5.7 5.7-1.8-1.8 5.7-5.7-5.7-5.7z",
        Rating::NotAssessed => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 2a7 7 0 1 1 0 14 7 7 0 0 1 0-14z",
    };
    view! {
        <svg class="app-icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor" fill-rule="evenodd"></path>
        </svg>
    }
}

/// "In place" etc. as a tag with its icon.
#[component]
pub fn RatingTag(#[prop(into)] rating: Signal<Rating>) -> impl IntoView {
    move || {
        let r = rating.get();
        view! {
            <strong class=format!("nhsuk-tag app-tag app-tag--{}", r.key())>
                <RatingIcon rating=r />
                {r.label()}
            </strong>
        }
    }
}

/// Progress as a tag with words; a bar of 0–3 filled blocks as its shape.
#[component]
pub fn ProgressTag(#[prop(into)] progress: Signal<Progress>) -> impl IntoView {
    move || {
        let p = progress.get();
        let filled = match p {
            Progress::NotRecorded => 0,
            Progress::NoProgress => 0,
            Progress::Moderate => 2,
            Progress::Significant => 3,
        };
        view! {
            <strong class=format!("nhsuk-tag app-tag app-tag--progress-{}", p.key())>
                <svg class="app-icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                    {(0..3)
                        .map(|i| {
                            let x = 3 + i * 7;
                            view! {
                                <rect
                                    x=x
                                    y="6"
                                    width="5"
                                    height="12"
                                    fill=if i < filled { "currentColor" } else { "none" }
                                    stroke="currentColor"
                                    stroke-width="1.5"
                                ></rect>
                            }
                        })
                        .collect_view()}
                </svg>
                {p.label()}
            </strong>
        }
    }
}

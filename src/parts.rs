//! The parts of the app fetched on first use. The reading pages, the shell
//! and the state as the reading pages need it are in the main module; every
//! other page is in one of the parts below. Each `part!` is a split point:
//! with the `split` feature (the app's own build, `scripts/build-wasm.mjs`)
//! the splitter cuts what only that part uses into its own wasm file,
//! fetched the first time one of its pages is drawn; what several parts use
//! goes into a chunk they share. Without the feature (the browser tests)
//! they are ordinary functions.
//!
//! A page that edits makes the state full first (`AppState::make_full`),
//! so the merge and save code is fetched with the first such page, never
//! for reading.

use crate::model::store::{self, Problem};
use crate::model::Workspace;
use crate::pages::{
    ActionsPage, AssessmentsPage, BoardPage, ComparePage, NotFoundPage, OrganisationPage,
    PrintPage, PrivacyPage, ProgressPage, RoundsPage, SelfAssessmentPage, SharePage, StartPage,
    SummaryPage, TasksPage,
};
use crate::route::Page;
use crate::state::AppState;
use crate::storage::Local;
use leptos::prelude::*;

/// A part could not be fetched (offline before it was cached, a failed
/// request). Not remembered: asking again fetches again.
#[derive(Debug, Clone, Copy)]
pub struct Unavailable;

impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// One split point: `$chunk` names the wasm file its code goes into.
macro_rules! part {
    ($(#[$doc:meta])* $chunk:ident => $($page:pat => $draw:expr),+ $(,)?) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk(page: Page) -> Result<AnyView, Unavailable> {
            Ok(draw_full(move || match page {
                $($page => $draw,)+
                _ => view! { <NotFoundPage /> }.into_any(),
            }))
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        async fn $chunk(page: Page) -> Result<AnyView, Unavailable> {
            Ok(draw_full(move || match page {
                $($page => $draw,)+
                _ => view! { <NotFoundPage /> }.into_any(),
            }))
        }
    };
}

fn draw_full(draw: impl FnOnce() -> AnyView) -> AnyView {
    expect_context::<AppState>().make_full();
    draw()
}

part!(
    /// Starting an assessment (Start now): on its own, so the first page
    /// that edits fetches as little as it can.
    start => Page::Start => view! { <StartPage /> }.into_any(),
);

part!(
    /// Finding your way round an assessment.
    journey =>
    Page::Tasks => view! { <TasksPage /> }.into_any(),
    Page::Organisation => view! { <OrganisationPage /> }.into_any(),
    Page::Assessments => view! { <AssessmentsPage /> }.into_any(),
    Page::Privacy => view! { <PrivacyPage /> }.into_any(),
);

part!(
    /// The self-assessment: on its own, so rating an element (often the
    /// first thing done, from a link) fetches as little as it can.
    rating => Page::SelfAssessment(step) => view! { <SelfAssessmentPage step /> }.into_any(),
);

part!(
    /// The progress checklist and what the two checklists add up to.
    checklists =>
    Page::Progress(step) => view! { <ProgressPage step /> }.into_any(),
    Page::Actions => view! { <ActionsPage /> }.into_any(),
    Page::Summary => view! { <SummaryPage /> }.into_any(),
);

part!(
    /// Files: export, import (the app's JSON and spreadsheets), folders.
    share => Page::Share => view! { <SharePage /> }.into_any(),
);

part!(
    /// Review rounds and what moved between them.
    rounds => Page::Rounds => view! { <RoundsPage /> }.into_any(),
);

part!(
    /// Comparing organisations' files.
    compare => Page::Compare => view! { <ComparePage /> }.into_any(),
);

part!(
    /// The board report.
    board => Page::Board => view! { <BoardPage /> }.into_any(),
);

part!(
    /// The whole assessment for printing.
    print => Page::Print => view! { <PrintPage /> }.into_any(),
);

/// What this browser has stored, as far as the reading pages show it
/// (`AppState::reading`). A split point of its own: decoding stored data
/// (a JSON parser and the stored formats) is fetched only when this browser
/// has stored something, never on a first visit.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(stored, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn stored_ratings() -> Result<(Option<Workspace>, Option<Problem>), Unavailable> {
    Ok(store::read_ratings(&Local))
}

/// What this browser has stored (one build: an ordinary function).
#[cfg(not(feature = "split"))]
pub async fn stored_ratings() -> Result<(Option<Workspace>, Option<Problem>), Unavailable> {
    Ok(store::read_ratings(&Local))
}

/// Draws a page that is not for reading, fetching its part first if this
/// page load has not used it yet.
pub async fn draw(page: Page) -> Result<AnyView, Unavailable> {
    match page {
        Page::Start => start(page).await,
        Page::Tasks | Page::Organisation | Page::Assessments | Page::Privacy => journey(page).await,
        Page::SelfAssessment(_) => rating(page).await,
        Page::Progress(_) | Page::Actions | Page::Summary => checklists(page).await,
        Page::Share => share(page).await,
        Page::Rounds => rounds(page).await,
        Page::Compare => compare(page).await,
        Page::Board => board(page).await,
        Page::Print => print(page).await,
        Page::Overview
        | Page::Pillar(_)
        | Page::Glossary
        | Page::Resources
        | Page::Accessibility
        | Page::NotFound => Ok(view! { <NotFoundPage /> }.into_any()),
    }
}

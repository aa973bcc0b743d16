//! Keeping a folder connected (Edge and Chrome on a computer): choosing
//! it, what state it is in, and the line the task list shows too. The
//! timing and the folder itself are `sync.rs`'s; this only asks and shows.

use crate::components::focus::focus_later;
use crate::model::folder_sync::in_step_line;
use crate::model::replicas::{check_person, Skip};
use crate::route::Page;
use crate::state::{now, AppState};
use crate::sync::{FolderSync, Status};
use leptos::prelude::*;

/// The part of the share page's folder section that keeps a folder
/// connected; `person` and `name_error` are the section's name field.
#[component]
pub fn ConnectedFolder(
    person: RwSignal<String>,
    name_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let Some(sync) = use_context::<FolderSync>() else {
        return ().into_any();
    };
    let state = expect_context::<AppState>();
    let connect = move |_| match check_person(&person.get_untracked()) {
        Ok(name) => {
            name_error.set(None);
            person.set(name.clone());
            sync.connect(name);
            focus_later("folder-connection");
        }
        Err(message) => {
            name_error.set(Some(message));
            focus_later("folder-error-summary");
        }
    };
    let check = move |_| {
        sync.check();
        focus_later("folder-connection");
    };
    let reconnect = move |_| {
        sync.reconnect();
        focus_later("folder-connection");
    };
    let disconnect = move |_| {
        sync.disconnect();
        focus_later("folder-connection");
    };
    let two_versions =
        Memo::new(move |_| state.workspace.with(|w| w.current().conflicted_fields()));

    let connect_button = move |label: &'static str| {
        view! { <button type="button" class="nhsuk-button" id="folder-connect" on:click=connect>{label}</button> }
    };
    let buttons = move |again: bool| {
        view! {
            <div class="app-button-group">
                {again.then(|| view! { <button type="button" class="nhsuk-button nhsuk-button--secondary" id="folder-check" on:click=check>"Check the folder now"</button> })}
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="folder-disconnect" on:click=disconnect>"Stop using this folder"</button>
            </div>
        }
    };

    let body = move || {
        match sync.status.get() {
        Status::Unsupported => view! {
            <div class="nhsuk-inset-text" id="folder-unsupported">
                <p>"This browser cannot keep a folder connected: Microsoft Edge and Google Chrome on a computer can. Here, work through the folder by hand, below. It comes to the same: everyone’s copies in step."</p>
            </div>
        }
        .into_any(),
        Status::NotConnected => view! {
            {connect_button("Choose the shared folder")}
        }
        .into_any(),
        Status::Checking { folder } => view! {
            <p id="folder-line">{format!("Shared folder: {folder}. Checking it now…")}</p>
        }
        .into_any(),
        Status::Reconnect { folder } => view! {
            <div class="nhsuk-warning-callout" id="folder-problem">
                <h4 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>{format!("Shared folder: {folder}")}</span></h4>
                <p>{crate::model::folder_sync::FolderProblem::NeedsPermission.message(&folder)}</p>
                <button type="button" class="nhsuk-button" id="folder-reconnect" on:click=reconnect>"Reconnect the shared folder"</button>
            </div>
            {buttons(false)}
        }
        .into_any(),
        Status::Problem { folder, problem } => view! {
            <div class="nhsuk-warning-callout" id="folder-problem">
                <h4 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>
                    {if folder.is_empty() { "The folder could not be used".to_string() } else { format!("Shared folder: {folder}") }}
                </span></h4>
                <p>{problem.message(&folder)}</p>
            </div>
            {(!folder.is_empty()).then(|| buttons(true))}
            {connect_button("Choose the folder again")}
        }
        .into_any(),
        Status::InStep { folder, people, skipped } => {
            let others: Vec<_> = skipped.iter().filter(|s| matches!(s.why, Skip::OtherAssessment(_))).cloned().collect();
            let rest: Vec<_> = skipped.into_iter().filter(|s| !matches!(s.why, Skip::OtherAssessment(_))).collect();
            view! {
                <p id="folder-line">{in_step_line(&folder, &people, now())}</p>
                {move || sync.brought_in.get().map(|(what, at)| view! {
                    <p class="nhsuk-body-s" id="folder-brought-in">{format!("{what} ({}).", crate::model::folder_sync::ago(now(), at))}</p>
                })}
                {move || (two_versions.get() > 0).then(|| view! {
                    <p><a href=Page::Tasks.href() id="folder-auto-two-versions">{match two_versions.get() { 1 => "1 answer holds two versions: see it on your task list".to_string(), n => format!("{n} answers hold two versions: see them on your task list") }}</a></p>
                })}
                {(!others.is_empty()).then(|| view! {
                    <h4>"Other assessments in this folder"</h4>
                    <ul class="nhsuk-list" id="folder-others">
                        {others.into_iter().map(|s| {
                            let Skip::OtherAssessment(name) = s.why.clone() else { unreachable!() };
                            let file = s.file.clone();
                            view! {
                                <li>
                                    <p><span class="app-file-name">{s.file.clone()}</span>{format!(" holds ‘{name}’, not the open assessment.")}</p>
                                    <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| { sync.join(file.clone()); focus_later("folder-connection"); }>
                                        {format!("Work on ‘{name}’ with them")}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {(!rest.is_empty()).then(|| view! {
                    <h4>"Not merged this time"</h4>
                    <ul class="nhsuk-list nhsuk-list--bullet" id="folder-auto-skipped">
                        {rest.into_iter().map(|s| view! {
                            <li><span class="app-file-name">{s.file}</span>{format!(": {}.", s.why)}</li>
                        }).collect_view()}
                    </ul>
                })}
                {buttons(true)}
            }
            .into_any()
        }
    }
    };

    view! {
        <h3 id="folder-connect-heading">"Keep a folder connected"</h3>
        <p>"In Microsoft Edge or Google Chrome on a computer, the app can keep your copy in the team’s folder and bring in colleagues’ copies by itself: a few seconds after each change, whenever you come back to this page, and every minute while it is open. Each assessment can have its own folder."</p>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"How to choose the right folder"</span></summary>
            <div class="nhsuk-details__text">
                <ul>
                    <li>"Choose the folder as your computer sees it through OneDrive. For a Teams channel, open its Files, select ‘Sync’ or ‘Add shortcut to My files’, then find it under OneDrive in the folder picker."</li>
                    <li>"If your browser asks to let this site view and edit files, choose ‘Allow on every visit’ where it is offered, so the folder stays connected next time."</li>
                    <li>"Everyone working on this assessment chooses the same folder."</li>
                </ul>
            </div>
        </details>
        <div id="folder-connection" tabindex="-1" role="status">
            {body}
            {move || sync.warning.get().map(|w| view! { <p class="nhsuk-body-s" id="folder-warning">{w}</p> })}
        </div>
    }
    .into_any()
}

/// The task list's line about the open assessment's folder: nothing when
/// none is connected.
#[component]
pub fn FolderLine() -> impl IntoView {
    let sync = use_context::<FolderSync>();
    let share = crate::route::Location::at(Page::Share, "shared-folder").href();
    move || {
        let status = sync?.status.get();
        let text = match &status {
            Status::Unsupported | Status::NotConnected => return None,
            Status::Checking { folder } => format!("Shared folder: {folder}. Checking it now…"),
            Status::InStep { folder, people, .. } => in_step_line(folder, people, now()),
            Status::Reconnect { folder } => format!("Shared folder: {folder}. This browser needs your permission again to use it."),
            Status::Problem { folder, .. } => format!("Shared folder: {folder}. It could not be used just now; your work is kept in this browser."),
        };
        let act = !matches!(status, Status::InStep { .. } | Status::Checking { .. });
        Some(view! {
            <p id="tasks-folder-line">
                {text}" "
                <a href=share.clone()>{if act { "See what to do" } else { "Shared folder settings" }}</a>
            </p>
        })
    }
}

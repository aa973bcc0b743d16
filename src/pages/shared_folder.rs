//! Working with colleagues through a folder the team already syncs, by
//! hand: each person saves their own copy into it under a name that stays
//! the same ("Save my copy"), and opens everyone's copies to merge them
//! ("Open the shared folder's files"). The model (`model::replicas`)
//! names the files, sorts a folder's files into good copies and the rest,
//! and merges; this page asks and shows.

use super::connected_folder::ConnectedFolder;
use crate::components::focus::focus_later;
use crate::components::versions::when;
use crate::content::framework;
use crate::files;
use crate::model::replicas::{
    check_person, classify, look, merge_message, replica_file_name, FolderFile, Look, Skipped,
};
use crate::model::{export, Timestamp};
use crate::route::Page;
use crate::state::{now, AppState};
use crate::sync::{replica_id, settings, APP_VERSION};
use leptos::prelude::*;

/// What opening a folder's files came to, for the panel under the button.
#[derive(Clone)]
struct Opened {
    message: String,
    people: Vec<(String, Timestamp)>,
    skipped: Vec<Skipped>,
    two_versions: usize,
}

#[component]
pub fn SharedFolder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let first = settings();
    let person = RwSignal::new(first.as_ref().map(|s| s.person.clone()).unwrap_or_default());
    let unreadable = first.err();
    let name_error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let opened = RwSignal::new(None::<Result<Opened, String>>);

    let save_copy = move |_| {
        let name = match check_person(&person.get_untracked()) {
            Ok(name) => name,
            Err(message) => {
                name_error.set(Some(message));
                saved.set(None);
                focus_later("folder-error-summary");
                return;
            }
        };
        name_error.set(None);
        person.set(name.clone());
        let (assessment_id, assessment_name, text) = state.workspace.with_untracked(|w| {
            let a = w.current();
            (
                a.id.clone(),
                a.name.value.clone(),
                export(std::slice::from_ref(a), APP_VERSION, now()),
            )
        });
        // Read again: another tab, or "Delete all data", may have changed it.
        let (replica_id, kept) = replica_id(&assessment_id, Some(&name));
        let file = replica_file_name(&assessment_name, &name, &replica_id);
        files::download(&file, "application/json", text.as_bytes());
        state.change(|w| w.mark_exported([assessment_id.as_str()]));
        let mut message = format!("Saved ‘{file}’ to your downloads. Move it into the shared folder, replacing your earlier copy of the same name (if your browser asked where to save it, choose the shared folder).");
        if let Some(problem) = kept {
            message = format!("{message} {problem}");
        }
        saved.set(Some(message));
    };

    let open_files = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let mut folder = Vec::new();
            for file in list {
                let name = file.name();
                let size = file.size() as u64;
                let bytes = match look(&name, size) {
                    Look::Read => files::read(&file).await.unwrap_or_default(),
                    Look::Skip(_) => Vec::new(),
                    Look::Ignore => continue,
                };
                folder.push(FolderFile { name, size, bytes });
            }
            if folder.is_empty() {
                opened.set(Some(Err("None of the files you chose is one of this app’s files. Choose the files ending ‘.inclusion.json’ in the shared folder, or the whole folder.".into())));
                focus_later("folder-error-summary");
                return;
            }
            let listing = classify(folder, framework());
            let mut outcome = None;
            state.change(|w| {
                let (record, done) = w.merge_folder(&listing.good);
                let changed = !record.changes.is_empty()
                    || !record.rounds_added.is_empty()
                    || !record.rounds_removed.is_empty();
                outcome = Some((record, done, changed));
                changed
            });
            let Some((record, done, changed)) = outcome else {
                return;
            };
            let message = merge_message(&done);
            if changed {
                state
                    .restore_point
                    .set(Some((record, format!("{message} From the shared folder."))));
                state.save_now();
                state.quiet_reminder();
            }
            let mut skipped = listing.skipped;
            skipped.extend(done.skipped.iter().cloned());
            opened.set(Some(Ok(Opened {
                message,
                people: done.merged.clone(),
                skipped,
                two_versions: done.two_versions,
            })));
            focus_later("folder-result");
        });
    };

    // Either input: the files chosen, then cleared so the same ones can
    // be chosen again after the sync client has finished copying.
    let picked = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        open_files(files::list(input.files()));
        input.set_value("");
    };

    // A folder picker: `webkitdirectory` has no typed attribute in Leptos.
    let whole = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        if let Some(input) = whole.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });

    let error_list = move || {
        let mut problems = Vec::new();
        if let Some(message) = name_error.get() {
            problems.push(("#folder-person".to_string(), message));
        }
        if let Some(Err(message)) = opened.get() {
            problems.push(("#folder-files".to_string(), message));
        }
        problems
    };

    view! {
        <h2 id="shared-folder" tabindex="-1">"Work with colleagues through a shared folder"</h2>
        {move || {
            let problems = error_list();
            (!problems.is_empty()).then(|| view! {
                <div class="nhsuk-error-summary" aria-labelledby="folder-error-title" role="alert" tabindex="-1" id="folder-error-summary">
                    <h3 class="nhsuk-error-summary__title" id="folder-error-title">"There is a problem"</h3>
                    <div class="nhsuk-error-summary__body">
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {problems.into_iter().map(|(href, message)| view! { <li><a href=href>{message}</a></li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            })
        }}
        <p>"Keep one file each in a folder your team already shares, such as the Files of a Teams channel, a SharePoint or OneDrive folder, or a network drive. Each of you saves your own copy there, and opens everyone’s copies to bring them together. Nobody changes anyone else’s file, and nothing is sent anywhere by this app: the folder stays in your organisation’s own storage."</p>
        {unreadable.map(|why| view! {
            <div class="nhsuk-warning-callout">
                <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Your saved name could not be read"</span></h3>
                <p>{format!("Enter your name again. What this browser saved is kept as it is ({why}).")}</p>
            </div>
        })}
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || name_error.with(Option::is_some)>
            <label class="nhsuk-label" for="folder-person">"Your name, as colleagues will see it"</label>
            <div class="nhsuk-hint" id="folder-person-hint">"Your name or your device’s, for example Priya Shah or EDI office laptop. It is part of your file’s name, which stays the same each time you save."</div>
            {move || name_error.get().map(|message| view! {
                <span class="nhsuk-error-message" id="folder-person-error">
                    <span class="nhsuk-u-visually-hidden">"Error: "</span>{message}
                </span>
            })}
            <input
                class="nhsuk-input nhsuk-input--width-20"
                class:nhsuk-input--error=move || name_error.with(Option::is_some)
                id="folder-person"
                name="folder-person"
                type="text"
                autocomplete="name"
                spellcheck="false"
                aria-describedby=move || if name_error.with(Option::is_some) { "folder-person-hint folder-person-error" } else { "folder-person-hint" }
                prop:value=move || person.get()
                on:input=move |ev| person.set(event_target_value(&ev))
            />
        </div>
        <ConnectedFolder person name_error />
        <h3 id="folder-by-hand">"Work through the folder by hand"</h3>
        <p>"In any browser, phones included."</p>
        <h4>"1. Save your copy to the folder"</h4>
        <button type="button" class="nhsuk-button nhsuk-button--secondary" id="folder-save" on:click=save_copy>"Save my copy"</button>
        {move || saved.get().map(|message| view! { <p class="nhsuk-body" role="status" id="folder-saved">{message}</p> })}
        <h4>"2. Open the shared folder’s files"</h4>
        <div class="nhsuk-form-group nhsuk-file-upload" class:nhsuk-form-group--error=move || matches!(opened.get(), Some(Err(_)))>
            <label class="nhsuk-label" for="folder-files">"Choose everyone’s files in the shared folder"</label>
            <div class="nhsuk-hint" id="folder-files-hint">"The files ending ‘.inclusion.json’, your own included. They are all merged into the open assessment at once: what only one person changed is taken, and an answer two people changed differently keeps both versions for you to choose between where it is shown. Files still being copied, damaged or from a newer version of this app are named and left alone."</div>
            <input
                class="nhsuk-file-upload__input app-file-input"
                id="folder-files"
                name="folder-files"
                type="file"
                accept=".json,application/json"
                multiple
                aria-describedby="folder-files-hint"
                on:change=picked
            />
        </div>
        <div class="nhsuk-form-group nhsuk-file-upload">
            <label class="nhsuk-label" for="folder-whole">"Or choose the whole folder"</label>
            <div class="nhsuk-hint" id="folder-whole-hint">"Only this app’s files in it are read; documents and spreadsheets beside them are left alone."</div>
            <input
                class="nhsuk-file-upload__input app-file-input"
                id="folder-whole"
                name="folder-whole"
                type="file"
                node_ref=whole
                aria-describedby="folder-whole-hint"
                on:change=picked
            />
        </div>
        {move || opened.get().and_then(Result::ok).map(|o| view! { <FolderResult opened=o /> })}
    }
}

/// Whose copies were merged and when each last changed, how many answers
/// now hold two versions, and the files left alone with why.
#[component]
fn FolderResult(opened: Opened) -> impl IntoView {
    let people = (!opened.people.is_empty()).then(|| {
        view! {
            <p>"In step with:"</p>
            <ul class="nhsuk-list nhsuk-list--bullet" id="folder-people">
                {opened.people.into_iter().map(|(who, at)| view! {
                    <li>{who}<span class="nhsuk-body-s">{format!(" (last change {})", when(at))}</span></li>
                }).collect_view()}
            </ul>
        }
    });
    let two = (opened.two_versions > 0).then(|| {
        view! {
            <p><a href=Page::Tasks.href() id="folder-two-versions">"See which answers hold two versions on your task list"</a></p>
        }
    });
    let skipped = (!opened.skipped.is_empty()).then(|| {
        view! {
            <h5 class="nhsuk-heading-xs">"Not merged this time"</h5>
            <ul class="nhsuk-list nhsuk-list--bullet" id="folder-skipped">
                {opened.skipped.into_iter().map(|s| view! {
                    <li><span class="app-file-name">{s.file}</span>{format!(": {}.", s.why)}</li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="nhsuk-inset-text" id="folder-result" tabindex="-1" role="status">
            <p>{opened.message}</p>
            {people}
            {two}
            {skipped}
        </div>
    }
}

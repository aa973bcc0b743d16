//! Export (JSON, spreadsheet, CSV, share sheet), and import with a preview,
//! a choice of what to do, conflicts to settle, and undo.

use super::shared_folder::SharedFolder;
use super::working_on::WorkingOn;
use crate::components::focus::focus_later;
use crate::components::versions::{shown, when};
use crate::content::framework;
use crate::files::{self, Incoming};
use crate::model::import::{self, export_file, undo_message, Action, Outcome, Source};
use crate::model::limits::MAX_FILE_BYTES;
use crate::model::sheet::SheetImport;
use crate::model::table::{to_csv, to_xlsx};
use crate::model::{
    file_stem, preview, unanswered, Assessment, Change, Conflict, ExportFile, Field, FieldValue,
    ImportKind, ImportRecord, MergeMode,
};
use crate::route::{progress_link, rate_link, Page};
use crate::state::{new_id, now, today, AppState};
use leptos::prelude::*;

const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Clone)]
enum Step {
    Choose,
    Failed(Vec<String>),
    /// A spreadsheet with some rows that could not be read.
    SheetProblems(String, Box<SheetImport>),
    Preview(Source),
    Conflicts {
        theirs: Box<Assessment>,
        conflicts: Vec<Conflict>,
        mode: MergeMode,
    },
}

/// Where a field is edited, and its name with the element's number and title.
fn place(field: &Field) -> (String, String) {
    match field.element() {
        Some(id) => {
            let title = framework()
                .element(id)
                .map(|e| crate::markup::plain_text(&e.statement))
                .unwrap_or_default();
            let href = if field.is_progress() {
                progress_link(id)
            } else {
                rate_link(id)
            };
            let title = title.trim_end_matches('.');
            (href, format!("{id} {title} – {}", field.what()))
        }
        None if *field == Field::Name => (Page::Assessments.href(), field.what().to_string()),
        None => (Page::Organisation.href(), field.what().to_string()),
    }
}

#[component]
pub fn SharePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let step = RwSignal::new(Step::Choose);
    // Which choice of files is the latest: reading one (a spreadsheet's
    // reader may still be on its way) must not show over a later one.
    let latest = StoredValue::new(0u32);

    // Reads, checks and previews files; nothing changes until the user chooses.
    let take_files = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        let choice = latest.get_value().wrapping_add(1);
        latest.set_value(choice);
        leptos::task::spawn_local(async move {
            let read = files::read_imports(list).await;
            if latest.try_get_value() != Some(choice) {
                return; // a later choice, or the page is gone
            }
            match read {
                Ok(Incoming::Json(good)) => {
                    step.set(Step::Preview(Source::Json(good)));
                    focus_later("import-preview");
                }
                Ok(Incoming::Sheet(name, sheet)) if !sheet.problems.is_empty() => {
                    step.set(Step::SheetProblems(name, sheet));
                    focus_later("error-summary");
                }
                Ok(Incoming::Sheet(name, sheet)) => {
                    step.set(Step::Preview(Source::Sheet(name, sheet)));
                    focus_later("import-preview");
                }
                Err(problems) => {
                    step.set(Step::Failed(problems));
                    focus_later("error-summary");
                }
            }
        });
    };

    // Dropping files anywhere on this page imports them.
    files::on_drop_files(take_files);

    view! {
        {move || {
            // `with`, not `get`: a step can hold a large file, so avoid cloning it.
            step.with(|s| match s {
                Step::Failed(problems) => Some((problems.clone(), String::new())),
                Step::SheetProblems(name, sheet) => Some((
                    sheet.problems.iter().map(|p| p.to_string()).collect(),
                    format!("{name}: {} could not be read.", rows(sheet.bad_rows)),
                )),
                _ => None,
            })
            .map(|(problems, intro)| view! { <ErrorSummary problems intro /> })
        }}
        <h1 tabindex="-1">"Save, share and import"</h1>
        <ImportDone />
        <WorkingOn panel=true />
        <ExportSection />
        <SharedFolder />
        <h2 id="print">"Print"</h2>
        <p>
            <a href=Page::Print.href()>"Print the completed checklist"</a>
            ": every rating in words, and all notes and actions in full."
        </p>
        <h2 id="import">"Import a file"</h2>
        {move || match step.get() {
            Step::Choose | Step::Failed(_) => {
                view! { <ImportForm step take_files=Callback::new(take_files) /> }.into_any()
            }
            Step::SheetProblems(name, sheet) => {
                let good = sheet.good_rows;
                let partial = (good > 0).then(|| {
                    let source = Source::Sheet(name, sheet);
                    view! {
                        <div id="sheet-partial">
                            <p>{format!("{} can be read. Correct the file and choose it again, or import only the good rows: what the other rows hold here stays as it is.", rows(good))}</p>
                            <button type="button" class="nhsuk-button nhsuk-button--secondary" id="import-good-rows" on:click=move |_| {
                                step.set(Step::Preview(source.clone()));
                                focus_later("import-preview");
                            }>{format!("Import the {} that {} good", rows(good), if good == 1 { "is" } else { "are" })}</button>
                        </div>
                    }
                });
                view! {
                    {partial}
                    <ImportForm step take_files=Callback::new(take_files) />
                }
                .into_any()
            }
            Step::Preview(source) => view! { <ImportPreview source step /> }.into_any(),
            Step::Conflicts { theirs, conflicts, mode } => {
                let theirs: Assessment = *theirs;
                view! { <Conflicts theirs conflicts mode step /> }.into_any()
            }
        }}
        {move || {
            state.health.with(|h| !h.is_saving()).then(|| view! {
                <p class="nhsuk-body-s">"Imported answers are not saved while this browser is not saving (see the message at the top)."</p>
            })
        }}
    }
}

fn rows(n: usize) -> String {
    format!("{n} {}", if n == 1 { "row" } else { "rows" })
}

#[component]
fn ErrorSummary(problems: Vec<String>, intro: String) -> impl IntoView {
    view! {
        <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" id="error-summary">
            <h2 class="nhsuk-error-summary__title" id="error-summary-title">"There is a problem"</h2>
            <div class="nhsuk-error-summary__body">
                <p>"Nothing has been imported or changed."{(!intro.is_empty()).then(|| format!(" {intro}"))}</p>
                <ul class="nhsuk-list nhsuk-error-summary__list">
                    {problems.into_iter().map(|p| view! { <li><a href="#/share?to=import-file">{p}</a></li> }).collect_view()}
                </ul>
            </div>
        </div>
    }
}

#[component]
fn ExportSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let stem = move || {
        state
            .workspace
            .with(|w| file_stem(std::slice::from_ref(w.current()), &today().to_string()))
    };
    // Says what was downloaded (or shared), announced to screen readers.
    let shared = RwSignal::new(None::<String>);
    let download_json = move |all: bool| {
        let out = state
            .workspace
            .with(|w| export_file(w, all, &today().to_string(), APP_VERSION, now()));
        files::download(
            &format!("{}.json", out.stem),
            "application/json",
            out.text.as_bytes(),
        );
        state.change(|w| w.mark_exported(out.ids.iter().map(String::as_str)));
        shared.set(Some(format!("Saved {}.json to your downloads.", out.stem)));
    };
    let many = Memo::new(move |_| state.workspace.with(|w| w.assessments.len() > 1));
    let can_share = files::can_share_files();
    let share = move |_| {
        let out = state
            .workspace
            .with(|w| export_file(w, false, &today().to_string(), APP_VERSION, now()));
        leptos::task::spawn_local(async move {
            match files::share(&format!("{}.json", out.stem), "application/json", out.text.as_bytes()).await {
                Ok(true) => {
                    // Only once shared: a cancelled share exports nothing.
                    state.change(|w| w.mark_exported(out.ids.iter().map(String::as_str)));
                    shared.set(Some("Shared.".into()));
                }
                Ok(false) => shared.set(None),
                Err(e) => shared.set(Some(format!("Sharing did not work ({e}). Download the file and attach it to an email instead."))),
            }
        });
    };
    view! {
        <h2 id="export">"Export"</h2>
        <p>"Download a file to keep a copy, or to send to a colleague who can import it into this app. The file stays on your device until you send it."</p>
        <div class="app-button-group">
            <button type="button" class="nhsuk-button" id="export-json" on:click=move |_| download_json(false)>
                "Download this assessment"
                <span class="nhsuk-u-visually-hidden">" as a JSON file"</span>
            </button>
            {move || many.get().then(|| view! {
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="export-all" on:click=move |_| download_json(true)>
                    "Download all assessments"
                </button>
            })}
            {can_share.then(|| view! {
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="share-file" on:click=share>
                    "Share…"
                </button>
            })}
        </div>
        <p class="nhsuk-body app-status" role="status" id="export-status">{move || shared.get()}</p>
        <h3>"For a spreadsheet"</h3>
        <p>"Laid out like the publication’s Excel progress checklist, with the self-assessment on a second sheet. Colleagues can fill it in, in Excel or another spreadsheet program, and you can import it back below: rows are matched by element number and columns by their headings."</p>
        <div class="app-button-group">
            <button type="button" class="nhsuk-button nhsuk-button--secondary" id="export-xlsx" on:click=move |_| {
                let bytes = state.workspace.with(|w| to_xlsx(fw, w.current(), today()));
                files::download(&format!("{}.xlsx", stem()), XLSX, &bytes);
            }>"Download spreadsheet (.xlsx)"</button>
            <button type="button" class="nhsuk-button nhsuk-button--secondary" id="export-csv" on:click=move |_| {
                let text = state.workspace.with(|w| to_csv(fw, w.current(), today()));
                files::download(&format!("{}.csv", stem()), "text/csv;charset=utf-8", format!("\u{feff}{text}").as_bytes());
            }>"Download CSV"</button>
        </div>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"How to send it by email"</span>
            </summary>
            <div class="nhsuk-details__text">
                <ol class="nhsuk-list nhsuk-list--number">
                    <li>"Select “Download this assessment”. The file goes to your Downloads folder; its name starts with your organisation’s name and ends with today’s date and .json."</li>
                    <li>"Write an email and attach that file, as you would any document."</li>
                    <li>"Your colleague opens this app, goes to “Save, share and import”, and imports the file. They can open it as a new assessment or merge it into their own."</li>
                    <li>"When they send it back, import it and choose “Merge”: the newer change to each answer is kept, and you choose where you both changed the same answer."</li>
                </ol>
                <p>"Answers are about your organisation. Do not include anything that identifies individual staff or service users."</p>
            </div>
        </details>
    }
}

#[component]
fn ImportForm(step: RwSignal<Step>, take_files: Callback<Vec<web_sys::File>>) -> impl IntoView {
    let failed = move || step.with(|s| matches!(s, Step::Failed(_) | Step::SheetProblems(..)));
    view! {
        <div class="nhsuk-form-group nhsuk-file-upload app-drop-zone" class:nhsuk-form-group--error=failed>
            <label class="nhsuk-label" for="import-file">"Choose a file exported from this app"</label>
            <div class="nhsuk-hint" id="import-file-hint">
                {format!("A .json file, or this app’s spreadsheet (.xlsx or .csv) after colleagues have edited it, up to {} MB.", MAX_FILE_BYTES / (1024 * 1024))}
                " You can choose several .json files (a spreadsheet on its own), or drag them onto this page. Nothing changes until you have seen what the file holds and chosen what to do."
            </div>
            {move || failed().then(|| view! {
                <span class="nhsuk-error-message" id="import-file-error">
                    <span class="nhsuk-u-visually-hidden">"Error: "</span>"Choose a file exported from this app"
                </span>
            })}
            <input
                class="nhsuk-file-upload__input app-file-input"
                id="import-file"
                name="import-file"
                type="file"
                accept=".json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.csv,text/csv"
                multiple
                tabindex="0"
                aria-describedby=move || if failed() { "import-file-hint import-file-error" } else { "import-file-hint" }
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    take_files.run(files::list(input.files()));
                    input.set_value("");
                }
            />
        </div>
    }
}

#[component]
fn ImportPreview(source: Source, step: RwSignal<Step>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // What the file offers for the open assessment: the model decides.
    let (offer, open_name) = state
        .workspace
        .with_untracked(|w| (source.offer(w.current()), w.current().name.value.clone()));
    let import::Offer {
        single,
        count,
        made_from,
        different,
        seen_all,
        file_name,
        default,
    } = offer;
    let action = RwSignal::new(default);
    let replace_hint = match &source {
        Source::Json(_) => "Everything in the open assessment is replaced by the file. You can undo this.",
        Source::Sheet(..) => "Every answer in the spreadsheet replaces the open assessment’s; anything it has no column for stays as it is. You can undo this.",
    };
    let summaries = match &source {
        Source::Sheet(name, sheet) => view! { <SheetSummary name=name.clone() sheet=sheet.as_ref().clone() made_from open_name=open_name.clone() /> }.into_any(),
        Source::Json(files) => json_summaries(files).into_any(),
    };
    let apply = {
        let source = source.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let stamp = state.stamp();
            let mut outcome = None;
            state.change(|w| {
                let done = import::import(
                    w,
                    &source,
                    action.get_untracked(),
                    &today().long(),
                    &stamp,
                    new_id,
                );
                let changed = matches!(done, Outcome::Done(..));
                outcome = Some(done);
                changed
            });
            match outcome.expect("import ran") {
                Outcome::Done(record, message) => {
                    state.restore_point.set(Some((record, message)));
                    state.save_now();
                    state.quiet_reminder();
                }
                Outcome::Ask {
                    theirs,
                    conflicts,
                    mode,
                } => {
                    step.set(Step::Conflicts {
                        theirs,
                        conflicts,
                        mode,
                    });
                    focus_later("conflicts");
                    return;
                }
            }
            step.set(Step::Choose);
            focus_later("import-done");
        }
    };
    let choice = move |value: Action, id: &'static str, label: String, hint: &'static str| {
        view! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id=id name="import-action" type="radio"
                    aria-describedby=format!("{id}-hint")
                    prop:checked=move || action.get() == value on:change=move |_| action.set(value) />
                <label class="nhsuk-label nhsuk-radios__label" for=id>{label}</label>
                <div class="nhsuk-hint nhsuk-radios__hint" id=format!("{id}-hint")>{hint}</div>
            </div>
        }
    };
    view! {
        <div id="import-preview" tabindex="-1">
            <h3>"What the file holds"</h3>
            {summaries}
        </div>
        {different.then(|| view! {
            <div class="nhsuk-inset-text" id="import-different">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>{format!("‘{file_name}’ is a different assessment from the open one, ‘{open_name}’: they share no history. Open it as a new assessment, replace the open one with it, or merge it and choose for every answer that differs.")}</p>
            </div>
        })}
        {(seen_all && !different).then(|| view! {
            <div class="nhsuk-inset-text" id="import-seen-all">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>{format!("‘{open_name}’ has already seen every change in this file (you may have undone them), so merging it would change nothing. To take some of its answers after all, choose “Go through every answer that differs”.")}</p>
            </div>
        })}
        <form on:submit=apply novalidate>
            {if single {
                view! {
                    <div class="nhsuk-form-group">
                        <fieldset class="nhsuk-fieldset">
                            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">"What do you want to do with it?"</legend>
                            <div class="nhsuk-radios">
                                {choice(Action::New, "import-new", "Open it as a new assessment".into(), "Your assessments stay as they are.")}
                                {choice(Action::Replace, "import-replace", format!("Replace ‘{open_name}’ with it"), replace_hint)}
                                {if different {
                                    choice(Action::Merge, "import-merge", format!("Merge it into ‘{open_name}’, choosing for every answer that differs"), "It is a different assessment, so nothing is taken without asking, except answers only the file has. You can undo this.")
                                } else {
                                    choice(Action::Merge, "import-merge", format!("Merge it into ‘{open_name}’"), "What only the file’s author changed is taken, what only you changed is kept, and you choose where you both changed the same answer. You can undo this.")
                                }}
                                {(seen_all && !different).then(|| choice(Action::MergeAll, "import-merge-all", "Go through every answer that differs, and choose".into(), "For when you undid this file’s changes and want to take some of them after all. You can undo this."))}
                            </div>
                        </fieldset>
                    </div>
                }.into_any()
            } else {
                view! { <p>{format!("These will be added as {count} new assessments; your assessments stay as they are.")}</p> }.into_any()
            }}
            <div class="app-button-group">
                <button type="submit" class="nhsuk-button">"Continue"</button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| step.set(Step::Choose)>"Cancel"</button>
            </div>
        </form>
    }
}

#[component]
fn SheetSummary(
    name: String,
    sheet: SheetImport,
    made_from: bool,
    open_name: String,
) -> impl IntoView {
    let p = sheet.preview();
    let given = |s: String| {
        if s.is_empty() {
            "Not given".to_string()
        } else {
            s
        }
    };
    let ignored = (!sheet.ignored.is_empty()).then(|| {
        view! { <Row key="Columns not read" value=sheet.ignored.join("; ") /> }
    });
    let left_out = (sheet.bad_rows > 0).then(|| {
        view! { <Row key="Rows left out" value=format!("{}, which could not be read", rows(sheet.bad_rows)) /> }
    });
    let matched = if made_from {
        format!("Downloaded from ‘{open_name}’. When merging, only the cells changed in the spreadsheet since then count as changes.")
    } else {
        "Not downloaded from the open assessment. When merging, every filled-in cell that differs from yours is treated as a change; where you have a different answer, you choose.".to_string()
    };
    view! {
        <h3 class="nhsuk-heading-s">{format!("File: {name}")}</h3>
        <dl class="nhsuk-summary-list">
            <Row key="Assessment" value=given(p.name) />
            <Row key="Organisation" value=given(p.organisation) />
            <Row key="Date of assessment" value=given(p.assessed_on) />
            <Row key="Answers" value=format!("{} of 17 elements rated, progress recorded for {}", p.ratings, p.progress) />
            <Row key="Rows read" value=format!("{} for {} of 17 elements", rows(sheet.good_rows), p.elements) />
            {left_out}
            {ignored}
            <Row key="Spreadsheet" value=matched />
        </dl>
    }
}

fn json_summaries(files: &[(String, ExportFile)]) -> impl IntoView {
    files
        .iter()
        .map(|(name, file)| {
            let rows = preview(file);
            view! {
                <h3 class="nhsuk-heading-s">{format!("File: {name}")}</h3>
                {rows.into_iter().map(|p| view! {
                    <dl class="nhsuk-summary-list">
                        <Row key="Assessment" value=p.name />
                        <Row key="Organisation" value=if p.organisation.is_empty() { "Not given".into() } else { p.organisation } />
                        <Row key="Date of assessment" value=if p.assessed_on.is_empty() { "Not given".into() } else { p.assessed_on } />
                        <Row key="Answers" value=format!("{} of 17 elements rated, progress recorded for {}", p.ratings, p.progress) />
                        <Row key="Exported" value=format!("{} by version {} of this app", when(p.exported_at), p.app_version) />
                    </dl>
                }).collect_view()}
            }
        })
        .collect_view()
}

#[component]
fn Row(key: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">{key}</dt>
            <dd class="nhsuk-summary-list__value">{value}</dd>
        </div>
    }
}

fn finish_merge(
    state: AppState,
    theirs: &Assessment,
    mode: MergeMode,
    choices: &[(Field, FieldValue)],
) -> Result<(), Vec<Field>> {
    let stamp = state.stamp();
    let mut done = None;
    state.change(|w| {
        done = Some(import::finish_merge(w, theirs, mode, choices, &stamp));
        matches!(done, Some(Ok(_)))
    });
    let (record, message) = done.expect("merge ran")?;
    state.restore_point.set(Some((record, message)));
    state.save_now();
    state.quiet_reminder();
    Ok(())
}

/// Each question: every live version as a radio, none chosen for the user;
/// "Finish merging" with one unanswered shows the error summary.
#[component]
fn Conflicts(
    theirs: Assessment,
    conflicts: Vec<Conflict>,
    mode: MergeMode,
    step: RwSignal<Step>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = conflicts.len();
    let chosen = RwSignal::new(vec![None::<usize>; count]);
    let missing = RwSignal::new(Vec::<usize>::new());
    let asked = conflicts.clone();
    let finish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picks = chosen.get_untracked();
        let choices: Vec<(Field, FieldValue)> = asked
            .iter()
            .zip(&picks)
            .filter_map(|(q, pick)| pick.map(|i| (q.field.clone(), q.versions[i].value.clone())))
            .collect();
        let unanswered_now: Vec<usize> = unanswered(&asked, &choices)
            .iter()
            .filter_map(|f| asked.iter().position(|q| &q.field == f))
            .collect();
        if !unanswered_now.is_empty() {
            missing.set(unanswered_now);
            focus_later("conflict-error-summary");
            return;
        }
        match finish_merge(state, &theirs, mode, &choices) {
            Ok(()) => {
                step.set(Step::Choose);
                focus_later("import-done");
            }
            Err(left) => {
                missing.set(
                    left.iter()
                        .filter_map(|f| asked.iter().position(|q| &q.field == f))
                        .collect(),
                );
                focus_later("conflict-error-summary");
            }
        }
    };
    let labels: Vec<String> = conflicts.iter().map(|c| place(&c.field).1).collect();
    let intro = match mode {
        MergeMode::Causal => "Since you last shared this assessment, you and the file’s author both changed these. Choose which to keep for each. Everything else is merged already: what only one of you changed is kept.",
        MergeMode::EveryDifference => "These answers differ between the file and the open assessment. Choose which to keep for each. Answers only the file has are taken; answers only you have are kept.",
    };
    view! {
        {move || {
            let gaps = missing.get();
            (!gaps.is_empty()).then(|| view! {
                <div class="nhsuk-error-summary" aria-labelledby="conflict-error-title" role="alert" tabindex="-1" id="conflict-error-summary">
                    <h2 class="nhsuk-error-summary__title" id="conflict-error-title">"There is a problem"</h2>
                    <div class="nhsuk-error-summary__body">
                        <p>"Nothing has been merged yet."</p>
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {gaps.into_iter().map(|i| view! {
                                <li><a href=format!("#/share?to=conflict-{i}-0")>{format!("Choose which to keep for {}", labels[i])}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            })
        }}
        <div id="conflicts" tabindex="-1">
            <h3>{format!("{count} {} to choose", if count == 1 { "answer" } else { "answers" })}</h3>
            <p>{intro}</p>
        </div>
        <form on:submit=finish novalidate>
            {conflicts.into_iter().enumerate().map(|(i, c)| {
                let name = format!("conflict-{i}");
                let (href, label) = place(&c.field);
                let error = move || missing.with(|m| m.contains(&i));
                view! {
                    <div class="nhsuk-form-group app-conflict" class:nhsuk-form-group--error=error>
                        <fieldset class="nhsuk-fieldset" aria-describedby=move || error().then(|| format!("{name}-error"))>
                            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                                <a href=href>{label}</a>
                            </legend>
                            {move || error().then(|| view! {
                                <span class="nhsuk-error-message" id=format!("conflict-{i}-error")>
                                    <span class="nhsuk-u-visually-hidden">"Error: "</span>"Choose which to keep"
                                </span>
                            })}
                            <div class="nhsuk-radios">
                                {c.versions.iter().enumerate().map(|(j, v)| {
                                    let id = format!("conflict-{i}-{j}");
                                    let whose = match (v.ours, v.theirs) {
                                        (true, true) => "In both",
                                        (true, false) => "Yours",
                                        (false, _) => "In the file",
                                    };
                                    let when_text = v.at.map(|t| format!(", changed {}", when(t))).unwrap_or_default();
                                    view! {
                                        <div class="nhsuk-radios__item">
                                            <input class="nhsuk-radios__input" id=id.clone() name=format!("conflict-{i}") type="radio"
                                                aria-describedby=format!("{id}-hint")
                                                prop:checked=move || chosen.with(|c| c[i] == Some(j))
                                                on:change=move |_| {
                                                    chosen.update(|c| c[i] = Some(j));
                                                    missing.update(|m| m.retain(|x| *x != i));
                                                } />
                                            <label class="nhsuk-label nhsuk-radios__label app-pre" for=id.clone()>{shown(&c.field, &v.value)}</label>
                                            <div class="nhsuk-hint nhsuk-radios__hint" id=format!("{id}-hint")>{format!("{whose}{when_text}")}</div>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    </div>
                }
            }).collect_view()}
            <div class="app-button-group">
                <button type="submit" class="nhsuk-button">"Finish merging"</button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| step.set(Step::Choose)>"Cancel"</button>
            </div>
        </form>
    }
}

/// What an import changed: element, field, before and after, each linked to
/// its place.
#[component]
fn ChangeList(changes: Vec<Change>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p>"It changed no answers: everything in the file was already here."</p> }
            .into_any();
    }
    let count = changes.len();
    view! {
        <details class="nhsuk-details" id="import-changes">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">{format!("What changed ({count} {})", if count == 1 { "answer" } else { "answers" })}</span>
            </summary>
            <div class="nhsuk-details__text">
                <table class="nhsuk-table app-changes">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Answers the import changed"</caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th scope="col" class="nhsuk-table__header">"Answer"</th>
                            <th scope="col" class="nhsuk-table__header">"Before"</th>
                            <th scope="col" class="nhsuk-table__header">"After"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {changes.into_iter().map(|c| {
                            let (href, label) = place(&c.field);
                            view! {
                                <tr class="nhsuk-table__row">
                                    <th scope="row" class="nhsuk-table__cell"><a href=href>{label}</a></th>
                                    <td class="nhsuk-table__cell app-pre">{shown(&c.field, &c.before)}</td>
                                    <td class="nhsuk-table__cell app-pre">{shown(&c.field, &c.after)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }.into_any()
}

/// After an import: what happened, what it changed, and a way to undo it.
#[component]
fn ImportDone() -> impl IntoView {
    let state = expect_context::<AppState>();
    let undone = RwSignal::new(None::<String>);
    move || {
        if let Some(message) = undone.get() {
            if state.restore_point.with(Option::is_none) {
                return view! {
                    <div class="nhsuk-inset-text" id="undo-done" tabindex="-1" role="status">
                        <p>{message}</p>
                    </div>
                }
                .into_any();
            }
        }
        state.restore_point.get().map(|(done, message)| {
            let record: ImportRecord = done.clone();
            let undo = move |_| {
                let stamp = state.stamp();
                let mut result = Default::default();
                state.change(|w| {
                    result = w.undo_import(&record, &stamp, new_id);
                    true
                });
                state.restore_point.set(None);
                state.save_now();
                undone.set(Some(undo_message(&record, &result)));
                focus_later("undo-done");
            };
            let changes = (done.kind != ImportKind::New).then(|| view! { <ChangeList changes=done.changes.clone() /> });
            view! {
                <div class="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" id="import-done" tabindex="-1" aria-labelledby="import-done-title">
                    <div class="nhsuk-notification-banner__header">
                        <h2 class="nhsuk-notification-banner__title" id="import-done-title">"Success"</h2>
                    </div>
                    <div class="nhsuk-notification-banner__content">
                        <p class="nhsuk-notification-banner__heading">{message}</p>
                        {changes}
                        <p>"If this is not what you wanted, undo it: in every tab, answers go back to how they were, except any changed again since."</p>
                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=undo>"Undo import"</button>
                    </div>
                </div>
            }
        })
        .into_any()
    }
}

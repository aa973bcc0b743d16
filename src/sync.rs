//! Keeping the open assessment in step with its connected folder: when to
//! read and write. This browser's copy is written a few seconds after the
//! last change (one write in flight); the folder is read when the tab
//! gains focus or becomes visible, every minute while it is visible, and
//! on connecting. Each check merges colleagues' new or changed copies into
//! the open assessment (conflicts become two versions, shown where they
//! live), then writes ours if it changed. What to read, what each file
//! came to and every message are `model::folder_sync`'s; the folder and
//! IndexedDB are `folder.rs`'s.

use crate::content::framework;
use crate::files;
use crate::folder::{self, FolderError};
use crate::model::folder_sync::{FolderProblem, Seen, CHECK_EVERY_MS, WRITE_DELAY_MS};
use crate::model::replicas::{
    classify, replica_file_name, FolderFile, FolderMerge, ReplicaSettings, Skip, Skipped,
    REPLICA_KEY,
};
use crate::model::store::Store;
use crate::model::{export, ExportFile, Timestamp};
use crate::parts::Unavailable;
use crate::state::{new_id, now, today, AppState};
use crate::storage::{self, Local};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the page says about the open assessment's folder.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// This browser cannot keep a folder connected.
    Unsupported,
    NotConnected,
    /// Connected; the first check is under way.
    Checking {
        folder: String,
    },
    /// The browser needs a click to allow the folder again.
    Reconnect {
        folder: String,
    },
    Problem {
        folder: String,
        problem: FolderProblem,
    },
    InStep {
        folder: String,
        people: Vec<(String, Timestamp)>,
        skipped: Vec<Skipped>,
    },
}

impl Status {
    pub fn folder(&self) -> Option<&str> {
        match self {
            Status::Checking { folder }
            | Status::Reconnect { folder }
            | Status::Problem { folder, .. }
            | Status::InStep { folder, .. } => Some(folder),
            Status::Unsupported | Status::NotConnected => None,
        }
    }
}

/// This browser's name and replica ids, as stored; `Err` says why they
/// could not be read (they are then not written over).
pub fn settings() -> Result<ReplicaSettings, String> {
    if !storage::available() {
        return Ok(ReplicaSettings::default());
    }
    ReplicaSettings::read(Local.get(REPLICA_KEY).as_deref())
}

/// This browser's replica id for an assessment, keeping `person` (when
/// given) as its name; the second part says, in words, what could not be
/// kept (the file's name may then change next time).
pub fn replica_id(assessment: &str, person: Option<&str>) -> (String, Option<String>) {
    let (mut settings, readable) = match settings() {
        Ok(s) => (s, true),
        Err(_) => (ReplicaSettings::default(), false),
    };
    let renamed = person.is_some_and(|p| p != settings.person);
    if let Some(p) = person {
        settings.person = p.to_string();
    }
    let (id, fresh) = settings.id_for(assessment, new_id);
    let problem = if !readable {
        Some("Your name could not be kept in this browser, because what it saved before could not be read. Next time, check your file’s name matches your earlier copy.".to_string())
    } else if !storage::available() {
        Some("This browser does not let the app keep your name, so next time your file may get a new name: delete your earlier copy from the folder then.".to_string())
    } else if fresh || renamed {
        storage::set(REPLICA_KEY, &settings.to_text()).err().map(|_| {
            "Your name could not be kept, because this browser’s storage for the app is full or blocked: next time your file may get a new name.".to_string()
        })
    } else {
        None
    };
    (id, problem)
}

/// The person's name as kept, if any.
pub fn person() -> String {
    settings().map(|s| s.person).unwrap_or_default()
}

#[derive(Clone, Copy)]
pub struct FolderSync {
    pub status: RwSignal<Status>,
    /// Another assessment's copies found in the folder, to work on here:
    /// the file, and what it holds.
    pub joinable: RwSignal<Vec<(String, ExportFile)>>,
    /// The last time colleagues' changes were brought in: what, and when.
    pub brought_in: RwSignal<Option<(String, Timestamp)>>,
    /// Something about the connection itself (it could not be kept for the
    /// next visit, say).
    pub warning: RwSignal<Option<String>>,
    state: AppState,
    /// The open assessment's id and its folder.
    handle: StoredValue<Option<(String, JsValue)>, LocalStorage>,
    seen: StoredValue<Seen>,
    /// What was last written: the file's name and how many edits it held.
    written: StoredValue<Option<(String, u64)>>,
    busy: StoredValue<bool>,
    again: StoredValue<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl FolderSync {
    /// Starts following the open assessment's folder (from
    /// `AppState::make_full`, with the first page that edits).
    pub fn start(state: AppState) -> Self {
        let supported = folder::supported();
        let sync = FolderSync {
            status: RwSignal::new(if supported {
                Status::NotConnected
            } else {
                Status::Unsupported
            }),
            joinable: RwSignal::new(Vec::new()),
            brought_in: RwSignal::new(None),
            warning: RwSignal::new(None),
            state,
            handle: StoredValue::new_local(None),
            seen: StoredValue::new(Seen::default()),
            written: StoredValue::new(None),
            busy: StoredValue::new(false),
            again: StoredValue::new(false),
            pending: StoredValue::new(None),
        };
        if supported {
            sync.watch();
        }
        sync
    }

    fn current(&self) -> (String, u64) {
        self.state
            .workspace
            .with_untracked(|w| (w.current().id.clone(), w.current().edits_seen()))
    }

    fn connected_to(&self, id: &str) -> bool {
        self.handle
            .with_value(|h| h.as_ref().is_some_and(|(i, _)| i == id))
    }

    fn watch(self) {
        let open = Memo::new(move |_| self.state.workspace.with(|w| w.current().id.clone()));
        Effect::new(move || self.attach(open.get()));
        // A change to the open assessment: write it a few seconds after the
        // last one.
        Effect::new(move |ran: Option<()>| {
            let edits = self.state.workspace.with(|w| w.current().edits_seen());
            if ran.is_some() {
                self.schedule_write(edits);
            }
        });
        let visible = || document().visibility_state() == web_sys::VisibilityState::Visible;
        let focus = window_event_listener(leptos::ev::focus, move |_| self.check());
        let shown = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if visible() {
                self.check();
            }
        });
        let every = set_interval_with_handle(
            move || {
                if visible() {
                    self.check();
                }
            },
            Duration::from_millis(CHECK_EVERY_MS.into()),
        )
        .ok();
        on_cleanup(move || {
            focus.remove();
            shown.remove();
            if let Some(h) = every {
                h.clear();
            }
        });
    }

    fn schedule_write(self, edits: u64) {
        let (id, _) = self.current();
        if !self.connected_to(&id) || self.written.get_value().is_some_and(|(_, n)| n == edits) {
            return;
        }
        if let Some(Some(h)) = self.pending.try_get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || self.sync(false),
            Duration::from_millis(WRITE_DELAY_MS.into()),
        )
        .ok();
        self.pending.set_value(handle);
    }

    /// Reads the folder now, if one is connected (focus, a minute passed).
    pub fn check(self) {
        let (id, _) = self.current();
        if self.connected_to(&id) {
            self.sync(false);
        } else if matches!(self.status.get_untracked(), Status::NotConnected) {
            // Another tab may have connected it since.
            self.attach(id);
        }
    }

    /// Follows the folder kept for the assessment `id` (if any).
    fn attach(self, id: String) {
        if self.connected_to(&id) {
            return;
        }
        self.handle.set_value(None);
        self.seen.set_value(Seen::default());
        self.written.set_value(None);
        self.joinable.set(Vec::new());
        self.brought_in.set(None);
        leptos::task::spawn_local(async move {
            let kept = folder::remembered(&id).await;
            if self.current().0 != id {
                return;
            }
            match kept {
                Ok(Some(_)) if self.connected_to(&id) => {}
                Ok(Some(handle)) => {
                    self.show(Status::Checking {
                        folder: folder::name_of(&handle),
                    });
                    self.handle.set_value(Some((id, handle)));
                    self.sync(false);
                }
                Ok(None) if !self.connected_to(&id) => self.show(Status::NotConnected),
                Ok(None) => {}
                Err(_) if self.connected_to(&id) => {}
                Err(e) => {
                    self.show(Status::NotConnected);
                    self.warning.set(Some(format!("This browser could not look up a shared folder for this assessment ({}). If you connected one, choose it again.", e.message)));
                }
            }
        });
    }

    fn show(&self, status: Status) {
        if self.status.get_untracked() != status {
            self.status.set(status);
        }
    }

    /// The person chose a folder for the open assessment: keep it and
    /// bring it in step. Runs from their click (the picker needs one).
    pub fn connect(self, person: String) {
        leptos::task::spawn_local(async move {
            let (id, _) = self.current();
            let handle = match folder::pick().await {
                Ok(h) => h,
                Err(e) if e.name == "AbortError" => return,
                Err(e) => {
                    let problem = match FolderProblem::of(&e.name, &e.message) {
                        FolderProblem::NeedsPermission => FolderProblem::Refused,
                        other => other,
                    };
                    self.show(Status::Problem {
                        folder: String::new(),
                        problem,
                    });
                    return;
                }
            };
            let (_, kept) = replica_id(&id, Some(&person));
            let remembered = folder::remember(&id, &handle).await.err().map(|e| {
                format!("The folder is connected for now, but this browser could not keep it for your next visit ({}): you will need to choose it again then.", e.message)
            });
            self.warning.set(
                kept.into_iter()
                    .chain(remembered)
                    .reduce(|a, b| format!("{a} {b}")),
            );
            self.seen.set_value(Seen::default());
            self.written.set_value(None);
            self.joinable.set(Vec::new());
            self.show(Status::Checking {
                folder: folder::name_of(&handle),
            });
            self.handle.set_value(Some((id, handle)));
            self.sync(false);
        });
    }

    /// "Reconnect the shared folder": asks the browser again (needs a click).
    pub fn reconnect(self) {
        self.sync(true);
    }

    /// Stops following the folder; the folder's files and this browser's
    /// copy both stay as they are.
    pub fn disconnect(self) {
        let (id, _) = self.current();
        self.handle.set_value(None);
        self.joinable.set(Vec::new());
        self.brought_in.set(None);
        leptos::task::spawn_local(async move {
            match folder::forget(&id).await {
                Ok(()) => {
                    self.warning.set(None);
                    self.show(Status::NotConnected);
                }
                Err(_) if self.connected_to(&id) => {}
                Err(e) => {
                    self.show(Status::NotConnected);
                    self.warning.set(Some(format!("The folder is disconnected for now, but this browser could not forget it ({}): it may connect again on your next visit.", e.message)));
                }
            }
        });
    }

    /// Opens another assessment found in the folder as a new assessment
    /// here, connected to the same folder: how a colleague joins.
    pub fn join(self, file: String) {
        let Some((_, export)) = self
            .joinable
            .with_untracked(|j| j.iter().find(|(f, _)| *f == file).cloned())
        else {
            return;
        };
        let Some((_, handle)) = self.handle.get_value() else {
            return;
        };
        let stamp = self.state.stamp();
        let mut opened = None;
        self.state.change(|w| {
            let record = w.import_new(&export.assessments, &today().long(), &stamp, new_id);
            opened = record.assessments.last().cloned();
            if let Some(id) = &opened {
                w.switch(id);
            }
            opened.is_some()
        });
        let Some(id) = opened else { return };
        self.state.save_now();
        leptos::task::spawn_local(async move {
            let remembered = folder::remember(&id, &handle).await;
            // `attach` (run as the open assessment changed) found nothing
            // kept yet: follow the folder now.
            self.handle.set_value(Some((id, handle)));
            self.seen.set_value(Seen::default());
            self.written.set_value(None);
            self.joinable.set(Vec::new());
            if let Err(e) = remembered {
                self.warning.set(Some(format!("This browser could not keep the folder for your next visit ({}): you will need to choose it again then.", e.message)));
            }
            self.sync(false);
        });
    }

    /// Deleting an assessment that has a folder: by default the folder is
    /// left alone (and kept, so "Undo delete" reconnects it); `stop`
    /// removes this browser's own file from it and forgets it. `Err` says
    /// in words what could not be done.
    pub async fn stop_sharing(
        assessment: &crate::model::Assessment,
        stop: bool,
    ) -> Result<(), String> {
        if !stop {
            return Ok(());
        }
        let why = |e: FolderError| {
            format!("Your copy could not be removed from the shared folder ({}). Remove it there by hand if you need to.", e.message)
        };
        let Some(handle) = folder::remembered(&assessment.id).await.map_err(why)? else {
            return Ok(());
        };
        let own = settings()
            .ok()
            .and_then(|s| s.ids.get(&assessment.id).cloned());
        if let Some(own) = own {
            if folder::allowed(&handle, true).await.map_err(why)? {
                let name = replica_file_name(&assessment.name.value, &person(), &own);
                folder::remove(&handle, &name).await.map_err(why)?;
            }
        }
        folder::forget(&assessment.id).await.map_err(why)
    }

    fn fail(&self, folder: String, e: FolderError) {
        let problem = FolderProblem::of(&e.name, &e.message);
        self.show(match problem {
            FolderProblem::NeedsPermission => Status::Reconnect { folder },
            problem => Status::Problem { folder, problem },
        });
    }

    /// One check at a time; a check asked for meanwhile runs after it.
    fn sync(self, ask: bool) {
        if self.busy.get_value() {
            self.again.set_value(true);
            return;
        }
        self.busy.set_value(true);
        leptos::task::spawn_local(async move {
            let mut ask = ask;
            loop {
                match check(self, ask).await {
                    Ok(once) => once.await,
                    Err(Unavailable) => {
                        if let Some((_, handle)) = self.handle.get_value() {
                            self.show(Status::Problem {
                                folder: folder::name_of(&handle),
                                problem: FolderProblem::NotLoaded,
                            });
                        }
                    }
                }
                ask = false;
                if !self.again.get_value() {
                    break;
                }
                self.again.set_value(false);
            }
            self.busy.set_value(false);
        });
    }

    /// One check: reads colleagues' new copies, merges them, writes ours.
    async fn once(self, ask: bool) {
        let Some((id, handle)) = self.handle.get_value() else {
            return;
        };
        let name = folder::name_of(&handle);
        match folder::allowed(&handle, ask).await {
            Ok(true) => {}
            Ok(false) => return self.show(Status::Reconnect { folder: name }),
            Err(e) => return self.fail(name, e),
        }
        let listed = match folder::list(&handle).await {
            Ok(listed) => listed,
            Err(e) => return self.fail(name, e),
        };
        let (own, _) = replica_id(&id, None);
        let entries: Vec<_> = listed.iter().map(|(l, _)| l.clone()).collect();
        let wanted: Vec<String> = self.seen.with_value(|s| {
            s.to_read(&entries, &own)
                .into_iter()
                .map(|l| l.name.clone())
                .collect()
        });
        let mut read = Vec::new();
        for (l, file) in listed.iter().filter(|(l, _)| wanted.contains(&l.name)) {
            let bytes = files::read(file).await.unwrap_or_default();
            read.push(FolderFile {
                name: l.name.clone(),
                size: l.size,
                bytes,
            });
        }
        let listing = classify(read, framework());
        if self.current().0 != id || !self.connected_to(&id) {
            return;
        }
        let mut done = FolderMerge::default();
        if !listing.good.is_empty() {
            let mut changed = false;
            self.state.change(|w| {
                let (record, merged) = w.merge_folder(&listing.good);
                changed = !record.changes.is_empty()
                    || !record.rounds_added.is_empty()
                    || !record.rounds_removed.is_empty();
                done = merged;
                changed
            });
            if changed {
                self.state.save_now();
                let whose: Vec<&str> = done.merged.iter().map(|(w, _)| w.as_str()).collect();
                let n = done.changes.len();
                let what = if n == 1 {
                    "1 change".to_string()
                } else {
                    format!("{n} changes")
                };
                self.brought_in.set(Some((
                    format!("Brought in {what} from {}", whose.join(", ")),
                    now(),
                )));
            }
        }
        // Another assessment's copies: offered to work on here.
        let others: Vec<(String, ExportFile)> = done
            .skipped
            .iter()
            .filter(|s| matches!(s.why, Skip::OtherAssessment(_)))
            .filter_map(|s| {
                let r = listing.good.iter().find(|r| r.file == s.file)?;
                Some((s.file.clone(), r.export.clone()))
            })
            .collect();
        self.joinable.update(|j| {
            j.retain(|(f, _)| {
                entries.iter().any(|l| &l.name == f) && !others.iter().any(|(o, _)| o == f)
            });
            j.extend(others);
        });
        self.seen
            .update_value(|s| s.record(&entries, &own, &listing, &done));
        if let Err(e) = self.write_ours(&id, &own, &handle).await {
            return self.fail(name, e);
        }
        let (people, skipped) = self.seen.with_value(|s| (s.people(), s.skipped()));
        self.show(Status::InStep {
            folder: name,
            people,
            skipped,
        });
    }

    /// Writes this browser's copy if it changed since it was last written.
    async fn write_ours(&self, id: &str, own: &str, handle: &JsValue) -> Result<(), FolderError> {
        let person = person();
        let person = if person.is_empty() {
            "Someone".to_string()
        } else {
            person
        };
        let (file, edits, text) = self.state.workspace.with_untracked(|w| {
            let a = w.current();
            // A blank assessment (a fresh browser's first) is never written:
            // it would only sit in the folder as another assessment.
            if !a.has_content() {
                return (String::new(), 0, None);
            }
            let file = replica_file_name(&a.name.value, &person, own);
            let text = (self.written.get_value() != Some((file.clone(), a.edits_seen())))
                .then(|| export(std::slice::from_ref(a), APP_VERSION, now()));
            (file, a.edits_seen(), text)
        });
        let Some(text) = text else { return Ok(()) };
        folder::write(handle, &file, &text).await?;
        self.written.set_value(Some((file, edits)));
        self.state.change(|w| w.mark_exported([id]));
        Ok(())
    }
}

/// One check of the folder, as a future (`FolderSync::once`). A split point
/// of its own: reading colleagues' files (the app's JSON reader), merging
/// them and writing ours are fetched only once a folder is connected, never
/// by someone who only rates. Not fetched (offline before it was cached):
/// `Err`, and the next check asks again.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(folder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn check(sync: FolderSync, ask: bool) -> Result<Check, Unavailable> {
    Ok(Box::pin(sync.once(ask)))
}

/// One check of the folder (one build: an ordinary function).
#[cfg(not(feature = "split"))]
async fn check(sync: FolderSync, ask: bool) -> Result<Check, Unavailable> {
    Ok(Box::pin(sync.once(ask)))
}

type Check = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

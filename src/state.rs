//! The app's state in signals, and saving as a consequence of it changing.
//!
//! One `RwSignal<Workspace>` holds the model. Every edit goes through the
//! model's pure functions (each in-memory copy of an assessment writes as
//! its own writer, made fresh from this page load's random session); an effect
//! notices the change and saves (debounced, flushed when the page is hidden
//! or closed). Every save reads what is stored and merges it first, and
//! another tab's save arrives as a `storage` event and is merged the same
//! way: by what each copy has seen, never by time. Deletes, replace and undo
//! are new edits, so they hold in every tab; "Delete all data" starts a new
//! generation that an older tab gives way to, telling its user.

use crate::model::{
    decode, encode, start_session, Date, Deleted, Edit, ImportRecord, Stamp, Timestamp, Workspace,
    STORAGE_KEY,
};
use crate::storage::{self, Health, Loaded};
use leptos::prelude::*;
use std::time::Duration;

const SAVE_DELAY: Duration = Duration::from_millis(400);

#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub health: RwSignal<Health>,
    /// The last deleted assessment and its place, for "Undo".
    pub undo_delete: RwSignal<Option<Deleted>>,
    /// Something another tab did that changed what this one shows.
    pub notice: RwSignal<Option<String>>,
    /// The export reminder rests straight after an import or a saved round
    /// (the user has just dealt with files or saved a copy): it stays quiet
    /// until the open assessment has seen more edits than this.
    pub reminder_quiet: RwSignal<Option<(String, u64)>>,
    /// Whether the browser agreed to keep our data (`None`: not known).
    pub persisted: RwSignal<Option<bool>>,
    /// What the last import did (to list it and undo it), and its summary.
    pub restore_point: RwSignal<Option<(ImportRecord, String)>>,
    /// Other organisations' files opened for comparison: read-only, kept in
    /// this tab until cleared, never stored or sent.
    pub rollup: RwSignal<Vec<(String, crate::model::ExportFile)>>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
    /// What storage last accepted, so a flush knows whether anything is unsaved.
    last_saved: StoredValue<Option<Workspace>>,
    /// The text last read from or written to storage: when storage still
    /// holds exactly that, no other tab has saved, and a save need not
    /// decode and merge it again (the costly part with many rounds).
    last_raw: StoredValue<Option<String>>,
}

pub fn now() -> Timestamp {
    js_sys::Date::now() as Timestamp
}

fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// A new assessment id: time plus randomness, unique across browsers.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{:x}-{random:08x}", now())
}

/// Today in the user's time zone.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date {
        year: d.get_full_year() as u16,
        month: d.get_month() as u8 + 1,
        day: d.get_date() as u8,
    }
}

impl AppState {
    /// Loads what is stored (or starts fresh) and starts saving changes.
    pub fn start() -> Self {
        let (state, fresh_start) = Self::load(decode);
        state.watch();
        if fresh_start {
            // Save the new empty workspace at once, so a second tab opened
            // now works on the same assessment instead of making its own.
            state.save_now();
        }
        state
    }

    /// For the reader build: loads what is stored, to show ratings beside
    /// the framework, and never writes. The full app, started in its place
    /// on the way to any page that edits, loads afresh and saves.
    pub fn read_only() -> Self {
        Self::load(crate::model::decode_ratings).0
    }

    /// The state as stored, and whether nothing was stored yet.
    fn load(
        decode: fn(&str) -> Result<crate::model::Envelope, crate::model::LoadError>,
    ) -> (Self, bool) {
        // Every copy loaded or made from here on writes as a new writer
        // under this page load's random session: never the time.
        start_session((u64::from(random_u32()) << 32) | u64::from(random_u32()));
        let stamp = Stamp::at(now());
        let mut fresh_start = false;
        let mut raw_loaded = None;
        let (workspace, health) = if storage::available() {
            match storage::load(decode) {
                Loaded::Nothing => {
                    fresh_start = true;
                    (Workspace::fresh(new_id(), &stamp), Health::Saving)
                }
                Loaded::Found(envelope, raw) => {
                    raw_loaded = Some(raw);
                    (envelope.workspace, Health::Saving)
                }
                Loaded::Unreadable { raw, reason } => (
                    Workspace::fresh(new_id(), &stamp),
                    Health::Unreadable {
                        raw,
                        reason: reason.to_string(),
                    },
                ),
            }
        } else {
            (Workspace::fresh(new_id(), &stamp), Health::Unavailable)
        };
        let last_saved = matches!(health, Health::Saving).then(|| workspace.clone());
        let state = AppState {
            last_saved: StoredValue::new(last_saved),
            last_raw: StoredValue::new(raw_loaded),
            workspace: RwSignal::new(workspace),
            health: RwSignal::new(health),
            undo_delete: RwSignal::new(None),
            notice: RwSignal::new(None),
            reminder_quiet: RwSignal::new(None),
            persisted: RwSignal::new(None),
            restore_point: RwSignal::new(None),
            rollup: RwSignal::new(Vec::new()),
            pending_save: StoredValue::new(None),
        };
        (state, fresh_start)
    }

    /// Rests the export reminder until the open assessment changes again.
    pub fn quiet_reminder(&self) {
        let at = self
            .workspace
            .with_untracked(|w| (w.current.clone(), w.current().edits_seen()));
        self.reminder_quiet.set(Some(at));
    }

    /// Now, for display beside an edit.
    pub fn stamp(&self) -> Stamp {
        Stamp::at(now())
    }

    /// Applies one edit to the open assessment.
    pub fn edit(&self, edit: Edit) {
        let stamp = self.stamp();
        self.workspace.maybe_update(|w| w.apply(edit, &stamp));
    }

    /// Keeps one of a field's versions in the open assessment: a new edit
    /// that supersedes them all, in every tab.
    pub fn keep_version(&self, field: &crate::model::Field, value: &crate::model::FieldValue) {
        let stamp = self.stamp();
        self.workspace
            .maybe_update(|w| field.set(w.current_mut(), value, &stamp, true));
    }

    /// Any other change to the workspace; `f` says whether it changed.
    pub fn change(&self, f: impl FnOnce(&mut Workspace) -> bool) {
        self.workspace.maybe_update(f);
    }

    fn watch(self) {
        Effect::new(move |ran: Option<()>| {
            self.workspace.track();
            if ran.is_some() {
                self.schedule_save();
            }
        });
        let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                self.flush();
            }
        });
        let closing = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        let other_tab = window_event_listener(leptos::ev::storage, move |e| {
            if e.key().as_deref() == Some(STORAGE_KEY) {
                if let Some(envelope) = e.new_value().and_then(|raw| decode(&raw).ok()) {
                    self.absorb(&envelope.workspace);
                }
            }
        });
        let pending = self.pending_save;
        on_cleanup(move || {
            hidden.remove();
            closing.remove();
            other_tab.remove();
            if let Some(Some(handle)) = pending.try_get_value() {
                handle.clear();
            }
        });
        if self.health.get_untracked().is_saving() {
            leptos::task::spawn_local(async move {
                let granted = storage::request_persistence().await;
                self.persisted.set(granted);
            });
        }
    }

    /// Merges another copy of the workspace into ours, and says so when
    /// that copy deleted what this tab shows.
    fn absorb(&self, incoming: &Workspace) {
        let stamp = self.stamp();
        let mut notice = None;
        let mut cleared = false;
        self.workspace.maybe_update(|w| {
            // In place: our copies keep their writers (a merged copy would
            // be a fork with a new writer each time another tab saves).
            let before = w.clone();
            w.merge_from(incoming);
            if w.generation > before.generation {
                cleared = true;
                notice = Some(
                    "All data in this browser was deleted in another tab or window. This tab now shows what is saved: nothing it held before will be saved again."
                        .to_string(),
                );
            } else if w.get(&before.current).is_none() {
                notice = Some(format!(
                    "‘{}’ was deleted in another tab or window, so it is no longer open here.",
                    before.current().name.value
                ));
            }
            w.ensure_one(new_id(), &stamp);
            *w != before
        });
        if cleared {
            self.restore_point.set(None);
            self.undo_delete.set(None);
            self.rollup.set(Vec::new());
        }
        if notice.is_some() {
            self.notice.set(notice);
        }
    }

    fn schedule_save(&self) {
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
        }
        let state = *self;
        let handle = set_timeout_with_handle(move || state.flush(), SAVE_DELAY).ok();
        self.pending_save.set_value(handle);
    }

    /// Saves now if anything is unsaved (page hidden, closing, or timer).
    /// Compares with what was last saved rather than trusting the timer, so
    /// a change made a moment before the tab closes is not lost.
    pub fn flush(&self) {
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
            self.pending_save.set_value(None);
        }
        let unsaved = self
            .last_saved
            .with_value(|saved| self.workspace.with_untracked(|w| saved.as_ref() != Some(w)));
        if unsaved {
            self.save_now();
        }
    }

    /// Read, merge, write: another tab's newer edits are kept, not overwritten.
    pub fn save_now(&self) {
        match self.health.get_untracked() {
            Health::Unavailable | Health::Unreadable { .. } => return,
            Health::Saving | Health::Full | Health::Failed(_) => {}
        }
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
            self.pending_save.set_value(None);
        }
        let raw = storage::read_raw();
        let unchanged = self
            .last_raw
            .with_value(|last| last.is_some() && *last == raw);
        if !unchanged {
            if let Some(stored) = raw.as_deref().and_then(|raw| decode(raw).ok()) {
                self.absorb(&stored.workspace);
            }
        }
        let workspace = self.workspace.get_untracked();
        let encoded = encode(&workspace, now());
        let health = match storage::write(&encoded) {
            Ok(()) => {
                self.last_saved.set_value(Some(workspace));
                self.last_raw.set_value(Some(encoded));
                Health::Saving
            }
            Err(problem) => problem,
        };
        if self.health.get_untracked() != health {
            self.health.set(health);
        }
    }

    /// Deletes everything this app keeps in this browser and starts afresh,
    /// as a new generation: every other open tab gives way to it and never
    /// writes its older copy back.
    pub fn delete_everything(&self) {
        let stamp = self.stamp();
        // The newest generation anyone has seen, stored or here, plus one.
        let stored = storage::read_raw()
            .and_then(|raw| decode(&raw).ok())
            .map(|e| e.workspace);
        let newest = self.workspace.with_untracked(|w| match &stored {
            Some(s) if s.generation > w.generation => s.clone(),
            _ => w.clone(),
        });
        let fresh = newest.cleared(new_id(), &stamp);
        storage::clear();
        self.restore_point.set(None);
        self.undo_delete.set(None);
        self.rollup.set(Vec::new());
        self.notice.set(None);
        if matches!(self.health.get_untracked(), Health::Unreadable { .. }) {
            self.health.set(Health::Saving);
        }
        self.workspace.set(fresh);
        self.save_now();
    }

    /// After unreadable data was found: the user has kept a copy (or chosen
    /// not to) and wants to replace it with what they have now.
    pub fn replace_unreadable(&self) {
        self.health.set(Health::Saving);
        self.save_now();
    }
}

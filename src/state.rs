//! The app's state in signals, and saving as a consequence of it changing.
//!
//! One `RwSignal<Workspace>` holds the model. Every edit goes through the
//! model's pure functions (each in-memory copy of an assessment writes as
//! its own writer, made fresh from this page load's random session); an
//! effect notices the change and saves
//! (debounced, flushed when the page is hidden or closed). What a save
//! reads and writes is decided by `model::store`: it first merges what
//! another tab stored since (only the keys that changed), then writes only
//! the keys whose contents differ. Another tab's save arrives as `storage`
//! events, merged the same way: by what each copy has seen, never by time.
//! Deletes, replace and undo are new edits, so they hold in every tab;
//! "Delete all data" starts a new generation that an older tab gives way
//! to, telling its user. Stored data this version cannot read (a newer
//! version's, or damaged) stops this tab writing until the user acts.

use crate::model::store::{self, Heard, Incoming, Problem, Saved, Store};
use crate::model::{Date, Deleted, Edit, ImportRecord, Stamp, Timestamp, Workspace};
use crate::storage::{self, Health, Local};
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
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
    /// What the banner offers when stored data cannot be read: until the
    /// page is full, only a download and the way to a page that can replace it.
    pub unreadable_actions: RwSignal<crate::components::status::UnreadableActions>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
    /// What storage holds, as far as this tab knows: what it last read or
    /// wrote in each key, so a save reads and writes only what differs.
    saved: StoredValue<Saved>,
    /// Why this tab stopped writing, kept for "Replace it".
    problem: StoredValue<Option<Problem>>,
    /// Whether `make_full` has run.
    full: StoredValue<bool>,
    /// The app's owner, so what `make_full` starts lives as long as the app.
    /// Weak: the owner holds this state, and a strong reference back would
    /// keep it (and every listener under it) alive after the app unmounts.
    owner: StoredValue<WeakOwner>,
}

pub fn now() -> Timestamp {
    js_sys::Date::now() as Timestamp
}

fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

fn random_u64() -> u64 {
    (u64::from(random_u32()) << 32) | u64::from(random_u32())
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
    /// What every page starts with: what is stored, read only as far as the
    /// reading pages need it (the ratings beside the framework), and never
    /// written. The first page that edits calls `make_full` (from its own
    /// part of the build, so the merge and save code is fetched only then).
    pub fn reading() -> Self {
        // Before anything makes a writer: every writer of this page load is
        // named after its session, and the session can be set only once (a
        // writer made first would fix it to the native default, shared by
        // every browser, and two browsers' edits would look like one edit).
        crate::model::start_session(random_u64());
        let stamp = Stamp::at(now());
        let workspace = Workspace::fresh(new_id(), &stamp);
        let (health, stored) = if storage::available() {
            (Health::Saving, store::holds_any(&Local.keys()))
        } else {
            (Health::Unavailable, false)
        };
        let state = Self::new(workspace, health, Saved::default(), None);
        if stored {
            state.read_stored();
        }
        state
    }

    /// Shows what is stored on the reading pages once its decoding has
    /// arrived (`parts::stored_ratings`; at once from the service worker's
    /// cache after the first visit). A page that edits reads everything
    /// itself (`make_full`), so a late answer never replaces that.
    fn read_stored(self) {
        leptos::task::spawn_local(async move {
            let read = crate::parts::stored_ratings().await;
            if self.full.try_get_value() != Some(false) {
                return; // a page that edits has read everything itself
            }
            let Ok((workspace, problem)) = read else {
                // Not fetched (offline before it was cached): say so, or
                // the missing ratings would look like lost work. The first
                // page that edits reads storage itself (its own part).
                self.notice.try_set(Some(
                    "Your saved answers cannot be shown on this page, because part of the app could not be loaded. They are safe in this browser: check your connection, then reload the page.".into(),
                ));
                return;
            };
            if let Some(workspace) = workspace {
                self.workspace.try_set(workspace);
            }
            if let Some(problem) = problem {
                self.health.try_set(Health::of(&problem));
            }
        });
    }

    /// Whether this page has loaded everything and saves (`make_full`).
    pub fn is_full(&self) -> bool {
        self.full.get_value()
    }

    /// Loads everything stored (or starts fresh), starts saving changes and
    /// keeping a connected folder in step; once per page. Until now the page
    /// only read, so nothing it holds can be lost by reading again. The
    /// effects and listeners belong to the app, not to the page that asked.
    pub fn make_full(self) {
        if self.full.get_value() {
            return;
        }
        self.full.set_value(true);
        let stamp = Stamp::at(now());
        let fresh = || Workspace::fresh(new_id(), &stamp);
        let (workspace, saved, problem, health) = if storage::available() {
            let reading = store::read(&Local);
            let mut workspace = reading.workspace.unwrap_or_else(fresh);
            workspace.ensure_one(new_id(), &stamp);
            let health = reading.problem.as_ref().map_or(Health::Saving, Health::of);
            (workspace, reading.saved, reading.problem, health)
        } else {
            (fresh(), Saved::default(), None, Health::Unavailable)
        };
        self.saved.set_value(saved);
        self.problem.set_value(problem);
        self.workspace.set(workspace);
        if self.health.get_untracked() != health {
            self.health.set(health);
        }
        self.unreadable_actions
            .set(crate::components::status::keep_or_replace);
        // The app's owner is gone only once the app is unmounted (tests):
        // then there is nothing left to keep saving for.
        if let Some(owner) = self.owner.with_value(WeakOwner::upgrade) {
            owner.with(|| {
                self.watch();
                provide_context(crate::sync::FolderSync::start(self));
            });
        }
        // Writes whatever storage lacks: everything on a first visit (so a
        // second tab opened now works on the same assessment), what was
        // merged from the previous version's key, or nothing.
        self.save_now();
    }

    fn new(workspace: Workspace, health: Health, saved: Saved, problem: Option<Problem>) -> Self {
        AppState {
            workspace: RwSignal::new(workspace),
            health: RwSignal::new(health),
            undo_delete: RwSignal::new(None),
            notice: RwSignal::new(None),
            reminder_quiet: RwSignal::new(None),
            persisted: RwSignal::new(None),
            restore_point: RwSignal::new(None),
            rollup: RwSignal::new(Vec::new()),
            unreadable_actions: RwSignal::new(crate::components::status::keep_or_go_to_replace),
            pending_save: StoredValue::new(None),
            saved: StoredValue::new(saved),
            problem: StoredValue::new(problem),
            full: StoredValue::new(false),
            owner: StoredValue::new(
                Owner::current()
                    .expect("AppState is made inside the app")
                    .downgrade(),
            ),
        }
    }

    /// Rests the export reminder until the open assessment changes again.
    pub fn quiet_reminder(&self) {
        let at = self
            .workspace
            .with_untracked(|w| (w.current.clone(), w.current().edits_seen()));
        self.reminder_quiet.set(Some(at));
    }

    /// An edit made now (the time is for display).
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
            // `key` is null when another tab cleared all of storage, which
            // the app never does: what this tab holds is written again.
            match e.key() {
                Some(key) => self.hear(&key, e.new_value().as_deref()),
                None => {
                    self.saved.set_value(Saved::default());
                    self.schedule_save();
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

    /// Another tab changed `key`: merge it, stop writing, or write again,
    /// as the model decides.
    fn hear(&self, key: &str, value: Option<&str>) {
        if matches!(self.health.get_untracked(), Health::Unavailable) {
            return;
        }
        let heard = self
            .saved
            .with_value(|saved| store::heard(saved, key, value, &Local));
        match heard {
            Heard::Nothing => {}
            Heard::Problem(problem) => self.stop(problem),
            Heard::Rewrite(id) => {
                self.saved.update_value(|s| s.forget(&id));
                self.schedule_save();
            }
            Heard::Merge(incoming) => self.take_in(*incoming),
        }
    }

    /// Stops writing, and says why on every page (a newer version says
    /// more than damage does: reloading may read it).
    fn stop(&self, problem: Problem) {
        if matches!(self.health.get_untracked(), Health::Newer(_))
            && !matches!(problem, Problem::Newer(_))
        {
            return;
        }
        let health = Health::of(&problem);
        self.problem.set_value(Some(problem));
        if self.health.get_untracked() != health {
            self.health.set(health);
        }
    }

    /// Merges what another tab stored into ours, and says so when it
    /// deleted what this tab shows.
    fn take_in(&self, incoming: Incoming) {
        if let Some(theirs) = &incoming.workspace {
            let stamp = self.stamp();
            let mut absorbed = None;
            self.workspace
                .update(|w| absorbed = Some(store::absorb(w, theirs, new_id, &stamp)));
            if let Some(absorbed) = absorbed {
                if absorbed.cleared {
                    self.restore_point.set(None);
                    self.undo_delete.set(None);
                    self.rollup.set(Vec::new());
                }
                if let Some(notice) = absorbed.notice {
                    self.notice.set(Some(notice.message()));
                }
            }
        }
        self.saved.update_value(|s| s.record(incoming));
        self.schedule_save();
    }

    fn schedule_save(&self) {
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
        }
        let state = *self;
        let handle = set_timeout_with_handle(move || state.flush(), SAVE_DELAY).ok();
        self.pending_save.set_value(handle);
    }

    /// Saves now (page hidden, closing, or timer). The model compares each
    /// key with what storage holds, so a change made a moment before the
    /// tab closes is not lost and an unchanged workspace writes nothing.
    pub fn flush(&self) {
        self.save_now();
    }

    /// Read what changed, merge, write what differs: another tab's newer
    /// edits are kept, not overwritten.
    pub fn save_now(&self) {
        match self.health.get_untracked() {
            Health::Unavailable | Health::Unreadable { .. } | Health::Newer(_) => return,
            Health::Saving | Health::Full | Health::Failed(_) => {}
        }
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
            self.pending_save.set_value(None);
        }
        match self
            .saved
            .with_value(|saved| store::changed_since(saved, &Local))
        {
            Err(problem) => return self.stop(problem),
            Ok(Some(incoming)) => self.take_in(incoming),
            Ok(None) => {}
        }
        let make_plan = || {
            let keys = Local.keys();
            self.saved.with_value(|saved| {
                self.workspace
                    .try_update_untracked(|w| store::plan_save(saved, w, &keys, now()))
            })
        };
        let Some(mut plan) = make_plan() else { return };
        // Another tab's save may be half-written (its keys before its
        // index): take in what it wrote to the keys this save would
        // overwrite, then plan again. Bounded, in case it keeps writing.
        for _ in 0..3 {
            let unseen = self
                .saved
                .with_value(|saved| store::unseen_overwrites(saved, &plan, &Local));
            if unseen.is_empty() {
                break;
            }
            for (key, text) in unseen {
                self.hear(&key, Some(&text));
            }
            if matches!(
                self.health.get_untracked(),
                Health::Unreadable { .. } | Health::Newer(_)
            ) {
                return;
            }
            let Some(again) = make_plan() else { return };
            plan = again;
        }
        let health = match self.write(&plan) {
            Ok(()) => {
                self.saved.update_value(|s| s.commit(plan));
                Health::Saving
            }
            Err(problem) => problem,
        };
        if self.health.get_untracked() != health {
            self.health.set(health);
        }
    }

    /// Carries out a save's plan. When storage is full on upgrading (the
    /// previous versions' copy beside ours) and all of that copy is merged
    /// in, it gives way to make room for ours.
    fn write(&self, plan: &store::Plan) -> Result<(), Health> {
        let written = storage::apply(plan);
        if written == Err(Health::Full)
            && self
                .saved
                .with_value(|saved| store::legacy_merged(saved, &Local))
        {
            storage::remove(&[crate::model::LEGACY_KEY.to_string()]);
            return storage::apply(plan);
        }
        written
    }

    /// Deletes everything this app keeps in this browser, of every version,
    /// and starts afresh as a new generation: every other open tab gives
    /// way to it and never writes its older copy back.
    pub fn delete_everything(&self) {
        let stamp = self.stamp();
        self.restore_point.set(None);
        self.undo_delete.set(None);
        self.rollup.set(Vec::new());
        self.notice.set(None);
        // Every assessment's connected folder is forgotten too (the folders
        // and their files stay where they are).
        let notice = self.notice;
        leptos::task::spawn_local(async move {
            if let Err(e) = crate::folder::forget_all().await {
                notice.set(Some(format!("This browser could not forget the shared folders you connected ({}). Delete this site’s data in the browser’s settings to remove them.", e.message)));
            }
        });
        if !storage::available() {
            let fresh = self
                .workspace
                .with_untracked(|w| w.cleared(new_id(), &stamp));
            self.workspace.set(fresh);
            return;
        }
        let (fresh, plan) = self
            .workspace
            .with_untracked(|w| store::plan_delete_all(w, &Local, new_id(), &stamp, now()));
        // Deleting must not wait for room: if the fresh copy does not fit
        // beside the old data, the old data goes first.
        let written = storage::apply(&plan).or_else(|_| {
            storage::remove(&plan.removes);
            storage::apply(&plan)
        });
        let health = match written {
            Ok(()) => {
                self.saved.update_value(|s| s.commit(plan));
                self.problem.set_value(None);
                Health::Saving
            }
            Err(problem) => problem,
        };
        self.health.set(health);
        self.workspace.set(fresh);
    }

    /// After unreadable data was found: the user has kept a copy (or chosen
    /// not to) and wants to replace it with what they have now.
    pub fn replace_unreadable(&self) {
        let Some(problem) = self.problem.get_value() else {
            return;
        };
        let plan = self
            .workspace
            .try_update_untracked(|w| store::plan_replace(w, &problem, &Local, now()));
        let Some(plan) = plan else { return };
        let health = match self.write(&plan) {
            Ok(()) => {
                self.saved.set_value(Saved::default());
                self.saved.update_value(|s| s.commit(plan));
                self.problem.set_value(None);
                Health::Saving
            }
            Err(problem) => problem,
        };
        self.health.set(health);
    }
}

//! TEMPORARY: the lead's coming model API (issue 18), written thinly over
//! today's model so the storage work compiles now. Delete this file when the
//! real ones land: `Stamp::at`, `start_session` and `Workspace::merge_from`.
//!
//! Until then the writer is one per page load (as before), set once by
//! `start_session`; the real model forks a writer per assessment instance.

use super::answer::Timestamp;
use super::clock::{Stamp, WriterId};
use super::workspace::Workspace;
use std::sync::Mutex;

static SESSION: Mutex<Option<WriterId>> = Mutex::new(None);

/// Called once at start-up with random bits.
pub fn start_session(random_bits: u64) {
    *SESSION.lock().unwrap_or_else(|e| e.into_inner()) = Some(WriterId::from_random(random_bits));
}

impl Stamp {
    /// An edit made now, by this session.
    pub fn at(at: Timestamp) -> Stamp {
        let writer = SESSION
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .unwrap_or_else(|| WriterId::named("session"));
        Stamp::new(writer, at)
    }
}

impl Workspace {
    /// Merges `other` into this copy in place: the semantics of `merged`.
    pub fn merge_from(&mut self, other: &Workspace) {
        *self = self.merged(other);
    }
}

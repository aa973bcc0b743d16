//! Causality without wall clocks (after Automerge's actors and Riak's dotted
//! version vectors). Every copy of an assessment held in memory writes as
//! its own writer; each edit is a dot (writer, that writer's count) that
//! names exactly one value; an assessment keeps one context, the edits it
//! has seen, as a count per writer. Which version of a field wins is decided
//! only from these; `Timestamp`s are kept for display and never compared.

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Milliseconds since the Unix epoch (as `Date.now()` gives in the browser).
pub type Timestamp = i64;

/// One writer: one copy of a history, in one page load. Made only by
/// `fresh` (a session's random prefix and a count), by migrating an older
/// file, or by name in tests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WriterId(String);

static SESSION: OnceLock<String> = OnceLock::new();
static FORKS: AtomicU64 = AtomicU64::new(0);

/// Starts this page load's writers from 48 random bits. Call once, before
/// anything is loaded; later calls are ignored. Without it (native tests)
/// writers are still distinct within the process.
pub fn start_session(random_bits: u64) {
    let _ = SESSION.set(format!("{:012x}", random_bits & 0xffff_ffff_ffff));
}

/// The session this page load's writers are named after, once one is
/// fixed: "local" if a writer was made before `start_session` (natively).
pub fn session() -> Option<&'static str> {
    SESSION.get().map(String::as_str)
}

impl WriterId {
    /// A writer no other copy has used: this session's prefix and the next
    /// count. Every new copy of a history (load, clone, merge result,
    /// duplicate, import) gets one, so two copies never share a writer.
    fn fresh() -> Self {
        let session = SESSION.get_or_init(|| "local".into());
        let n = FORKS.fetch_add(1, Ordering::Relaxed) + 1;
        WriterId(format!("{session}.{n:x}"))
    }

    /// A fixed name, for versions derived from older files.
    pub(crate) fn named(name: impl Into<String>) -> Self {
        WriterId(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The writer of one in-memory copy. Cloning a copy forks it: the clone
/// writes as a new writer, so the two can never make two edits with one
/// dot. Equal to every other actor: who writes next is not part of what a
/// copy holds.
#[derive(Debug)]
pub(crate) struct Actor(WriterId);

impl Actor {
    pub(crate) fn fresh() -> Self {
        Actor(WriterId::fresh())
    }

    pub(crate) fn id(&self) -> &WriterId {
        &self.0
    }
}

impl Default for Actor {
    fn default() -> Self {
        Actor::fresh()
    }
}

impl Clone for Actor {
    fn clone(&self) -> Self {
        Actor::fresh()
    }
}

impl PartialEq for Actor {
    fn eq(&self, _: &Actor) -> bool {
        true
    }
}

impl Eq for Actor {}

/// When an edit is made, for display beside it (never compared). Who makes
/// it is the copy being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub at: Timestamp,
}

impl Stamp {
    pub fn at(at: Timestamp) -> Self {
        Stamp { at }
    }
}

/// One edit: its writer and that writer's count of edits to the assessment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dot {
    pub by: WriterId,
    pub n: u64,
}

/// For each writer, how many of its edits are seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Clock(BTreeMap<WriterId, u64>);

impl Clock {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, writer: &WriterId) -> u64 {
        self.0.get(writer).copied().unwrap_or(0)
    }

    pub fn covers(&self, dot: &Dot) -> bool {
        self.get(&dot.by) >= dot.n
    }

    /// Records the next edit by `writer` and returns its dot.
    pub(crate) fn next(&mut self, writer: &WriterId) -> Dot {
        let n = self.get(writer) + 1;
        self.0.insert(writer.clone(), n);
        Dot {
            by: writer.clone(),
            n,
        }
    }

    pub(crate) fn add(&mut self, dot: &Dot) {
        let entry = self.0.entry(dot.by.clone()).or_insert(0);
        *entry = (*entry).max(dot.n);
    }

    /// Everything either has seen.
    pub fn join(&self, other: &Clock) -> Clock {
        let mut joined = self.clone();
        joined.join_in(other);
        joined
    }

    pub(crate) fn join_in(&mut self, other: &Clock) {
        for (writer, &n) in &other.0 {
            let entry = self.0.entry(writer.clone()).or_insert(0);
            *entry = (*entry).max(n);
        }
    }

    /// Whether the two have seen any edit in common: copies of one history.
    pub fn shares_with(&self, other: &Clock) -> bool {
        self.0.iter().any(|(w, &n)| n > 0 && other.get(w) > 0)
    }

    /// Each writer and how many of its edits are seen.
    pub fn entries(&self) -> impl Iterator<Item = (&WriterId, u64)> {
        self.0.iter().map(|(w, &n)| (w, n))
    }

    pub fn writers(&self) -> usize {
        self.0.len()
    }

    /// How many edits this clock has seen in all: grows with every edit and
    /// merge, so it tells "changed since" without a time.
    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }
}

/// Makes the next edit of one copy: its context, its writer, and the time
/// to show.
pub(crate) struct Pen<'a> {
    pub seen: &'a mut Clock,
    pub writer: &'a WriterId,
    pub at: Timestamp,
}

impl Pen<'_> {
    pub(crate) fn next(&mut self) -> Dot {
        self.seen.next(self.writer)
    }
}

thread_local! {
    /// While an assessment is written out: its writers' places in its table,
    /// so each dot is written as `[place, count]`.
    static TABLE: RefCell<Option<BTreeMap<WriterId, usize>>> = const { RefCell::new(None) };
}

/// Runs `f` with dots written against `seen`'s writer table.
pub(crate) fn with_table<R>(seen: &Clock, f: impl FnOnce() -> R) -> R {
    // Inserted, not collected: `collect` would link a sort of its own
    // (see `order.rs`, which this bottom layer does not import).
    let mut table = BTreeMap::new();
    for (i, w) in seen.0.keys().enumerate() {
        table.insert(w.clone(), i);
    }
    let before = TABLE.with(|t| t.replace(Some(table)));
    let result = f();
    TABLE.with(|t| *t.borrow_mut() = before);
    result
}

/// A dot read as `[place, count]` names its writer by its place in the
/// assessment's table until `resolve` puts the writer in.
const PLACE: char = '#';

impl Dot {
    /// For a dot read by place: the place in the writer table.
    pub(crate) fn place(&self) -> Option<usize> {
        self.by.0.strip_prefix(PLACE)?.parse().ok()
    }
}

impl Serialize for Dot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let place = TABLE.with(|t| t.borrow().as_ref().and_then(|t| t.get(&self.by).copied()));
        match place {
            Some(i) => (i, self.n).serialize(s),
            None => {
                #[derive(Serialize)]
                struct Named<'a> {
                    by: &'a WriterId,
                    n: u64,
                }
                Named {
                    by: &self.by,
                    n: self.n,
                }
                .serialize(s)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Dot {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DotVisitor;
        impl<'de> Visitor<'de> for DotVisitor {
            type Value = Dot;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a dot: [writer, count] or {\"by\", \"n\"}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Dot, A::Error> {
                let place: usize = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let n: u64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                Ok(Dot {
                    by: WriterId(format!("{PLACE}{place}")),
                    n,
                })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Dot, A::Error> {
                #[derive(Deserialize)]
                struct Named {
                    by: WriterId,
                    n: u64,
                }
                let named = Named::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if named.by.0.starts_with(PLACE) {
                    return Err(de::Error::custom("a writer's name cannot start with #"));
                }
                Ok(Dot {
                    by: named.by,
                    n: named.n,
                })
            }
        }
        d.deserialize_any(DotVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_counts_each_writers_edits() {
        let (a, b) = (WriterId::named("a"), WriterId::named("b"));
        let mut clock = Clock::default();
        let first = clock.next(&a);
        let second = clock.next(&a);
        assert_eq!((first.n, second.n), (1, 2));
        assert!(clock.covers(&first) && clock.covers(&second));
        let mut other = Clock::default();
        let theirs = other.next(&b);
        assert!(!clock.covers(&theirs));
        assert!(!clock.shares_with(&other));
        let joined = clock.join(&other);
        assert!(joined.covers(&theirs) && joined.covers(&second));
        assert!(joined.shares_with(&other) && joined.shares_with(&clock));
        assert_eq!(joined.total(), 3);
    }

    #[test]
    fn every_fork_is_a_new_writer() {
        let one = Actor::fresh();
        let two = one.clone();
        assert_ne!(one.id(), two.id());
        assert_ne!(Actor::default().id(), Actor::default().id());
        assert_eq!(one, two, "who writes next is not part of what a copy holds");
    }

    #[test]
    fn dots_are_written_by_place_in_a_table_and_by_name_without_one() {
        let mut seen = Clock::default();
        let (a, b) = (WriterId::named("a"), WriterId::named("b"));
        seen.next(&a);
        let dot = seen.next(&b);
        assert_eq!(serde_json::to_string(&dot).unwrap(), r#"{"by":"b","n":1}"#);
        let placed = with_table(&seen, || serde_json::to_string(&dot).unwrap());
        assert_eq!(placed, "[1,1]");
        let back: Dot = serde_json::from_str(&placed).unwrap();
        assert_eq!(back.place(), Some(1));
        let named: Dot = serde_json::from_str(r#"{"by":"b","n":1}"#).unwrap();
        assert_eq!(named, dot);
        assert!(serde_json::from_str::<Dot>(r##"{"by":"#1","n":1}"##).is_err());
        assert!(serde_json::from_str::<Dot>("[1]").is_err());
        assert!(serde_json::from_str::<Dot>("[1,2,3]").is_err());
    }
}

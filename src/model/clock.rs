//! Causality without wall clocks: who made an edit, and which edits a copy
//! of a field has seen (a version vector). Which version of a field wins is
//! decided only from these; `Timestamp`s are kept for display.

use super::answer::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One writer: a random id made per page load of the full app, so two tabs
/// (or a duplicated tab) never share one. Built only from randomness (or a
/// fixed name in tests), never from the time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WriterId(String);

impl WriterId {
    /// From 64 random bits, as 16 hex digits.
    pub fn from_random(bits: u64) -> Self {
        WriterId(format!("{bits:016x}"))
    }

    /// A fixed name, for tests and for versions derived from older files.
    pub fn named(name: impl Into<String>) -> Self {
        WriterId(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who is editing, and the time to show beside the edit (never compared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub writer: WriterId,
    pub at: Timestamp,
}

impl Stamp {
    pub fn new(writer: WriterId, at: Timestamp) -> Self {
        Stamp { writer, at }
    }

    /// One writer, "test", at a time: for the model's own unit tests.
    #[cfg(test)]
    pub fn test(at: Timestamp) -> Self {
        Stamp::new(WriterId::named("test"), at)
    }
}

/// One edit: its writer and that writer's count of edits to this field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Dot {
    pub by: WriterId,
    pub n: u64,
}

/// For each writer, how many of its edits (to one field) are seen.
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
    pub fn next(&mut self, writer: &WriterId) -> Dot {
        let n = self.get(writer) + 1;
        self.0.insert(writer.clone(), n);
        Dot {
            by: writer.clone(),
            n,
        }
    }

    pub fn add(&mut self, dot: &Dot) {
        let entry = self.0.entry(dot.by.clone()).or_insert(0);
        *entry = (*entry).max(dot.n);
    }

    /// Everything either has seen.
    pub fn join(&self, other: &Clock) -> Clock {
        let mut joined = self.clone();
        for (writer, &n) in &other.0 {
            let entry = joined.0.entry(writer.clone()).or_insert(0);
            *entry = (*entry).max(n);
        }
        joined
    }

    /// Each writer and how many of its edits are seen.
    pub fn entries(&self) -> impl Iterator<Item = (&WriterId, u64)> {
        self.0.iter().map(|(w, &n)| (w, n))
    }

    /// How many edits this clock has seen in all: grows with every edit and
    /// merge, so it tells "changed since" without a time.
    pub fn total(&self) -> u64 {
        self.0.values().sum()
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
        let joined = clock.join(&other);
        assert!(joined.covers(&theirs) && joined.covers(&second));
        assert_eq!(joined.total(), 3);
        assert_eq!(WriterId::from_random(255).as_str(), "00000000000000ff");
    }
}

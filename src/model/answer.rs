//! One element's answers, each field stamped with when it last changed.

pub use super::clock::Timestamp;
use super::clock::{Clock, Dot, Pen, WriterId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The traffic-light self-assessment rating.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    #[default]
    NotAssessed,
    InPlace,
    WorkInProgress,
    NotInPlace,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::InPlace,
        Rating::WorkInProgress,
        Rating::NotInPlace,
        Rating::NotAssessed,
    ];

    /// The words shown wherever the rating appears (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Rating::InPlace => "In place",
            Rating::WorkInProgress => "Work in progress",
            Rating::NotInPlace => "Not in place",
            Rating::NotAssessed => "Not yet assessed",
        }
    }

    /// Stable token for ids, CSS classes and files.
    pub fn key(self) -> &'static str {
        match self {
            Rating::InPlace => "in_place",
            Rating::WorkInProgress => "work_in_progress",
            Rating::NotInPlace => "not_in_place",
            Rating::NotAssessed => "not_assessed",
        }
    }

    /// How far from "In place": 0, 1 or 2; `None` when not assessed.
    pub fn distance(self) -> Option<u32> {
        match self {
            Rating::InPlace => Some(0),
            Rating::WorkInProgress => Some(1),
            Rating::NotInPlace => Some(2),
            Rating::NotAssessed => None,
        }
    }
}

/// Progress on a recommendation, as in the publication's progress checklist.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    #[default]
    NotRecorded,
    NoProgress,
    Moderate,
    Significant,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::NoProgress,
        Progress::Moderate,
        Progress::Significant,
        Progress::NotRecorded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Progress::NoProgress => "No progress",
            Progress::Moderate => "Moderate progress",
            Progress::Significant => "Significant progress",
            Progress::NotRecorded => "Not yet recorded",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Progress::NoProgress => "no_progress",
            Progress::Moderate => "moderate",
            Progress::Significant => "significant",
            Progress::NotRecorded => "not_recorded",
        }
    }
}

/// One field as a multi-value register (as in Automerge and Dynamo): the
/// version shown and any versions written concurrently with it that no edit
/// has settled yet. What the copy has seen is its assessment's context, not
/// the field's, so history costs one dot per live version.
///
/// Merging keeps each version the other side has not seen superseded, so it
/// is commutative, associative and idempotent, and a field changed on both
/// sides since their common version keeps both (a conflict) instead of
/// silently dropping one. `changed_at` is for display and is never compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "RawStamped<T>",
    bound(deserialize = "T: Deserialize<'de> + LegacyKey + Clone + Default + Ord")
)]
pub struct Stamped<T> {
    pub value: T,
    /// When the shown version was written, by the writer's own clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
    /// The edit that wrote the shown value; `None`: never edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dot: Option<Dot>,
    /// Versions written concurrently with the shown one, oldest dot first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concurrent: Vec<Version<T>>,
    /// Only while a format 2 file is read: the field's own clock, moved into
    /// its assessment's context as the file is read (see `wire.rs`).
    #[serde(skip)]
    pub(crate) legacy_seen: Clock,
}

/// One version of a field: its value, the edit that wrote it, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version<T> {
    pub value: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
    pub dot: Dot,
}

/// The stored or exported shape: format 3 (dots only), format 2 (a clock
/// per field, `seen`) or format 1 (a value and a time, no clock).
#[derive(Deserialize)]
#[serde(default)]
struct RawStamped<T> {
    value: T,
    changed_at: Option<Timestamp>,
    dot: Option<Dot>,
    seen: Clock,
    concurrent: Vec<Version<T>>,
}

impl<T: Default> Default for RawStamped<T> {
    fn default() -> Self {
        RawStamped {
            value: T::default(),
            changed_at: None,
            dot: None,
            seen: Clock::default(),
            concurrent: Vec::new(),
        }
    }
}

impl<T: LegacyKey + Clone + Default + Ord> From<RawStamped<T>> for Stamped<T> {
    fn from(raw: RawStamped<T>) -> Self {
        let mut versions = raw.concurrent;
        let mut seen = raw.seen;
        match (raw.dot, raw.changed_at) {
            (Some(dot), changed_at) => versions.push(Version {
                value: raw.value,
                changed_at,
                dot,
            }),
            // A version 1 field, edited but with no clock: it gets a dot
            // derived from what it holds, so two copies of the same old file
            // agree, and a different old value is a different version.
            (None, Some(at)) => {
                let dot = legacy_dot(&raw.value, at);
                seen.add(&dot);
                versions.push(Version {
                    value: raw.value,
                    changed_at: Some(at),
                    dot,
                })
            }
            (None, None) if versions.is_empty() => return Stamped::untouched(raw.value),
            (None, None) => {}
        }
        let mut field = Stamped::from_versions(versions, T::default());
        field.legacy_seen = seen;
        field
    }
}

/// A value as the JSON text a version 1 file holds for it, to derive a
/// dot from (written by hand: the main module of the build never serialises).
pub trait LegacyKey {
    fn legacy_key(&self) -> String;
}

pub(super) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl LegacyKey for String {
    fn legacy_key(&self) -> String {
        json_string(self)
    }
}

impl LegacyKey for Rating {
    fn legacy_key(&self) -> String {
        json_string(self.key())
    }
}

impl LegacyKey for Progress {
    fn legacy_key(&self) -> String {
        json_string(self.key())
    }
}

/// FNV-1a over the value's JSON and the time: stable across builds.
fn legacy_dot<T: LegacyKey>(value: &T, at: Timestamp) -> Dot {
    let json = value.legacy_key();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in json.bytes().chain(at.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Dot {
        by: WriterId::named(format!("v1-{hash:016x}")),
        n: 1,
    }
}

impl<T: Clone + Default + Ord> Stamped<T> {
    /// A field holding `value`, never edited.
    pub fn untouched(value: T) -> Self {
        Stamped {
            value,
            changed_at: None,
            dot: None,
            concurrent: Vec::new(),
            legacy_seen: Clock::default(),
        }
    }

    /// A field written once, by `pen`.
    pub(crate) fn new(value: T, pen: &mut Pen) -> Self {
        let mut field = Stamped::untouched(T::default());
        field.set_forced(value, pen);
        field
    }

    /// Never edited (an edit back to the default still counts).
    pub fn is_untouched(&self) -> bool {
        self.dot.is_none() && self.concurrent.is_empty()
    }

    /// Canonical form: one version per dot (the larger value if a corrupt
    /// copy disagrees), in dot order, the last one in `value`. Which one is
    /// in `value` decides nothing: while several are live, every page shows
    /// them all and asks.
    fn from_versions(versions: Vec<Version<T>>, fallback: T) -> Self {
        let mut by_dot: BTreeMap<Dot, Version<T>> = BTreeMap::new();
        for v in versions {
            match by_dot.get(&v.dot) {
                Some(existing)
                    if (&existing.value, existing.changed_at) >= (&v.value, v.changed_at) => {}
                _ => {
                    by_dot.insert(v.dot.clone(), v);
                }
            }
        }
        let mut concurrent: Vec<Version<T>> = by_dot.into_values().collect();
        match concurrent.pop() {
            Some(shown) => Stamped {
                value: shown.value,
                changed_at: shown.changed_at,
                dot: Some(shown.dot),
                concurrent,
                legacy_seen: Clock::default(),
            },
            None => Stamped::untouched(fallback),
        }
    }

    /// Every live version: those concurrent with the shown one, then it.
    pub fn versions(&self) -> Vec<Version<T>> {
        let mut all = self.concurrent.clone();
        if let Some(dot) = &self.dot {
            all.push(Version {
                value: self.value.clone(),
                changed_at: self.changed_at,
                dot: dot.clone(),
            });
        }
        all
    }

    pub(crate) fn dots_mut(&mut self) -> impl Iterator<Item = &mut Dot> {
        self.concurrent
            .iter_mut()
            .map(|v| &mut v.dot)
            .chain(self.dot.as_mut())
    }

    /// Sets the value as a new edit that follows every version seen; returns
    /// whether anything changed (the same value, settled, is no change).
    pub(crate) fn set(&mut self, value: T, pen: &mut Pen) -> bool {
        if self.concurrent.is_empty() && self.value == value {
            return false;
        }
        self.set_forced(value, pen);
        true
    }

    /// A new edit even if the value is the same: settles concurrent versions
    /// and supersedes every version seen (replace, undo, a chosen version).
    pub(crate) fn set_forced(&mut self, value: T, pen: &mut Pen) {
        let dot = pen.next();
        self.value = value;
        self.changed_at = Some(pen.at);
        self.dot = Some(dot);
        self.concurrent.clear();
    }

    /// A new version beside the live ones, superseding none: a colleague's
    /// change to a cell we changed too, read from a spreadsheet (which
    /// carries no history), to be asked about.
    pub(crate) fn add_concurrent(&mut self, value: T, pen: &mut Pen) {
        let mut versions = self.versions();
        versions.push(Version {
            value,
            changed_at: Some(pen.at),
            dot: pen.next(),
        });
        *self = Stamped::from_versions(versions, T::default());
    }

    /// Both copies combined, given what each copy has seen: a version
    /// survives unless the other copy has seen it and moved past it.
    pub(crate) fn merged(&self, other: &Stamped<T>, ours: &Clock, theirs: &Clock) -> Stamped<T> {
        if self == other {
            return self.clone();
        }
        let mine: Vec<Version<T>> = self.versions();
        let others: Vec<Version<T>> = other.versions();
        let has = |list: &[Version<T>], dot: &Dot| list.iter().any(|v| &v.dot == dot);
        let mut kept: Vec<Version<T>> = Vec::new();
        for v in &mine {
            if has(&others, &v.dot) || !theirs.covers(&v.dot) {
                kept.push(v.clone());
            }
        }
        for v in &others {
            if !has(&mine, &v.dot) && !ours.covers(&v.dot) {
                kept.push(v.clone());
            }
        }
        let fallback = (&self.value).max(&other.value).clone();
        Stamped::from_versions(kept, fallback)
    }

    /// True when versions with different values are both live.
    pub fn is_conflicted(&self) -> bool {
        self.concurrent.iter().any(|v| v.value != self.value)
    }

    /// The live versions' values, each once, in dot order.
    pub fn values(&self) -> Vec<Version<T>> {
        let mut out: Vec<Version<T>> = Vec::new();
        for v in self.versions() {
            match out.iter_mut().find(|o| o.value == v.value) {
                Some(o) => {
                    if v.changed_at > o.changed_at {
                        o.changed_at = v.changed_at;
                    }
                }
                None => out.push(v),
            }
        }
        out
    }

    /// The value alone, for frozen copies (review rounds).
    pub fn frozen(&self) -> Self {
        Stamped::untouched(self.value.clone())
    }
}

/// What every field has, whatever its type: its dots, to check and to
/// translate them as a file is read.
pub(crate) trait Register {
    fn dots_mut(&mut self) -> Vec<&mut Dot>;
    fn take_legacy_seen(&mut self) -> Clock;
    /// Puts the versions back in dot order after their writers were renamed
    /// (a file's `[place, count]` resolved, a format 2 writer made per field):
    /// places sort as text ("#10" before "#9"), so order is only known then.
    fn reorder(&mut self);
}

impl<T: Clone + Default + Ord> Register for Stamped<T> {
    fn dots_mut(&mut self) -> Vec<&mut Dot> {
        Stamped::dots_mut(self).collect()
    }
    fn take_legacy_seen(&mut self) -> Clock {
        std::mem::take(&mut self.legacy_seen)
    }
    fn reorder(&mut self) {
        if !self.is_untouched() {
            *self = Stamped::from_versions(self.versions(), T::default());
        }
    }
}

/// Everything recorded for one element (keyed by its id, e.g. "1.1").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElementAnswer {
    pub rating: Stamped<Rating>,
    /// "What tells us this": evidence for the rating.
    pub note: Stamped<String>,
    pub progress: Stamped<Progress>,
    pub action_to_date: Stamped<String>,
    pub next_steps: Stamped<String>,
    /// A role or a name.
    pub owner: Stamped<String>,
    /// "YYYY-MM-DD", or empty.
    pub target_date: Stamped<String>,
}

impl ElementAnswer {
    pub(crate) fn merged(&self, other: &ElementAnswer, ours: &Clock, theirs: &Clock) -> Self {
        ElementAnswer {
            rating: self.rating.merged(&other.rating, ours, theirs),
            note: self.note.merged(&other.note, ours, theirs),
            progress: self.progress.merged(&other.progress, ours, theirs),
            action_to_date: self
                .action_to_date
                .merged(&other.action_to_date, ours, theirs),
            next_steps: self.next_steps.merged(&other.next_steps, ours, theirs),
            owner: self.owner.merged(&other.owner, ours, theirs),
            target_date: self.target_date.merged(&other.target_date, ours, theirs),
        }
    }

    /// Never edited at all (an edit back to the default still counts).
    pub fn is_empty(&self) -> bool {
        *self == ElementAnswer::default()
    }

    /// Each field, with the letter that names it in files (as the
    /// spreadsheet's export check does), to walk every dot.
    pub(crate) fn registers_mut(&mut self) -> [(char, &mut dyn Register); 7] {
        [
            ('r', &mut self.rating),
            ('n', &mut self.note),
            ('p', &mut self.progress),
            ('a', &mut self.action_to_date),
            ('x', &mut self.next_steps),
            ('w', &mut self.owner),
            ('g', &mut self.target_date),
        ]
    }

    /// Values only, for a review round.
    pub fn frozen(&self) -> ElementAnswer {
        ElementAnswer {
            rating: self.rating.frozen(),
            note: self.note.frozen(),
            progress: self.progress.frozen(),
            action_to_date: self.action_to_date.frozen(),
            next_steps: self.next_steps.frozen(),
            owner: self.owner.frozen(),
            target_date: self.target_date.frozen(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One copy's writer and context, to edit fields directly.
    struct Copy {
        seen: Clock,
        writer: WriterId,
    }

    impl Copy {
        fn new(name: &str) -> Self {
            Copy {
                seen: Clock::default(),
                writer: WriterId::named(name),
            }
        }
        fn pen(&mut self, at: Timestamp) -> Pen<'_> {
            Pen {
                seen: &mut self.seen,
                writer: &self.writer,
                at,
            }
        }
    }

    #[test]
    fn setting_a_field_records_an_edit_only_when_it_changes() {
        let mut a = Copy::new("a");
        let mut field: Stamped<Rating> = Stamped::default();
        assert_eq!((field.changed_at, field.dot.clone()), (None, None));
        assert!(field.set(Rating::InPlace, &mut a.pen(10)));
        assert_eq!(field.value, Rating::InPlace);
        assert_eq!(field.changed_at, Some(10));
        assert!(!field.set(Rating::InPlace, &mut a.pen(20)), "same value");
        assert_eq!(a.seen.total(), 1);
        assert!(
            field.set(Rating::NotAssessed, &mut a.pen(30)),
            "users can go back"
        );
        assert_eq!(field.value, Rating::NotAssessed);
        assert_eq!(a.seen.total(), 2);
        assert!(!field.is_untouched());
    }

    #[test]
    fn an_edit_that_has_seen_another_wins_whatever_the_clocks_say() {
        let mut alice = Copy::new("a");
        let base = Stamped::new("base".to_string(), &mut alice.pen(1_000));
        let mut bob = Copy {
            seen: alice.seen.clone(),
            writer: WriterId::named("b"),
        };
        let mut theirs = base.clone();
        // Their clock is a day ahead; ours follows theirs, so ours wins.
        theirs.set("theirs".into(), &mut bob.pen(1_000 + 86_400_000));
        let mut carol = Copy {
            seen: bob.seen.clone(),
            writer: WriterId::named("c"),
        };
        let mut after = theirs.clone();
        after.set("ours, later".into(), &mut carol.pen(2_000));
        let merged = after.merged(&theirs, &carol.seen, &bob.seen);
        assert_eq!(merged.value, "ours, later");
        assert_eq!(theirs.merged(&after, &bob.seen, &carol.seen), merged);
        // Concurrent edits are both kept: a conflict, whatever the times.
        let mut mine = base.clone();
        mine.set("mine".into(), &mut alice.pen(5));
        let both = mine.merged(&theirs, &alice.seen, &bob.seen);
        assert!(both.is_conflicted());
        assert_eq!(both, theirs.merged(&mine, &bob.seen, &alice.seen));
        let values: Vec<String> = both.values().into_iter().map(|v| v.value).collect();
        assert_eq!(values.len(), 2);
        assert!(values.contains(&"mine".to_string()) && values.contains(&"theirs".to_string()));
        // The next edit settles it, and wins everywhere.
        let mut dave = Copy {
            seen: alice.seen.join(&bob.seen),
            writer: WriterId::named("d"),
        };
        let mut settled = both.clone();
        settled.set("agreed".into(), &mut dave.pen(0));
        assert!(!settled.is_conflicted());
        assert_eq!(
            settled.merged(&mine, &dave.seen, &alice.seen).value,
            "agreed"
        );
        assert_eq!(
            theirs.merged(&settled, &bob.seen, &dave.seen).value,
            "agreed"
        );
    }

    #[test]
    fn a_version_beside_the_others_supersedes_none() {
        let mut a = Copy::new("a");
        let mut field = Stamped::new("ours".to_string(), &mut a.pen(1));
        field.add_concurrent("theirs".into(), &mut a.pen(2));
        assert!(field.is_conflicted());
        assert_eq!(field.values().len(), 2);
        field.set("settled".into(), &mut a.pen(3));
        assert_eq!(field.versions().len(), 1);
    }

    #[test]
    fn version_1_fields_get_stable_dots() {
        let old = r#"{"value":"Board paper","changed_at":1700000000000}"#;
        let a: Stamped<String> = serde_json::from_str(old).unwrap();
        let b: Stamped<String> = serde_json::from_str(old).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.legacy_seen.total(), 1, "its clock is read with it");
        let other: Stamped<String> =
            serde_json::from_str(r#"{"value":"Survey","changed_at":1700000000000}"#).unwrap();
        assert_ne!(a.dot, other.dot, "a different old value is another version");
        let untouched: Stamped<String> = serde_json::from_str(r#"{"value":""}"#).unwrap();
        assert_eq!(untouched, Stamped::default());
    }

    #[test]
    fn legacy_keys_are_the_json_serde_writes() {
        for text in ["plain", "quote \" back \\ nl \n tab \t ’ \u{1}", ""] {
            assert_eq!(
                text.to_string().legacy_key(),
                serde_json::to_string(text).unwrap()
            );
        }
        for r in Rating::ALL {
            assert_eq!(r.legacy_key(), serde_json::to_string(&r).unwrap());
        }
        for p in Progress::ALL {
            assert_eq!(p.legacy_key(), serde_json::to_string(&p).unwrap());
        }
    }

    #[test]
    fn labels_are_words() {
        let labels: Vec<_> = Rating::ALL.iter().map(|r| r.label()).collect();
        assert_eq!(
            labels,
            [
                "In place",
                "Work in progress",
                "Not in place",
                "Not yet assessed"
            ]
        );
        let labels: Vec<_> = Progress::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            [
                "No progress",
                "Moderate progress",
                "Significant progress",
                "Not yet recorded"
            ]
        );
    }
}

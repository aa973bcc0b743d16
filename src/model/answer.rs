//! One element's answers, each field stamped with when it last changed.

use super::clock::{Clock, Dot, Stamp, WriterId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Milliseconds since the Unix epoch (as `Date.now()` gives in the browser).
pub type Timestamp = i64;

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
/// version shown, any versions written concurrently with it that no edit
/// has settled yet, and the clock of every edit this copy has seen.
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
    /// Every edit of this field this copy has seen.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub seen: Clock,
    /// Versions written concurrently with the shown one, oldest dot first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concurrent: Vec<Version<T>>,
}

/// One version of a field: its value, the edit that wrote it, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version<T> {
    pub value: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
    pub dot: Dot,
}

/// The stored or exported shape, which may be a version 1 field (a value
/// and a time, no clock).
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
                versions.push(Version {
                    value: raw.value,
                    changed_at: Some(at),
                    dot,
                })
            }
            (None, None) if versions.is_empty() => return Stamped::untouched(raw.value),
            (None, None) => {}
        }
        let mut seen = raw.seen;
        for v in &versions {
            seen.add(&v.dot);
        }
        Stamped::from_versions(versions, seen, T::default())
    }
}

/// A value as the JSON text a version 1 file holds for it, to derive a
/// dot from (written by hand: the reader build never serialises).
pub trait LegacyKey {
    fn legacy_key(&self) -> String;
}

fn json_string(s: &str) -> String {
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

impl LegacyKey for Option<super::assessment::OrgType> {
    fn legacy_key(&self) -> String {
        match self {
            Some(t) => json_string(t.key()),
            None => "null".into(),
        }
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
            seen: Clock::default(),
            concurrent: Vec::new(),
        }
    }

    /// A field written once, by `stamp`.
    pub fn new(value: T, stamp: &Stamp) -> Self {
        let mut field = Stamped::untouched(T::default());
        field.set_forced(value, stamp);
        field
    }

    /// Canonical form: one version per dot (the larger value if a corrupt
    /// copy disagrees), the largest dot shown, the rest in dot order.
    fn from_versions(versions: Vec<Version<T>>, seen: Clock, fallback: T) -> Self {
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
                seen,
                concurrent,
            },
            None => Stamped {
                seen,
                ..Stamped::untouched(fallback)
            },
        }
    }

    /// Every live version: the shown one and those concurrent with it.
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

    /// Sets the value as a new edit that follows every version seen; returns
    /// whether anything changed (the same value, settled, is no change).
    pub fn set(&mut self, value: T, stamp: &Stamp) -> bool {
        if self.concurrent.is_empty() && self.value == value {
            return false;
        }
        self.set_forced(value, stamp);
        true
    }

    /// A new edit even if the value is the same: settles concurrent versions
    /// and supersedes every version seen (replace, undo, a chosen conflict).
    pub fn set_forced(&mut self, value: T, stamp: &Stamp) {
        let dot = self.seen.next(&stamp.writer);
        self.value = value;
        self.changed_at = Some(stamp.at);
        self.dot = Some(dot);
        self.concurrent.clear();
    }

    /// Both copies combined: a version survives unless the other copy has
    /// seen it and moved past it.
    pub fn merged(&self, other: &Stamped<T>) -> Stamped<T> {
        let ours = self.versions();
        let theirs = other.versions();
        let has = |list: &[Version<T>], dot: &Dot| list.iter().any(|v| &v.dot == dot);
        let mut kept: Vec<Version<T>> = Vec::new();
        for v in &ours {
            if has(&theirs, &v.dot) || !other.seen.covers(&v.dot) {
                kept.push(v.clone());
            }
        }
        for v in &theirs {
            if has(&ours, &v.dot) || !self.seen.covers(&v.dot) {
                kept.push(v.clone());
            }
        }
        let fallback = (&self.value).max(&other.value).clone();
        Stamped::from_versions(kept, self.seen.join(&other.seen), fallback)
    }

    /// True when versions with different values are both live.
    pub fn is_conflicted(&self) -> bool {
        self.concurrent.iter().any(|v| v.value != self.value)
    }

    /// How many edits this copy has seen (grows with every change).
    pub fn edits_seen(&self) -> u64 {
        self.seen.total()
    }

    /// The value alone, for frozen copies (review rounds).
    pub fn frozen(&self) -> Self {
        Stamped::untouched(self.value.clone())
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
    pub fn merged(&self, other: &ElementAnswer) -> ElementAnswer {
        ElementAnswer {
            rating: self.rating.merged(&other.rating),
            note: self.note.merged(&other.note),
            progress: self.progress.merged(&other.progress),
            action_to_date: self.action_to_date.merged(&other.action_to_date),
            next_steps: self.next_steps.merged(&other.next_steps),
            owner: self.owner.merged(&other.owner),
            target_date: self.target_date.merged(&other.target_date),
        }
    }

    /// Never edited at all (an edit back to the default still counts).
    pub fn is_empty(&self) -> bool {
        *self == ElementAnswer::default()
    }

    pub fn edits_seen(&self) -> u64 {
        self.rating.edits_seen()
            + self.note.edits_seen()
            + self.progress.edits_seen()
            + self.action_to_date.edits_seen()
            + self.next_steps.edits_seen()
            + self.owner.edits_seen()
            + self.target_date.edits_seen()
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

    fn by(name: &str, at: Timestamp) -> Stamp {
        Stamp::new(WriterId::named(name), at)
    }

    #[test]
    fn setting_a_field_records_an_edit_only_when_it_changes() {
        let mut field: Stamped<Rating> = Stamped::default();
        assert_eq!((field.changed_at, field.dot.clone()), (None, None));
        assert!(field.set(Rating::InPlace, &by("a", 10)));
        assert_eq!(field.value, Rating::InPlace);
        assert_eq!(field.changed_at, Some(10));
        assert!(!field.set(Rating::InPlace, &by("a", 20)), "same value");
        assert_eq!(field.edits_seen(), 1);
        assert!(
            field.set(Rating::NotAssessed, &by("a", 30)),
            "users can go back"
        );
        assert_eq!(field.value, Rating::NotAssessed);
        assert_eq!(field.edits_seen(), 2);
    }

    #[test]
    fn an_edit_that_has_seen_another_wins_whatever_the_clocks_say() {
        let mut base = Stamped::new("base".to_string(), &by("a", 1_000));
        let mut mine = base.clone();
        // Their clock is a day ahead; ours follows theirs, so ours wins.
        base.set("theirs".into(), &by("b", 1_000 + 86_400_000));
        let mut after = base.clone();
        after.set("ours, later".into(), &by("a", 2_000));
        assert_eq!(after.merged(&base).value, "ours, later");
        assert_eq!(base.merged(&after).value, "ours, later");
        // Concurrent edits are both kept: a conflict, whatever the times.
        mine.set("mine".into(), &by("a", 5));
        let both = mine.merged(&base);
        assert!(both.is_conflicted());
        assert_eq!(both, base.merged(&mine));
        let values: Vec<String> = both.versions().into_iter().map(|v| v.value).collect();
        assert!(values.contains(&"mine".to_string()) && values.contains(&"theirs".to_string()));
        // The next edit settles it, and wins everywhere.
        let mut settled = both.clone();
        settled.set("agreed".into(), &by("c", 0));
        assert!(!settled.is_conflicted());
        assert_eq!(settled.merged(&mine).value, "agreed");
        assert_eq!(base.merged(&settled).value, "agreed");
    }

    #[test]
    fn version_1_fields_get_stable_dots() {
        let old = r#"{"value":"Board paper","changed_at":1700000000000}"#;
        let a: Stamped<String> = serde_json::from_str(old).unwrap();
        let b: Stamped<String> = serde_json::from_str(old).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.merged(&b), a, "the same old value is the same version");
        let other: Stamped<String> =
            serde_json::from_str(r#"{"value":"Survey","changed_at":1700000000000}"#).unwrap();
        assert!(a.merged(&other).is_conflicted());
        let untouched: Stamped<String> = serde_json::from_str(r#"{"value":""}"#).unwrap();
        assert_eq!(untouched, Stamped::default());
        let back: Stamped<String> =
            serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a, "round trip");
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
        for t in super::super::assessment::OrgType::ALL
            .map(Some)
            .into_iter()
            .chain([None])
        {
            assert_eq!(t.legacy_key(), serde_json::to_string(&t).unwrap());
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

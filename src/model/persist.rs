//! A whole workspace as one JSON text (the envelope `{schema, saved_at,
//! workspace}`), with a schema version, migrated on the way in and validated
//! before use. Schemas 1 to 3 were stored this way under one key
//! (`store::LEGACY_KEY`); schema 4 is stored split across keys (`store.rs`),
//! and this text form remains for that old key and for tests.

use super::answer::Timestamp;
use super::workspace::Workspace;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Bump when the stored shape changes, and add a step to `migrate`; a new
/// schema is stored under new keys (see `store.rs`), so a tab still running
/// the previous version is never overwritten.
/// Schema 2: fields carry clocks, assessments lives, the workspace a
/// generation; deletions record lives and exports edit counts, not times.
/// Schema 3: an assessment keeps its history once (a writer table), each
/// field version a dot (`wire.rs`); still one envelope under one key.
/// Schema 4: the same assessments, stored split into an index and a key per
/// assessment's answers and rounds (`store.rs`), so a save writes only what
/// changed; the old key (schemas 1 to 3) is read and merged, never written.
pub const SCHEMA_VERSION: u64 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub schema: u64,
    pub saved_at: Timestamp,
    pub workspace: Workspace,
}

/// Why stored data could not be used. The raw text is never thrown away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotJson(String),
    NoVersion,
    TooNew(u64),
    WrongShape(String),
    Invalid(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotJson(e) => write!(f, "it is not valid JSON ({e})"),
            LoadError::NoVersion => write!(f, "it has no schema version"),
            LoadError::TooNew(v) => write!(
                f,
                "it was saved by a newer version of this app (schema {v}; this version reads up to {SCHEMA_VERSION})"
            ),
            LoadError::WrongShape(e) => write!(f, "it is not in the expected shape ({e})"),
            LoadError::Invalid(e) => write!(f, "it is inconsistent ({e})"),
        }
    }
}

pub fn encode(workspace: &Workspace, now: Timestamp) -> String {
    let envelope = Envelope {
        schema: SCHEMA_VERSION,
        saved_at: now,
        workspace: workspace.clone(),
    };
    serde_json::to_string(&envelope).expect("plain data always serialises")
}

/// The workspace as the previous version (schema 3, one key) reads it. Only
/// "Delete all data" writes this, into the old key, so that a tab still
/// running the previous version hears the new generation and gives way
/// instead of keeping (and writing back) what was deleted. Schema 4's
/// envelope is schema 3's, so only the number differs.
pub fn encode_previous(workspace: &Workspace, now: Timestamp) -> String {
    let envelope = Envelope {
        schema: 3,
        saved_at: now,
        workspace: workspace.clone(),
    };
    serde_json::to_string(&envelope).expect("plain data always serialises")
}

pub fn decode(raw: &str) -> Result<Envelope, LoadError> {
    let version = schema_of(raw)?;
    let envelope = migrate(raw, version)?;
    check(&envelope.workspace).map_err(LoadError::Invalid)?;
    Ok(envelope)
}

/// The schema version, after checking the text is JSON this version reads.
pub(super) fn schema_of(raw: &str) -> Result<u64, LoadError> {
    /// Only the version, so the rest is read once, straight into its types
    /// (no `Value` in between: that doubles the deserialising code in the wasm).
    #[derive(Deserialize)]
    struct Header {
        schema: Option<Value>,
    }
    serde_json::from_str::<serde::de::IgnoredAny>(raw)
        .map_err(|e| LoadError::NotJson(e.to_string()))?;
    let header: Header = serde_json::from_str(raw).map_err(|_| LoadError::NoVersion)?;
    let version = header
        .schema
        .as_ref()
        .and_then(Value::as_u64)
        .ok_or(LoadError::NoVersion)?;
    if version > SCHEMA_VERSION {
        return Err(LoadError::TooNew(version));
    }
    Ok(version)
}

/// The ratings of one stored assessment, read without the merge metadata
/// (for the reading pages). Every schema keeps ratings at the same place.
#[derive(Deserialize)]
struct LightAssessment {
    id: String,
    #[serde(default)]
    answers: BTreeMap<String, LightAnswer>,
}

#[derive(Deserialize)]
struct LightAnswer {
    #[serde(default)]
    rating: Option<LightValue<super::answer::Rating>>,
}

#[derive(Deserialize)]
struct LightValue<T> {
    #[serde(default)]
    value: T,
}

impl LightAssessment {
    fn shown(self) -> super::assessment::Assessment {
        let mut shown =
            super::assessment::Assessment::new(self.id, "", &super::clock::Stamp::at(0));
        for (id, answer) in self.answers {
            if let Some(rating) = answer.rating {
                shown.answers.entry(id).or_default().rating =
                    super::answer::Stamped::untouched(rating.value);
            }
        }
        shown
    }
}

/// For the reading pages, which only show each element's rating and never
/// write: the ratings alone, read without the merge metadata, so the main
/// module of the build carries none of that code (it must stay small to
/// load fast; the merge code comes with the first page that edits).
pub fn decode_ratings(raw: &str) -> Result<Envelope, LoadError> {
    #[derive(Deserialize)]
    struct LightWorkspace {
        assessments: Vec<LightAssessment>,
        current: String,
    }
    #[derive(Deserialize)]
    struct LightEnvelope {
        #[serde(default)]
        saved_at: Timestamp,
        workspace: LightWorkspace,
    }
    let version = schema_of(raw)?;
    let light: LightEnvelope =
        serde_json::from_str(raw).map_err(|e| LoadError::WrongShape(e.to_string()))?;
    let workspace = Workspace {
        assessments: light
            .workspace
            .assessments
            .into_iter()
            .map(LightAssessment::shown)
            .collect(),
        current: light.workspace.current,
        deleted: BTreeMap::new(),
        exported: BTreeMap::new(),
        generation: 0,
    };
    check(&workspace).map_err(LoadError::Invalid)?;
    Ok(Envelope {
        schema: version,
        saved_at: light.saved_at,
        workspace,
    })
}

/// One assessment's ratings from its stored answers (schema 3's key per
/// assessment), for the reading pages.
pub fn decode_assessment_ratings(raw: &str) -> Option<super::assessment::Assessment> {
    serde_json::from_str::<LightAssessment>(raw)
        .ok()
        .map(LightAssessment::shown)
}

/// Reads an envelope of any schema up to `SCHEMA_VERSION` into today's
/// types. Each step gets its own arm (reading the old shape) and a native
/// test with a sample.
fn migrate(raw: &str, from: u64) -> Result<Envelope, LoadError> {
    let shape = |e: serde_json::Error| LoadError::WrongShape(e.to_string());
    match from {
        // Schemas 2 and 3 differ only inside each assessment, which reads
        // every history format; schema 4's envelope (tests, one text) is 3's.
        2 | 3 | SCHEMA_VERSION => serde_json::from_str(raw)
            .map(|e: Envelope| Envelope {
                schema: SCHEMA_VERSION,
                ..e
            })
            .map_err(shape),
        1 => {
            // Fields read as they are (each gets a clock derived from its
            // value); deletion and export times become lives and counts.
            #[derive(Deserialize)]
            struct WorkspaceV1 {
                assessments: Vec<super::assessment::Assessment>,
                current: String,
                #[serde(default)]
                deleted: BTreeMap<String, Timestamp>,
                #[serde(default)]
                exported: BTreeMap<String, Timestamp>,
            }
            #[derive(Deserialize)]
            struct EnvelopeV1 {
                saved_at: Timestamp,
                workspace: WorkspaceV1,
            }
            let old: EnvelopeV1 = serde_json::from_str(raw).map_err(shape)?;
            let w = old.workspace;
            let exported = super::order::map_of(w.exported.iter().filter_map(|(id, &at)| {
                let a = w.assessments.iter().find(|a| &a.id == id)?;
                (at >= a.touched_at).then(|| (id.clone(), a.edits_seen()))
            }));
            Ok(Envelope {
                schema: SCHEMA_VERSION,
                saved_at: old.saved_at,
                workspace: Workspace {
                    deleted: super::order::map_of(w.deleted.keys().map(|id| (id.clone(), 0))),
                    exported,
                    assessments: w.assessments,
                    current: w.current,
                    generation: 0,
                },
            })
        }
        other => Err(LoadError::WrongShape(format!(
            "unknown schema version {other}"
        ))),
    }
}

/// The invariants the app relies on.
pub(super) fn check(w: &Workspace) -> Result<(), String> {
    if w.assessments.is_empty() {
        return Err("no assessments".into());
    }
    let mut ids: Vec<&str> = w.assessments.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|pair| pair[0] == pair[1]) {
        return Err("two assessments share an id".into());
    }
    if ids.iter().any(|id| id.is_empty()) {
        return Err("an assessment has no id".into());
    }
    if w.get(&w.current).is_none() {
        return Err("the open assessment does not exist".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Rating, Stamp};

    fn at(t: Timestamp) -> Stamp {
        Stamp::at(t)
    }

    fn sample() -> Workspace {
        let mut w = Workspace::fresh("a1", &at(1_700_000_000_000));
        w.apply(
            Edit::Rating("1.1".into(), Rating::InPlace),
            &at(1_700_000_000_500),
        );
        w.apply(
            Edit::Note("1.1".into(), "Board minutes, <b>May</b> \"2027\"".into()),
            &at(1_700_000_000_600),
        );
        w
    }

    #[test]
    fn encode_then_decode_is_the_identity() {
        let w = sample();
        let raw = encode(&w, 42);
        let envelope = decode(&raw).unwrap();
        assert_eq!(envelope.workspace, w);
        assert_eq!(envelope.schema, SCHEMA_VERSION);
        assert_eq!(envelope.saved_at, 42);
    }

    #[test]
    fn schema_1_is_migrated() {
        // A golden sample of schema 1: if this stops decoding, fix the migration.
        let raw = r#"{"schema":1,"saved_at":5,"workspace":{"assessments":[{"id":"a1","name":{"value":"Main","changed_at":1},"created_at":1,"touched_at":3,"profile":{"organisation":{"value":"Northshire NHS Trust","changed_at":2}},"answers":{"1.1":{"rating":{"value":"work_in_progress","changed_at":3}}}}],"current":"a1","deleted":{"gone":1700000000000},"exported":{"a1":4}}}"#;
        let envelope = decode(raw).unwrap();
        assert_eq!(envelope.schema, SCHEMA_VERSION);
        let w = envelope.workspace;
        assert_eq!(w.current().rating("1.1"), Rating::WorkInProgress);
        assert_eq!(
            w.current().profile.organisation.value,
            "Northshire NHS Trust"
        );
        assert_eq!(
            w.deleted.get("gone"),
            Some(&0),
            "a deleted life, not a time"
        );
        assert!(!w.needs_export("a1"), "exported after its last change");
        assert_eq!(
            decode(&encode(&w, 6)).unwrap().workspace,
            w,
            "stable once migrated"
        );
    }

    #[test]
    fn unreadable_data_is_an_error_never_a_panic() {
        assert!(matches!(decode(""), Err(LoadError::NotJson(_))));
        assert!(matches!(
            decode("{\"schema\":1,"),
            Err(LoadError::NotJson(_))
        ));
        assert!(matches!(decode("[1,2]"), Err(LoadError::NoVersion)));
        assert!(matches!(
            decode("{\"schema\":\"1\"}"),
            Err(LoadError::NoVersion)
        ));
        assert_eq!(decode("{\"schema\":99}"), Err(LoadError::TooNew(99)));
        assert!(matches!(
            decode("{\"schema\":0}"),
            Err(LoadError::WrongShape(_))
        ));
        assert!(matches!(
            decode("{\"schema\":1,\"saved_at\":1}"),
            Err(LoadError::WrongShape(_))
        ));
        assert!(matches!(
            decode("{\"schema\":2,\"saved_at\":1}"),
            Err(LoadError::WrongShape(_))
        ));
        let bad_rating = encode(&sample(), 1).replace("in_place", "brilliant");
        assert!(matches!(decode(&bad_rating), Err(LoadError::WrongShape(_))));
    }

    #[test]
    fn inconsistent_workspaces_are_refused() {
        let mut w = sample();
        w.current = "missing".into();
        assert!(matches!(decode(&encode(&w, 1)), Err(LoadError::Invalid(_))));
        let mut w = sample();
        let copy = w.assessments[0].clone();
        w.assessments.push(copy);
        assert!(matches!(decode(&encode(&w, 1)), Err(LoadError::Invalid(_))));
        let mut w = sample();
        w.assessments.clear();
        assert!(matches!(decode(&encode(&w, 1)), Err(LoadError::Invalid(_))));
    }

    #[test]
    fn the_reader_reads_the_ratings_of_every_schema() {
        let w = sample();
        let light = decode_ratings(&encode(&w, 1)).unwrap().workspace;
        assert_eq!(light.current().rating("1.1"), Rating::InPlace);
        assert_eq!(light.current, w.current);
        let v1 = r#"{"schema":1,"saved_at":5,"workspace":{"assessments":[{"id":"a1","name":{"value":"Main","changed_at":1},"created_at":1,"touched_at":3,"answers":{"1.1":{"rating":{"value":"work_in_progress","changed_at":3}}}}],"current":"a1"}}"#;
        let light = decode_ratings(v1).unwrap().workspace;
        assert_eq!(light.current().rating("1.1"), Rating::WorkInProgress);
        assert_eq!(
            decode_ratings("{\"schema\":99}"),
            Err(LoadError::TooNew(99))
        );
        assert!(matches!(decode_ratings("nope"), Err(LoadError::NotJson(_))));
    }

    #[test]
    fn messages_say_what_is_wrong_in_plain_words() {
        assert_eq!(
            LoadError::TooNew(5).to_string(),
            "it was saved by a newer version of this app (schema 5; this version reads up to 4)"
        );
    }
}

//! How the workspace is laid out in localStorage (schema 4), and every
//! decision about reading and writing it, so they are tested natively:
//! `storage.rs` only gets, sets and removes keys, in the order given here.
//!
//! Keys (`P` = `lgbtq-inclusion-framework`):
//! - `P/4`, the index: generation, open assessment, deleted lives, export
//!   counts, the assessments in order with a token (hash) of each of their
//!   two keys as last written, and the hash of the old key's text merged in;
//! - `P/4/g{generation}/a/{id}`: one assessment's answers, profile and name
//!   (everything but its review rounds);
//! - `P/4/g{generation}/r/{id}`: its review rounds and deleted round ids
//!   (absent while it has none), apart because they are most of the bytes
//!   and change rarely;
//! - `P`: schemas 1 to 3, written by the previous versions (perhaps still
//!   open in another tab): read and merged, never written by a save; "Delete
//!   all data" leaves it holding only the fresh workspace of the new
//!   generation (schema 3), so such a tab gives way.
//!
//! A save writes only the keys whose contents changed: rounds, then
//! answers, then the index, then removes keys of older generations and of
//! deleted assessments. Reading rules, so a half-finished save in another
//! tab never loses or resurrects anything (merging is a join):
//! - every answers key of the index's generation is read, listed or not (a
//!   tab may have written it before its index, or lost its index to
//!   another tab's); a listed assessment whose key is missing is skipped
//!   for now, never taken as deleted (only `deleted` deletes);
//! - a missing rounds key means no rounds, the join's neutral element;
//! - keys of an older generation are ignored, then removed; keys of a newer
//!   one wait for its index;
//! - a key under a newer schema (`P/5…`) means a newer version is in use:
//!   this version stops writing and says so.

use super::answer::Timestamp;
use super::assessment::Assessment;
use super::clock::Stamp;
use super::persist::{
    decode, decode_assessment_ratings, decode_ratings, encode_previous, schema_of,
};
use super::persist::{LoadError, SCHEMA_VERSION};
use super::replicas::REPLICA_KEY;
use super::rounds::Round;
use super::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The previous versions' one key (schemas 1 to 3).
pub const LEGACY_KEY: &str = "lgbtq-inclusion-framework";
const PREFIX: &str = "lgbtq-inclusion-framework/";

/// Read access to storage, as the browser's localStorage gives it.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    fn keys(&self) -> Vec<String>;
}

impl Store for BTreeMap<String, String> {
    fn get(&self, key: &str) -> Option<String> {
        BTreeMap::get(self, key).cloned()
    }
    fn keys(&self) -> Vec<String> {
        self.keys().cloned().collect()
    }
}

/// What one of the app's keys holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Legacy,
    Index,
    Answers {
        generation: u64,
        id: String,
    },
    Rounds {
        generation: u64,
        id: String,
    },
    /// A key of a newer schema: a newer version of the app is in use.
    Newer(u64),
}

pub fn index_key() -> String {
    format!("{PREFIX}{SCHEMA_VERSION}")
}

pub fn answers_key(generation: u64, id: &str) -> String {
    format!("{PREFIX}{SCHEMA_VERSION}/g{generation}/a/{id}")
}

pub fn rounds_key(generation: u64, id: &str) -> String {
    format!("{PREFIX}{SCHEMA_VERSION}/g{generation}/r/{id}")
}

/// Which of the app's keys this is; `None` for anything else.
pub fn key_of(key: &str) -> Option<Key> {
    if key == LEGACY_KEY {
        return Some(Key::Legacy);
    }
    let rest = key.strip_prefix(PREFIX)?;
    let (schema, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let schema: u64 = schema.parse().ok()?;
    if schema > SCHEMA_VERSION {
        return Some(Key::Newer(schema));
    }
    if schema < SCHEMA_VERSION {
        return None;
    }
    if rest.is_empty() {
        return Some(Key::Index);
    }
    let (generation, rest) = rest.strip_prefix('g')?.split_once('/')?;
    let generation = generation.parse().ok()?;
    let (kind, id) = rest.split_once('/')?;
    let id = id.to_string();
    match kind {
        "a" if !id.is_empty() => Some(Key::Answers { generation, id }),
        "r" if !id.is_empty() => Some(Key::Rounds { generation, id }),
        _ => None,
    }
}

/// A short fingerprint of a key's text: the index records one per key, so
/// a tab reads only the keys whose text changed since it last saw them.
pub fn token(text: &str) -> String {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ text.len() as u64;
    let mut words = text.as_bytes().chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        h = (h ^ w).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    format!("{h:016x}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Index {
    schema: u64,
    #[serde(default)]
    saved_at: Timestamp,
    #[serde(default)]
    generation: u64,
    current: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    deleted: BTreeMap<String, u64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    exported: BTreeMap<String, u64>,
    #[serde(default)]
    assessments: Vec<Entry>,
    /// The token of the old key's text already merged into these keys, so a
    /// load need not decode it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    legacy: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Entry {
    id: String,
    answers: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rounds: Option<String>,
}

impl Index {
    /// The same stored facts, whichever tab's view (open assessment, order)
    /// and time of saving.
    fn same_data(&self, other: &Index) -> bool {
        let sorted = |i: &Index| super::order::set_of(i.assessments.iter().cloned());
        self.generation == other.generation
            && self.deleted == other.deleted
            && self.exported == other.exported
            && self.legacy == other.legacy
            && sorted(self) == sorted(other)
    }

    /// The same open assessment and order (a tab's own view, which
    /// another tab's save does not change).
    fn same_view(&self, other: &Index) -> bool {
        let ids = |i: &Index| {
            i.assessments
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        self.current == other.current && ids(self) == ids(other)
    }
}

fn decode_index(raw: &str) -> Result<Index, LoadError> {
    let schema = schema_of(raw)?;
    if schema != SCHEMA_VERSION {
        return Err(LoadError::WrongShape(format!(
            "an index of schema {schema}"
        )));
    }
    serde_json::from_str(raw).map_err(|e| LoadError::WrongShape(e.to_string()))
}

/// An assessment's review rounds, stored apart from its answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Rounds {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rounds: Vec<Round>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    deleted: BTreeMap<String, Timestamp>,
}

impl Rounds {
    fn take(a: &mut Assessment) -> Rounds {
        Rounds {
            rounds: std::mem::take(&mut a.rounds),
            deleted: std::mem::take(&mut a.deleted_rounds),
        }
    }

    fn put(self, a: &mut Assessment) {
        a.rounds = self.rounds;
        a.deleted_rounds = self.deleted;
    }

    fn is_empty(&self) -> bool {
        self.rounds.is_empty() && self.deleted.is_empty()
    }
}

fn to_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data always serialises")
}

/// What stops this tab writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A newer version of the app (this schema) is storing its data here.
    Newer(u64),
    /// Stored text this version cannot read, key by key: never overwritten
    /// until the user, offered it as a download, chooses to replace it.
    Damaged {
        reason: String,
        keys: Vec<(String, String)>,
    },
}

impl Problem {
    fn damaged(key: &str, raw: String, reason: &LoadError) -> Problem {
        Problem::Damaged {
            reason: reason.to_string(),
            keys: vec![(key.to_string(), raw)],
        }
    }

    /// What the download of the unreadable data holds: the text itself when
    /// one key is unreadable, else every such key and its text as JSON.
    pub fn saved_text(&self) -> String {
        match self {
            Problem::Newer(_) => String::new(),
            Problem::Damaged { keys, .. } => match keys.as_slice() {
                [(_, raw)] => raw.clone(),
                many => to_text(&many.iter().cloned().collect::<BTreeMap<_, _>>()),
            },
        }
    }

    /// Both at once: a newer version says what to do (reload), and it may
    /// read what this one cannot.
    fn or(self, other: Problem) -> Problem {
        match (self, other) {
            (Problem::Newer(a), Problem::Newer(b)) => Problem::Newer(a.max(b)),
            (Problem::Newer(a), _) | (_, Problem::Newer(a)) => Problem::Newer(a),
            (Problem::Damaged { reason, mut keys }, Problem::Damaged { keys: more, .. }) => {
                keys.extend(more);
                Problem::Damaged { reason, keys }
            }
        }
    }
}

fn add_problem(slot: &mut Option<Problem>, problem: Problem) {
    *slot = Some(match slot.take() {
        Some(earlier) => earlier.or(problem),
        None => problem,
    });
}

/// What this tab knows one assessment's keys hold: the values it last
/// wrote or read there, and their tokens.
#[derive(Debug, Clone)]
struct Part {
    /// Without its rounds.
    answers: Assessment,
    answers_token: String,
    rounds: Rounds,
    /// `None`: no rounds key.
    rounds_token: Option<String>,
}

/// What this tab knows storage holds, so a save writes only what differs
/// and reads only what another tab changed.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    generation: u64,
    /// The index text last read or written, and what it says.
    stored: Option<(String, Index)>,
    /// The index this tab last wrote (its open assessment and order).
    written: Option<Index>,
    parts: BTreeMap<String, Part>,
    /// The token of the old key's text merged into this tab's workspace.
    legacy: Option<String>,
}

impl Saved {
    /// Forgets what one assessment's keys hold (another tab removed one), so
    /// the next save writes it again.
    pub fn forget(&mut self, id: &str) {
        self.parts.remove(id);
    }

    /// Records what was read (after it was merged into this tab's copy).
    pub fn record(&mut self, incoming: Incoming) {
        if let Some(index) = incoming.index {
            self.stored = index;
        }
        if incoming.complete {
            self.parts.clear();
        }
        if let Some(generation) = incoming.generation {
            self.generation = generation;
        }
        for read in incoming.parts {
            match (self.parts.get_mut(&read.id), read.rounds) {
                (_, Some((rounds, rounds_token))) => {
                    self.parts.insert(
                        read.id,
                        Part {
                            answers: read.answers,
                            answers_token: read.answers_token,
                            rounds,
                            rounds_token,
                        },
                    );
                }
                (Some(part), None) => {
                    part.answers = read.answers;
                    part.answers_token = read.answers_token;
                }
                // Answers whose rounds were not read: the rounds key is
                // unknown, so it is not recorded (the next read takes both).
                (None, None) => {}
            }
        }
        if let Some(legacy) = incoming.legacy {
            self.legacy = Some(legacy);
        }
    }

    /// After every write of `plan` succeeded.
    pub fn commit(&mut self, plan: Plan) {
        if plan.generation != self.generation {
            self.parts.clear();
            self.generation = plan.generation;
        }
        self.parts.retain(|id, _| plan.ids.contains(id));
        for (id, answers, rounds) in plan.parts {
            let part = self.parts.entry(id);
            match (part, answers, rounds) {
                (std::collections::btree_map::Entry::Occupied(mut p), answers, rounds) => {
                    let p = p.get_mut();
                    if let Some((a, t)) = answers {
                        p.answers = a;
                        p.answers_token = t;
                    }
                    if let Some((r, t)) = rounds {
                        p.rounds = r;
                        p.rounds_token = t;
                    }
                }
                (std::collections::btree_map::Entry::Vacant(v), Some((a, t)), rounds) => {
                    let (rounds, rounds_token) = rounds.unwrap_or_default();
                    v.insert(Part {
                        answers: a,
                        answers_token: t,
                        rounds,
                        rounds_token,
                    });
                }
                (std::collections::btree_map::Entry::Vacant(_), None, _) => {}
            }
        }
        if let Some((raw, index)) = plan.index {
            self.stored = Some((raw, index.clone()));
            self.written = Some(index);
        }
        if plan.clears_legacy {
            self.legacy = None;
        }
    }
}

/// One assessment as read from its keys.
#[derive(Debug)]
struct PartRead {
    id: String,
    answers: Assessment,
    answers_token: String,
    /// `None`: its rounds key was not read (its token had not changed).
    rounds: Option<(Rounds, Option<String>)>,
}

/// What another tab stored since this one last looked: merge `workspace`
/// into this tab's copy (`absorb`), then `Saved::record` it.
#[derive(Debug, Default)]
pub struct Incoming {
    /// Everything stored (after a new generation) or only what changed.
    pub workspace: Option<Workspace>,
    complete: bool,
    generation: Option<u64>,
    index: Option<Option<(String, Index)>>,
    parts: Vec<PartRead>,
    legacy: Option<String>,
}

/// Reads one assessment's two keys. `rounds_raw`: `None` when its key is
/// absent, `Some(None)` when it was not read.
fn read_part(
    id: &str,
    answers_raw: &str,
    rounds_raw: Option<Option<&str>>,
) -> Result<(Assessment, PartRead), LoadError> {
    let shape = |e: serde_json::Error| LoadError::WrongShape(e.to_string());
    let mut answers: Assessment = serde_json::from_str(answers_raw).map_err(shape)?;
    if answers.id != id {
        return Err(LoadError::Invalid(format!(
            "the key of ‘{id}’ holds ‘{}’",
            answers.id
        )));
    }
    Rounds::take(&mut answers);
    let rounds = match rounds_raw {
        Some(Some(raw)) => Some((
            serde_json::from_str::<Rounds>(raw).map_err(shape)?,
            Some(token(raw)),
        )),
        None => Some((Rounds::default(), None)),
        Some(None) => None,
    };
    let mut whole = answers.clone();
    if let Some((r, _)) = &rounds {
        r.clone().put(&mut whole);
    }
    Ok((
        whole,
        PartRead {
            id: id.to_string(),
            answers,
            answers_token: token(answers_raw),
            rounds,
        },
    ))
}

/// The ids of every answers key of `generation`: listed first, in order,
/// then any not listed (written by a tab before its index).
fn ids_of(generation: u64, index: Option<&Index>, keys: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = index
        .map(|i| i.assessments.iter().map(|e| e.id.clone()).collect())
        .unwrap_or_default();
    let mut seen: BTreeSet<String> = super::order::set_of(ids.iter().cloned());
    for key in keys {
        if let Some(Key::Answers { generation: g, id }) = key_of(key) {
            if g == generation && seen.insert(id.clone()) {
                ids.push(id);
            }
        }
    }
    ids
}

fn newest_schema(keys: &[String]) -> Option<u64> {
    keys.iter()
        .filter_map(|k| match key_of(k) {
            Some(Key::Newer(n)) => Some(n),
            _ => None,
        })
        .max()
}

/// The whole of one generation, as stored.
fn read_generation(
    store: &impl Store,
    keys: &[String],
    index: Option<&Index>,
    problem: &mut Option<Problem>,
) -> (Vec<Assessment>, Vec<PartRead>) {
    let generation = index.map_or(0, |i| i.generation);
    let mut assessments = Vec::new();
    let mut parts = Vec::new();
    for id in ids_of(generation, index, keys) {
        let key = answers_key(generation, &id);
        let Some(answers) = store.get(&key) else {
            continue; // listed, not (yet, or any more) written: skipped for now
        };
        let rkey = rounds_key(generation, &id);
        let rounds = store.get(&rkey);
        match read_part(&id, &answers, Some(rounds.as_deref())) {
            Ok((whole, part)) => {
                assessments.push(whole);
                parts.push(part);
            }
            Err(e) => {
                let mut keys = vec![(key, answers)];
                keys.extend(rounds.map(|r| (rkey, r)));
                add_problem(
                    problem,
                    Problem::Damaged {
                        reason: e.to_string(),
                        keys,
                    },
                );
            }
        }
    }
    (assessments, parts)
}

fn workspace_of(index: Option<&Index>, mut assessments: Vec<Assessment>) -> Workspace {
    let (current, deleted, exported, generation) = match index {
        Some(i) => (
            i.current.clone(),
            i.deleted.clone(),
            i.exported.clone(),
            i.generation,
        ),
        None => Default::default(),
    };
    // The rule `Workspace::merged` applies: a deleted life stays deleted
    // (its keys may outlive the index that deleted it for a moment).
    assessments.retain(|a| deleted.get(&a.id).is_none_or(|&life| a.life > life));
    let current = if assessments.iter().any(|a| a.id == current) {
        current
    } else {
        assessments
            .first()
            .map(|a| a.id.clone())
            .unwrap_or_default()
    };
    Workspace {
        assessments,
        current,
        deleted,
        exported,
        generation,
    }
}

/// What a tab found at start-up.
#[derive(Debug)]
pub struct Reading {
    /// `None`: nothing stored by any version. May hold no assessments
    /// (then `Workspace::ensure_one`).
    pub workspace: Option<Workspace>,
    /// Why this tab must not write, if it must not.
    pub problem: Option<Problem>,
    pub saved: Saved,
}

/// Reads everything stored, of this schema and the previous one.
pub fn read(store: &impl Store) -> Reading {
    let keys = store.keys();
    let mut problem = newest_schema(&keys).map(Problem::Newer);
    let index = match store.get(&index_key()) {
        None => None,
        Some(raw) => match decode_index(&raw) {
            Ok(index) => Some((raw, index)),
            Err(e) => {
                add_problem(&mut problem, reason_problem(&index_key(), raw, &e));
                None
            }
        },
    };
    let index_damaged = matches!(&problem, Some(Problem::Damaged { keys, .. }) if keys.iter().any(|(k, _)| *k == index_key()));
    let (assessments, parts) = if index_damaged {
        (Vec::new(), Vec::new())
    } else {
        read_generation(store, &keys, index.as_ref().map(|(_, i)| i), &mut problem)
    };
    let mut workspace = (index.is_some() || !assessments.is_empty())
        .then(|| workspace_of(index.as_ref().map(|(_, i)| i), assessments));
    let mut saved = Saved {
        generation: index.as_ref().map_or(0, |(_, i)| i.generation),
        parts: parts
            .into_iter()
            .filter_map(|p| {
                let (rounds, rounds_token) = p.rounds?;
                Some((
                    p.id,
                    Part {
                        answers: p.answers,
                        answers_token: p.answers_token,
                        rounds,
                        rounds_token,
                    },
                ))
            })
            .collect(),
        stored: None,
        written: None,
        legacy: None,
    };
    if let Some(raw) = store.get(LEGACY_KEY) {
        let legacy = token(&raw);
        if index.as_ref().and_then(|(_, i)| i.legacy.as_ref()) == Some(&legacy) {
            saved.legacy = Some(legacy);
        } else {
            match decode(&raw) {
                Ok(old) => {
                    match &mut workspace {
                        Some(w) => w.merge_from(&old.workspace),
                        None => workspace = Some(old.workspace),
                    }
                    saved.legacy = Some(legacy);
                }
                Err(e) => add_problem(&mut problem, reason_problem(LEGACY_KEY, raw, &e)),
            }
        }
    }
    // This tab's view (open assessment, order) is the stored one.
    saved.written = index.as_ref().map(|(_, i)| i.clone());
    saved.stored = index;
    Reading {
        workspace,
        problem,
        saved,
    }
}

fn reason_problem(key: &str, raw: String, e: &LoadError) -> Problem {
    match e {
        LoadError::TooNew(schema) => Problem::Newer(*schema),
        other => Problem::damaged(key, raw, other),
    }
}

/// Whether storage holds anything of this app's (any version's keys, a
/// newer one's included): if not, there is nothing to read or decode.
pub fn holds_any(keys: &[String]) -> bool {
    keys.iter().any(|k| k.starts_with(LEGACY_KEY))
}

/// For the reading pages, which show ratings and never write: the open
/// assessment's ratings, without the merge code (`AppState::reading`).
pub fn read_ratings(store: &impl Store) -> (Option<Workspace>, Option<Problem>) {
    let keys = store.keys();
    if let Some(schema) = newest_schema(&keys) {
        return (None, Some(Problem::Newer(schema)));
    }
    if let Some(raw) = store.get(&index_key()) {
        match decode_index(&raw) {
            Ok(index) => {
                let assessments: Vec<Assessment> = ids_of(index.generation, Some(&index), &keys)
                    .iter()
                    .filter_map(|id| store.get(&answers_key(index.generation, id)))
                    .filter_map(|raw| decode_assessment_ratings(&raw))
                    .collect();
                if !assessments.is_empty() {
                    return (Some(workspace_of(Some(&index), assessments)), None);
                }
            }
            Err(e) => return (None, Some(reason_problem(&index_key(), raw, &e))),
        }
    }
    match store.get(LEGACY_KEY) {
        None => (None, None),
        Some(raw) => match decode_ratings(&raw) {
            Ok(old) => (Some(old.workspace), None),
            Err(e) => (None, Some(reason_problem(LEGACY_KEY, raw, &e))),
        },
    }
}

/// What another tab stored since this one last read or wrote, read before
/// a save so it is merged rather than overwritten. Reads the index, and
/// only the keys whose tokens it does not know.
pub fn changed_since(saved: &Saved, store: &impl Store) -> Result<Option<Incoming>, Problem> {
    let keys = store.keys();
    if let Some(schema) = newest_schema(&keys) {
        return Err(Problem::Newer(schema));
    }
    let raw = store.get(&index_key());
    // An answers key this tab does not know, though the index is as it
    // last saw it: written by a tab whose index was then overwritten.
    let unknown = keys.iter().any(|k| {
        matches!(key_of(k), Some(Key::Answers { generation, id })
            if generation == saved.generation && !saved.parts.contains_key(&id))
    });
    if raw.as_deref() == saved.stored.as_ref().map(|(r, _)| r.as_str()) && !unknown {
        return Ok(None);
    }
    match raw {
        // Removed (no version does): written again by the next save.
        None => Ok(Some(Incoming {
            index: Some(None),
            ..Incoming::default()
        })),
        Some(raw) => incoming_index(saved, raw, store, &keys).map(Some),
    }
}

fn incoming_index(
    saved: &Saved,
    raw: String,
    store: &impl Store,
    keys: &[String],
) -> Result<Incoming, Problem> {
    let index = decode_index(&raw).map_err(|e| reason_problem(&index_key(), raw.clone(), &e))?;
    if index.generation > saved.generation {
        // "Delete all data" in another tab: everything of its generation.
        let mut problem = None;
        let (assessments, parts) = read_generation(store, keys, Some(&index), &mut problem);
        if let Some(problem) = problem {
            return Err(problem);
        }
        return Ok(Incoming {
            workspace: Some(workspace_of(Some(&index), assessments)),
            complete: true,
            generation: Some(index.generation),
            parts,
            index: Some(Some((raw, index))),
            legacy: None,
        });
    }
    let mut parts = Vec::new();
    let mut assessments = Vec::new();
    if index.generation == saved.generation {
        let listed: BTreeMap<&str, &Entry> =
            super::order::map_of(index.assessments.iter().map(|e| (e.id.as_str(), e)));
        for id in ids_of(index.generation, Some(&index), keys) {
            let known = saved.parts.get(&id);
            let entry = listed.get(id.as_str());
            let (answers_new, rounds_new) = match (known, entry) {
                (Some(k), Some(e)) => (e.answers != k.answers_token, e.rounds != k.rounds_token),
                (Some(_), None) => continue, // not listed: nothing to tell us it changed
                (None, _) => (true, true),
            };
            if !answers_new && !rounds_new {
                continue;
            }
            let key = answers_key(index.generation, &id);
            let Some(answers) = store.get(&key) else {
                continue;
            };
            let rkey = rounds_key(index.generation, &id);
            let rounds = if rounds_new {
                Some(store.get(&rkey))
            } else {
                None
            };
            let unchanged = known.is_some_and(|k| {
                token(&answers) == k.answers_token
                    && rounds
                        .as_ref()
                        .is_none_or(|r| r.as_deref().map(token) == k.rounds_token)
            });
            if unchanged {
                continue;
            }
            match read_part(&id, &answers, as_arg(&rounds)) {
                Ok((whole, part)) => {
                    assessments.push(whole);
                    parts.push(part);
                }
                Err(e) => return Err(Problem::damaged(&key, answers, &e)),
            }
        }
    }
    // An older generation's index (a tab not yet told of a delete-all):
    // nothing to merge; this tab's next save writes its own index again.
    let current_gen = index.generation == saved.generation;
    Ok(Incoming {
        workspace: current_gen.then(|| Workspace {
            assessments,
            current: index.current.clone(),
            deleted: index.deleted.clone(),
            exported: index.exported.clone(),
            generation: index.generation,
        }),
        complete: false,
        generation: None,
        parts,
        index: Some(Some((raw, index))),
        legacy: None,
    })
}

/// A rounds key as read (`None`: not read; `Some(None)`: absent) in the
/// form `read_part` takes.
fn as_arg(rounds: &Option<Option<String>>) -> Option<Option<&str>> {
    match rounds {
        None => Some(None),
        Some(None) => None,
        Some(Some(text)) => Some(Some(text.as_str())),
    }
}

/// What a storage event from another tab asks of this one.
#[derive(Debug)]
pub enum Heard {
    Nothing,
    /// Stop writing, and say why.
    Problem(Problem),
    Merge(Box<Incoming>),
    /// A key this tab holds was removed: forget it and save it again.
    Rewrite(String),
}

/// Decides what another tab's change to `key` means here.
pub fn heard(saved: &Saved, key: &str, new_value: Option<&str>, store: &impl Store) -> Heard {
    let Some(kind) = key_of(key) else {
        return Heard::Nothing;
    };
    let Some(raw) = new_value else {
        return match kind {
            Key::Answers { generation, id } | Key::Rounds { generation, id }
                if generation == saved.generation && saved.parts.contains_key(&id) =>
            {
                Heard::Rewrite(id)
            }
            _ => Heard::Nothing,
        };
    };
    match kind {
        Key::Newer(schema) => Heard::Problem(Problem::Newer(schema)),
        Key::Legacy => match decode(raw) {
            Ok(old) => Heard::Merge(Box::new(Incoming {
                workspace: Some(old.workspace),
                legacy: Some(token(raw)),
                ..Incoming::default()
            })),
            Err(e) => Heard::Problem(reason_problem(LEGACY_KEY, raw.to_string(), &e)),
        },
        Key::Index => {
            if saved.stored.as_ref().is_some_and(|(r, _)| r == raw) {
                return Heard::Nothing;
            }
            match incoming_index(saved, raw.to_string(), store, &store.keys()) {
                Ok(incoming) => Heard::Merge(Box::new(incoming)),
                Err(problem) => Heard::Problem(problem),
            }
        }
        Key::Answers { generation, id } => {
            if generation != saved.generation {
                return Heard::Nothing; // older: garbage; newer: wait for its index
            }
            let known = saved.parts.get(&id);
            if known.is_some_and(|k| k.answers_token == token(raw)) {
                return Heard::Nothing;
            }
            // An assessment new to this tab: its rounds were written first.
            let rounds = match known {
                Some(_) => None,
                None => Some(store.get(&rounds_key(generation, &id))),
            };
            merge_one(
                &id,
                raw,
                as_arg(&rounds),
                generation,
                &answers_key(generation, &id),
            )
        }
        Key::Rounds { generation, id } => {
            if generation != saved.generation {
                return Heard::Nothing;
            }
            if saved
                .parts
                .get(&id)
                .is_some_and(|k| k.rounds_token.as_deref() == Some(token(raw).as_str()))
            {
                return Heard::Nothing;
            }
            // Its answers come with it; if they are not written yet, their
            // own event follows and reads these rounds.
            match store.get(&answers_key(generation, &id)) {
                Some(answers) => merge_one(&id, &answers, Some(Some(raw)), generation, key),
                None => Heard::Nothing,
            }
        }
    }
}

fn merge_one(
    id: &str,
    answers: &str,
    rounds: Option<Option<&str>>,
    generation: u64,
    key: &str,
) -> Heard {
    match read_part(id, answers, rounds) {
        Ok((whole, part)) => Heard::Merge(Box::new(Incoming {
            workspace: Some(Workspace {
                current: whole.id.clone(),
                assessments: vec![whole],
                deleted: BTreeMap::new(),
                exported: BTreeMap::new(),
                generation,
            }),
            parts: vec![part],
            ..Incoming::default()
        })),
        Err(e) => Heard::Problem(Problem::damaged(key, answers.to_string(), &e)),
    }
}

/// What one save writes (in order) and then removes.
#[derive(Debug)]
pub struct Plan {
    pub writes: Vec<(String, String)>,
    pub removes: Vec<String>,
    generation: u64,
    ids: BTreeSet<String>,
    #[allow(clippy::type_complexity)]
    parts: Vec<(
        String,
        Option<(Assessment, String)>,
        Option<(Rounds, Option<String>)>,
    )>,
    index: Option<(String, Index)>,
    clears_legacy: bool,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.removes.is_empty()
    }
}

/// Whether the previous versions' key holds exactly what this tab has
/// already merged in (so removing it loses nothing: a tab still running the
/// previous version writes it again at its next save, and it is merged
/// again). Used when storage is full, since upgrading holds two copies.
pub fn legacy_merged(saved: &Saved, store: &impl Store) -> bool {
    store
        .get(LEGACY_KEY)
        .is_some_and(|text| saved.legacy.as_deref() == Some(token(&text).as_str()))
}

/// The keys `plan` would overwrite whose stored text is not what this tab
/// last read or wrote, with that text: another tab wrote them, perhaps in a
/// save whose index it has not written yet (so `changed_since`, which
/// trusts the index, did not see them). Merge each as `heard` does, then
/// plan again: writing now would lose that tab's edits. Only the keys about
/// to be written are read, so typing reads one small key, not the rounds.
pub fn unseen_overwrites(saved: &Saved, plan: &Plan, store: &impl Store) -> Vec<(String, String)> {
    plan.writes
        .iter()
        .filter_map(|(key, _)| {
            let known = match key_of(key)? {
                Key::Answers { generation, id } if generation == saved.generation => {
                    saved.parts.get(&id).map(|p| p.answers_token.clone())
                }
                Key::Rounds { generation, id } if generation == saved.generation => {
                    saved.parts.get(&id).and_then(|p| p.rounds_token.clone())
                }
                _ => return None,
            };
            let text = store.get(key)?;
            (known.as_deref() != Some(token(&text).as_str())).then(|| (key.clone(), text))
        })
        .collect()
}

/// The writes that bring storage to `w`, re-encoding only the keys whose
/// contents differ from what `saved` says is there. `keys`: the keys now
/// stored, for removing older generations' and deleted assessments' keys.
/// Leaves `w` as it was (rounds are moved out and back).
pub fn plan_save(saved: &Saved, w: &mut Workspace, keys: &[String], now: Timestamp) -> Plan {
    let generation = w.generation;
    let same_generation = saved.generation == generation;
    let mut rounds_writes = Vec::new();
    let mut answers_writes = Vec::new();
    let mut parts = Vec::new();
    let mut entries = Vec::new();
    for a in &mut w.assessments {
        let rounds = Rounds::take(a);
        let known = saved.parts.get(&a.id).filter(|_| same_generation);
        let answers = match known {
            Some(k) if k.answers == *a => None,
            _ => {
                let text = to_text(&*a);
                let t = token(&text);
                answers_writes.push((answers_key(generation, &a.id), text));
                Some((a.clone(), t))
            }
        };
        let had_key = known.is_some_and(|k| k.rounds_token.is_some());
        let new_rounds = match known {
            Some(k) if k.rounds == rounds => None,
            // No rounds and no key: nothing to write. (A key once written
            // is never removed while the assessment lives: another tab may
            // have just written rounds to it.)
            _ if rounds.is_empty() && !had_key => {
                known.is_none().then(|| (Rounds::default(), None))
            }
            _ => {
                let text = to_text(&rounds);
                let t = token(&text);
                rounds_writes.push((rounds_key(generation, &a.id), text));
                Some((rounds.clone(), Some(t)))
            }
        };
        entries.push(Entry {
            id: a.id.clone(),
            answers: answers
                .as_ref()
                .map(|(_, t)| t.clone())
                .or_else(|| known.map(|k| k.answers_token.clone()))
                .unwrap_or_default(),
            rounds: match &new_rounds {
                Some((_, t)) => t.clone(),
                None => known.and_then(|k| k.rounds_token.clone()),
            },
        });
        rounds.put(a);
        if answers.is_some() || new_rounds.is_some() {
            parts.push((a.id.clone(), answers, new_rounds));
        }
    }
    let index = Index {
        schema: SCHEMA_VERSION,
        saved_at: now,
        generation,
        current: w.current.clone(),
        deleted: w.deleted.clone(),
        exported: w.exported.clone(),
        assessments: entries,
        legacy: saved.legacy.clone(),
    };
    let parts_written = !rounds_writes.is_empty() || !answers_writes.is_empty();
    let data_changed = saved
        .stored
        .as_ref()
        .is_none_or(|(_, s)| !s.same_data(&index));
    let view_changed = saved.written.as_ref().is_none_or(|o| !o.same_view(&index));
    let mut writes = rounds_writes;
    writes.extend(answers_writes);
    let index = (parts_written || data_changed || view_changed).then(|| {
        let text = to_text(&index);
        writes.push((index_key(), text.clone()));
        (text, index)
    });
    let removes = keys
        .iter()
        .filter(|k| match key_of(k) {
            Some(Key::Answers { generation: g, id } | Key::Rounds { generation: g, id }) => {
                g < generation
                    || (g == generation && w.get(&id).is_none() && w.deleted.contains_key(&id))
            }
            _ => false,
        })
        .cloned()
        .collect();
    Plan {
        writes,
        removes,
        generation,
        ids: w.assessments.iter().map(|a| a.id.clone()).collect(),
        parts,
        index,
        clears_legacy: false,
    }
}

/// "Delete all data": a fresh workspace of a generation newer than any
/// stored (so every tab, of either version, gives way to it), written, and
/// then every other key of the app removed, the old key included.
pub fn plan_delete_all(
    w: &Workspace,
    store: &impl Store,
    id: impl Into<String>,
    stamp: &Stamp,
    now: Timestamp,
) -> (Workspace, Plan) {
    #[derive(Deserialize)]
    struct Old {
        #[serde(default)]
        workspace: OldWorkspace,
    }
    #[derive(Deserialize, Default)]
    struct OldWorkspace {
        #[serde(default)]
        generation: u64,
    }
    let keys = store.keys();
    let stored = store
        .get(&index_key())
        .and_then(|raw| decode_index(&raw).ok())
        .map_or(0, |i| i.generation);
    let legacy = store
        .get(LEGACY_KEY)
        .and_then(|raw| serde_json::from_str::<Old>(&raw).ok())
        .map_or(0, |o| o.workspace.generation);
    let newest = w.generation.max(stored).max(legacy);
    let mut fresh = Workspace {
        generation: newest + 1,
        ..Workspace::fresh(id, stamp)
    };
    let mut plan = plan_save(
        &Saved {
            generation: fresh.generation,
            ..Saved::default()
        },
        &mut fresh,
        &[],
        now,
    );
    plan.removes = others(&keys, &plan);
    // The name and replica ids for the shared folder go too: a new start
    // writes new replica files under a new id.
    if keys.iter().any(|k| k == REPLICA_KEY) {
        plan.removes.push(REPLICA_KEY.to_string());
    }
    plan.clears_legacy = true;
    if store.get(LEGACY_KEY).is_some() {
        // A tab of the previous version may be open: it reads only the old
        // key, so tell it there, with the fresh workspace of the new
        // generation (it gives way, as to a delete-all of its own).
        plan.removes.retain(|k| k != LEGACY_KEY);
        plan.writes
            .push((LEGACY_KEY.to_string(), encode_previous(&fresh, now)));
    }
    (fresh, plan)
}

/// After stored data could not be read: the user has been offered it and
/// chose to replace it with what this tab holds. Writes everything, then
/// removes every other key of this schema and the unreadable ones.
pub fn plan_replace(
    w: &mut Workspace,
    problem: &Problem,
    store: &impl Store,
    now: Timestamp,
) -> Plan {
    let keys = store.keys();
    let mut plan = plan_save(
        &Saved {
            generation: w.generation,
            ..Saved::default()
        },
        w,
        &[],
        now,
    );
    let unreadable: BTreeSet<&str> = match problem {
        Problem::Damaged { keys, .. } => super::order::set_of(keys.iter().map(|(k, _)| k.as_str())),
        Problem::Newer(_) => BTreeSet::new(),
    };
    plan.removes = others(&keys, &plan)
        .into_iter()
        .filter(|k| {
            unreadable.contains(k.as_str())
                || matches!(
                    key_of(k),
                    Some(Key::Index | Key::Answers { .. } | Key::Rounds { .. })
                )
        })
        .collect();
    plan.clears_legacy = unreadable.contains(LEGACY_KEY);
    plan
}

/// Every key of the app that `plan` does not write.
fn others(keys: &[String], plan: &Plan) -> Vec<String> {
    let written: BTreeSet<&str> = super::order::set_of(plan.writes.iter().map(|(k, _)| k.as_str()));
    keys.iter()
        .filter(|k| key_of(k).is_some() && !written.contains(k.as_str()))
        .cloned()
        .collect()
}

/// Something another tab did that changed what this one shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    AllDeleted,
    /// The open assessment (its name) was deleted.
    Deleted(String),
}

impl Notice {
    pub fn message(&self) -> String {
        match self {
            Notice::AllDeleted => "All data in this browser was deleted in another tab or window. This tab now shows what is saved: nothing it held before will be saved again.".to_string(),
            Notice::Deleted(name) => format!("‘{name}’ was deleted in another tab or window, so it is no longer open here."),
        }
    }
}

/// What merging another copy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absorbed {
    /// A newer generation replaced everything (drop undo, restore points).
    pub cleared: bool,
    pub notice: Option<Notice>,
}

/// Merges another copy into ours, in place, and says what the user must be
/// told. `fresh_id` names the assessment started when nothing is left.
pub fn absorb(
    ours: &mut Workspace,
    incoming: &Workspace,
    fresh_id: impl FnOnce() -> String,
    stamp: &Stamp,
) -> Absorbed {
    let generation = ours.generation;
    let open = ours.current.clone();
    let name = ours.current().name.value.clone();
    ours.merge_from(incoming);
    let cleared = ours.generation > generation;
    let notice = if cleared {
        Some(Notice::AllDeleted)
    } else if ours.get(&open).is_none() {
        Some(Notice::Deleted(name))
    } else {
        None
    };
    if ours.assessments.is_empty() {
        ours.ensure_one(fresh_id(), stamp);
    } else {
        ours.ensure_one(String::new(), stamp);
    }
    Absorbed { cleared, notice }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{encode, Edit, Rating};

    type Mem = BTreeMap<String, String>;

    /// An edit at `at`; which writer makes it is the copy's (each tab's
    /// decoded copy is its own writer), `_who` only names the tab in tests.
    fn by(_who: &str, at: Timestamp) -> Stamp {
        Stamp::at(at)
    }

    fn apply(store: &mut Mem, plan: &Plan) {
        for (k, v) in &plan.writes {
            store.insert(k.clone(), v.clone());
        }
        for k in &plan.removes {
            store.remove(k);
        }
    }

    /// One tab: its workspace and what it knows is stored.
    struct Tab {
        w: Workspace,
        saved: Saved,
        name: &'static str,
    }

    impl Tab {
        fn open(store: &Mem, name: &'static str) -> Tab {
            let reading = read(store);
            assert_eq!(reading.problem, None);
            let mut w = reading
                .workspace
                .unwrap_or_else(|| Workspace::fresh(format!("{name}-first"), &by(name, 1)));
            w.ensure_one(format!("{name}-fresh"), &by(name, 1));
            Tab {
                w,
                saved: reading.saved,
                name,
            }
        }

        fn edit(&mut self, edit: Edit) {
            assert!(self.w.apply(edit, &by(self.name, 5)));
        }

        /// Read, merge, plan: the save as the page does it, not yet written.
        fn plan(&mut self, store: &Mem) -> Plan {
            if let Some(incoming) = changed_since(&self.saved, store).unwrap() {
                if let Some(theirs) = &incoming.workspace {
                    absorb(&mut self.w, theirs, || "x".into(), &by(self.name, 6));
                }
                self.saved.record(incoming);
            }
            plan_save(
                &self.saved,
                &mut self.w,
                &store.keys().cloned().collect::<Vec<_>>(),
                9,
            )
        }

        fn save(&mut self, store: &mut Mem) -> Vec<String> {
            let plan = self.plan(store);
            apply(store, &plan);
            let written = plan.writes.iter().map(|(k, _)| k.clone()).collect();
            self.saved.commit(plan);
            written
        }
    }

    fn round(id: &str) -> Edit {
        Edit::SaveRound {
            id: id.into(),
            name: format!("Round {id}"),
        }
    }

    fn note(element: &str, text: &str) -> Edit {
        Edit::Note(element.into(), text.into())
    }

    #[test]
    fn keys_name_what_they_hold() {
        assert_eq!(index_key(), "lgbtq-inclusion-framework/4");
        assert_eq!(key_of(LEGACY_KEY), Some(Key::Legacy));
        assert_eq!(key_of(&index_key()), Some(Key::Index));
        let id = "org/with/slashes";
        assert_eq!(
            key_of(&answers_key(2, id)),
            Some(Key::Answers {
                generation: 2,
                id: id.into()
            })
        );
        assert_eq!(
            key_of(&rounds_key(0, "a")),
            Some(Key::Rounds {
                generation: 0,
                id: "a".into()
            })
        );
        assert_eq!(key_of("lgbtq-inclusion-framework/5"), Some(Key::Newer(5)));
        assert_eq!(
            key_of("lgbtq-inclusion-framework/3"),
            None,
            "schema 3 lived in the old key"
        );
        assert_eq!(
            key_of("lgbtq-inclusion-framework/12/g0/a/x"),
            Some(Key::Newer(12))
        );
        for other in [
            "lgbtq-inclusion-framework:probe",
            "junk-1",
            "lgbtq-inclusion-framework/4/x",
            "lgbtq-inclusion-framework/4/g0/a/",
            "lgbtq-inclusion-framework/2",
        ] {
            assert_eq!(key_of(other), None, "{other}");
        }
        assert_ne!(token("abcdefgh1"), token("abcdefgh2"));
        assert_eq!(token(""), token(""));
    }

    #[test]
    fn what_is_saved_reads_back_whole_in_its_keys() {
        let mut store = Mem::new();
        let mut tab = Tab::open(&store, "one");
        tab.edit(Edit::Rating("1.1".into(), Rating::InPlace));
        tab.edit(round("r1"));
        tab.w.create("b", "North site", &by("one", 7));
        tab.w.apply(note("2.1", "Minutes"), &by("one", 8));
        tab.save(&mut store);
        let mut keys: Vec<&str> = store.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "lgbtq-inclusion-framework/4",
                "lgbtq-inclusion-framework/4/g0/a/b",
                "lgbtq-inclusion-framework/4/g0/a/one-first",
                "lgbtq-inclusion-framework/4/g0/r/one-first",
            ],
            "rounds apart, and no rounds key while there are none"
        );
        let again = read(&store);
        assert_eq!(again.problem, None);
        assert_eq!(again.workspace.as_ref(), Some(&tab.w));
        assert!(!store
            .get(&answers_key(0, "one-first"))
            .unwrap()
            .contains("Round r1"));
    }

    #[test]
    fn a_save_writes_only_what_changed() {
        let mut store = Mem::new();
        let mut tab = Tab::open(&store, "one");
        tab.edit(round("r1"));
        tab.w.create("b", "B", &by("one", 2));
        tab.save(&mut store);
        assert!(
            tab.plan(&store).is_empty(),
            "nothing changed, nothing written"
        );
        tab.w.switch("one-first");
        tab.edit(note("1.1", "Board minutes"));
        assert_eq!(
            tab.save(&mut store),
            [answers_key(0, "one-first"), index_key()],
            "the rounds and the other assessment are not re-encoded"
        );
        tab.edit(round("r2"));
        assert_eq!(
            tab.save(&mut store),
            [rounds_key(0, "one-first"), answers_key(0, "one-first"), index_key()],
            "a new round: the rounds, and the answers key for the assessment's clock (the round's name is an edit)"
        );
        tab.edit(Edit::RenameRound("r1".into(), "First".into()));
        let renamed = tab.save(&mut store);
        assert!(renamed.contains(&rounds_key(0, "one-first")));
        tab.edit(note("1.1", "Board minutes, signed"));
        assert_eq!(
            tab.save(&mut store),
            [answers_key(0, "one-first"), index_key()],
            "typing does not re-encode the rounds"
        );
        tab.w.switch("b");
        assert_eq!(
            tab.save(&mut store),
            [index_key()],
            "the open assessment is kept"
        );
    }

    #[test]
    fn another_tabs_save_is_read_key_by_key_and_merged_before_writing() {
        let mut store = Mem::new();
        let mut one = Tab::open(&store, "one");
        one.edit(round("r1"));
        one.save(&mut store);
        let mut two = Tab::open(&store, "two");
        two.edit(Edit::Rating("6.2".into(), Rating::NotInPlace));
        two.edit(round("r2"));
        two.save(&mut store);
        one.edit(Edit::Rating("1.1".into(), Rating::InPlace));
        one.save(&mut store);
        let stored = read(&store).workspace.unwrap();
        assert_eq!(stored.current().rating("6.2"), Rating::NotInPlace, "kept");
        assert_eq!(stored.current().rating("1.1"), Rating::InPlace);
        assert_eq!(stored.current().rounds.len(), 2);
        assert_eq!(stored, one.w);
    }

    #[test]
    fn a_newer_schema_anywhere_stops_writing() {
        let mut store = Mem::new();
        let mut tab = Tab::open(&store, "one");
        tab.save(&mut store);
        store.insert(
            "lgbtq-inclusion-framework/5".into(),
            "{\"schema\":5}".into(),
        );
        assert_eq!(read(&store).problem, Some(Problem::Newer(5)));
        assert_eq!(
            read(&store).workspace.unwrap().assessments.len(),
            1,
            "what can be read is shown"
        );
        assert!(matches!(
            changed_since(&tab.saved, &store),
            Err(Problem::Newer(5))
        ));
        assert!(matches!(
            heard(
                &tab.saved,
                "lgbtq-inclusion-framework/5/g0/a/x",
                Some("{}"),
                &store
            ),
            Heard::Problem(Problem::Newer(5))
        ));
        // A newer schema written into this version's own keys: the same.
        let mut store = Mem::new();
        store.insert(index_key(), "{\"schema\":5,\"current\":\"a\"}".into());
        assert_eq!(read(&store).problem, Some(Problem::Newer(5)));
        store.clear();
        store.insert(LEGACY_KEY.into(), "{\"schema\":7}".into());
        assert_eq!(read(&store).problem, Some(Problem::Newer(7)));
        assert_eq!(read_ratings(&store).1, Some(Problem::Newer(7)));
    }

    #[test]
    fn damaged_keys_are_kept_offered_and_replaced_only_on_request() {
        let mut store = Mem::new();
        let mut tab = Tab::open(&store, "one");
        tab.w.create("b", "B", &by("one", 2));
        tab.edit(Edit::Rating("1.1".into(), Rating::InPlace));
        tab.save(&mut store);
        let key = answers_key(0, "b");
        store.insert(key.clone(), "{\"id\":\"b\", trunc".into());
        let reading = read(&store);
        let problem = reading.problem.clone().unwrap();
        assert!(
            matches!(&problem, Problem::Damaged { reason, .. } if reason.contains("not in the expected shape"))
        );
        assert_eq!(
            problem.saved_text(),
            "{\"id\":\"b\", trunc",
            "the text, to download"
        );
        let w = reading.workspace.unwrap();
        assert_eq!(w.assessments.len(), 1, "the readable one still opens");
        // Another assessment's key holding something else is damage too.
        store.insert(
            answers_key(0, "c"),
            store[&answers_key(0, "one-first")].clone(),
        );
        let Some(Problem::Damaged { keys, .. }) = read(&store).problem else {
            panic!("damaged")
        };
        assert_eq!(keys.len(), 2);
        assert!(Problem::Damaged {
            reason: String::new(),
            keys
        }
        .saved_text()
        .starts_with('{'));
        // Replacing writes this tab's copy and removes what could not be read.
        let mut w = w;
        let plan = plan_replace(&mut w, &problem, &store, 10);
        apply(&mut store, &plan);
        let after = read(&store);
        assert_eq!(after.problem, None);
        assert_eq!(after.workspace.unwrap(), w);
        // Damaged index: nothing of this schema is trusted, nothing written over it.
        let mut store = Mem::new();
        store.insert(index_key(), "[".into());
        assert!(matches!(
            read(&store).problem,
            Some(Problem::Damaged { .. })
        ));
        assert!(read(&store).workspace.is_none());
    }

    #[test]
    fn the_old_key_is_read_and_merged_never_written_and_delete_all_leaves_it_the_fresh_workspace() {
        let mut old = Workspace::fresh("old", &by("v2", 1));
        old.apply(note("1.1", "From the previous version"), &by("v2", 2));
        let mut store = Mem::new();
        let legacy = encode(&old, 3).replace("\"schema\":4", "\"schema\":3");
        store.insert(LEGACY_KEY.into(), legacy.clone());
        let mut tab = Tab::open(&store, "one");
        assert_eq!(
            tab.w.get("old").unwrap().answer("1.1").note.value,
            "From the previous version"
        );
        tab.edit(note("1.1", "Ours now"));
        let written = tab.save(&mut store);
        assert!(!written.contains(&LEGACY_KEY.to_string()));
        assert_eq!(store[LEGACY_KEY], legacy, "never written");
        assert!(
            legacy_merged(&tab.saved, &store),
            "all of it is in ours: it may give way when full"
        );
        // The previous version, still open in another tab, saves again:
        // heard, and merged.
        old.create("v2-new", "Made in the old tab", &by("v2", 4));
        let newer = encode(&old, 5).replace("\"schema\":4", "\"schema\":3");
        store.insert(LEGACY_KEY.into(), newer.clone());
        assert!(!legacy_merged(&tab.saved, &store), "not yet merged: kept");
        let Heard::Merge(incoming) = heard(&tab.saved, LEGACY_KEY, Some(&newer), &store) else {
            panic!("merged")
        };
        absorb(
            &mut tab.w,
            incoming.workspace.as_ref().unwrap(),
            || "x".into(),
            &by("one", 6),
        );
        tab.saved.record(*incoming);
        assert!(tab.w.get("v2-new").is_some());
        assert_eq!(
            tab.w.get("old").unwrap().answer("1.1").note.value,
            "Ours now"
        );
        tab.save(&mut store);
        // A later load takes what the index says was merged without decoding
        // it again, and still finds everything.
        assert_eq!(read(&store).workspace.unwrap(), tab.w);
        // Delete all: a generation newer than either; every answer of both
        // layouts gone. The old key now holds only the fresh workspace, in
        // the previous version's schema, so a tab of that version hears the
        // new generation and gives way (as the previous version's own
        // delete-all makes it).
        let (fresh, plan) = plan_delete_all(&tab.w, &store, "after", &by("one", 7), 8);
        apply(&mut store, &plan);
        tab.saved.commit(plan);
        assert_eq!(fresh.generation, 1);
        assert_eq!(store.len(), 3, "{:?}", store.keys());
        let told = decode(&store[LEGACY_KEY]).unwrap();
        assert_eq!(
            schema_of(&store[LEGACY_KEY]).unwrap(),
            3,
            "what the previous version reads"
        );
        assert_eq!(told.workspace, fresh);
        let previous_tab = absorb_as_previous(&old, &told.workspace);
        assert_eq!(previous_tab, fresh, "the previous version's tab gives way");
        assert!(!store[LEGACY_KEY].contains("From the previous version"));
        assert_eq!(read(&store).workspace.unwrap(), fresh);
        // The old tab writes its copy back: it gives way to the newer generation.
        store.insert(LEGACY_KEY.into(), newer.clone());
        let mut w = fresh.clone();
        let Heard::Merge(incoming) = heard(&tab.saved, LEGACY_KEY, Some(&newer), &store) else {
            panic!("merged")
        };
        absorb(
            &mut w,
            incoming.workspace.as_ref().unwrap(),
            || "x".into(),
            &by("one", 9),
        );
        assert_eq!(w, fresh, "nothing deleted comes back");
        let reading = read(&store);
        assert_eq!(reading.workspace.unwrap(), fresh);
    }

    /// What a tab of the previous version does with the old key's new
    /// text: merges it into its copy (its `absorb` is `merge_from`).
    fn absorb_as_previous(its: &Workspace, heard: &Workspace) -> Workspace {
        let mut w = its.clone();
        w.merge_from(heard);
        w
    }

    /// Every prefix of a multi-key save, as another tab may see it.
    fn prefixes(store: &Mem, plan: &Plan) -> Vec<Mem> {
        let mut states = vec![store.clone()];
        let mut s = store.clone();
        for (k, v) in &plan.writes {
            s.insert(k.clone(), v.clone());
            states.push(s.clone());
        }
        for k in &plan.removes {
            s.remove(k);
            states.push(s.clone());
        }
        states
    }

    #[test]
    fn a_half_finished_save_never_loses_or_resurrects_anything() {
        let mut store = Mem::new();
        let mut one = Tab::open(&store, "one");
        one.edit(round("r1"));
        one.w.create("gone", "To delete", &by("one", 2));
        one.w.apply(note("1.1", "Deleted evidence"), &by("one", 2));
        one.save(&mut store);
        let mut two = Tab::open(&store, "two");
        // One tab deletes an assessment, adds one with a round, edits another.
        one.w.delete("gone", "unused", &by("one", 3));
        one.w.create("new", "New", &by("one", 3));
        one.edit(round("r2"));
        one.w.switch("one-first");
        one.edit(note("2.1", "Edited"));
        let plan = one.plan(&store);
        assert!(plan.writes.len() >= 4 && !plan.removes.is_empty());
        let states = prefixes(&store, &plan);
        let after_index = plan.writes.len();
        for (i, state) in states.iter().enumerate() {
            let seen = read(state).workspace.unwrap();
            assert!(seen.get("one-first").is_some(), "step {i}: never lost");
            if i >= after_index {
                assert!(
                    seen.get("gone").is_none(),
                    "step {i}: deleted stays deleted"
                );
            }
            // The other tab reads it mid-save and merges: nothing of it
            // resurrects later, and it converges once the save is done.
            let mut other = Tab {
                w: two.w.clone(),
                saved: two.saved.clone(),
                name: "two",
            };
            let _ = other.plan(state);
            let mut done = state.clone();
            for (k, v) in &plan.writes {
                done.insert(k.clone(), v.clone());
            }
            let mut last = other.plan(&done);
            apply(&mut done, &last);
            other.saved.commit(std::mem::replace(
                &mut last,
                plan_save(
                    &Saved::default(),
                    &mut Workspace::fresh("z", &by("z", 1)),
                    &[],
                    0,
                ),
            ));
            let end = read(&done).workspace.unwrap();
            assert!(end.get("gone").is_none(), "step {i}: not resurrected");
            assert!(end.get("new").is_some(), "step {i}: the new one arrives");
            assert_eq!(
                end.get("new").unwrap().rounds.len(),
                1,
                "step {i}: with its round"
            );
            assert_eq!(
                end.get("one-first").unwrap().answer("2.1").note.value,
                "Edited"
            );
        }
        apply(&mut store, &plan);
        one.saved.commit(plan);
        two.save(&mut store);
        assert_eq!(
            read(&store).workspace.unwrap().assessments,
            one.w.assessments
        );
    }

    #[test]
    fn a_listed_assessment_whose_key_is_missing_is_skipped_not_deleted() {
        let mut store = Mem::new();
        let mut one = Tab::open(&store, "one");
        one.w.create("b", "B", &by("one", 2));
        one.save(&mut store);
        let mut two = Tab::open(&store, "two");
        store.remove(&answers_key(0, "b"));
        let seen = read(&store).workspace.unwrap();
        assert!(seen.get("b").is_none(), "skipped for now");
        assert!(!seen.deleted.contains_key("b"), "not taken as deleted");
        // The tab holding it hears the removal and writes it again.
        assert!(
            matches!(heard(&one.saved, &answers_key(0, "b"), None, &store), Heard::Rewrite(id) if id == "b")
        );
        one.saved.forget("b");
        assert!(one.save(&mut store).contains(&answers_key(0, "b")));
        two.save(&mut store);
        assert!(read(&store).workspace.unwrap().get("b").is_some());
    }

    #[test]
    fn an_unlisted_key_is_read_so_a_lost_index_loses_nothing() {
        let mut store = Mem::new();
        let mut one = Tab::open(&store, "one");
        one.save(&mut store);
        let mut two = Tab::open(&store, "two");
        let stale_index = store[&index_key()].clone();
        one.w.create("b", "Made in tab one", &by("one", 2));
        one.save(&mut store);
        // Tab two's index, written from what it read before, wins the race.
        store.insert(index_key(), stale_index);
        assert!(read(&store).workspace.unwrap().get("b").is_some());
        two.edit(note("1.1", "Two"));
        two.save(&mut store);
        assert!(two.w.get("b").is_some(), "merged before writing");
        assert!(store[&index_key()].contains("\"id\":\"b\""), "listed again");
    }

    #[test]
    fn delete_all_also_forgets_the_shared_folder_name() {
        let mut store = Mem::new();
        let mut one = Tab::open(&store, "one");
        one.edit(note("1.1", "Private"));
        one.save(&mut store);
        store.insert(
            REPLICA_KEY.into(),
            r#"{"person":"Priya","ids":{"one":"r1"}}"#.into(),
        );
        let (_, plan) = plan_delete_all(&one.w, &store, "after", &by("one", 3), 4);
        apply(&mut store, &plan);
        assert!(!store.contains_key(REPLICA_KEY));
        assert!(!store.values().any(|v| v.contains("Priya")));
    }

    #[test]
    fn delete_all_holds_against_a_tab_of_the_older_generation() {
        let mut store = Mem::new();
        let mut one = Tab::open(&store, "one");
        one.edit(note("1.1", "Private"));
        one.edit(round("r1"));
        one.save(&mut store);
        let mut stale = Tab::open(&store, "stale");
        let (fresh, plan) = plan_delete_all(&one.w, &store, "after", &by("one", 3), 4);
        one.w = fresh;
        apply(&mut store, &plan);
        one.saved.commit(plan);
        assert!(!store.values().any(|v| v.contains("Private")));
        // Before it hears of it, the stale tab writes its old keys.
        stale.edit(note("1.2", "Stale edit"));
        let old_gen_keys: Vec<(String, String)> = {
            let mut s = stale.saved.clone();
            let mut w = stale.w.clone();
            let p = plan_save(&s, &mut w, &[], 5);
            s.commit(plan_save(
                &Saved::default(),
                &mut Workspace::fresh("q", &by("q", 1)),
                &[],
                0,
            ));
            p.writes
                .into_iter()
                .filter(|(k, _)| *k != index_key())
                .collect()
        };
        for (k, v) in &old_gen_keys {
            store.insert(k.clone(), v.clone());
        }
        assert_eq!(
            read(&store).workspace.unwrap(),
            one.w,
            "older keys are ignored"
        );
        // Its save reads the new index first and gives way.
        let before = stale.w.generation;
        if let Some(incoming) = changed_since(&stale.saved, &store).unwrap() {
            let absorbed = absorb(
                &mut stale.w,
                incoming.workspace.as_ref().unwrap(),
                || "x".into(),
                &by("stale", 6),
            );
            assert!(absorbed.cleared);
            assert_eq!(absorbed.notice, Some(Notice::AllDeleted));
            stale.saved.record(incoming);
        }
        assert!(stale.w.generation > before);
        let plan = plan_save(
            &stale.saved,
            &mut stale.w,
            &store.keys().cloned().collect::<Vec<_>>(),
            7,
        );
        apply(&mut store, &plan);
        assert!(
            !store
                .values()
                .any(|v| v.contains("Private") || v.contains("Stale edit")),
            "{:?}",
            store.keys()
        );
        assert_eq!(
            read(&store).workspace.unwrap().assessments,
            one.w.assessments
        );
    }

    #[test]
    fn only_this_apps_keys_mean_something_is_stored() {
        let keys = |ks: &[&str]| ks.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert!(!holds_any(&[]));
        assert!(!holds_any(&keys(&["theme", "other-app/4"])));
        for key in [
            LEGACY_KEY.to_string(),
            index_key(),
            answers_key(1, "a"),
            format!("{LEGACY_KEY}/5"),
        ] {
            assert!(holds_any(&keys(&["theme", &key])), "{key}");
        }
    }

    #[test]
    fn events_read_only_what_changed() {
        let mut store = Mem::new();
        let mut one = Tab::open(&store, "one");
        one.edit(round("r1"));
        one.save(&mut store);
        let mut two = Tab::open(&store, "two");
        let key = answers_key(0, "one-first");
        let same = store[&key].clone();
        assert!(matches!(
            heard(&two.saved, &key, Some(&same), &store),
            Heard::Nothing
        ));
        assert!(matches!(
            heard(&two.saved, "junk", Some("x"), &store),
            Heard::Nothing
        ));
        assert!(matches!(
            heard(&two.saved, &answers_key(7, "x"), Some("x"), &store),
            Heard::Nothing
        ));
        one.edit(note("3.1", "Heard"));
        let written = one.save(&mut store);
        let Heard::Merge(incoming) =
            heard(&two.saved, &written[0], Some(&store[&written[0]]), &store)
        else {
            panic!("merge")
        };
        let w = incoming.workspace.as_ref().unwrap();
        assert!(
            w.current().rounds.is_empty(),
            "rounds not read: the join's neutral element"
        );
        absorb(&mut two.w, w, || "x".into(), &by("two", 9));
        two.saved.record(*incoming);
        assert_eq!(two.w.current().answer("3.1").note.value, "Heard");
        assert_eq!(two.w.current().rounds.len(), 1, "kept");
        let index = store[&index_key()].clone();
        let Heard::Merge(incoming) = heard(&two.saved, &index_key(), Some(&index), &store) else {
            panic!("merge")
        };
        assert!(incoming.parts.is_empty(), "the index names nothing new");
        two.saved.record(*incoming);
        let back = two.plan(&store);
        assert!(
            back.is_empty(),
            "and nothing to write back: {:?}",
            back.writes
        );
        let damaged = heard(&two.saved, &key, Some("nope"), &store);
        assert!(matches!(damaged, Heard::Problem(Problem::Damaged { .. })));
    }

    #[test]
    fn notices_say_what_another_tab_did() {
        let mut ours = Workspace::fresh("a", &by("one", 1));
        ours.create("b", "North", &by("one", 2));
        let mut theirs = ours.clone();
        theirs.delete("b", "c", &by("two", 3));
        let absorbed = absorb(&mut ours, &theirs, || "x".into(), &by("one", 4));
        assert_eq!(absorbed.notice, Some(Notice::Deleted("North".into())));
        assert!(!absorbed.cleared);
        assert_eq!(ours.current, "a");
        assert_eq!(
            Notice::Deleted("North".into()).message(),
            "‘North’ was deleted in another tab or window, so it is no longer open here."
        );
        let mut emptied = ours.clone();
        emptied.delete("a", "fresh", &by("two", 5));
        let mut mine = ours.clone();
        mine.delete("a", "mine", &by("one", 5));
        let absorbed = absorb(&mut mine, &emptied, || "started".into(), &by("one", 6));
        assert!(!mine.assessments.is_empty());
        assert!(mine.get(&mine.current).is_some());
        assert_eq!(absorbed.notice, None);
    }
}

#[cfg(test)]
mod interleaving {
    use super::*;
    use crate::model::{Edit, Rating};

    type Mem = BTreeMap<String, String>;

    /// The page's flow: another tab's save lands key by key, this tab
    /// hears each one, and saves again; nothing of either is lost.
    #[test]
    fn a_save_heard_key_by_key_after_ours_keeps_our_edit() {
        let mut store = Mem::new();
        let mut theirs_w = Workspace::fresh("shared", &Stamp::at(1));
        let mut theirs_saved = Saved::default();
        let keys = |s: &Mem| s.keys().cloned().collect::<Vec<_>>();
        let plan = plan_save(&theirs_saved, &mut theirs_w, &keys(&store), 1);
        for (k, v) in &plan.writes {
            store.insert(k.clone(), v.clone());
        }
        theirs_saved.commit(plan);
        let reading = read(&store);
        let mut ours = reading.workspace.unwrap();
        let mut saved = reading.saved;
        theirs_w.create("theirs", "Their site", &Stamp::at(2));
        theirs_w.apply(Edit::Rating("2.1".into(), Rating::InPlace), &Stamp::at(2));
        theirs_w.switch("shared");
        theirs_w.apply(Edit::Rating("3.1".into(), Rating::InPlace), &Stamp::at(2));
        let plan = plan_save(&theirs_saved, &mut theirs_w, &keys(&store), 2);
        let (first, rest) = plan.writes.split_at(1);
        store.insert(first[0].0.clone(), first[0].1.clone());
        ours.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(3));
        let save = |ours: &mut Workspace, saved: &mut Saved, store: &mut Mem| {
            if let Some(incoming) = changed_since(saved, store).unwrap() {
                absorb(
                    ours,
                    incoming.workspace.as_ref().unwrap(),
                    || "x".into(),
                    &Stamp::at(4),
                );
                saved.record(incoming);
            }
            let mut plan = plan_save(saved, ours, &keys(store), 4);
            for (k, text) in unseen_overwrites(saved, &plan, store) {
                let Heard::Merge(incoming) = heard(saved, &k, Some(&text), store) else {
                    panic!("merged")
                };
                absorb(
                    ours,
                    incoming.workspace.as_ref().unwrap(),
                    || "x".into(),
                    &Stamp::at(4),
                );
                saved.record(*incoming);
                plan = plan_save(saved, ours, &keys(store), 4);
            }
            for (k, v) in &plan.writes {
                store.insert(k.clone(), v.clone());
            }
            for k in &plan.removes {
                store.remove(k);
            }
            saved.commit(plan);
        };
        save(&mut ours, &mut saved, &mut store);
        for (k, v) in rest {
            store.insert(k.clone(), v.clone());
            match heard(&saved, k, Some(v), &store) {
                Heard::Merge(incoming) => {
                    if let Some(w) = &incoming.workspace {
                        absorb(&mut ours, w, || "x".into(), &Stamp::at(5));
                    }
                    saved.record(*incoming);
                }
                Heard::Nothing => {}
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(
            ours.get("shared").unwrap().rating("1.1"),
            Rating::InPlace,
            "in memory"
        );
        save(&mut ours, &mut saved, &mut store);
        let stored = read(&store).workspace.unwrap();
        assert_eq!(stored.get("shared").unwrap().rating("1.1"), Rating::InPlace);
        assert_eq!(stored.get("shared").unwrap().rating("3.1"), Rating::InPlace);
        assert_eq!(stored.get("theirs").unwrap().rating("2.1"), Rating::InPlace);
    }
}

//! An assessment as files and storage hold it.
//!
//! Format 3 keeps causal metadata once per assessment: `writers` is the
//! writer table with each writer's count of edits seen, and each field
//! version carries only its dot, `[place in the table, count]`, and the time
//! to show. Formats 1 and 2 are still read: a format 2 field carries its own
//! clock (`seen`) and per-field counts, so each (writer, field) becomes a
//! writer of its own (`"<writer>~<field>"`), which keeps every causal
//! relation exactly and lets two copies of one old file, read apart, agree.

use super::answer::{ElementAnswer, Stamped};
use super::assessment::{never_edited, Assessment, Profile};
use super::clock::{with_table, Actor, Clock, Dot, Timestamp, WriterId};
use super::rounds::Round;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct Out<'a> {
    id: &'a str,
    writers: Vec<(&'a WriterId, u64)>,
    name: &'a Stamped<String>,
    created_at: Timestamp,
    touched_at: Timestamp,
    #[serde(skip_serializing_if = "is_zero")]
    life: u64,
    profile: &'a Profile,
    answers: &'a BTreeMap<String, ElementAnswer>,
    #[serde(skip_serializing_if = "<[Round]>::is_empty")]
    rounds: &'a [Round],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    deleted_rounds: &'a BTreeMap<String, Timestamp>,
    #[serde(skip_serializing_if = "never_edited")]
    commentary: &'a Stamped<String>,
}

impl Serialize for Assessment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        with_table(&self.seen, || {
            Out {
                id: &self.id,
                writers: self.seen.entries().collect(),
                name: &self.name,
                created_at: self.created_at,
                touched_at: self.touched_at,
                life: self.life,
                profile: &self.profile,
                answers: &self.answers,
                rounds: &self.rounds,
                deleted_rounds: &self.deleted_rounds,
                commentary: &self.commentary,
            }
            .serialize(s)
        })
    }
}

#[derive(Deserialize)]
struct In {
    id: String,
    /// Present from format 3 on.
    #[serde(default)]
    writers: Option<Vec<(WriterId, u64)>>,
    name: Stamped<String>,
    created_at: Timestamp,
    touched_at: Timestamp,
    #[serde(default)]
    life: u64,
    #[serde(default)]
    profile: Profile,
    #[serde(default)]
    answers: BTreeMap<String, ElementAnswer>,
    #[serde(default)]
    rounds: Vec<Round>,
    #[serde(default)]
    deleted_rounds: BTreeMap<String, Timestamp>,
    #[serde(default)]
    commentary: Stamped<String>,
}

impl<'de> Deserialize<'de> for Assessment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = In::deserialize(d)?;
        let writers = raw.writers;
        let mut a = Assessment {
            id: raw.id,
            name: raw.name,
            created_at: raw.created_at,
            touched_at: raw.touched_at,
            life: raw.life,
            profile: raw.profile,
            answers: raw.answers,
            rounds: raw.rounds,
            deleted_rounds: raw.deleted_rounds,
            commentary: raw.commentary,
            seen: Clock::default(),
            actor: Actor::fresh(),
        };
        let seen = match writers {
            Some(table) => resolve(&mut a, &table),
            None => from_format_2(&mut a),
        }
        .map_err(serde::de::Error::custom)?;
        a.seen = seen;
        a.answers.retain(|_, x| !x.is_empty());
        Ok(a)
    }
}

/// Format 3: each dot's place becomes its writer; every live dot must be
/// one the table has seen.
fn resolve(a: &mut Assessment, table: &[(WriterId, u64)]) -> Result<Clock, String> {
    let mut seen = Clock::default();
    for (writer, n) in table {
        if writer.as_str().starts_with('#') || writer.as_str().is_empty() {
            return Err("a writer in the table has no usable name".into());
        }
        seen.add(&Dot {
            by: writer.clone(),
            n: *n,
        });
    }
    if seen.writers() != table.len() {
        return Err("the writer table names a writer twice".into());
    }
    for (_, register) in a.registers_mut() {
        // A field written by hand in the version 1 shape (a value and a
        // time) inside a newer file: its derived edit is seen with it.
        let legacy = register.take_legacy_seen();
        seen.join_in(&legacy);
        for dot in register.dots_mut() {
            if let Some(place) = dot.place() {
                let (writer, _) = table
                    .get(place)
                    .ok_or_else(|| format!("a dot names writer {place}, not in the table"))?;
                dot.by = writer.clone();
            }
            if !seen.covers(dot) {
                return Err("a field holds an edit its assessment has not seen".into());
            }
        }
        register.reorder();
    }
    Ok(seen)
}

/// Formats 1 and 2: each field's writers become writers of that field alone.
fn from_format_2(a: &mut Assessment) -> Result<Clock, String> {
    let mut seen = Clock::default();
    for (key, register) in a.registers_mut() {
        let rename = |w: &WriterId| WriterId::named(format!("{}~{key}", w.as_str()));
        for (writer, n) in register.take_legacy_seen().entries() {
            seen.add(&Dot {
                by: rename(writer),
                n,
            });
        }
        for dot in register.dots_mut() {
            if dot.place().is_some() {
                return Err("a dot names a writer table the file does not have".into());
            }
            dot.by = rename(&dot.by);
            seen.add(dot);
        }
        register.reorder();
    }
    Ok(seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Rating, Stamp};

    #[test]
    fn format_3_writes_each_writer_once_and_reads_back_the_same() {
        let mut a = Assessment::new("a1", "Main", &Stamp::at(1));
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(2));
        a.apply(Edit::Note("1.1".into(), "Minutes".into()), &Stamp::at(3));
        a.apply(
            Edit::SaveRound {
                id: "r1".into(),
                name: "Q1".into(),
            },
            &Stamp::at(4),
        );
        let mut b = a.clone();
        b.apply(Edit::Note("1.1".into(), "Survey".into()), &Stamp::at(5));
        a.apply(Edit::Note("1.1".into(), "Audit".into()), &Stamp::at(6));
        a.merge_from(&b);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json.matches(a.actor.id().as_str()).count(), 1, "{json}");
        assert!(json.contains(r#""dot":[0,"#), "{json}");
        assert!(!json.contains("\"seen\""));
        let back: Assessment = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        assert!(
            back.answer("1.1").note.is_conflicted(),
            "both versions kept"
        );
        assert_eq!(back.seen(), a.seen());
    }

    #[test]
    fn damaged_tables_are_refused() {
        let a = Assessment::new("a1", "Main", &Stamp::at(1));
        let json = serde_json::to_string(&a).unwrap();
        let off_table = json.replace("\"dot\":[0,1]", "\"dot\":[7,1]");
        assert!(serde_json::from_str::<Assessment>(&off_table).is_err());
        let unseen = json.replace("\"dot\":[0,1]", "\"dot\":[0,9]");
        assert!(serde_json::from_str::<Assessment>(&unseen).is_err());
    }

    #[test]
    fn format_2_fields_become_writers_of_their_own_and_agree_when_read_apart() {
        // Writer "w" edited the name once and the rating twice, each with
        // its own per-field count; "v" once, concurrently, on the rating.
        let old = r#"{"id":"a1","name":{"value":"Main","changed_at":1,"dot":{"by":"w","n":1},"seen":{"w":1}},
            "created_at":1,"touched_at":3,
            "answers":{"1.1":{"rating":{"value":"in_place","changed_at":3,"dot":{"by":"w","n":2},"seen":{"w":2,"v":1},
              "concurrent":[{"value":"not_in_place","changed_at":2,"dot":{"by":"v","n":1}}]}}}}"#;
        let one: Assessment = serde_json::from_str(old).unwrap();
        let two: Assessment = serde_json::from_str(old).unwrap();
        assert_eq!(one, two);
        assert!(one.answer("1.1").rating.is_conflicted());
        assert_eq!(one.seen().get(&WriterId::named("w~1.1r")), 2);
        assert_eq!(one.seen().get(&WriterId::named("w~name")), 1);
        assert_eq!(one.seen().total(), 4);
        // Settling it in one copy wins over the other, read apart.
        let mut settled = one.clone();
        settled.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(9));
        let merged = two.merged(&settled);
        assert!(!merged.answer("1.1").rating.is_conflicted());
        let again: Assessment =
            serde_json::from_str(&serde_json::to_string(&merged).unwrap()).unwrap();
        assert_eq!(again, merged, "and it writes as format 3");
    }
}

//! Property tests of the domain model (native): the shared file round-trips,
//! merging is idempotent and order-independent, and no input makes the
//! importer or the stored-data reader panic.
#![cfg(not(target_arch = "wasm32"))]

use inclusion_framework::content::framework;
use inclusion_framework::model::{
    conflicts, decode, export, merge_into, parse_import, Assessment, ElementAnswer, OrgType,
    Progress, Rating, Stamped, Workspace,
};
use proptest::prelude::*;

fn stamped<T: std::fmt::Debug + Clone>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Stamped<T>> {
    // Few distinct times, so ties (and their tie-break) are exercised.
    (value, proptest::option::of(0i64..6))
        .prop_map(|(value, changed_at)| Stamped { value, changed_at })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-c <>&\"’]{0,12}"]
}

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

fn progress() -> impl Strategy<Value = Progress> {
    prop::sample::select(Progress::ALL.to_vec())
}

fn answer() -> impl Strategy<Value = ElementAnswer> {
    (
        stamped(rating()),
        stamped(text()),
        stamped(progress()),
        stamped(text()),
        stamped(text()),
        stamped(text()),
        stamped(text()),
    )
        .prop_map(
            |(rating, note, progress, action_to_date, next_steps, owner, target_date)| {
                ElementAnswer {
                    rating,
                    note,
                    progress,
                    action_to_date,
                    next_steps,
                    owner,
                    target_date,
                }
            },
        )
        .prop_filter("stored answers are never all-default", |a| !a.is_empty())
}

fn element_id() -> impl Strategy<Value = String> {
    let ids: Vec<String> = framework().elements().map(|e| e.id.clone()).collect();
    prop::sample::select(ids)
}

fn assessment(id: &'static str) -> impl Strategy<Value = Assessment> {
    (
        stamped(text()),
        stamped(text()),
        stamped(proptest::option::of(prop::sample::select(
            OrgType::ALL.to_vec(),
        ))),
        prop::collection::btree_map(element_id(), answer(), 0..6),
        0i64..6,
    )
        .prop_map(move |(name, organisation, org_type, answers, t)| {
            let mut a = Assessment::new(id, "", t);
            a.name = name;
            a.profile.organisation = organisation;
            a.profile.org_type = org_type;
            a.answers = answers;
            a.touched_at = t + 10;
            a
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn export_then_import_is_the_identity(a in assessment("a"), b in assessment("b")) {
        let file = export(&[a.clone(), b.clone()], "test", 7);
        let back = parse_import(file.as_bytes(), framework()).unwrap();
        prop_assert_eq!(back.assessments, vec![a, b]);
    }

    #[test]
    fn merging_is_idempotent(a in assessment("x"), b in assessment("x")) {
        let once = a.merged(&b);
        prop_assert_eq!(once.merged(&b), once.clone());
        prop_assert_eq!(once.merged(&once), once);
    }

    #[test]
    fn merging_either_way_agrees(a in assessment("x"), b in assessment("x")) {
        prop_assert_eq!(a.merged(&b), b.merged(&a));
    }

    #[test]
    fn importing_the_same_file_twice_changes_nothing_more(a in assessment("x"), b in assessment("y")) {
        let once = merge_into(&a, &b, &[], 100);
        let twice = merge_into(&once, &b, &[], 100);
        prop_assert_eq!(&twice.answers, &once.answers);
        prop_assert!(conflicts(&once, &b).is_empty());
    }

    #[test]
    fn a_merge_where_nothing_conflicts_agrees_both_ways(a in assessment("x"), b in assessment("x")) {
        if conflicts(&a, &b).is_empty() && conflicts(&b, &a).is_empty() {
            prop_assert_eq!(merge_into(&a, &b, &[], 100).answers, merge_into(&b, &a, &[], 100).answers);
        }
    }

    #[test]
    fn workspace_merge_is_idempotent_and_symmetric(a in assessment("a"), b in assessment("a"), c in assessment("c")) {
        let mut one = Workspace::fresh("seed", 0);
        one.assessments = vec![a.clone()];
        one.current = "a".into();
        let mut two = one.clone();
        two.assessments = vec![b, c];
        let merged = one.merged(&two);
        prop_assert_eq!(merged.merged(&two), merged.clone());
        prop_assert_eq!(&merged.assessments.len(), &2);
        let back = two.merged(&one);
        let mut x = merged.assessments.clone();
        let mut y = back.assessments.clone();
        x.sort_by(|p, q| p.id.cmp(&q.id));
        y.sort_by(|p, q| p.id.cmp(&q.id));
        prop_assert_eq!(x, y);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_importer(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_import(&bytes, framework());
        let _ = decode(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_never_panics_the_importer(json in arbitrary_json()) {
        let text = json.to_string();
        let _ = parse_import(text.as_bytes(), framework());
        let _ = decode(&text);
        // Our own header on arbitrary content is still refused cleanly.
        let wrapped = serde_json::json!({"format": inclusion_framework::model::FILE_FORMAT, "version": 1, "assessments": json});
        let _ = parse_import(wrapped.to_string().as_bytes(), framework());
    }

    #[test]
    fn mangled_real_files_are_refused_or_read_never_panic(a in assessment("a"), cut in 0usize..2000, byte in any::<u8>()) {
        let mut file = export(&[a], "test", 1).into_bytes();
        let at = cut % file.len();
        file[at] = byte;
        let _ = parse_import(&file, framework());
        let _ = parse_import(&file[..at], framework());
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z_0-9.]{0,8}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Files written by every schema version must keep importing: one golden
/// sample per version lives in tests/fixtures.
#[test]
fn golden_files_of_every_version_still_import() {
    let v1 = include_bytes!("fixtures/export-v1.json");
    let file = parse_import(v1, framework()).expect("version 1 sample imports");
    let a = &file.assessments[0];
    assert_eq!(
        a.profile.organisation.value,
        "Northshire NHS Foundation Trust"
    );
    assert_eq!(a.profile.org_type.value, Some(OrgType::AcuteTrust));
    assert_eq!(a.rating("1.1"), Rating::InPlace);
    assert_eq!(a.answer("4.3").progress.value, Progress::NoProgress);
    assert_eq!(a.answer("4.3").target_date.value, "2027-06-30");
    assert_eq!(a.answer("1.1").note.changed_at, Some(1_794_100_001_000));
}

//! Derived views of an assessment: counts per pillar, where to focus first,
//! completeness and overdue actions. Nothing here is stored.

use super::answer::{ElementAnswer, Progress, Rating};
use super::assessment::Assessment;
use super::date::Date;
use crate::content::Framework;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PillarSummary {
    pub pillar: u8,
    pub elements: usize,
    pub in_place: usize,
    pub work_in_progress: usize,
    pub not_in_place: usize,
    pub not_assessed: usize,
    pub no_progress: usize,
    pub moderate: usize,
    pub significant: usize,
    pub not_recorded: usize,
    pub overdue: usize,
}

impl PillarSummary {
    pub fn count(&self, rating: Rating) -> usize {
        match rating {
            Rating::InPlace => self.in_place,
            Rating::WorkInProgress => self.work_in_progress,
            Rating::NotInPlace => self.not_in_place,
            Rating::NotAssessed => self.not_assessed,
        }
    }

    pub fn progress_count(&self, progress: Progress) -> usize {
        match progress {
            Progress::NoProgress => self.no_progress,
            Progress::Moderate => self.moderate,
            Progress::Significant => self.significant,
            Progress::NotRecorded => self.not_recorded,
        }
    }

    /// How far the assessed elements are from "In place", from 0 (all in
    /// place) to 1 (none in place); `None` when nothing is assessed yet.
    pub fn distance(&self) -> Option<f64> {
        let assessed = self.elements - self.not_assessed;
        (assessed > 0)
            .then(|| (self.work_in_progress + 2 * self.not_in_place) as f64 / (2 * assessed) as f64)
    }
}

pub fn summarise(fw: &Framework, a: &Assessment, today: Option<Date>) -> Vec<PillarSummary> {
    fw.pillars
        .iter()
        .map(|p| {
            let mut s = PillarSummary {
                pillar: p.id,
                elements: p.elements.len(),
                ..Default::default()
            };
            for e in &p.elements {
                let answer = a.answer(&e.id);
                match answer.rating.value {
                    Rating::InPlace => s.in_place += 1,
                    Rating::WorkInProgress => s.work_in_progress += 1,
                    Rating::NotInPlace => s.not_in_place += 1,
                    Rating::NotAssessed => s.not_assessed += 1,
                }
                match answer.progress.value {
                    Progress::NoProgress => s.no_progress += 1,
                    Progress::Moderate => s.moderate += 1,
                    Progress::Significant => s.significant += 1,
                    Progress::NotRecorded => s.not_recorded += 1,
                }
                if today.is_some_and(|t| is_overdue(&answer, t)) {
                    s.overdue += 1;
                }
            }
            s
        })
        .collect()
}

/// The rule `focus_order` follows, in one plain sentence.
pub const FOCUS_RULE_PLAIN: &str =
    "The pillars with most still to do (furthest from “In place”) come first.";

/// The rule `focus_order` follows, in full, folded under the plain one
/// wherever focus areas are shown.
pub const FOCUS_RULE: &str = "We list the pillars furthest from “In place” first: each assessed element scores 0 for In place, 1 for Work in progress and 2 for Not in place, and a pillar’s score is the average of its assessed elements. Ties go to the pillar with more elements not in place. Pillars with nothing assessed yet come last.";

/// Pillars to focus on first: the furthest from "In place" first; ties go
/// to the one with more "Not in place", then the lower number. Pillars with
/// nothing assessed come last, in number order.
pub fn focus_order(summaries: &[PillarSummary]) -> Vec<u8> {
    let mut order: Vec<&PillarSummary> = summaries.iter().collect();
    super::order::sort_by(&mut order, |a, b| match (a.distance(), b.distance()) {
        (Some(x), Some(y)) => y
            .total_cmp(&x)
            .then(b.not_in_place.cmp(&a.not_in_place))
            .then(a.pillar.cmp(&b.pillar)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.pillar.cmp(&b.pillar),
    });
    order.into_iter().map(|s| s.pillar).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    pub total: usize,
    pub assessed: usize,
    pub progress_recorded: usize,
    /// Element ids not yet rated, in framework order.
    pub unassessed: Vec<String>,
    /// Recommendation (element) ids with no progress recorded.
    pub unrecorded: Vec<String>,
}

pub fn completeness(fw: &Framework, a: &Assessment) -> Completeness {
    let ids: Vec<&str> = fw.elements().map(|e| e.id.as_str()).collect();
    let unassessed: Vec<String> = ids
        .iter()
        .filter(|id| a.rating(id) == Rating::NotAssessed)
        .map(|id| id.to_string())
        .collect();
    let unrecorded: Vec<String> = ids
        .iter()
        .filter(|id| a.answer(id).progress.value == Progress::NotRecorded)
        .map(|id| id.to_string())
        .collect();
    Completeness {
        total: ids.len(),
        assessed: ids.len() - unassessed.len(),
        progress_recorded: ids.len() - unrecorded.len(),
        unassessed,
        unrecorded,
    }
}

/// An action is overdue when its target date has passed and the
/// recommendation has not reached "Significant progress".
pub fn is_overdue(answer: &ElementAnswer, today: Date) -> bool {
    match Date::parse(&answer.target_date.value) {
        Some(target) => target < today && answer.progress.value != Progress::Significant,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::Stamp;
    use crate::model::{Edit, Stamped};

    fn rate(a: &mut Assessment, id: &str, r: Rating) {
        a.apply(Edit::Rating(id.into(), r), &Stamp::at(1));
    }

    #[test]
    fn counts_per_pillar_add_up() {
        let fw = framework();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        rate(&mut a, "1.1", Rating::InPlace);
        rate(&mut a, "1.2", Rating::WorkInProgress);
        rate(&mut a, "1.3", Rating::NotInPlace);
        a.apply(
            Edit::Progress("1.1".into(), Progress::Significant),
            &Stamp::at(2),
        );
        a.apply(
            Edit::Progress("1.2".into(), Progress::NoProgress),
            &Stamp::at(2),
        );
        let s = summarise(fw, &a, None);
        assert_eq!(s.len(), 6);
        let p1 = &s[0];
        assert_eq!(
            (
                p1.in_place,
                p1.work_in_progress,
                p1.not_in_place,
                p1.not_assessed
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(
            (p1.significant, p1.no_progress, p1.moderate, p1.not_recorded),
            (1, 1, 0, 2)
        );
        for p in &s {
            let ratings: usize = Rating::ALL.iter().map(|r| p.count(*r)).sum();
            let progress: usize = Progress::ALL.iter().map(|r| p.progress_count(*r)).sum();
            assert_eq!(ratings, p.elements);
            assert_eq!(progress, p.elements);
        }
        assert_eq!(s[1].not_assessed, 3);
    }

    #[test]
    fn focus_order_puts_the_furthest_from_in_place_first() {
        let fw = framework();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        // Pillar 1: all in place (distance 0).
        for id in ["1.1", "1.2", "1.3", "1.4"] {
            rate(&mut a, id, Rating::InPlace);
        }
        // Pillar 3: both not in place (distance 1).
        rate(&mut a, "3.1", Rating::NotInPlace);
        rate(&mut a, "3.2", Rating::NotInPlace);
        // Pillar 4: one work in progress (distance 0.5).
        rate(&mut a, "4.1", Rating::WorkInProgress);
        // Pillar 6: one not in place, one in place (0.5, but more "not in place").
        rate(&mut a, "6.1", Rating::NotInPlace);
        rate(&mut a, "6.2", Rating::InPlace);
        let order = focus_order(&summarise(fw, &a, None));
        assert_eq!(order, vec![3, 6, 4, 1, 2, 5]);
    }

    #[test]
    fn completeness_lists_what_is_left() {
        let fw = framework();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        let c = completeness(fw, &a);
        assert_eq!((c.assessed, c.total), (0, 17));
        rate(&mut a, "1.1", Rating::InPlace);
        rate(&mut a, "6.2", Rating::NotInPlace);
        a.apply(
            Edit::Progress("2.2".into(), Progress::Moderate),
            &Stamp::at(3),
        );
        let c = completeness(fw, &a);
        assert_eq!(c.assessed, 2);
        assert_eq!(c.progress_recorded, 1);
        assert_eq!(c.unassessed.first().map(String::as_str), Some("1.2"));
        assert!(!c.unassessed.contains(&"6.2".to_string()));
        assert!(!c.unrecorded.contains(&"2.2".to_string()));
        rate(&mut a, "6.2", Rating::NotAssessed);
        assert_eq!(
            completeness(fw, &a).assessed,
            1,
            "going back to not assessed counts"
        );
    }

    #[test]
    fn overdue_needs_a_past_date_and_unfinished_progress() {
        let today = Date::parse("2027-06-01").unwrap();
        let mut answer = ElementAnswer::default();
        assert!(!is_overdue(&answer, today), "no date, not overdue");
        answer.target_date = Stamped::untouched("2027-05-31".into());
        assert!(is_overdue(&answer, today));
        answer.progress = Stamped::untouched(Progress::Moderate);
        assert!(is_overdue(&answer, today));
        answer.progress = Stamped::untouched(Progress::Significant);
        assert!(!is_overdue(&answer, today));
        answer.progress = Stamped::untouched(Progress::NoProgress);
        answer.target_date = Stamped::untouched("2027-06-01".into());
        assert!(!is_overdue(&answer, today), "due today is not overdue");
        answer.target_date = Stamped::untouched("not a date".into());
        assert!(!is_overdue(&answer, today));
    }
}

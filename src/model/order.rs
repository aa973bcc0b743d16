//! Sorting with one copy of the sort code. The standard library's sorts are
//! generic over the element and the comparison, so each call site with its
//! own closure got its own copy of the whole sort (about 3 KB of wasm each,
//! eleven of them in the code every page that edits fetches). Here a
//! single, non-generic function sorts positions; each call site only adds
//! the few lines that move its elements into that order. Stable, like
//! `slice::sort_by`.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    arrange(items, order);
}

/// Sorts `items` by the key `key` gives each, keeping equal keys in order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// A set of `items`, built by inserting each. `collect` into a B-tree
/// sorts a copy first, with its own copy of the sort for each item type.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// A map of `pairs` (a later pair with the same key wins, as with
/// `collect`), built by inserting each: see `set_of`.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// The positions 0..n in sorted order: the one copy of the sort.
#[inline(never)]
fn positions(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves each item to its place: afterwards `items[i]` is the item that was
/// at `order[i]`. Follows each cycle of the permutation with swaps.
fn arrange<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at; // in place
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut empty: Vec<u8> = vec![];
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }

    #[test]
    fn sets_and_maps_hold_what_collect_would() {
        let pairs = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(
            set_of([5, 1, 5, 3]),
            [5, 1, 5, 3].into_iter().collect::<BTreeSet<_>>()
        );
    }

    // proptest is a native dev-dependency (the wasm build of the tests has none).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn sorts_exactly_as_the_standard_stable_sort(
            v in proptest::collection::vec((0u8..6, proptest::prelude::any::<u16>()), 0..60),
            descending in proptest::prelude::any::<bool>(),
        ) {
            let compare = |a: &(u8, u16), b: &(u8, u16)| if descending { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) };
            let mut ours = v.clone();
            sort_by(&mut ours, compare);
            let mut std = v;
            std.sort_by(compare);
            proptest::prop_assert_eq!(ours, std);
        }
    }
}

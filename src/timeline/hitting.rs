//! Smallest hitting sets: given sets of statements that cannot all hold together (the
//! conflicts found so far), a smallest choice of statements that meets every one of them. Each
//! chosen statement is then one finding, so that one wrong statement that clashes with several
//! others is reported once, whichever conflict the search happened to meet first.
//!
//! Conflicts that share no statement are solved apart. Within a group of overlapping conflicts,
//! statements that lie in exactly the same conflicts are interchangeable: the preferred one
//! stands for them all, and one whose conflicts are a strict part of another's is dropped.
//! A branch-and-bound search then finds a smallest choice; it starts from the greedy choice and
//! keeps it on ties, and when its budget runs out the greedy choice (without redundant members)
//! stands.

use rustc_hash::FxHashMap as HashMap;

/// Search nodes the exact search may visit, over all groups of one call.
const BUDGET: usize = 200_000;

/// Groups of more conflicts than this get the greedy choice.
const EXACT_CONFLICTS: usize = 256;

/// Groups of more kinds of statement than this keep their dominated kinds (checking is quadratic).
const DOMINATION_KINDS: usize = 4_096;

/// A smallest set of elements meeting every set of `sets` (lists of elements); on ties, the
/// elements that `prefer` ranks higher. Sorted.
pub(crate) fn hitting_set<K: Ord>(sets: &[Vec<usize>], prefer: impl Fn(usize) -> K) -> Vec<usize> {
    let mut budget = BUDGET;
    let mut chosen: Vec<usize> = components(sets)
        .into_iter()
        .flat_map(|group| {
            let local: Vec<&Vec<usize>> = group.iter().map(|&s| &sets[s]).collect();
            Group::new(&local, &prefer).solve(&mut budget)
        })
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// The sets grouped by shared elements (indices into `sets`, each group in order).
fn components(sets: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    fn root(parent: &mut [usize], mut s: usize) -> usize {
        while parent[s] != s {
            parent[s] = parent[parent[s]];
            s = parent[s];
        }
        s
    }
    let mut first: HashMap<usize, usize> = HashMap::default();
    for (s, set) in sets.iter().enumerate() {
        for &element in set {
            let other = *first.entry(element).or_insert(s);
            let (a, b) = (root(&mut parent, s), root(&mut parent, other));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::default();
    for s in 0..sets.len() {
        let r = root(&mut parent, s);
        let g = *index.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(s);
    }
    groups
}

/// A set of conflicts as bits.
type Bits = Vec<u64>;

fn count(bits: &[u64]) -> usize {
    bits.iter().map(|w| w.count_ones() as usize).sum()
}

fn common(a: &[u64], b: &[u64]) -> usize {
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones() as usize).sum()
}

/// One group of overlapping conflicts: each kind of statement (the conflicts it lies in) with
/// the preferred statement of that kind, the kinds in order of preference.
struct Group {
    conflicts: usize,
    kinds: Vec<(Bits, usize)>,
}

impl Group {
    fn new<K: Ord>(sets: &[&Vec<usize>], prefer: impl Fn(usize) -> K) -> Group {
        let words = sets.len().div_ceil(64);
        let mut of: HashMap<usize, Bits> = HashMap::default();
        for (s, set) in sets.iter().enumerate() {
            for &element in set.iter() {
                of.entry(element).or_insert_with(|| vec![0; words])[s / 64] |= 1 << (s % 64);
            }
        }
        let mut best: HashMap<Bits, usize> = HashMap::default();
        for (element, bits) in of {
            let slot = best.entry(bits).or_insert(element);
            if (prefer(element), element) > (prefer(*slot), *slot) {
                *slot = element;
            }
        }
        let mut kinds: Vec<(Bits, usize)> = best.into_iter().collect();
        kinds.sort_by_key(|kind| std::cmp::Reverse((prefer(kind.1), kind.1)));
        if kinds.len() <= DOMINATION_KINDS {
            let within = |a: &Bits, b: &Bits| a.iter().zip(b).all(|(x, y)| x & !y == 0);
            let dominated: Vec<bool> = (0..kinds.len())
                .map(|i| kinds.iter().any(|o| o.0 != kinds[i].0 && within(&kinds[i].0, &o.0)))
                .collect();
            let mut keep = dominated.iter().map(|d| !d);
            kinds.retain(|_| keep.next().unwrap_or(true));
        }
        Group { conflicts: sets.len(), kinds }
    }

    fn all(&self) -> Bits {
        let mut bits = vec![0u64; self.conflicts.div_ceil(64)];
        (0..self.conflicts).for_each(|s| bits[s / 64] |= 1 << (s % 64));
        bits
    }

    fn solve(&self, budget: &mut usize) -> Vec<usize> {
        let mut best = self.greedy();
        if self.conflicts <= EXACT_CONFLICTS && best.len() > 1 {
            let mut chosen = Vec::new();
            self.search(&mut chosen, self.all(), &mut best, budget);
        }
        best.into_iter().map(|k| self.kinds[k].1).collect()
    }

    /// The kind meeting most unmet conflicts, the preferred one on ties, until all are met;
    /// then the kinds not needed, least preferred first, are dropped.
    fn greedy(&self) -> Vec<usize> {
        let mut unmet = self.all();
        let mut chosen = Vec::new();
        while count(&unmet) > 0 {
            let Some(k) = (0..self.kinds.len()).rev().max_by_key(|&k| common(&self.kinds[k].0, &unmet)) else { break };
            unmet.iter_mut().zip(&self.kinds[k].0).for_each(|(u, b)| *u &= !b);
            chosen.push(k);
        }
        chosen.sort_unstable();
        for i in (0..chosen.len()).rev() {
            let mut met = vec![0u64; unmet.len()];
            for (j, &k) in chosen.iter().enumerate() {
                if j != i {
                    met.iter_mut().zip(&self.kinds[k].0).for_each(|(m, b)| *m |= b);
                }
            }
            if count(&met) == self.conflicts {
                chosen.remove(i);
            }
        }
        chosen
    }

    /// Branch and bound over the kinds meeting the unmet conflict that fewest kinds meet.
    fn search(&self, chosen: &mut Vec<usize>, unmet: Bits, best: &mut Vec<usize>, budget: &mut usize) {
        let left = count(&unmet);
        if left == 0 {
            if chosen.len() < best.len() {
                *best = chosen.clone();
                best.sort_unstable();
            }
            return;
        }
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let most = self.kinds.iter().map(|(bits, _)| common(bits, &unmet)).max().unwrap_or(0);
        if most == 0 || chosen.len() + left.div_ceil(most) >= best.len() {
            return;
        }
        let meeting = |s: usize| self.kinds.iter().filter(move |(bits, _)| bits[s / 64] >> (s % 64) & 1 == 1);
        let unmet_conflicts = (0..self.conflicts).filter(|&s| unmet[s / 64] >> (s % 64) & 1 == 1);
        let Some(hardest) = unmet_conflicts.min_by_key(|&s| meeting(s).count()) else { return };
        let mut options: Vec<usize> =
            (0..self.kinds.len()).filter(|&k| self.kinds[k].0[hardest / 64] >> (hardest % 64) & 1 == 1).collect();
        options.sort_by_key(|&k| std::cmp::Reverse(common(&self.kinds[k].0, &unmet)));
        for k in options {
            let next: Bits = unmet.iter().zip(&self.kinds[k].0).map(|(u, b)| u & !b).collect();
            chosen.push(k);
            self.search(chosen, next, best, budget);
            chosen.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hitting_set;

    #[test]
    fn one_statement_in_every_conflict_is_enough() {
        // Statement 2 lies in all three conflicts; every other statement in one only.
        let sets = [vec![1, 2, 3], vec![2, 4, 5, 6], vec![2, 7]];
        assert_eq!(hitting_set(&sets, |_| 0), [2]);
        // Among interchangeable statements the preferred one is chosen.
        let sets = [vec![1, 2, 3], vec![2, 3, 4, 5]];
        assert_eq!(hitting_set(&sets, |e| e == 2), [2]);
        assert_eq!(hitting_set(&sets, |e| e == 3), [3]);
    }

    #[test]
    fn conflicts_sharing_nothing_each_need_one() {
        let sets = [vec![1, 2], vec![3, 4], vec![5]];
        assert_eq!(hitting_set(&sets, |e| e).len(), 3);
        // Three conflicts pairwise sharing a different statement: two are needed, not three.
        let sets = [vec![1, 2], vec![2, 3], vec![3, 1]];
        assert_eq!(hitting_set(&sets, |_| 0).len(), 2);
    }

    #[test]
    fn the_exact_search_beats_the_greedy_choice() {
        // Taking 1 first (in three conflicts, and preferred) leads to {1, 3, 4}; {3, 4} is enough.
        let sets = [vec![0, 1, 3], vec![1, 3, 5], vec![2, 4], vec![3], vec![0, 1, 4]];
        assert_eq!(hitting_set(&sets, |e| e == 1), [3, 4]);
        // Random small families against every subset.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..300 {
            let elements = 2 + next(7) as usize;
            let sets: Vec<Vec<usize>> = (0..1 + next(8))
                .map(|_| {
                    let mut set: Vec<usize> = (0..1 + next(3)).map(|_| next(elements as u64) as usize).collect();
                    set.sort_unstable();
                    set.dedup();
                    set
                })
                .collect();
            let found = hitting_set(&sets, |e| e);
            assert!(sets.iter().all(|s| s.iter().any(|e| found.contains(e))), "{sets:?}: {found:?}");
            let smallest = (0u32..1 << elements)
                .filter(|mask| sets.iter().all(|s| s.iter().any(|&e| mask >> e & 1 == 1)))
                .map(u32::count_ones)
                .min();
            assert_eq!(Some(found.len() as u32), smallest, "{sets:?}: {found:?}");
        }
    }
}

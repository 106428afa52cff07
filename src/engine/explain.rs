//! Explaining a contradiction: the smallest set of relations and facts that still cannot
//! hold together, found by deletion (drop a part, keep the drop if the rest still
//! contradicts), first in halves and then one at a time, so that a contradiction among a
//! few of many constraints costs few propagations. A work budget bounds the search on
//! huge networks; when it runs out the set found so far (still contradictory) is kept.

use super::propagate::{propagate, Clash, Net};
use std::collections::HashSet;

/// Terms visited by all propagations of one explanation.
const WORK_BUDGET: u64 = 5_000_000;

#[derive(Clone, Debug)]
pub struct Explanation {
    pub relations: Vec<usize>,
    pub facts: Vec<usize>,
    pub clash: Clash,
}

struct Search<'n, 'a> {
    net: &'n Net<'a>,
    work: u64,
}

impl Search<'_, '_> {
    fn run(&mut self, relations: &[usize], facts: &[usize]) -> Result<(), Box<Clash>> {
        let mut relations_on = vec![false; self.net.relations.len()];
        relations.iter().for_each(|&r| relations_on[r] = true);
        let mut facts_on = vec![false; self.net.facts.len()];
        facts.iter().for_each(|&f| facts_on[f] = true);
        propagate(self.net, &facts_on, &relations_on, &mut self.work).map(|_| ())
    }

    fn out_of_budget(&self) -> bool {
        self.work > WORK_BUDGET
    }

    /// Drops parts of `kept` while `contradicts` still holds for the rest.
    fn minimize(&mut self, mut kept: Vec<usize>, contradicts: impl Fn(&mut Self, &[usize]) -> bool) -> Vec<usize> {
        let mut chunk = kept.len().div_ceil(2).max(1);
        loop {
            let mut start = 0;
            while start < kept.len() {
                if self.out_of_budget() {
                    return kept;
                }
                let end = (start + chunk).min(kept.len());
                let trial: Vec<usize> = kept[..start].iter().chain(&kept[end..]).copied().collect();
                if contradicts(self, &trial) {
                    kept = trial;
                } else {
                    start = end;
                }
            }
            if chunk == 1 {
                return kept;
            }
            chunk = chunk.div_ceil(2);
        }
    }
}

/// A minimal contradictory subset of `relations` and `facts`, or `None` when together they
/// do not contradict.
pub fn explain(net: &Net, relations: &[usize], facts: &[usize]) -> Option<Explanation> {
    let mut search = Search { net, work: 0 };
    let first = search.run(relations, facts).err()?;
    // Relations that narrowed nothing played no part in this proof: try without them first.
    let active: Vec<usize> = relations.iter().copied().filter(|&r| first.active[r]).collect();
    let relations = if search.run(&active, facts).is_err() { active } else { relations.to_vec() };
    let relations = search.minimize(relations, |s, trial| s.run(trial, facts).is_err());
    let touched: HashSet<usize> = relations.iter().flat_map(|&r| net.relations[r].vars()).collect();
    let facts: Vec<usize> = facts.iter().copied().filter(|&f| touched.contains(&net.facts[f].var)).collect();
    let facts = match search.run(&relations, &facts) {
        Err(_) => search.minimize(facts, |s, trial| s.run(&relations, trial).is_err()),
        Ok(()) => facts,
    };
    let relations = search.minimize(relations, |s, trial| s.run(trial, &facts).is_err());
    let clash = *search.run(&relations, &facts).err()?;
    Some(Explanation { relations, facts, clash })
}

//! The tags by which the `first` check compares events: each tag of a `first` event with every
//! event carrying it, and one event's tags, each once.

use crate::model::{EventId, Model};
use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;

/// For each tag of a `first` event, every event carrying it (in model order), but for planned
/// ones (`target`, `forecast`, `estimate`), which may never happen and so precede nothing;
/// `None` when no such tag is carried by two events, so that nothing can be earlier.
pub(crate) fn tagged(model: &Model) -> Option<HashMap<&str, Vec<EventId>>> {
    let mut tagged: HashMap<&str, Vec<EventId>> = HashMap::default();
    for event in model.events.iter().filter(|e| e.first.is_some()) {
        for tag in &event.tags {
            tagged.entry(tag.as_str()).or_default();
        }
    }
    if tagged.is_empty() {
        return None;
    }
    for (e, event) in model.events.iter().enumerate().filter(|(_, e)| e.first.is_some() || e.plan.is_none()) {
        for tag in &event.tags {
            if let Some(events) = tagged.get_mut(tag.as_str()) {
                if events.last() != Some(&e) {
                    events.push(e);
                }
            }
        }
    }
    tagged.values().any(|events| events.len() > 1).then_some(tagged)
}

/// The tags of a `first` event, each once, in the order written.
pub(crate) struct Tags<'t> {
    order: Vec<&'t str>,
    position: HashMap<&'t str, usize>,
}

impl<'t> Tags<'t> {
    pub(crate) fn of(tags: &'t [CompactString]) -> Self {
        let mut this = Tags { order: Vec::with_capacity(tags.len()), position: HashMap::default() };
        for tag in tags {
            if !this.position.contains_key(tag.as_str()) {
                this.position.insert(tag, this.order.len());
                this.order.push(tag);
            }
        }
        this
    }

    /// Each tag once, in the order written.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'t str> + '_ {
        self.order.iter().copied()
    }

    /// The first of these tags that another event carries.
    pub(crate) fn shared(&self, carried: &[CompactString]) -> Option<&'t str> {
        carried.iter().filter_map(|c| self.position.get(c.as_str())).min().map(|&i| self.order[i])
    }
}

#[cfg(test)]
mod tests {
    use super::{tagged, Tags};
    use crate::timeline::start_bounds::scheduled;

    #[test]
    fn tags_of_first_events_and_the_events_carrying_them() {
        let text = "a: 1990 event \"A\" first #x #y #x\nb: 1991 event \"B\" #y #z\nc: 1992 event \"C\" #z #x #x\n";
        let (model, _, _) = scheduled(text);
        let mut listed: Vec<(&str, Vec<usize>)> = tagged(&model).unwrap_or_default().into_iter().collect();
        listed.sort();
        assert_eq!(listed, [("x", vec![0, 2]), ("y", vec![0, 1])]);
        let tags = Tags::of(&model.events[0].tags);
        assert_eq!(tags.iter().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(tags.shared(&model.events[1].tags), Some("y"));
        assert_eq!(tags.shared(&model.events[2].tags), Some("x"));
        // No tag of a `first` event that another event carries: nothing to compare.
        let text = "a: 1990 event \"A\" first #x\nb: 1991 event \"B\" #y\n";
        assert!(tagged(&scheduled(text).0).is_none());
    }
}

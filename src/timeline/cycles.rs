//! Circles of relations. `order a < b`, `b after a` and `a before b` (with or without `by`)
//! each say that one thing happened strictly before another, even when their dates allow the
//! same day. So a circle of them (`order a < b` and `order b < a`) cannot hold, however the days
//! fall. The relations form a directed graph (earlier → later); its strongly connected
//! components are the circles, found in linear time by Tarjan's algorithm, walked with an
//! explicit stack so that a chain of 100k events needs no deep recursion.

use super::network::NodeId;

/// The strongly connected components of a graph.
pub(crate) struct Components {
    /// The component of each node.
    pub(crate) of: Vec<u32>,
    /// For each component, whether it holds a circle: two nodes or more, or a relation from a
    /// node to itself.
    pub(crate) cyclic: Vec<bool>,
}

impl Components {
    /// Whether the relation `earlier → later` lies on a circle.
    pub(crate) fn on_circle(&self, earlier: NodeId, later: NodeId) -> bool {
        let component = self.of[earlier];
        component == self.of[later] && self.cyclic[component as usize]
    }
}

/// Arcs leaving node `n` are `heads[out[n]..out[n + 1]]`, each with its index in `edges`.
fn adjacency(
    nodes: usize,
    edges: impl Iterator<Item = (usize, NodeId, NodeId)> + Clone,
) -> (Vec<usize>, Vec<(NodeId, usize)>) {
    let mut out = vec![0; nodes + 1];
    for (_, from, _) in edges.clone() {
        out[from + 1] += 1;
    }
    for n in 0..nodes {
        out[n + 1] += out[n];
    }
    let mut next = out.clone();
    let mut heads = vec![(0, 0); out[nodes]];
    for (index, from, to) in edges {
        heads[next[from]] = (to, index);
        next[from] += 1;
    }
    (out, heads)
}

/// The strongly connected components of the graph on `nodes` nodes with these `(earlier,
/// later)` edges.
pub(crate) fn components(nodes: usize, edges: &[(NodeId, NodeId)]) -> Components {
    const UNSEEN: u32 = u32::MAX;
    let (out, heads) = adjacency(nodes, edges.iter().enumerate().map(|(i, &(from, to))| (i, from, to)));
    let mut index = vec![UNSEEN; nodes];
    let mut low = vec![0u32; nodes];
    let mut on_stack = vec![false; nodes];
    let mut stack: Vec<NodeId> = Vec::new();
    // The depth-first walk: each node being visited and the next of its arcs to follow.
    let mut calls: Vec<(NodeId, usize)> = Vec::new();
    let mut of = vec![0u32; nodes];
    let mut cyclic = Vec::new();
    let mut counter = 0u32;
    macro_rules! visit {
        ($node:expr) => {{
            let node: NodeId = $node;
            index[node] = counter;
            low[node] = counter;
            counter += 1;
            stack.push(node);
            on_stack[node] = true;
            calls.push((node, out[node]));
        }};
    }
    for root in 0..nodes {
        if index[root] != UNSEEN {
            continue;
        }
        visit!(root);
        while let Some(&(node, next)) = calls.last() {
            if next < out[node + 1] {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                let (head, _) = heads[next];
                if index[head] == UNSEEN {
                    visit!(head);
                } else if on_stack[head] {
                    low[node] = low[node].min(index[head]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let component = u32::try_from(cyclic.len()).unwrap_or(u32::MAX);
                let mut size = 0usize;
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    of[member] = component;
                    size += 1;
                    if member == node {
                        break;
                    }
                }
                cyclic.push(size > 1);
            }
        }
    }
    for &(from, to) in edges {
        if from == to {
            cyclic[of[from] as usize] = true;
        }
    }
    Components { of, cyclic }
}

/// One strongly connected set of relations, `(earlier, later)` in the order they are written:
/// the relation that closes a circle first (the last of the shortest prefix that holds one),
/// and a circle through it, as indices into `relations`: from the closing relation's later end
/// round to its earlier end, the closing relation last. `local` is scratch space with one
/// `u32::MAX` per node of the whole graph, left as it was found.
pub(crate) fn circle(relations: &[(NodeId, NodeId)], local: &mut [u32]) -> Vec<usize> {
    // Number the nodes of the set 0..n.
    let mut nodes: Vec<NodeId> = Vec::new();
    for &(from, to) in relations {
        for node in [from, to] {
            if local[node] == u32::MAX {
                local[node] = u32::try_from(nodes.len()).unwrap_or(u32::MAX);
                nodes.push(node);
            }
        }
    }
    let edges: Vec<(usize, usize)> =
        relations.iter().map(|&(from, to)| (local[from] as usize, local[to] as usize)).collect();
    for &node in &nodes {
        local[node] = u32::MAX;
    }
    let n = nodes.len();
    // The shortest prefix with a circle: each test is linear, so this is O(m log m).
    let (mut lo, mut hi) = (1, edges.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if has_circle(n, &edges[..mid]) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let closing = lo - 1;
    let (start, end) = (edges[closing].1, edges[closing].0);
    // Without the closing relation the prefix has no circle, so every circle of the prefix
    // runs through it: a shortest path from its later end back to its earlier end.
    let (out, heads) = adjacency(n, edges[..closing].iter().enumerate().map(|(i, &(from, to))| (i, from, to)));
    let mut reached_by: Vec<Option<usize>> = vec![None; n];
    let mut reached = vec![false; n];
    reached[start] = true;
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        if node == end {
            break;
        }
        for &(head, edge) in &heads[out[node]..out[node + 1]] {
            if !reached[head] {
                reached[head] = true;
                reached_by[head] = Some(edge);
                queue.push_back(head);
            }
        }
    }
    let mut chain = vec![closing];
    let mut at = end;
    while let Some(edge) = reached_by[at] {
        chain.push(edge);
        at = edges[edge].0;
    }
    chain.reverse();
    chain
}

/// Whether these edges among `n` nodes hold a circle (Kahn: some node is never freed).
fn has_circle(n: usize, edges: &[(usize, usize)]) -> bool {
    let (out, heads) = adjacency(n, edges.iter().enumerate().map(|(i, &(from, to))| (i, from, to)));
    let mut into = vec![0usize; n];
    for &(_, to) in edges {
        into[to] += 1;
    }
    let mut free: Vec<usize> = (0..n).filter(|&v| into[v] == 0).collect();
    let mut freed = 0;
    while let Some(node) = free.pop() {
        freed += 1;
        for &(head, _) in &heads[out[node]..out[node + 1]] {
            into[head] -= 1;
            if into[head] == 0 {
                free.push(head);
            }
        }
    }
    freed < n
}

#[cfg(test)]
mod tests {
    use super::{circle, components};

    fn grouped(nodes: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let found = components(nodes, edges);
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); found.cyclic.len()];
        for node in 0..nodes {
            groups[found.of[node] as usize].push(node);
        }
        let mut cyclic: Vec<Vec<usize>> =
            groups.into_iter().enumerate().filter(|(c, _)| found.cyclic[*c]).map(|(_, g)| g).collect();
        cyclic.sort();
        cyclic
    }

    #[test]
    fn components_are_the_circles() {
        // 0 → 1 → 2 → 0, 2 → 3, 3 → 4 → 3, 5 on its own, 6 → 6.
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3), (6, 6)];
        assert_eq!(grouped(7, &edges), [vec![0, 1, 2], vec![3, 4], vec![6]]);
        // A chain is no circle.
        assert!(grouped(4, &[(0, 1), (1, 2), (2, 3), (0, 3)]).is_empty());
    }

    #[test]
    fn a_long_chain_needs_no_recursion() {
        let n = 1_000_000;
        let mut edges: Vec<(usize, usize)> = (1..n).map(|i| (i - 1, i)).collect();
        assert!(grouped(n, &edges).is_empty());
        edges.push((n - 1, 0));
        let found = components(n, &edges);
        assert_eq!(found.cyclic.iter().filter(|&&c| c).count(), 1);
        assert!(found.on_circle(5, 6) && found.on_circle(n - 1, 0));
        let mut local = vec![u32::MAX; n];
        let chain = circle(&edges, &mut local);
        assert_eq!(chain.len(), n);
        assert_eq!((chain[0], chain[n - 1]), (0, n - 1));
        assert!(local.iter().all(|&l| l == u32::MAX));
    }

    #[test]
    fn the_circle_closes_at_the_first_relation_that_completes_one() {
        // Written in this order: 0 → 1, 1 → 0 (closes), 1 → 2, 2 → 1.
        let edges = [(0, 1), (1, 0), (1, 2), (2, 1)];
        let mut local = vec![u32::MAX; 3];
        assert_eq!(circle(&edges, &mut local), [0, 1]);
        // 0 → 1, 1 → 2, 2 → 3, 3 → 1 (closes 1 → 2 → 3 → 1), 3 → 0.
        let edges = [(0, 1), (1, 2), (2, 3), (3, 1), (3, 0)];
        let mut local = vec![u32::MAX; 4];
        assert_eq!(circle(&edges, &mut local), [1, 2, 3]);
        // A relation to itself.
        assert_eq!(circle(&[(2, 2)], &mut local), [0]);
    }
}

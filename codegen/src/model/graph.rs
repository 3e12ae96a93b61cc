//! Facts about the graph of named types, computed once per contract.
//!
//! Several readers need to know how types refer to each other: the Rust
//! emitter boxes a field that leads back to its own type and derives
//! `PartialEq` only where no raw JSON is inside, the Go emitter stores such a
//! field behind a pointer, and the checker refuses a type no finite JSON value
//! can have. Each of those answers is computed here, from the IR alone, in one
//! pass over the types (cycle-safe), and read from [`Contract::graph`].
//!
//! [`Contract::graph`]: super::Contract::graph

use super::{Contract, Discrimination, TypeId, TypeKind, TypeRef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the type graph of a contract says about each named type.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TypeGraph {
    /// For each type, the strongly connected component of the "holds by
    /// value" graph it belongs to (types that hold each other by value, not
    /// through an array or a map, share one).
    component: BTreeMap<TypeId, usize>,
    /// Components with a cycle (more than one type, or a type holding itself).
    cyclic: BTreeSet<usize>,
    /// Types whose values hold no free-form JSON anywhere inside.
    comparable: BTreeSet<TypeId>,
    /// Types that have at least one finite JSON value.
    finite: BTreeSet<TypeId>,
    /// For each object that is a variant of a tagged union, the tag keys of
    /// those unions (the variant carries them without declaring them).
    variant_tags: BTreeMap<TypeId, BTreeSet<String>>,
    /// Aliases whose expansion contains themselves through other aliases
    /// and arrays or maps (`L: array<L>`).
    recursive_aliases: BTreeSet<TypeId>,
}

impl TypeGraph {
    /// Computes every fact for the types of `c`.
    pub fn build(c: &Contract) -> TypeGraph {
        let (component, cyclic) = by_value_components(c);
        TypeGraph {
            component,
            cyclic,
            comparable: comparable_types(c),
            finite: finite_types(c),
            variant_tags: variant_tags(c),
            recursive_aliases: recursive_aliases(c),
        }
    }

    /// Whether the alias expands to itself through aliases, arrays and maps:
    /// a language whose type aliases are expanded in place (Rust) must make
    /// it a type of its own.
    pub fn is_recursive_alias(&self, id: &TypeId) -> bool {
        self.recursive_aliases.contains(id)
    }

    /// Whether a value of `target`, held by value inside `owner`, leads back
    /// to `owner` by value: such a field must be held behind a pointer (a
    /// `Box` in Rust, a `*T` in Go) to keep the type finite in memory.
    pub fn is_recursive_edge(&self, owner: &TypeId, target: &TypeId) -> bool {
        match (self.component.get(owner), self.component.get(target)) {
            (Some(a), Some(b)) => a == b && self.cyclic.contains(a),
            _ => false,
        }
    }

    /// Whether a field of type `ty` inside `owner` leads back to `owner` by
    /// value (see [`TypeGraph::is_recursive_edge`]); arrays and maps never do.
    pub fn is_recursive_field(&self, owner: &TypeId, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(target) if self.is_recursive_edge(owner, target))
    }

    /// Whether values of the named type hold no free-form JSON (so they can be compared).
    pub fn is_comparable_def(&self, id: &TypeId) -> bool {
        self.comparable.contains(id)
    }

    /// Whether values of `ty` hold no free-form JSON.
    pub fn is_comparable(&self, ty: &TypeRef) -> bool {
        ref_all(ty, &|id| self.comparable.contains(id))
    }

    /// Whether the named type has a finite JSON value (no cycle of required,
    /// non-null fields). A type missing from the contract counts as finite:
    /// the unknown name is reported on its own.
    pub fn is_finite(&self, id: &TypeId) -> bool {
        self.finite.contains(id) || !self.component.contains_key(id)
    }

    /// The tag keys a type carries because it is a variant of tagged unions.
    pub fn variant_tags(&self, id: &TypeId) -> Option<&BTreeSet<String>> {
        self.variant_tags.get(id)
    }
}

/// Named types a type holds by value (not through an array or a map).
fn by_value_refs(kind: &TypeKind) -> Vec<&TypeId> {
    fn named(ty: &TypeRef) -> Option<&TypeId> {
        match ty {
            TypeRef::Named(n) => Some(n),
            _ => None,
        }
    }
    match kind {
        TypeKind::Object(o) => o.fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(r) => named(r).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Strongly connected components of the by-value graph (Tarjan's algorithm,
/// iterative so that a long chain of types cannot overflow the stack), and
/// which of them contain a cycle.
fn by_value_components(c: &Contract) -> (BTreeMap<TypeId, usize>, BTreeSet<usize>) {
    let ids: Vec<&TypeId> = c.types.keys().collect();
    let index_of: BTreeMap<&TypeId, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = c
        .types
        .values()
        .map(|t| {
            by_value_refs(&t.kind)
                .into_iter()
                .filter_map(|id| index_of.get(id).copied())
                .collect()
        })
        .collect();
    let components = tarjan(&edges);
    let mut cyclic = BTreeSet::new();
    let mut size: BTreeMap<usize, usize> = BTreeMap::new();
    for &comp in &components {
        *size.entry(comp).or_default() += 1;
    }
    for (node, targets) in edges.iter().enumerate() {
        let comp = components[node];
        if size[&comp] > 1 || targets.contains(&node) {
            cyclic.insert(comp);
        }
    }
    let component = ids
        .into_iter()
        .zip(components)
        .map(|(id, comp)| (id.clone(), comp))
        .collect();
    (component, cyclic)
}

/// The component number of each node of a directed graph given as adjacency lists.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // Each frame: the node and how many of its edges are done.
        let mut frames = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut done)) = frames.last_mut() {
            if let Some(&next) = edges[node].get(*done) {
                *done += 1;
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Whether every named type inside `ty` satisfies `named` (free-form JSON never does).
fn ref_all(ty: &TypeRef, named: &dyn Fn(&TypeId) -> bool) -> bool {
    match ty {
        TypeRef::Json => false,
        TypeRef::Array(a) => ref_all(&a.items, named),
        TypeRef::Map(m) => ref_all(&m.values, named),
        TypeRef::Named(id) => named(id),
        _ => true,
    }
}

/// Types whose values hold no raw JSON: the greatest fixed point, so that
/// recursive types without JSON inside count as comparable.
fn comparable_types(c: &Contract) -> BTreeSet<TypeId> {
    let mut ok: BTreeSet<TypeId> = c.types.keys().cloned().collect();
    loop {
        let snapshot = ok.clone();
        let is = |id: &TypeId| snapshot.contains(id);
        ok.retain(|id| match c.type_def(id).map(|t| &t.kind) {
            Some(TypeKind::Object(o)) => o.fields.iter().all(|f| ref_all(&f.ty, &is)),
            Some(TypeKind::Union(u)) => u.variants.iter().all(|v| is(&v.ty)),
            Some(TypeKind::Alias(r)) => ref_all(r, &is),
            Some(TypeKind::Enum(_)) => true,
            None => false,
        });
        if ok.len() == snapshot.len() {
            return ok;
        }
    }
}

/// Types with a finite JSON value: the least fixed point, where an object
/// needs each required non-null field finite, a union one finite variant, and
/// an alias its target finite (arrays and maps can always be empty).
fn finite_types(c: &Contract) -> BTreeSet<TypeId> {
    let mut finite: BTreeSet<TypeId> = BTreeSet::new();
    let holds = |r: &TypeRef, finite: &BTreeSet<TypeId>| match r {
        TypeRef::Named(id) => finite.contains(id) || c.type_def(id).is_none(),
        _ => true,
    };
    loop {
        let before = finite.len();
        for t in c.types.values() {
            if finite.contains(&t.id) {
                continue;
            }
            let ok = match &t.kind {
                TypeKind::Object(o) => o
                    .fields
                    .iter()
                    .filter(|f| !f.optional && !f.nullable)
                    .all(|f| holds(&f.ty, &finite)),
                TypeKind::Enum(_) => true,
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .any(|v| finite.contains(&v.ty) || c.type_def(&v.ty).is_none()),
                TypeKind::Alias(r) => holds(r, &finite),
            };
            if ok {
                finite.insert(t.id.clone());
            }
        }
        if finite.len() == before {
            return finite;
        }
    }
}

/// Named types anywhere inside `ty`, through arrays and maps.
fn named_inside<'a>(ty: &'a TypeRef, out: &mut Vec<&'a TypeId>) {
    match ty {
        TypeRef::Array(a) => named_inside(&a.items, out),
        TypeRef::Map(m) => named_inside(&m.values, out),
        TypeRef::Named(id) => out.push(id),
        _ => {}
    }
}

/// Aliases in a cycle of the graph in which an alias leads to the aliases
/// named anywhere in its target.
fn recursive_aliases(c: &Contract) -> BTreeSet<TypeId> {
    let aliases: Vec<(&TypeId, &TypeRef)> = c
        .types
        .values()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(target) => Some((&t.id, target)),
            _ => None,
        })
        .collect();
    let index_of: BTreeMap<&TypeId, usize> = aliases
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let edges: Vec<Vec<usize>> = aliases
        .iter()
        .map(|(_, target)| {
            let mut named = Vec::new();
            named_inside(target, &mut named);
            named
                .into_iter()
                .filter_map(|id| index_of.get(id).copied())
                .collect()
        })
        .collect();
    let components = tarjan(&edges);
    let mut size: BTreeMap<usize, usize> = BTreeMap::new();
    for &comp in &components {
        *size.entry(comp).or_default() += 1;
    }
    aliases
        .iter()
        .enumerate()
        .filter(|(i, _)| size[&components[*i]] > 1 || edges[*i].contains(i))
        .map(|(_, (id, _))| (*id).clone())
        .collect()
}

/// For each variant object of a tagged union, the tag keys of those unions.
fn variant_tags(c: &Contract) -> BTreeMap<TypeId, BTreeSet<String>> {
    let mut out: BTreeMap<TypeId, BTreeSet<String>> = BTreeMap::new();
    for t in c.types.values() {
        if let TypeKind::Union(u) = &t.kind {
            if let Discrimination::Tag(tag) = &u.discrimination {
                for v in &u.variants {
                    out.entry(v.ty.clone()).or_default().insert(tag.clone());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tarjan;

    #[test]
    fn tarjan_groups_cycles_and_keeps_chains_apart() {
        // 0 → 1 → 2 → 0 is one cycle; 3 → 0 and 4 alone are their own components.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![]];
        let comp = tarjan(&edges);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[3], comp[0]);
        assert_ne!(comp[4], comp[0]);
        assert_ne!(comp[3], comp[4]);
    }

    #[test]
    fn tarjan_handles_a_chain_longer_than_the_stack_would() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![0] })
            .collect();
        let comp = tarjan(&edges);
        assert!(comp.iter().all(|&c| c == comp[0]));
    }
}

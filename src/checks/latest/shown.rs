//! How the series checks show the claims they weigh in a message: as written, derived from a
//! block (with a label on what it is derived from), or narrowed by its siblings (with a label
//! on each).

use super::super::notes::{self, amount};
use super::valued::block_head;
use super::Claims;
use crate::finding::Label;
use crate::model::{Block, BlockKind, Claim, Model};

/// Where a derived value comes from: `its total`, `its parts`, `the other shares`.
fn origin<'m>(model: &'m Model, claim: &Claim) -> Option<(&'static str, &'m Block)> {
    let block = &model.blocks[claim.block().filter(|_| claim.value.unknown)?];
    let words = match block.kind {
        BlockKind::Shares { .. } => "the other shares of its block",
        BlockKind::Total { total } if model.claims[total].loc == claim.loc => "its parts",
        BlockKind::Total { .. } => "its total",
    };
    Some((words, block))
}

/// A claim's values for a message: `$4.18bn (4.175–4.185)`, for a `?` valued by its block
/// `` the value of `x` derived from its total ($39–41bn) ``, for a narrowed claim
/// `~ $4.2bn with $4.18bn of the same date (4.175–4.185)`.
pub(crate) fn describe(claims: Claims, claim: &Claim) -> String {
    let model = claims.model;
    match origin(model, claim) {
        Some((from, _)) => {
            format!("the value of `{}` derived from {from} ({})", model.item_or_measure(claim), stated(claims, claim))
        }
        None => claims.valued.and_then(|v| v.siblings.describe(model, claim)).unwrap_or_else(|| model.describe(claim)),
    }
}

/// `$4.18bn`, or a derived value's interval: `$39–41bn`.
pub(crate) fn stated(claims: Claims, claim: &Claim) -> String {
    let model = claims.model;
    match claim.value.unknown {
        true => amount(&claim.value.interval, &claim.value.display_scale(), notes::unit_of(model, claim)),
        false => claims.valued.and_then(|v| v.siblings.stated(model, claim)).unwrap_or_else(|| model.stated(claim)),
    }
}

/// Labels on the siblings that narrowed any of `claims` (see [`siblings`]).
pub(crate) fn sibling_labels(claims: Claims, of: &[&Claim]) -> Vec<Label> {
    claims.valued.map_or_else(Vec::new, |v| v.siblings.labels(claims.model, of))
}

/// The value as written: `$4.3bn`, what the written values of its block derive, `the derived
/// $40bn`, or with the siblings that narrow it, `~ $4.2bn with $4.18bn`.
pub(crate) fn written(claims: Claims, claim: &Claim) -> String {
    let model = claims.model;
    match claim.value.unknown {
        true => format!(
            "the derived {}",
            amount(&claim.value.nominal.interval(), &claim.value.display_scale(), notes::unit_of(model, claim))
        ),
        false => claims
            .valued
            .and_then(|v| v.siblings.stated(model, claim))
            .unwrap_or_else(|| model.written(claim).into_owned()),
    }
}

/// For each derived value among `claims`, a label on what it is derived from: its total, or its
/// `shares` line (a `?` total is its block's own line); one label for each.
pub(crate) fn origin_labels<'c>(model: &Model, claims: impl IntoIterator<Item = &'c Claim>) -> Vec<Label> {
    let mut labels: Vec<Label> = Vec::new();
    for (claim, (_, block)) in claims.into_iter().filter_map(|c| Some((c, origin(model, c)?))) {
        let label = match block_head(block).map(|t| &model.claims[t]) {
            Some(total) if total.value.unknown => continue,
            Some(total) => notes::value_label(
                total,
                format!("`{}` is derived from this total, {}", model.item_or_measure(claim), model.describe(total)),
            ),
            None => Label::new(
                block.loc.file,
                block.loc.span,
                format!("`{}` is derived from these shares", model.item_or_measure(claim)),
            ),
        };
        if !labels.iter().any(|l| l.span == label.span && l.file == label.file) {
            labels.push(label);
        }
    }
    labels
}

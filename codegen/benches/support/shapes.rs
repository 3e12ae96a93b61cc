//! Hand-written twins of the `Drawing` payload of the golden fixture contract
//! `tests/golden/contracts/shapes.yaml`, the baselines for what the dual-key
//! rename `title` (`renamed_from: caption`) costs in the generated
//! `eventc_golden_rust::shapes::Drawing`.
//!
//! Only the struct holding the renamed field is hand-written; its field types
//! are the generated ones (`Shape`, `Point`, `Size`), so the comparison
//! isolates the generated object code, rename handling included, against
//! `#[derive(Serialize, Deserialize)]`. No seed contract declares a
//! `renamed_from` field, hence the fixture.
//!
//! - [`DrawingBothKeys`] carries `title` and `caption` as two ordinary fields:
//!   it reads and writes the same bytes as the generated dual-key code, with
//!   no rename logic (serde's `alias` cannot stand in: it rejects a message
//!   holding both keys as a duplicate field).
//! - [`DrawingNewKey`] has `title` only: the cost of a message without the
//!   old key at all.

use eventc_golden_rust::shapes::{Point, Shape, Size};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// Reads a present key of a tri-state field: `null` becomes `Some(None)`
/// (an absent key stays `None` through `#[serde(default)]`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// `Drawing` with the old key `caption` as a second ordinary field.
#[derive(Debug, Serialize, Deserialize)]
pub struct DrawingBothKeys {
    /// `shapes`.
    pub shapes: Vec<Shape>,
    /// `layers` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layers: Option<BTreeMap<String, Vec<Point>>>,
    /// `scale` (nullable).
    pub scale: Option<f64>,
    /// `size` (optional and nullable).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<Option<Size>>,
    /// `ids`.
    pub ids: Vec<String>,
    /// `note` (optional and nullable `json`).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<Option<Box<RawValue>>>,
    /// `big` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub big: Option<u64>,
    /// `title`.
    pub title: String,
    /// `caption`: the old key, kept as a plain copy.
    pub caption: String,
}

/// `Drawing` with the new key `title` only.
#[derive(Debug, Serialize, Deserialize)]
pub struct DrawingNewKey {
    /// `shapes`.
    pub shapes: Vec<Shape>,
    /// `layers` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layers: Option<BTreeMap<String, Vec<Point>>>,
    /// `scale` (nullable).
    pub scale: Option<f64>,
    /// `size` (optional and nullable).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<Option<Size>>,
    /// `ids`.
    pub ids: Vec<String>,
    /// `note` (optional and nullable `json`).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<Option<Box<RawValue>>>,
    /// `big` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub big: Option<u64>,
    /// `title`.
    pub title: String,
}

/// `Drawing` payloads as the generated writer emits them (both keys), in
/// the field order of the contract.
pub const DRAWINGS: [&str; 3] = [
    r#"{"shapes":[],"scale":null,"ids":[],"title":"empty board","caption":"empty board"}"#,
    r#"{"shapes":[{"kind":"circle","radius":2.5},{"kind":"square","side":4}],"layers":{"base":[{"x":0,"y":0},{"x":10,"y":-4}],"top":[{"x":3,"y":7}]},"scale":1.5,"size":1,"ids":["d-1","d-2"],"title":"floor plan","caption":"floor plan"}"#,
    r#"{"shapes":[{"kind":"square","side":12}],"scale":0.25,"size":null,"ids":["d-3"],"note":{"author":"kim","tags":["draft","v2"]},"big":18446744073709551615,"title":"site map, draft 2","caption":"site map, draft 2"}"#,
];

/// A drawing without its old key (`caption`), otherwise the same text.
pub fn without_old_key(drawing: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(drawing).expect("drawing is JSON");
    let caption = value.get("caption").expect("drawing has a caption");
    let entry = format!(",\"caption\":{caption}");
    assert!(drawing.contains(&entry), "caption not written as {entry}");
    drawing.replacen(&entry, "", 1)
}

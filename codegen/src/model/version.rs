//! Contract versions as they are written (`version:`, change-log entries,
//! `since:`), read into something that orders: `1`, `1.2`, `1.2.3`, with an
//! optional `v` in front, a pre-release (`1.2.0-beta.1`) and build metadata
//! (`+build.5`, ignored when comparing), or a date (`2025-11`, `2025-11-30`).

use std::cmp::Ordering;
use std::fmt;

/// A parsed version. Versions compare by number, a pre-release before its
/// release (`1.0-rc.1 < 1.0`); `1.2` equals `1.2.0`. Dates order among
/// themselves; every semver-like version orders before every date (a
/// contract uses one kind, and the order only has to be total).
#[derive(Debug, Clone)]
pub struct Version {
    text: String,
    kind: VersionKind,
    numbers: [u64; 3],
    /// How many of `numbers` were written (`1.2` → 2).
    written: usize,
    pre: Vec<PreId>,
}

/// How far a release moves a version, or must move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Not at all.
    None,
    /// The patch number (the date, for a date version).
    Patch,
    /// The minor number.
    Minor,
    /// The major number.
    Major,
}

impl Bump {
    /// `major`, `minor` or `patch` (`patch` also for [`Bump::None`]).
    pub fn name(self) -> &'static str {
        match self {
            Bump::Major => "major",
            Bump::Minor => "minor",
            Bump::Patch | Bump::None => "patch",
        }
    }
}

/// Whether a version is semver-like or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum VersionKind {
    Semver,
    Date,
}

/// One dot-separated identifier of a pre-release: numbers order numerically
/// and before words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum PreId {
    Number(u64),
    Word(String),
}

impl Version {
    /// Reads a version; `None` when it is neither semver-like nor a date.
    /// Text shaped like a date (four digits, `-`, a digit) is read as one
    /// only: `2025-13` is refused rather than read as the pre-release `13`.
    pub fn parse(text: &str) -> Option<Version> {
        let b = text.as_bytes();
        let date_shaped = b.len() > 5
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5].is_ascii_digit();
        if date_shaped {
            parse_date(text)
        } else {
            parse_semver(text)
        }
    }

    /// The text it was read from.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the version is semver-like (not a date): only then do major,
    /// minor and patch mean compatibility levels.
    pub fn is_semver(&self) -> bool {
        self.kind == VersionKind::Semver
    }

    /// Major number (the year of a date).
    pub fn major(&self) -> u64 {
        self.numbers[0]
    }

    /// Minor number, 0 when not written (the month of a date).
    pub fn minor(&self) -> u64 {
        self.numbers[1]
    }

    /// Patch number, 0 when not written (the day of a date, 0 when not written).
    pub fn patch(&self) -> u64 {
        self.numbers[2]
    }

    /// Whether it is a pre-release (`1.0.0-beta`).
    pub fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }

    /// The semver-like version a release of level `bump` after this one
    /// has: `1.4.2` → `2.0.0` / `1.5.0` / `1.4.3`, keeping the number of
    /// parts written (at least two for a minor bump, three for a patch) and
    /// a leading `v`, dropping a pre-release and build. `None` for a date,
    /// whose next version is the release's date, not a function of this one.
    pub fn bumped(&self, bump: Bump) -> Option<String> {
        if !self.is_semver() {
            return None;
        }
        let index = match bump {
            Bump::None => return Some(self.text.clone()),
            Bump::Major => 0,
            Bump::Minor => 1,
            Bump::Patch => 2,
        };
        let mut numbers = self.numbers;
        numbers[index] += 1;
        numbers[index + 1..].fill(0);
        let written = self.written.max(index + 1).max(2);
        let parts: Vec<String> = numbers[..written].iter().map(u64::to_string).collect();
        let prefix = if self.text.starts_with('v') { "v" } else { "" };
        Some(format!("{prefix}{}", parts.join(".")))
    }
}

/// `YYYY-MM` or `YYYY-MM-DD`, with a plausible month and day.
fn parse_date(text: &str) -> Option<Version> {
    let parts: Vec<&str> = text.split('-').collect();
    let widths_ok = matches!(parts.as_slice(), [y, m] | [y, m, _] if y.len() == 4 && m.len() == 2)
        && parts.get(2).is_none_or(|d| d.len() == 2);
    if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let year = parts[0].parse().ok()?;
    let month: u64 = parts[1].parse().ok()?;
    let day: u64 = parts.get(2).map_or(Some(0), |d| d.parse().ok())?;
    let plausible = (1..=12).contains(&month) && (parts.len() == 2 || (1..=31).contains(&day));
    plausible.then(|| Version {
        text: text.to_owned(),
        kind: VersionKind::Date,
        numbers: [year, month, day],
        written: parts.len(),
        pre: Vec::new(),
    })
}

/// `[v]MAJOR[.MINOR[.PATCH]][-PRE][+BUILD]`, numbers without leading zeros.
fn parse_semver(text: &str) -> Option<Version> {
    let body = text.strip_prefix('v').unwrap_or(text);
    let body = match body.split_once('+') {
        Some((body, build)) if is_identifiers(build) => body,
        Some(_) => return None,
        None => body,
    };
    let (core, pre) = match body.split_once('-') {
        Some((core, pre)) if is_identifiers(pre) => (core, pre.split('.').map(pre_id).collect()),
        Some(_) => return None,
        None => (body, Vec::new()),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() > 3 {
        return None;
    }
    let mut numbers = [0; 3];
    for (slot, part) in numbers.iter_mut().zip(&parts) {
        *slot = number(part)?;
    }
    Some(Version {
        text: text.to_owned(),
        kind: VersionKind::Semver,
        numbers,
        written: parts.len(),
        pre,
    })
}

/// A decimal number without a leading zero (`0` itself is fine).
fn number(part: &str) -> Option<u64> {
    let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    (digits && (part == "0" || !part.starts_with('0')))
        .then(|| part.parse().ok())
        .flatten()
}

/// Dot-separated non-empty runs of `[0-9A-Za-z-]`.
fn is_identifiers(text: &str) -> bool {
    text.split('.')
        .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

fn pre_id(id: &str) -> PreId {
    match number(id) {
        Some(n) => PreId::Number(n),
        None => PreId::Word(id.to_owned()),
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.kind
            .cmp(&other.kind)
            .then(self.numbers.cmp(&other.numbers))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => self.pre.cmp(&other.pre),
            })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Equal when neither orders before the other (`1.2` equals `1.2.0`).
impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::{Bump, Version};

    #[test]
    fn a_bump_moves_one_number_and_keeps_the_shape() {
        let next = |text: &str, bump| v(text).bumped(bump);
        assert_eq!(next("1.4.2", Bump::Major).as_deref(), Some("2.0.0"));
        assert_eq!(next("1.4.2", Bump::Minor).as_deref(), Some("1.5.0"));
        assert_eq!(next("1.4.2", Bump::Patch).as_deref(), Some("1.4.3"));
        assert_eq!(next("v1.2", Bump::Major).as_deref(), Some("v2.0"));
        assert_eq!(next("1.2", Bump::Patch).as_deref(), Some("1.2.1"));
        assert_eq!(next("3", Bump::Minor).as_deref(), Some("3.1"));
        assert_eq!(
            next("2.0.0-beta.1+b5", Bump::Minor).as_deref(),
            Some("2.1.0")
        );
        assert_eq!(next("1.2", Bump::None).as_deref(), Some("1.2"));
        assert_eq!(next("2025-11", Bump::Major), None);
    }

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap_or_else(|| panic!("`{text}` should parse"))
    }

    #[test]
    fn semver_like_versions_parse_with_missing_parts_as_zero() {
        let full = v("1.2.3");
        assert_eq!((full.major(), full.minor(), full.patch()), (1, 2, 3));
        assert_eq!((v("2").major(), v("2").minor(), v("2").patch()), (2, 0, 0));
        assert_eq!(v("v1.4").minor(), 4);
        assert!(v("1.0.0-beta.2").is_prerelease());
        assert!(v("1.0.0+build.7").is_semver());
        assert_eq!(v("1.2").to_string(), "1.2");
    }

    #[test]
    fn what_is_not_a_version_is_refused() {
        for bad in [
            "",
            "x",
            "1.",
            ".1",
            "1.2.3.4",
            "01.2",
            "1.-2",
            "1.0-",
            "1.0+",
            "1.0-be ta",
            "2025-13",
            "2025-1",
            "v",
            "1..2",
        ] {
            assert!(Version::parse(bad).is_none(), "`{bad}` should not parse");
        }
    }

    #[test]
    fn dates_parse_but_are_not_semver() {
        let month = v("2025-11");
        assert!(!month.is_semver());
        assert_eq!((month.major(), month.minor(), month.patch()), (2025, 11, 0));
        assert!(v("2025-11") < v("2025-11-30"));
        assert!(v("2025-11-30") < v("2026-01"));
    }

    #[test]
    fn versions_order_by_number_then_pre_release() {
        let ordered = [
            "0.9",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0",
            "1.0.1",
            "1.2",
            "1.10",
            "2",
            "2025-01",
        ];
        for pair in ordered.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(v("1.2"), v("1.2.0"));
        assert_eq!(v("1.2.0+a"), v("1.2.0+b"));
    }
}

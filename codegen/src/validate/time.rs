//! Timestamp checks for the encodings the contract language knows.

/// Whether `s` is an RFC 3339 `date-time` (e.g. `2026-01-14T16:30:00.000Z`).
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        part.iter().try_fold(0u32, |acc, d| {
            acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return false;
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return false;
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return false;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                a.is_ascii_digit()
                    && b.is_ascii_digit()
                    && u32::from(a - b'0') * 10 + u32::from(b - b'0') <= 59
            };
            two(*h1, *h2)
                && two(*m1, *m2)
                && (u32::from(h1 - b'0') * 10 + u32::from(h2 - b'0')) <= 23
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

/// Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z relative to the Unix epoch:
/// the range a unix timestamp must fall in to be a calendar date every target can represent.
pub const UNIX_SECONDS_RANGE: (i64, i64) = (-62_135_596_800, 253_402_300_799);

#[cfg(test)]
mod tests {
    use super::is_rfc3339;

    #[test]
    fn accepts_rfc3339() {
        for ok in [
            "2026-01-14T16:30:00.000Z",
            "2025-12-07T10:00:00Z",
            "2024-02-29T23:59:60+05:30",
            "2025-01-01t00:00:00z",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
    }

    #[test]
    fn rejects_non_rfc3339() {
        for bad in [
            "2026-01-14",
            "2026-01-14 16:30:00Z",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-01-14T16:30:00",
            "2026-01-14T16:30:00.Z",
            "1705251000000",
            "2026-01-14T24:00:00Z",
            "2026-01-14T10:00:00+0100",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}

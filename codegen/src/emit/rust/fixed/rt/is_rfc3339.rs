mod rt {
    /// Whether `s` is an RFC 3339 `date-time` (e.g. `2026-01-14T16:30:00.000Z`).
    pub(super) fn is_rfc3339(s: &str) -> bool {
        let b = s.as_bytes();
        if b.len() < 20 {
            return false;
        }
        let digits = |from: usize, to: usize| -> Option<u32> {
            b.get(from..to)?
                .iter()
                .try_fold(
                    0u32,
                    |acc, d| d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0')),
                )
        };
        let (
            Some(year),
            Some(month),
            Some(day),
            Some(hour),
            Some(minute),
            Some(second),
        ) = (
            digits(0, 4),
            digits(5, 7),
            digits(8, 10),
            digits(11, 13),
            digits(14, 16),
            digits(17, 19),
        ) else {
            return false;
        };
        if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') || b[13] != b':'
            || b[16] != b':'
        {
            return false;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
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
                    (a.is_ascii_digit() && b.is_ascii_digit())
                        .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
                };
                two(*h1, *h2).is_some_and(|h| h <= 23)
                    && two(*m1, *m2).is_some_and(|m| m <= 59)
            }
            _ => false,
        }
    }
}

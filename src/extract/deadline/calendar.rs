//! Calendar arithmetic for deadlines (SPEC.md §3): periods, the year-left-out
//! rule, working days, weekdays. Everything returns `Option` instead of
//! panicking, so impossible dates surface as `None`.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// An inclusive span of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    pub fn day(d: NaiveDate) -> Period {
        Period { first: d, last: d }
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub fn month(y: i32, m: u32) -> Option<Period> {
    let first = ymd(y, m, 1)?;
    let next = if m == 12 { ymd(y + 1, 1, 1)? } else { ymd(y, m + 1, 1)? };
    Some(Period { first, last: next.pred_opt()? })
}

/// Months `m1..=m2` of year `y` (m2 may run into later years).
pub fn months(y: i32, m1: u32, count: u32) -> Option<Period> {
    let first = ymd(y, m1, 1)?;
    let last = first.checked_add_months(Months::new(count))?.pred_opt()?;
    Some(Period { first, last })
}

pub fn quarter(y: i32, q: u32) -> Option<Period> {
    if !(1..=4).contains(&q) {
        return None;
    }
    months(y, 3 * q - 2, 3)
}

pub fn year(y: i32) -> Option<Period> {
    Some(Period { first: ymd(y, 1, 1)?, last: ymd(y, 12, 31)? })
}

/// The Monday-to-Sunday week holding `d`.
pub fn week_of(d: NaiveDate) -> Option<Period> {
    let first = d.checked_sub_signed(Duration::days(d.weekday().num_days_from_monday() as i64))?;
    Some(Period { first, last: first.checked_add_signed(Duration::days(6))? })
}

pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}

/// `n` working days after `d` (Saturdays and Sundays skipped, SPEC §3).
pub fn add_working_days(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut cur = d;
    let mut left = n;
    while left > 0 {
        cur = cur.succ_opt()?;
        if !matches!(cur.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    Some(cur)
}

pub fn add_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_months(Months::new(n))
}

/// The year-left-out rule of SPEC §3: the reference's year, unless that puts
/// the period's last day more than 60 days before the reference, then the
/// next year. `make` builds the period for a given year; `None` from it is
/// an impossible date.
pub fn infer_year(reference: NaiveDate, make: impl Fn(i32) -> Option<Period>) -> Option<Period> {
    let y = reference.year();
    let p = make(y)?;
    let limit = add_days(reference, -60)?;
    if p.last < limit {
        make(y + 1)
    } else {
        Some(p)
    }
}

/// Next date strictly after `from` that falls on `wd`.
pub fn next_weekday(from: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let mut cur = from.succ_opt()?;
    for _ in 0..7 {
        if cur.weekday() == wd {
            return Some(cur);
        }
        cur = cur.succ_opt()?;
    }
    None
}

/// Last date strictly before `from` that falls on `wd`.
pub fn prev_weekday(from: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let mut cur = from.pred_opt()?;
    for _ in 0..7 {
        if cur.weekday() == wd {
            return Some(cur);
        }
        cur = cur.pred_opt()?;
    }
    None
}

/// The day `wd` in the week holding `d`.
pub fn weekday_in_week(d: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    add_days(week_of(d)?.first, wd.num_days_from_monday() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_years() {
        let r = ymd(2025, 11, 19).unwrap();
        assert_eq!(month(2025, 2).unwrap().last, ymd(2025, 2, 28).unwrap());
        assert_eq!(quarter(2026, 1).unwrap().last, ymd(2026, 3, 31).unwrap());
        // 15/9 with a November notice: more than 60 days back -> next year.
        let p = infer_year(r, |y| ymd(y, 9, 15).map(Period::day)).unwrap();
        assert_eq!(p.first, ymd(2026, 9, 15).unwrap());
        let p = infer_year(r, |y| ymd(y, 10, 1).map(Period::day)).unwrap();
        assert_eq!(p.first, ymd(2025, 10, 1).unwrap());
        // Friday + 1 working day = Monday.
        let f = ymd(2025, 11, 21).unwrap();
        assert_eq!(add_working_days(f, 1).unwrap(), ymd(2025, 11, 24).unwrap());
        assert!(quarter(2025, 5).is_none());
    }
}

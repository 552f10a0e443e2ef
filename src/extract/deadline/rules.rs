//! The deadline rules as a table (STYLE.md habit 4): every rule id a record
//! may list in `rules`, what it reads, examples that must give it and
//! near-misses that must not. `tests::table` walks the whole table.
//!
//! Example syntax: an optional `@YYYY-MM-DD ` or `@none ` (notice date;
//! default 2025-11-19), an optional `P:` (read with `parse_phrase` instead
//! of `find_deadline`), the text; the expectation is `kind due [from start]
//! [every recurrence] [unknown]`, `-` for a null date.

/// One rule of the deadline grammar.
pub struct Rule {
    /// Stable id, listed in records' `rules`.
    pub id: &'static str,
    /// What it reads, and why the kind is what it is.
    pub doc: &'static str,
    /// (input, expectation) pairs that must produce this rule id.
    pub examples: &'static [(&'static str, &'static str)],
    /// Inputs that must not produce this rule id.
    pub near_misses: &'static [&'static str],
}

/// Every rule, in the order of SPEC §3's table.
pub const RULES: &[Rule] = &[
    Rule {
        id: "deadline/before/dmy",
        doc: "\"trước (ngày) <date>\": `before`, due = the date written.",
        examples: &[
            ("Bộ KH&CN hoàn thành trước ngày 10/12/2025.", "before 2025-12-10"),
            ("@2025-07-16 (1) Trước ngày 31 tháng 7 năm 2025, yêu cầu:", "before 2025-07-31"),
            ("@2025-09-09 hoàn thiện hồ sơ dự án Luật trước 15/9", "before 2025-09-15"),
            ("nộp báo cáo trước thứ sáu tuần này", "before 2025-11-21"),
            ("bảo đảm Kế hoạch được ban hành trước ngày mồng 5 tháng 12 năm 2025", "before 2025-12-05"),
        ],
        near_misses: &["thực hiện Nghị định 82/2024/NĐ-CP ngày 10/7/2024", "rà soát trước khi trình Chính phủ"],
    },
    Rule {
        id: "deadline/before/period",
        doc: "\"trước tháng/quý/năm ...\": `before`; due = the first day of the period, the bound, as \"trước ngày 10/12\" has its bound on the date written.",
        examples: &[
            ("trình Chính phủ trước tháng 12/2025", "before 2025-12-01"),
            ("hoàn thành trước quý IV/2026", "before 2026-10-01"),
        ],
        near_misses: &["trước hết, các bộ cần rà soát trong thời gian tới"],
    },
    Rule {
        id: "deadline/before/period-end",
        doc: "\"trước cuối năm\", \"trước cuối tháng 12\": `before`, due = the period's last day.",
        examples: &[
            ("hoàn thành trước cuối năm", "before 2025-12-31"),
            ("ban hành trước cuối tháng 1/2026", "before 2026-01-31"),
        ],
        near_misses: &["tổ chức hội nghị tổng kết cuối năm"],
    },
    Rule {
        id: "deadline/by/dmy",
        doc: "\"chậm nhất (là) ngày\", \"hoàn thành (vào) ngày\", \"trong ngày\", \"đến ngày\", \"vào ngày\" + date: `by`.",
        examples: &[
            ("chậm nhất ngày 05/12/2025 gửi báo cáo về Bộ Nội vụ", "by 2025-12-05"),
            ("@2025-07-16 gửi báo cáo về Bộ Khoa học và Công nghệ trong ngày 18 tháng 7 năm 2025", "by 2025-07-18"),
            ("Sở Tài chính hoàn thành ngày 15/12/2025", "by 2025-12-15"),
            ("thực hiện đến ngày 31-12-2025", "by 2025-12-31"),
        ],
        near_misses: &["duy trì trực 24/7 tại các điểm nóng", "đã giải quyết 44/139 kiến nghị"],
    },
    Rule {
        id: "deadline/by/bare-date",
        doc: "A date with no trigger word: a table's deadline cell (parse_phrase), or in a clause a future \"ngày <date>\" that is not a cited document's, a meeting's or a narrative opening.",
        examples: &[
            ("@2025-07-16 P:30/6/2025", "by 2025-06-30"),
            ("Bộ Y tế báo cáo Thủ tướng Chính phủ ngày 30/12/2025", "by 2025-12-30"),
        ],
        near_misses: &[
            "Ngày 15/11/2025, Thủ tướng chủ trì hội nghị trực tuyến",
            "thực hiện Thông báo số 27-TB/TGV ngày 08/6/2025",
            "theo Công điện số 217/CĐ-TTg ngày 19/11/2025 của Thủ tướng",
            "theo Kế hoạch số 02-KH/BCĐTW ngày 19 tháng 6 năm 2025",
            "triển khai Nghị quyết 214 ngày 23/7/2025 của Chính phủ",
        ],
    },
    Rule {
        id: "deadline/by/meeting-date",
        doc: "A future meeting's date when something is delivered there (\"báo cáo tại Phiên họp ... (ngày 20 tháng 7 năm 2025)\"): `by`. A meeting that took place is no deadline.",
        examples: &[(
            "@2025-07-16 báo cáo tại Phiên họp lần thứ ba của Ban Chỉ đạo (ngày 20 tháng 7 năm 2025)",
            "by 2025-07-20",
        )],
        near_misses: &["@2025-11-19 tại phiên họp thứ 5 ngày 15/11, Bộ trưởng nêu rõ", "tại cuộc họp ngày 28/8, các đại biểu thống nhất"],
    },
    Rule {
        id: "deadline/by/period-end",
        doc: "\"đến hết năm 2025\", \"cuối tháng 11\", \"cuối quý\", \"chậm nhất trong quý I/2026\", \"đến năm 2027\": the end of a period is a point, not a window to work in, so `by` with due = the period's last day (no start).",
        examples: &[
            ("duy trì đến hết năm 2025", "by 2025-12-31"),
            ("hoàn thành cuối tháng 11", "by 2025-11-30"),
            ("chậm nhất trong quý I/2026 phải hoàn thành", "by 2026-03-31"),
            ("hoàn thành vào cuối quý", "by 2025-12-31"),
        ],
        near_misses: &["xây dựng Chiến lược dữ liệu đến năm 2030, tầm nhìn đến năm 2045"],
    },
    Rule {
        id: "deadline/by/day-of-period",
        doc: "\"ngày đầu tiên của tháng 3\", \"ngày cuối cùng của tháng 12/2025\": `by` that day.",
        examples: &[
            ("@2017-02-02 P:ngày đầu tiên của tháng ba", "by 2017-03-01"),
            ("nộp hồ sơ vào ngày cuối cùng của tháng 12/2025", "by 2025-12-31"),
        ],
        near_misses: &[],
    },
    Rule {
        id: "deadline/by/duration",
        doc: "\"trong vòng 30 ngày kể từ ngày ký\", \"trong 2 tháng\": `by`, due = notice date (or the written start date) + N calendar days/weeks/months.",
        examples: &[
            ("trong vòng 30 ngày kể từ ngày ký", "by 2025-12-19"),
            ("báo cáo trong vòng 10 ngày kể từ ngày 20/11/2025", "by 2025-11-30"),
            ("@none trong 30 ngày", "by - unknown"),
        ],
        near_misses: &["trong 6 tháng đầu năm 2025 cho thấy", "kết quả 10 tháng năm 2025"],
    },
    Rule {
        id: "deadline/by/working-days",
        doc: "\"trong 15 ngày làm việc\": `by`, Saturdays and Sundays skipped.",
        examples: &[("gửi ý kiến trong 15 ngày làm việc", "by 2025-12-10")],
        near_misses: &[],
    },
    Rule {
        id: "deadline/by/relative-day",
        doc: "hôm nay, ngày mai, weekdays (the next one; \"tuần này/sau\" pick the week): `by`. In a clause only after a trigger word.",
        examples: &[
            ("P:ngày mai", "by 2025-11-20"),
            ("hoàn thành chậm nhất vào thứ sáu tuần sau", "by 2025-11-28"),
            ("@2017-02-02 P:thứ 2", "by 2017-02-06"),
        ],
        near_misses: &["Thứ hai, hoàn thiện thể chế theo hướng thông thoáng"],
    },
    Rule {
        id: "deadline/by/holiday",
        doc: "\"giáng sinh\", \"noel\": 25 December, year by the year-left-out rule.",
        examples: &[("P:giáng sinh", "by 2025-12-25")],
        near_misses: &[],
    },
    Rule {
        id: "deadline/within/month",
        doc: "\"(trong) tháng 11/2025\", \"tháng mười hai\", \"hoàn thành tháng 12/2025\", \"tháng sau\": `within` the month.",
        examples: &[
            ("Bộ KH&CN trình Thủ tướng trong tháng 11/2025", "within 2025-11-30 from 2025-11-01"),
            ("P:Tháng 12/2025", "within 2025-12-31 from 2025-12-01"),
            ("rà soát, hoàn thành tháng 12/2025", "within 2025-12-31 from 2025-12-01"),
            ("P:tháng mười hai năm 2025", "within 2025-12-31 from 2025-12-01"),
            ("hoàn thành trong tháng 12/2025 và thực hiện trong năm 2026", "within 2025-12-31 from 2025-12-01"),
            ("triển khai ngay trong tháng 12/2025", "within 2025-12-31 from 2025-12-01"),
        ],
        near_misses: &["kết quả 10 tháng năm 2025 cho thấy", "Báo cáo tháng 12/2025 của Bộ", "mỗi tháng một lần"],
    },
    Rule {
        id: "deadline/within/quarter",
        doc: "\"trong quý I năm 2026\", \"quý II/2026\", \"quý 3 năm 2026\", \"quý này\": `within` the quarter.",
        examples: &[
            ("số hóa 100% dữ liệu trong quý I năm 2026", "within 2026-03-31 from 2026-01-01"),
            ("P:Quý II/2026", "within 2026-06-30 from 2026-04-01"),
            ("P:quý 3 năm 2026", "within 2026-09-30 from 2026-07-01"),
            ("hoàn thành trong quý IV/2025", "within 2025-12-31 from 2025-10-01"),
        ],
        near_misses: &["trân trọng cảm ơn quý cơ quan"],
    },
    Rule {
        id: "deadline/within/year",
        doc: "\"trong năm 2025\", a bare year in a plan field, \"năm nay\", \"năm sau\": `within` the year. In a clause a bare \"năm 2025\" is part of a name.",
        examples: &[
            ("phải hoàn thành trong năm 2025", "within 2025-12-31 from 2025-01-01"),
            ("P:Năm 2026", "within 2026-12-31 from 2026-01-01"),
            ("hoàn thành trong năm nay", "within 2025-12-31 from 2025-01-01"),
            ("Thí điểm trong năm 2025 và triển khai chính thức từ 2026", "within 2025-12-31 from 2025-01-01"),
        ],
        near_misses: &["ban hành Kế hoạch hành động năm 2025", "chuẩn bị cho Phiên họp tổng kết năm 2025", "triển khai chính thức từ năm 2026"],
    },
    Rule {
        id: "deadline/within/year-range",
        doc: "\"2026 - 2030\" in a plan's time field: `within` the years. \"giai đoạn 2026 - 2030\" in a clause is part of a name.",
        examples: &[
            ("P:2026 - 2030", "within 2030-12-31 from 2026-01-01"),
            ("thực hiện trong 2026-2027", "within 2027-12-31 from 2026-01-01"),
        ],
        near_misses: &["trình Chương trình Chuyển đổi số quốc gia giai đoạn 2026 - 2030"],
    },
    Rule {
        id: "deadline/within/half-year",
        doc: "\"6 tháng đầu/cuối năm 2025\", \"9 tháng đầu năm\", \"nửa cuối năm\": `within` those months. Not in statements of results.",
        examples: &[
            ("hoàn thành trong 6 tháng đầu năm 2026", "within 2026-06-30 from 2026-01-01"),
            ("P:6 tháng cuối năm 2025", "within 2025-12-31 from 2025-07-01"),
        ],
        near_misses: &["trong 6 tháng đầu năm 2025 cho thấy kết quả tích cực"],
    },
    Rule {
        id: "deadline/within/week",
        doc: "\"trong tuần này\", \"tuần sau\", \"tuần đầu tiên của tháng 9\": `within` the Monday–Sunday week.",
        examples: &[
            ("báo cáo trong tuần này", "within 2025-11-23 from 2025-11-17"),
            ("P:tuần sau", "within 2025-11-30 from 2025-11-24"),
            ("@2017-02-02 P:tuần đầu tiên của tháng 9 năm 2017", "within 2017-09-10 from 2017-09-04"),
        ],
        near_misses: &["họp giao ban hàng tuần"],
    },
    Rule {
        id: "deadline/within/relative",
        doc: "\"3 tháng tới\", \"3 ngày tiếp theo\", \"2 năm tới\": `within` the coming units (the past ones are statistics and no deadline in a clause).",
        examples: &[("P:3 tháng tới", "within 2026-02-28 from 2025-12-01"), ("hoàn thành trong 3 ngày tới", "within 2025-11-22 from 2025-11-20")],
        near_misses: &["trong 2 tháng qua đã xử lý 120 hồ sơ"],
    },
    Rule {
        id: "deadline/within/range",
        doc: "\"từ <A> đến <B>\": `within`, start = A's first day, due = B's last day. A lone \"từ <A>\" bounds nothing.",
        examples: &[
            ("thực hiện từ ngày 1/12 đến ngày 15/12/2025", "within 2025-12-15 from 2025-12-01"),
            ("triển khai từ tháng 9 đến tháng 12/2025", "within 2025-12-31"),
        ],
        near_misses: &["chính thức vận hành từ ngày 01/7/2026"],
    },
    Rule {
        id: "deadline/within/part-of-period",
        doc: "\"đầu tháng 12\", \"giữa tháng 12\", \"đầu năm 2026\": `within` the first/middle third (days 1–10/11–20 of a month; months 1–4/5–8 of a year; first/middle month of a quarter). A convention, not a SPEC rule.",
        examples: &[
            ("hoàn thành trong đầu tháng 12/2025", "within 2025-12-10 from 2025-12-01"),
            ("tổ chức vào giữa tháng 12/2025", "within 2025-12-20 from 2025-12-11"),
            ("hoàn thành vào giữa năm 2026", "within 2026-08-31 from 2026-05-01"),
            ("đưa vào vận hành đầu năm 2026", "within 2026-04-30 from 2026-01-01"),
        ],
        near_misses: &[],
    },
    Rule {
        id: "deadline/within/season",
        doc: "\"mùa hè này\", \"mùa đông này\": `within` the astronomical season (as Duckling reads them).",
        examples: &[("@2017-02-02 P:mùa hè năm nay", "within 2017-09-23 from 2017-06-21")],
        near_misses: &[],
    },
    Rule {
        id: "deadline/immediate",
        doc: "\"ngay\", \"ngay lập tức\" with no period after it: `immediate`. \"ngay trong tháng 12\" is the month; \"ngay cả\", \"ngay tại\", \"ngay từ\" are no time.",
        examples: &[
            ("khẩn trương triển khai ngay", "immediate -"),
            ("trình Chính phủ ban hành ngay các Nghị định hướng dẫn, bảo đảm phù hợp với thời điểm có hiệu lực của các luật", "immediate -"),
            ("P:ngay lập tức", "immediate -"),
        ],
        near_misses: &["triển khai ngay trong tháng 12/2025", "ngay cả các địa phương khó khăn", "kiểm tra ngay tại cơ sở"],
    },
    Rule {
        id: "deadline/event/effective",
        doc: "\"cùng thời điểm Luật ... có hiệu lực thi hành\", \"kể từ khi Nghị định có hiệu lực\", \"phù hợp với thời điểm có hiệu lực\": `event`.",
        examples: &[
            ("ban hành văn bản hướng dẫn cùng thời điểm Luật Dữ liệu có hiệu lực thi hành", "event -"),
            ("khẩn trương hoàn thành, ban hành các nghị định phù hợp với thời điểm có hiệu lực của luật", "event -"),
            ("P:kể từ khi Nghị định có hiệu lực", "event -"),
        ],
        near_misses: &[],
    },
    Rule {
        id: "deadline/event/session",
        doc: "\"tại Kỳ họp thứ 10\", \"trong kỳ họp lần thứ 10\" with no date, after a delivery verb (trình, báo cáo, thông qua, xem xét): `event`.",
        examples: &[
            ("trình Quốc hội thông qua tại Kỳ họp thứ 10", "event -"),
            ("hoàn thiện 5 dự án Luật trình Quốc hội xem xét và thông qua trong kỳ họp lần thứ 10", "event -"),
        ],
        near_misses: &[
            "Tại phiên họp, Thủ tướng yêu cầu các bộ tập trung",
            "chuẩn bị cho Phiên họp tổng kết năm 2025",
            "hoàn thiện video clip trình chiếu tại phiên họp",
        ],
    },
    Rule {
        id: "deadline/event/duration",
        doc: "A duration counted from an event with no date (\"trong vòng 30 ngày kể từ khi Nghị định có hiệu lực\"): `event`.",
        examples: &[
            ("trong vòng 30 ngày kể từ khi Nghị định có hiệu lực", "event -"),
            ("trong 15 ngày kể từ ngày nhận được văn bản", "event -"),
        ],
        near_misses: &["trong vòng 30 ngày kể từ ngày ký"],
    },
    Rule {
        id: "deadline/recurring",
        doc: "\"hàng/hằng tháng, quý, năm, tuần\", \"định kỳ\" with no first date: `recurring`.",
        examples: &[
            ("báo cáo Thủ tướng Chính phủ hàng tháng", "recurring - every monthly"),
            ("P:định kỳ hằng quý", "recurring - every quarterly"),
            ("tổng hợp, báo cáo hằng năm", "recurring - every yearly"),
            ("P:hàng tuần", "recurring - every weekly"),
        ],
        near_misses: &[],
    },
    Rule {
        id: "deadline/ongoing",
        doc: "\"thường xuyên\", \"liên tục\", \"hằng ngày\" as the whole time frame: `ongoing`.",
        examples: &[
            ("thường xuyên kiểm tra, đôn đốc", "ongoing -"),
            ("cập nhật dữ liệu hằng ngày", "ongoing -"),
        ],
        near_misses: &["Thường trực Chính phủ", "hoàn thành trước ngày 10/12/2025, thường xuyên báo cáo"],
    },
    Rule {
        id: "deadline/recurrence",
        doc: "A recurrence word beside a dated deadline adds `recurrence` to it (\"trước ngày 20/11/2025 và hàng tháng\").",
        examples: &[("báo cáo Thủ tướng Chính phủ trước ngày 20/11/2025 và hàng tháng", "before 2025-11-20 every monthly")],
        near_misses: &[],
    },
    Rule {
        id: "deadline/year-inferred",
        doc: "Year left out: the notice date's year, or the next one when that is more than 60 days before the notice date (against the period's last day).",
        examples: &[
            ("hoàn thành hồ sơ trước 15/9", "before 2026-09-15"),
            ("trước ngày 10/10", "before 2025-10-10"),
            ("@2025-11-15 hoàn thành trong tháng 12", "within 2025-12-31 from 2025-12-01"),
            ("@2025-12-20 P:tháng 1", "within 2026-01-31 from 2026-01-01"),
        ],
        near_misses: &["@none trước 15/9", "trước ngày 10/12/2025"],
    },
    Rule {
        id: "deadline/impossible-date",
        doc: "A date that does not exist (\"31/6/2025\"): due stays null.",
        examples: &[("hoàn thành trước ngày 31/6/2025", "before -"), ("P:30/2/2026", "by -")],
        near_misses: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::super::{find_deadline, parse_phrase};
    use super::RULES;
    use chrono::NaiveDate;

    fn date(s: &str) -> Option<NaiveDate> {
        if s == "-" {
            None
        } else {
            Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad date {s} in table: {e}")))
        }
    }

    /// Splits an example into (reference, phrase mode, text).
    fn setup(input: &str) -> (Option<NaiveDate>, bool, &str) {
        let mut rest = input;
        let mut reference = NaiveDate::from_ymd_opt(2025, 11, 19);
        if let Some(r) = rest.strip_prefix('@') {
            let (d, tail) = r.split_once(' ').unwrap_or((r, ""));
            reference = if d == "none" { None } else { date(d) };
            rest = tail;
        }
        match rest.strip_prefix("P:") {
            Some(t) => (reference, true, t),
            None => (reference, false, rest),
        }
    }

    fn run(input: &str) -> Option<super::super::DeadlineHit> {
        let (reference, phrase, text) = setup(input);
        if phrase {
            parse_phrase(text, reference)
        } else {
            find_deadline(text, reference)
        }
    }

    #[test]
    fn table() {
        let known: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let mut errors = Vec::new();
        for rule in RULES {
            assert!(rule.id.starts_with("deadline/"), "{}", rule.id);
            for (input, want) in rule.examples {
                let hit = run(input);
                let Some(hit) = hit else {
                    errors.push(format!("{}: {input:?}: no deadline, want {want}", rule.id));
                    continue;
                };
                let mut w = want.split(' ');
                let kind = w.next().unwrap_or("");
                let due = date(w.next().unwrap_or("-"));
                let mut start = None;
                let mut rec = None;
                let mut unknown = false;
                while let Some(t) = w.next() {
                    match t {
                        "from" => start = date(w.next().unwrap_or("-")),
                        "every" => rec = w.next(),
                        "unknown" => unknown = true,
                        _ => panic!("bad expectation {want}"),
                    }
                }
                let d = &hit.deadline;
                let ok = d.kind.as_str() == kind
                    && d.due == due
                    && (start.is_none() || d.start == start)
                    && rec.is_none_or(|r| d.recurrence.map(|x| x.as_str()) == Some(r))
                    && hit.year_unknown == unknown
                    && hit.rules.contains(&rule.id);
                if !ok {
                    errors.push(format!("{}: {input:?}: got {} {:?} {:?} {:?} {:?} unknown={}, want {want}", rule.id, d.kind.as_str(), d.due, d.start, d.recurrence, hit.rules, hit.year_unknown));
                }
                for r in &hit.rules {
                    if !known.contains(r) {
                        errors.push(format!("{input:?}: rule {r} is not in the table"));
                    }
                }
                // The range cuts the text of the deadline out of the input.
                let (_, _, text) = setup(input);
                if text.get(hit.range.0..hit.range.1) != Some(d.text.as_str()) {
                    errors.push(format!("{input:?}: range {:?} does not give text {:?}", hit.range, d.text));
                }
            }
            for input in rule.near_misses {
                if let Some(hit) = run(input) {
                    if hit.rules.contains(&rule.id) {
                        errors.push(format!("{}: near-miss {input:?} matched: {:?} {:?}", rule.id, hit.deadline, hit.rules));
                    }
                }
            }
        }
        assert!(errors.is_empty(), "{} failures:\n{}", errors.len(), errors.join("\n"));
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len());
    }
}

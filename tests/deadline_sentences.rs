//! Whole sentences (written for these tests, not taken from the corpus)
//! with the deadline `find_deadline` must give them, including near-misses
//! that must give none or another date (SPEC.md §3).

use chidao::extract::deadline::find_deadline;
use chrono::NaiveDate;

/// (notice date, clause, expected "kind due" or "none", expected text).
const CASES: &[(&str, &str, &str, &str)] = &[
    // before
    ("2025-11-19", "Bộ Công Thương chủ trì, hoàn thiện dự thảo Nghị định, trình Chính phủ trước ngày 15/12/2025", "before 2025-12-15", "trước ngày 15/12/2025"),
    ("2025-03-02", "Ủy ban nhân dân tỉnh Lào Cai gửi báo cáo về Văn phòng Chính phủ trước ngày 20 tháng 3 năm 2025", "before 2025-03-20", "trước ngày 20 tháng 3 năm 2025"),
    ("2025-08-10", "TRƯỚC NGÀY 30/9, CÁC BỘ HOÀN THÀNH RÀ SOÁT THỦ TỤC", "before 2025-09-30", "TRƯỚC NGÀY 30/9"),
    ("2025-11-19", "Bộ Tài chính tổng hợp nhu cầu vốn, hoàn thành trước tháng 1/2026", "before 2026-01-01", "trước tháng 1/2026"),
    ("2025-12-01", "Sở Y tế hoàn tất việc cấp phép trước 10/1", "before 2026-01-10", "trước 10/1"),
    // by
    ("2025-06-02", "Các đơn vị gửi số liệu về Tổng cục Thống kê chậm nhất ngày 25/6/2025", "by 2025-06-25", "chậm nhất ngày 25/6/2025"),
    ("2025-06-02", "Bộ Xây dựng hoàn thành chậm nhất là vào ngày 30 tháng 6 năm 2025", "by 2025-06-30", "chậm nhất là vào ngày 30 tháng 6 năm 2025"),
    ("2025-10-06", "Tập đoàn Điện lực Việt Nam báo cáo kết quả trong ngày 10/10/2025", "by 2025-10-10", "trong ngày 10/10/2025"),
    ("2025-04-14", "Thành phố Hải Phòng hoàn thành việc bàn giao mặt bằng đến hết ngày 30/4/2025", "by 2025-04-30", "đến hết ngày 30/4/2025"),
    ("2025-09-01", "Bộ Ngoại giao gửi ý kiến bằng văn bản trong vòng 7 ngày kể từ ngày ký", "by 2025-09-08", "trong vòng 7 ngày kể từ ngày ký"),
    ("2025-09-05", "các địa phương cho ý kiến trong 10 ngày làm việc", "by 2025-09-19", "trong 10 ngày làm việc"),
    ("2025-11-19", "Bộ Quốc phòng hoàn thành việc di dời trước cuối năm 2025", "before 2025-12-31", "trước cuối năm 2025"),
    ("2025-11-19", "Ngân hàng Nhà nước duy trì gói tín dụng đến hết năm 2026", "by 2026-12-31", "đến hết năm 2026"),
    ("2025-07-20", "Bộ Giáo dục và Đào tạo ban hành hướng dẫn tuyển sinh cuối tháng 8", "by 2025-08-31", "cuối tháng 8"),
    // within
    ("2025-10-01", "Bộ Nội vụ trình Chính phủ Nghị định về vị trí việc làm trong tháng 10/2025", "within 2025-10-31", "trong tháng 10/2025"),
    ("2025-11-19", "Bộ Văn hóa, Thể thao và Du lịch hoàn thành số hóa di sản trong quý I/2026", "within 2026-03-31", "trong quý I/2026"),
    ("2025-11-19", "Thanh tra Chính phủ hoàn thành các cuộc thanh tra trong quý 2 năm 2026", "within 2026-06-30", "trong quý 2 năm 2026"),
    ("2025-02-10", "Các tỉnh miền núi phải hoàn thành xóa nhà tạm trong năm 2025", "within 2025-12-31", "trong năm 2025"),
    ("2025-06-30", "Bộ Công an tập trung triển khai trong 6 tháng cuối năm 2025", "within 2025-12-31", "trong 6 tháng cuối năm 2025"),
    ("2025-11-19", "Ủy ban nhân dân Thành phố Hồ Chí Minh báo cáo Thủ tướng trong tuần này", "within 2025-11-23", "trong tuần này"),
    ("2025-11-19", "Bộ Y tế trình Đề án trong tháng mười hai", "within 2025-12-31", "trong tháng mười hai"),
    ("2025-11-19", "các tỉnh hoàn thành hạ tầng trong tháng 12/2025 và vận hành chính thức trong năm 2026", "within 2025-12-31", "trong tháng 12/2025"),
    ("2025-09-10", "Bộ Khoa học và Công nghệ phối hợp thực hiện từ ngày 15/9 đến ngày 30/9/2025", "within 2025-09-30", "từ ngày 15/9 đến ngày 30/9/2025"),
    // immediate, event, recurring, ongoing
    ("2025-11-19", "Ủy ban nhân dân tỉnh Quảng Ngãi khắc phục ngay hậu quả mưa lũ", "immediate -", "ngay"),
    ("2025-11-19", "Bộ Tư pháp ban hành Thông tư hướng dẫn cùng thời điểm Luật có hiệu lực thi hành", "event -", "cùng thời điểm Luật có hiệu lực thi hành"),
    ("2025-09-01", "Chính phủ trình Quốc hội xem xét, thông qua dự án Luật tại Kỳ họp thứ 10", "event -", "tại Kỳ họp thứ 10"),
    ("2025-09-01", "Bộ Tài chính sửa đổi quy chế trong vòng 60 ngày kể từ khi Nghị định có hiệu lực", "event -", "trong vòng 60 ngày kể từ khi Nghị định có hiệu lực"),
    ("2025-11-19", "Các bộ báo cáo tiến độ định kỳ hằng quý", "recurring -", "định kỳ hằng quý"),
    ("2025-11-19", "Bộ Công an báo cáo Thủ tướng trước ngày 5/12/2025 và hằng tháng", "before 2025-12-05", "trước ngày 5/12/2025 và hằng tháng"),
    ("2025-11-19", "Cục An toàn thông tin thường xuyên giám sát, cảnh báo sớm", "ongoing -", "thường xuyên"),
    ("2025-07-16", "Bộ Nội vụ báo cáo kết quả tại Hội nghị lần thứ hai của Ban Chỉ đạo (ngày 25 tháng 7 năm 2025)", "by 2025-07-25", "ngày 25 tháng 7 năm 2025"),
    // near-misses: none
    ("2025-11-19", "Bộ Nông nghiệp và Môi trường thực hiện nghiêm Nghị định số 15/2025/NĐ-CP ngày 03/02/2025 của Chính phủ", "none", ""),
    ("2025-11-19", "theo Quyết định số 1131/QĐ-TTg ngày 12 tháng 6 năm 2025 của Thủ tướng Chính phủ", "none", ""),
    ("2025-11-19", "căn cứ Kết luận số 45-KL/TW ngày 10/10/2025 của Bộ Chính trị, các bộ kịp thời triển khai", "none", ""),
    ("2025-11-19", "triển khai Chiến lược phát triển năng lượng giai đoạn 2026 - 2030", "none", ""),
    ("2025-11-19", "Tại buổi làm việc ngày 12/11, lãnh đạo tỉnh đã báo cáo tình hình", "none", ""),
    ("2025-11-19", "Trong 10 tháng năm 2025, thu ngân sách đạt 95% dự toán", "none", ""),
    ("2025-11-19", "đến nay đã hoàn thành 512/760 chỉ tiêu, đạt 67%", "none", ""),
    ("2025-11-19", "Tổng đài 1022 hoạt động 24/7 phục vụ người dân", "none", ""),
    ("2025-11-19", "Các bộ, ngành sớm hoàn thành các nhiệm vụ theo đúng tiến độ đề ra", "none", ""),
    ("2025-11-19", "cần tiếp tục quan tâm trong thời gian tới", "none", ""),
    ("2025-11-19", "Thực hiện Kế hoạch phát triển kinh tế - xã hội năm 2026 của tỉnh", "none", ""),
    ("2025-11-19", "Tại phiên họp, Phó Thủ tướng yêu cầu các bộ tập trung rà soát", "none", ""),
    ("2025-11-19", "Ngày 18/11/2025, Bộ trưởng Bộ Y tế đã chủ trì hội nghị trực tuyến", "none", ""),
    // near-misses: the other date
    ("2025-11-19", "thực hiện Công văn số 321/BXD-KHCN ngày 05/11/2025, hoàn thành trước ngày 31/12/2025", "before 2025-12-31", "trước ngày 31/12/2025"),
    ("2025-11-19", "triển khai Nghị quyết 66 ngày 30/4/2025 của Bộ Chính trị, trình Chính phủ trong tháng 12/2025", "within 2025-12-31", "trong tháng 12/2025"),
    ("2025-11-19", "xây dựng Kế hoạch giai đoạn 2026 - 2030, hoàn thành trong quý I năm 2026", "within 2026-03-31", "trong quý I năm 2026"),
    // no notice date
    ("", "hoàn thành trước ngày 15/9", "before -", "trước ngày 15/9"),
    ("2025-11-19", "Bộ Tài chính đã hoàn thành trong năm 2024 việc sắp xếp", "none", ""),
];

#[test]
fn sentences() {
    let mut errors = Vec::new();
    for (reference, clause, want, text) in CASES {
        let reference = NaiveDate::parse_from_str(reference, "%Y-%m-%d").ok();
        let hit = find_deadline(clause, reference);
        match (hit, *want) {
            (None, "none") => {}
            (Some(h), "none") => errors.push(format!("{clause:?}: want none, got {:?}", h.deadline)),
            (None, _) => errors.push(format!("{clause:?}: want {want}, got none")),
            (Some(h), _) => {
                let mut w = want.split(' ');
                let kind = w.next().unwrap_or("");
                let due = w.next().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                let d = &h.deadline;
                if d.kind.as_str() != kind || d.due != due || d.text != *text || clause.get(h.range.0..h.range.1) != Some(*text) {
                    errors.push(format!("{clause:?}: want {want} {text:?}, got {} {:?} {:?} {:?}", d.kind.as_str(), d.due, d.text, h.rules));
                }
                if reference.is_none() && due.is_none() && kind == "before" && !h.year_unknown {
                    errors.push(format!("{clause:?}: year_unknown not set"));
                }
            }
        }
    }
    assert!(CASES.len() >= 40);
    assert!(errors.is_empty(), "{} of {} failed:\n{}", errors.len(), CASES.len(), errors.join("\n"));
}

#[test]
fn spans_that_are_conditions_or_look_backs_are_no_limits() {
    use chidao::extract::deadline::find_deadline;
    let r = chrono::NaiveDate::from_ymd_opt(2025, 11, 20);
    for s in [
        "tổ chức truyền thông khẩn cấp khi chỉ số ô nhiễm vượt ngưỡng trong 03 ngày liên tiếp",
        "rà soát các vụ việc phát sinh trong 2 tháng qua",
    ] {
        assert!(find_deadline(s, r).is_none(), "{s}");
    }
    let d = find_deadline("báo cáo kết quả trong 15 ngày làm việc", r).expect("a limit");
    assert_eq!(d.deadline.due, chrono::NaiveDate::from_ymd_opt(2025, 12, 11));
}

//! Deliverable and action extraction on clauses written for these tests
//! (SPEC.md §4, §2 `action`); none is copied from the corpus.

use chidao::extract::action::find_action;
use chidao::extract::deliverable::find_deliverable;

/// A clause, the deadline text in it (excluded as the caller would), the
/// expected deliverable (text, type) and the expected action.
struct Case {
    clause: &'static str,
    deadline: Option<&'static str>,
    deliverable: Option<(&'static str, &'static str)>,
    action: Option<&'static str>,
}

const fn c(
    clause: &'static str,
    deadline: Option<&'static str>,
    deliverable: Option<(&'static str, &'static str)>,
    action: Option<&'static str>,
) -> Case {
    Case { clause, deadline, deliverable, action }
}

const CASES: &[Case] = &[
    // Documents named after a product verb.
    c("Bộ Tư pháp chủ trì xây dựng Nghị định quy định chi tiết một số điều của Luật Trợ giúp pháp lý, hoàn thành trong tháng 10/2025",
      Some("hoàn thành trong tháng 10/2025"),
      Some(("Nghị định quy định chi tiết một số điều của Luật Trợ giúp pháp lý", "nghị định")), Some("xây dựng")),
    c("Bộ Nội vụ trình Chính phủ ban hành Nghị quyết về chế độ phụ cấp cho cán bộ cấp xã trước ngày 15/11/2025",
      Some("trước ngày 15/11/2025"),
      Some(("Nghị quyết về chế độ phụ cấp cho cán bộ cấp xã", "nghị quyết")), Some("trình")),
    c("Ủy ban nhân dân tỉnh Lâm Đồng ban hành Kế hoạch phát triển du lịch xanh giai đoạn 2026 - 2030 để thu hút khách quốc tế",
      None, Some(("Kế hoạch phát triển du lịch xanh giai đoạn 2026 - 2030", "kế hoạch")), Some("ban hành")),
    c("khẩn trương hoàn thiện Đề án sắp xếp mạng lưới cơ sở giáo dục nghề nghiệp, báo cáo Thủ tướng Chính phủ trong quý I năm 2026",
      Some("trong quý I năm 2026"),
      Some(("Đề án sắp xếp mạng lưới cơ sở giáo dục nghề nghiệp", "đề án")), Some("hoàn thiện")),
    c("Bộ Tài chính nghiên cứu, xây dựng Thông tư hướng dẫn quản lý kinh phí chuyển đổi số theo quy định của Luật Ngân sách nhà nước",
      None, Some(("Thông tư hướng dẫn quản lý kinh phí chuyển đổi số", "thông tư")), Some("xây dựng")),
    c("tham mưu Thủ tướng Chính phủ ban hành Chỉ thị về tăng cường bảo đảm trật tự an toàn giao thông dịp cuối năm",
      None, Some(("Chỉ thị về tăng cường bảo đảm trật tự an toàn giao thông dịp cuối năm", "chỉ thị")), Some("ban hành")),
    c("sửa đổi, bổ sung Quyết định số 12/2024/QĐ-UBND về phân cấp quản lý cây xanh đô thị",
      None, Some(("Quyết định số 12/2024/QĐ-UBND về phân cấp quản lý cây xanh đô thị", "quyết định")), Some("sửa đổi, bổ sung")),
    c("xây dựng Chiến lược phát triển ngành công nghiệp bán dẫn đến năm 2035, tầm nhìn đến năm 2045",
      None, Some(("Chiến lược phát triển ngành công nghiệp bán dẫn đến năm 2035, tầm nhìn đến năm 2045", "chiến lược")), Some("xây dựng")),
    c("Bộ Quốc phòng hoàn thành hồ sơ dự án Luật Phòng thủ dân sự, gửi Bộ Tư pháp thẩm định",
      None, Some(("hồ sơ dự án Luật Phòng thủ dân sự", "hồ sơ")), Some("hoàn thành")),
    c("chuẩn bị Tờ trình và dự thảo Nghị quyết của Hội đồng nhân dân tỉnh về giá dịch vụ khám bệnh",
      None, Some(("Tờ trình và dự thảo Nghị quyết của Hội đồng nhân dân tỉnh về giá dịch vụ khám bệnh", "tờ trình")), Some("chuẩn bị")),
    c("hoàn thành việc xây dựng Luật Dữ liệu cá nhân sửa đổi trình Quốc hội tại kỳ họp cuối năm",
      None, Some(("Luật Dữ liệu cá nhân sửa đổi", "luật")), Some("hoàn thành")),
    c("ban hành văn bản hướng dẫn thực hiện chế độ báo cáo thống kê ngành xây dựng trong tháng 9/2025",
      Some("trong tháng 9/2025"),
      Some(("văn bản hướng dẫn thực hiện chế độ báo cáo thống kê ngành xây dựng", "văn bản hướng dẫn")), Some("ban hành")),
    c("gửi báo cáo sơ kết 6 tháng về Bộ Khoa học và Công nghệ trước ngày 5/7",
      Some("trước ngày 5/7"), Some(("báo cáo sơ kết 6 tháng", "báo cáo")), Some("gửi")),
    // Quoted titles.
    c("Bộ Văn hóa, Thể thao và Du lịch trình Thủ tướng Chính phủ “Chương trình bảo tồn di sản văn hóa phi vật thể vùng Tây Nguyên” trong tháng 12/2025",
      Some("trong tháng 12/2025"),
      Some(("Chương trình bảo tồn di sản văn hóa phi vật thể vùng Tây Nguyên", "chương trình")), Some("trình")),
    c("phối hợp với các địa phương xây dựng mô hình “Làng du lịch thông minh” tại các tỉnh miền núi",
      None, Some(("mô hình Làng du lịch thông minh", "mô hình")), Some("xây dựng")),
    c("tham mưu ban hành “Kế hoạch ứng phó với mưa lũ, sạt lở đất mùa mưa bão năm 2025”, hoàn thành trước ngày 30/8/2025",
      Some("hoàn thành trước ngày 30/8/2025"),
      Some(("Kế hoạch ứng phó với mưa lũ, sạt lở đất mùa mưa bão năm 2025", "kế hoạch")), Some("ban hành")),
    // Lists of documents: the whole list.
    c("Khẩn trương trình cấp có thẩm quyền phê duyệt: Đề án phát triển cảng biển xanh, Chương trình đào tạo thuyền viên, Kế hoạch chuyển đổi năng lượng ngành hàng hải",
      None,
      Some(("Đề án phát triển cảng biển xanh, Chương trình đào tạo thuyền viên, Kế hoạch chuyển đổi năng lượng ngành hàng hải", "đề án")),
      Some("trình")),
    c("khẩn trương xây dựng và ban hành chiến lược trí tuệ nhân tạo và chiến lược an ninh mạng",
      None, Some(("chiến lược trí tuệ nhân tạo và chiến lược an ninh mạng", "chiến lược")), Some("xây dựng")),
    // Systems, platforms, databases, tools.
    c("Bộ Công an chủ trì, phối hợp với Ngân hàng Nhà nước Việt Nam xây dựng Hệ thống xác thực sinh trắc học dùng chung cho các ngân hàng thương mại",
      None,
      Some(("Hệ thống xác thực sinh trắc học dùng chung cho các ngân hàng thương mại", "hệ thống")), Some("xây dựng")),
    c("nâng cấp Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh, bảo đảm kết nối liên thông với các bộ, ngành",
      None, Some(("Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh", "nền tảng")), Some("nâng cấp")),
    c("hoàn thiện cơ sở dữ liệu quốc gia về giá, đưa vào vận hành chính thức trong năm 2026",
      Some("trong năm 2026"), Some(("cơ sở dữ liệu quốc gia về giá", "cơ sở dữ liệu")), Some("hoàn thiện")),
    c("thiết lập Bộ công cụ đánh giá mức độ trưởng thành số của doanh nghiệp nhỏ và vừa để hỗ trợ chuyển đổi số",
      None,
      Some(("Bộ công cụ đánh giá mức độ trưởng thành số của doanh nghiệp nhỏ và vừa", "bộ công cụ")), Some("thiết lập")),
    c("đưa vào khai thác, sử dụng Trung tâm điều hành thông minh của tỉnh, mở rộng kết nối camera giao thông",
      None, Some(("Trung tâm điều hành thông minh của tỉnh", "trung tâm")), Some("đưa vào khai thác")),
    c("triển khai ứng dụng nhắn tin cảnh báo thiên tai trên thiết bị di động nhằm giảm thiểu thiệt hại",
      None, Some(("ứng dụng nhắn tin cảnh báo thiên tai trên thiết bị di động", "ứng dụng")), Some("triển khai")),
    // Other products.
    c("công bố danh mục dịch vụ sự nghiệp công sử dụng ngân sách nhà nước thuộc lĩnh vực y tế",
      None,
      Some(("danh mục dịch vụ sự nghiệp công sử dụng ngân sách nhà nước thuộc lĩnh vực y tế", "danh mục")), Some("công bố")),
    c("rà soát, sửa đổi 45 văn bản quy phạm pháp luật về đất đai theo hướng phân cấp mạnh cho địa phương",
      None, Some(("45 văn bản quy phạm pháp luật về đất đai", "văn bản quy phạm pháp luật")), Some("rà soát")),
    c("có phương án bố trí trụ sở làm việc cho các xã sau sắp xếp, hoàn thành trước ngày 1/10/2025",
      Some("hoàn thành trước ngày 1/10/2025"),
      Some(("phương án bố trí trụ sở làm việc cho các xã sau sắp xếp", "phương án")), Some("có")),
    c("Tham mưu Chính phủ thành lập Ủy ban quốc gia về chuyển đổi xanh",
      None, Some(("Ủy ban quốc gia về chuyển đổi xanh", "ủy ban")), Some("thành lập")),
    // Measured targets.
    c("số hóa 100% hồ sơ địa chính của các xã biên giới trong năm 2026",
      Some("trong năm 2026"), Some(("số hóa 100% hồ sơ địa chính của các xã biên giới", "mục tiêu")), Some("số hóa")),
    c("Bộ Khoa học và Công nghệ đôn đốc các nhà mạng phủ sóng 4G tại các thôn, bản vùng sâu, phải đạt 98% trong năm 2025",
      Some("trong năm 2025"),
      Some(("phủ sóng 4G tại các thôn, bản vùng sâu, phải đạt 98%", "mục tiêu")), Some("đôn đốc")),
    c("bảo đảm 100% trạm y tế xã kết nối liên thông dữ liệu khám chữa bệnh với bệnh viện tuyến tỉnh",
      None,
      Some(("100% trạm y tế xã kết nối liên thông dữ liệu khám chữa bệnh với bệnh viện tuyến tỉnh", "mục tiêu")), Some("bảo đảm")),
    c("hoàn thành mục tiêu 70% người dân trưởng thành sử dụng chữ ký số cá nhân",
      None, Some(("mục tiêu 70% người dân trưởng thành sử dụng chữ ký số cá nhân", "mục tiêu")), Some("hoàn thành")),
    c("hoàn thành số hóa hồ sơ bệnh án của các bệnh viện tuyến huyện để kết nối với hồ sơ sức khỏe điện tử",
      None, Some(("số hóa hồ sơ bệnh án của các bệnh viện tuyến huyện", "mục tiêu")), Some("hoàn thành")),
    c("100% cơ quan nhà nước cấp tỉnh sử dụng văn bản điện tử có chữ ký số",
      None, Some(("100% cơ quan nhà nước cấp tỉnh sử dụng văn bản điện tử có chữ ký số", "mục tiêu")), None),
    // Table cells that open with the product.
    c("Đề án thành lập trung tâm đổi mới sáng tạo vùng đồng bằng sông Cửu Long",
      None,
      Some(("Đề án thành lập trung tâm đổi mới sáng tạo vùng đồng bằng sông Cửu Long", "đề án")), None),
    c("“Chiến lược phát triển kinh tế số tỉnh Quảng Ninh” sẽ được Sở Khoa học và Công nghệ trình trong tháng 11",
      Some("trong tháng 11"),
      Some(("Chiến lược phát triển kinh tế số tỉnh Quảng Ninh", "chiến lược")), Some("trình")),
    // No product: effort only.
    c("tăng cường kiểm tra, giám sát việc chấp hành pháp luật về an toàn thực phẩm", None, None, Some("tăng cường")),
    c("Thủ trưởng các cơ quan nêu cao tinh thần trách nhiệm trong thực thi công vụ", None, None, None),
    c("tiếp tục triển khai thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương", None, None, Some("triển khai")),
    c("tổ chức thực hiện nghiêm Chỉ thị số 05/CT-TTg của Thủ tướng Chính phủ", None, None, Some("thực hiện")),
    c("báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 20 hằng tháng", Some("trước ngày 20 hằng tháng"), None, Some("báo cáo")),
    c("hướng dẫn các địa phương thực hiện thu hồi đất theo quy định tại Luật Đất đai năm 2024", None, None, Some("hướng dẫn")),
    c("phối hợp với Bộ Công Thương tháo gỡ khó khăn cho doanh nghiệp xuất khẩu nông sản", None, None, Some("tháo gỡ")),
    c("chủ động nắm tình hình, kịp thời đề xuất các giải pháp xử lý vướng mắc phát sinh", None, None, Some("đề xuất")),
    c("theo dõi, đôn đốc các sở, ngành thực hiện nhiệm vụ được giao tại Kế hoạch số 120/KH-UBND", None, None, Some("theo dõi")),
    c("hoàn thiện thể chế về phát triển kinh tế tư nhân theo hướng thông thoáng", None, None, Some("hoàn thiện")),
    c("phối hợp với các bộ để xây dựng Kế hoạch phòng chống dịch bệnh gia súc", None,
      Some(("Kế hoạch phòng chống dịch bệnh gia súc", "kế hoạch")), Some("xây dựng")),
    c("đẩy mạnh thanh toán không dùng tiền mặt nhằm xây dựng hệ thống thanh toán hiện đại", None, None, Some("đẩy mạnh")),
];

#[test]
fn clauses() {
    assert!(CASES.len() >= 40);
    let mut failures = Vec::new();
    for case in CASES {
        let exclude: Vec<(usize, usize)> = case
            .deadline
            .and_then(|d| case.clause.find(d).map(|s| (s, s + d.len())))
            .into_iter()
            .collect();
        assert!(case.deadline.is_none() || !exclude.is_empty(), "deadline not in clause: {}", case.clause);
        let got = find_deliverable(case.clause, &exclude);
        let got_pair = got.as_ref().map(|h| (h.deliverable.text.as_str(), h.deliverable.kind.as_str()));
        if got_pair != case.deliverable {
            failures.push(format!("deliverable of {:?}\n   want {:?}\n   got  {:?}", case.clause, case.deliverable, got));
        }
        if let Some(h) = &got {
            assert!(case.clause.get(h.range.0..h.range.1).is_some(), "range off char boundary");
            assert!(exclude.iter().all(|&(a, b)| h.range.1 <= a || h.range.0 >= b), "deliverable overlaps the deadline");
        }
        let act = find_action(case.clause, 0);
        if act.as_ref().map(|a| a.action.as_str()) != case.action {
            failures.push(format!("action of {:?}\n   want {:?}\n   got  {:?}", case.clause, case.action, act));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn never_panics_on_cut_clauses() {
    for case in CASES {
        let s = case.clause;
        for (i, _) in s.char_indices().step_by(7) {
            let _ = find_deliverable(&s[i..], &[]);
            let _ = find_deliverable(&s[..i], &[(0, i / 2)]);
            let _ = find_action(&s[i..], i);
            let _ = find_action(s, i);
        }
    }
}

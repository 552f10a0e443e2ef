//! Roles in clauses written for these tests (not taken from the corpus):
//! lead and support sets, with near-misses — objects of the work, places
//! that are not doers, owners of documents, parentheses (SPEC.md §1–2).

use chidao::extract::agency::{assign_roles, find_agencies, parse_agency_list};
use std::collections::BTreeSet;

const KHCN: &str = "Bộ Khoa học và Công nghệ";
const NNMT: &str = "Bộ Nông nghiệp và Môi trường";
const BN: &str = "các bộ, ngành";
const DP: &str = "các địa phương";
const LQ: &str = "cơ quan, đơn vị liên quan";

/// (clause, lead, support)
const CASES: &[(&str, &[&str], &[&str])] = &[
    // Subjects, abbreviations, old names.
    ("Bộ GD&ĐT ban hành Thông tư hướng dẫn tuyển sinh trước ngày 30/6/2026", &["Bộ Giáo dục và Đào tạo"], &[]),
    ("Bộ NN&MT khẩn trương hoàn thiện bản đồ cảnh báo sạt lở", &[NNMT], &[]),
    ("Bộ VH,TT&DL chủ trì tổ chức Tuần lễ Văn hóa", &["Bộ Văn hóa, Thể thao và Du lịch"], &[]),
    ("Bộ TT&TT hoàn thành Nền tảng định danh trong quý IV", &["Bộ Thông tin và Truyền thông"], &[]),
    ("NHNN chỉ đạo các tổ chức tín dụng cơ cấu lại nợ", &["Ngân hàng Nhà nước Việt Nam"], &[]),
    ("VPCP theo dõi, đôn đốc việc thực hiện", &["Văn phòng Chính phủ"], &[]),
    ("Đảng ủy Bộ Tài chính lãnh đạo xây dựng Đề án thuế", &["Bộ Tài chính"], &[]),
    ("Bộ trưởng Bộ Xây dựng chỉ đạo kiểm tra an toàn công trình", &["Bộ Xây dựng"], &[]),
    ("Bộ trưởng các Bộ: Quốc phòng, Công an bố trí lực lượng hỗ trợ", &["Bộ Quốc phòng", "Bộ Công an"], &[]),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội bảo đảm thông tin liên lạc", &["Viettel"], &[]),
    ("Sở Tài chính tham mưu bố trí kinh phí", &["Sở Tài chính"], &[]),
    ("Công an tỉnh tăng cường tuần tra trên các tuyến đường", &["Công an tỉnh"], &[]),
    // Provinces: old names keep theirs, city forms.
    ("UBND tỉnh Hà Giang rà soát các điểm có nguy cơ sạt lở", &["Ủy ban nhân dân tỉnh Hà Giang"], &[]),
    ("TP.HCM hoàn thành giải phóng mặt bằng Vành đai 3", &["Ủy ban nhân dân Thành phố Hồ Chí Minh"], &[]),
    ("Thành phố Hà Nội xây dựng phương án cấp nước", &["Ủy ban nhân dân thành phố Hà Nội"], &[]),
    ("Bí thư Tỉnh ủy Quảng Ninh trực tiếp chỉ đạo khắc phục hậu quả", &["Ủy ban nhân dân tỉnh Quảng Ninh"], &[]),
    ("Chủ tịch Ủy ban nhân dân tỉnh Nghệ An chịu trách nhiệm trước Thủ tướng", &["Ủy ban nhân dân tỉnh Nghệ An"], &[]),
    // Shared heads and lists.
    ("Các bộ: Tư pháp, Văn hóa, Thể thao và Du lịch, Y tế hoàn thành rà soát văn bản", &["Bộ Tư pháp", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Y tế"], &[]),
    ("Các bộ, cơ quan: Ngoại giao, Ngân hàng Nhà nước Việt Nam, Thanh tra Chính phủ báo cáo kết quả", &["Bộ Ngoại giao", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ"], &[]),
    ("Ủy ban nhân dân các tỉnh, thành phố: Lai Châu, Điện Biên, Hải Phòng cập nhật kế hoạch", &["Ủy ban nhân dân tỉnh Lai Châu", "Ủy ban nhân dân tỉnh Điện Biên", "Ủy ban nhân dân thành phố Hải Phòng"], &[]),
    ("Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Ngãi, Gia Lai, Đắk Lắk: triển khai ngay phương án sơ tán dân", &["Ủy ban nhân dân tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Gia Lai", "Ủy ban nhân dân tỉnh Đắk Lắk"], &[]),
    ("Bộ Y tế, Bộ Công an, Ủy ban nhân dân tỉnh Sơn La kiểm tra cơ sở sản xuất", &["Bộ Y tế", "Bộ Công an", "Ủy ban nhân dân tỉnh Sơn La"], &[]),
    ("UBND các tỉnh Bình Định, Phú Yên chủ động ứng phó bão", &["Ủy ban nhân dân tỉnh Bình Định", "Ủy ban nhân dân tỉnh Phú Yên"], &[]),
    // Groups.
    ("Các bộ, ngành, địa phương rà soát thủ tục hành chính", &[BN, DP], &[]),
    ("Các bộ, cơ quan, địa phương tổ chức thực hiện nghiêm", &[BN, DP], &[]),
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ chỉ đạo quyết liệt", &[BN], &[]),
    ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo các lực lượng", &[DP], &[]),
    ("UBND cấp xã lập danh sách hộ bị ảnh hưởng", &["ủy ban nhân dân cấp xã"], &[]),
    ("Các sở, ban, ngành, đoàn thể tuyên truyền đến người dân", &["các sở, ban, ngành"], &[]),
    ("Các cơ quan, đơn vị có liên quan triển khai ngay", &[LQ], &[]),
    // Addressees and chairs.
    ("Thủ tướng Chính phủ yêu cầu Bộ Tư pháp thẩm định dự thảo Luật", &["Bộ Tư pháp"], &[]),
    ("Phó Thủ tướng Hồ Đức Phớc giao Bộ Tài chính chủ trì, phối hợp với Ngân hàng Nhà nước Việt Nam đề xuất giải pháp", &["Bộ Tài chính"], &["Ngân hàng Nhà nước Việt Nam"]),
    ("Ban Chỉ đạo quốc gia về chuyển đổi số đề nghị các bộ, ngành hoàn thành kết nối dữ liệu", &[BN], &[]),
    ("Thủ tướng đề nghị Phó Thủ tướng Trần Hồng Hà chỉ đạo xử lý dứt điểm", &["Phó Thủ tướng Trần Hồng Hà"], &[]),
    ("Đối với Bộ Xây dựng, Thủ tướng yêu cầu khẩn trương hoàn thành cao tốc", &["Bộ Xây dựng"], &[]),
    ("Thủ tướng yêu cầu quyết liệt triển khai các giải pháp tăng trưởng", &[], &[]),
    ("Để bảo đảm tiến độ, giao Bộ Nội vụ trình Chính phủ Nghị định về vị trí việc làm", &["Bộ Nội vụ"], &[]),
    ("Bộ Dân tộc và Tôn giáo được giao xây dựng Chương trình mục tiêu quốc gia", &["Bộ Dân tộc và Tôn giáo"], &[]),
    // Support.
    ("Bộ Công Thương chủ trì, phối hợp với Bộ Tài chính, EVN xây dựng cơ chế giá điện", &["Bộ Công Thương"], &["Bộ Tài chính", "Tập đoàn Điện lực Việt Nam"]),
    ("Bộ Quốc phòng phối hợp chặt chẽ với Ủy ban nhân dân các địa phương tổ chức cứu hộ", &["Bộ Quốc phòng"], &[DP]),
    ("chủ trì, phối hợp với các cơ quan liên quan hoàn thiện hồ sơ", &[], &[LQ]),
    ("Bộ Y tế phối hợp Bộ Công an cấp phiếu lý lịch tư pháp điện tử", &["Bộ Y tế"], &["Bộ Công an"]),
    // Near-misses: objects, places, owners, parentheses, report targets.
    ("Bộ Công an hướng dẫn các bộ, ngành, địa phương kết nối dữ liệu dân cư", &["Bộ Công an"], &[]),
    ("Bộ Khoa học và Công nghệ đôn đốc các doanh nghiệp viễn thông mở rộng vùng phủ sóng", &[KHCN], &[]),
    ("Bộ Nông nghiệp và Môi trường theo dõi chặt chẽ diễn biến lũ trên các sông ở Khánh Hòa, Lâm Đồng", &[NNMT], &[]),
    ("Bộ Tài chính triển khai Nghị định số 180/2025/NĐ-CP của Chính phủ", &["Bộ Tài chính"], &[]),
    ("Thực hiện Kế hoạch số 02-KH/BCĐTW của Ban Chỉ đạo Trung ương (Bộ Công an đã hoàn thành)", &[], &[]),
    ("Bộ Nội vụ tổng hợp, báo cáo Thủ tướng Chính phủ kết quả trong tháng 12/2025", &["Bộ Nội vụ"], &[]),
    ("Các bộ, ngành phối hợp chặt chẽ giữa các bộ, ngành, địa phương trong triển khai", &[BN], &[]),
    ("Bộ Tư pháp, Bộ Tài chính, Ủy ban nhân dân các địa phương khẩn trương phối hợp hoàn thành dự thảo", &["Bộ Tư pháp", "Bộ Tài chính", DP], &[]),
    ("Khẩn trương trình Chính phủ Nghị định sửa đổi", &[], &[]),
    ("Hà Nội, ngày 10 tháng 12 năm 2025", &[], &[]),
];

fn set(v: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    v.into_iter().collect()
}

#[test]
fn lead_and_support_of_each_sentence() {
    assert!(CASES.len() >= 40);
    let mut bad = Vec::new();
    for (text, lead, support) in CASES {
        let r = assign_roles(text);
        let got_l = set(r.lead.iter().map(|a| a.name.clone()));
        let got_s = set(r.support.iter().map(|a| a.name.clone()));
        let want_l = set(lead.iter().map(|s| s.to_string()));
        let want_s = set(support.iter().map(|s| s.to_string()));
        if got_l != want_l || got_s != want_s {
            bad.push(format!("{text}\n   lead {got_l:?} want {want_l:?}\n   support {got_s:?} want {want_s:?}\n   rules {:?}", r.rules));
        }
    }
    assert!(bad.is_empty(), "{} of {} wrong:\n{}", bad.len(), CASES.len(), bad.join("\n"));
}

#[test]
fn subject_and_chair_flags() {
    assert!(!assign_roles("Khẩn trương trình Chính phủ Nghị định").has_subject);
    assert!(!assign_roles("Đồng thời, tiếp tục đôn đốc các bộ, ngành").has_subject);
    // Agents of a passive are not a chair speaking.
    let r = assign_roles("chủ trì, phối hợp với Bộ Y tế hoàn thành các nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao về y tế số");
    assert!(!r.has_subject, "{:?}", r.rules);
    let r = assign_roles("Thủ tướng yêu cầu tăng cường kiểm tra");
    assert!(r.has_subject && r.lead.is_empty());
    assert_eq!(r.assigned_by.as_deref(), Some("Thủ tướng"));
    let r = assign_roles("Ban chỉ đạo của Chính phủ yêu cầu Bộ KH&CN trình Đề án");
    assert_eq!(r.assigned_by.as_deref(), Some("Ban chỉ đạo của Chính phủ"));
    assert_eq!(&"Ban chỉ đạo của Chính phủ yêu cầu Bộ KH&CN trình Đề án"[r.predicate_start..], "trình Đề án");
    let r = assign_roles("Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp xây dựng Nghị định");
    assert_eq!(&"Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp xây dựng Nghị định"[r.predicate_start..], "xây dựng Nghị định");
    let r = assign_roles("Bộ Nội vụ tổng hợp, báo cáo Thủ tướng Chính phủ");
    assert_eq!(r.report_to.as_deref(), Some("Thủ tướng Chính phủ"));
}

#[test]
fn old_names_carry_their_successor() {
    let r = assign_roles("Bộ Kế hoạch và Đầu tư tổng hợp danh mục dự án");
    assert_eq!(r.lead[0].successor.as_deref(), Some("Bộ Tài chính"));
    let v = parse_agency_list("UBND tỉnh Bà Rịa - Vũng Tàu");
    assert_eq!(v[0].name, "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu");
    assert_eq!(v[0].successor.as_deref(), Some("Ủy ban nhân dân Thành phố Hồ Chí Minh"));
}

#[test]
fn mentions_are_cut_on_char_boundaries_in_any_case() {
    let t = "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK VÀ BỘ Y TẾ";
    let hits = find_agencies(t);
    assert_eq!(hits.len(), 2);
    for h in hits {
        assert_eq!(&t[h.range.0..h.range.1], h.agency.mention);
    }
}

#[test]
fn table_cells() {
    let v = parse_agency_list("Bộ Nông nghiệp và Môi trường, Bộ Tài chính, Đồng Nai, Hà Tĩnh");
    let n: Vec<&str> = v.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(n, [NNMT, "Bộ Tài chính", "Ủy ban nhân dân tỉnh Đồng Nai", "Ủy ban nhân dân tỉnh Hà Tĩnh"]);
    let v = parse_agency_list("Các bộ, ngành, địa phương");
    assert_eq!(v.len(), 2);
}

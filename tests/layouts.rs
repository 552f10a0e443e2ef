//! Whole notices of the layouts users feed the tool, written for these
//! tests (not taken from the corpus): each checks what a clerk would
//! expect of the records.

use chidao::pipeline::{extract_document, Options};
use chidao::record::{DeadlineKind, Record};

fn run(text: &str) -> Vec<Record> {
    extract_document("t.txt", text.as_bytes(), &Options::default()).expect("extract").records
}

fn leads(r: &Record) -> Vec<&str> {
    r.lead.iter().map(|a| a.name.as_str()).collect()
}

fn find<'a>(rs: &'a [Record], needle: &str) -> &'a Record {
    rs.iter().find(|r| r.text.contains(needle)).unwrap_or_else(|| panic!("no record with {needle:?} in {:#?}", rs.iter().map(|r| &r.text).collect::<Vec<_>>()))
}

const TB: &str = " date 2025-10-03
|
VĂN PHÒNG CHÍNH PHỦ
|
Số: 512/TB-VPCP
|
Hà Nội, ngày 3 tháng 10 năm 2025
|
THÔNG BÁO
KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI CUỘC HỌP VỀ CHUYỂN ĐỔI SỐ NGÀNH Y TẾ
Ngày 30 tháng 9 năm 2025, Phó Thủ tướng đã chủ trì cuộc họp với Bộ Y tế, Bộ Tài chính.
I. KẾT QUẢ ĐẠT ĐƯỢC
Bộ Y tế đã hoàn thành kết nối 12.000 cơ sở khám chữa bệnh với hệ thống
500.000 hồ sơ sức khỏe điện tử đã được cập nhật; Bộ Tài chính đã bố trí kinh phí.
II. NHIỆM VỤ TRONG THỜI GIAN TỚI
1. Bộ Y tế chủ trì, phối hợp với Bộ Công an hoàn thiện Cơ sở dữ liệu quốc gia về y tế, hoàn thành trước ngày 15/12/2025.
2. Các bộ, ngành, địa phương tập trung: (1) Sở Y tế các tỉnh rà soát danh mục thiết bị; (2) Bộ Tài chính trình Chính phủ Nghị định về cơ chế tài chính trong quý I năm 2026.
3. Ủy ban nhân dân các tỉnh: Lào Cai, Sơn La khẩn trương ban hành Kế hoạch triển khai bệnh án điện tử trong tháng 11/2025.
Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.
Nơi nhận:
- Bộ Y tế;
- Lưu: VT.
";

#[test]
fn results_sections_give_no_tasks_and_directives_do() {
    let rs = run(TB);
    assert_eq!(rs[0].notice_number.as_deref(), Some("512/TB-VPCP"));
    assert!(rs.iter().all(|r| !r.text.contains("đã hoàn thành kết nối") && !r.text.contains("500.000")), "results are no tasks");
    assert!(rs.iter().all(|r| !r.path.contains("500")), "an amount is no item number");
    let r = find(&rs, "Cơ sở dữ liệu quốc gia về y tế");
    assert_eq!(leads(r), vec!["Bộ Y tế"]);
    assert_eq!(r.support.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), vec!["Bộ Công an"]);
    let d = r.deadline.as_ref().expect("deadline");
    assert_eq!((d.kind, d.due.map(|x| x.to_string())), (DeadlineKind::Before, Some("2025-12-15".into())));
    let r = find(&rs, "Nghị định về cơ chế tài chính");
    assert_eq!(leads(r), vec!["Bộ Tài chính"], "an inline item names its own doer");
    assert!(!r.text.starts_with('('), "the inline marker is not part of the text");
    assert_eq!(r.deadline.as_ref().and_then(|d| d.due).map(|d| d.to_string()).as_deref(), Some("2026-03-31"));
    assert!(rs.iter().all(|r| !r.text.ends_with(':')), "a lead-in is not a task");
    let r = find(&rs, "Kế hoạch triển khai bệnh án điện tử");
    assert_eq!(leads(r), vec!["Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Sơn La"]);
    assert!(rs.iter().all(|r| !r.text.contains("thông báo để")), "the closing formula is no task");
}

const CONG_DIEN: &str = "THỦ TƯỚNG CHÍNH PHỦ
Số: 99/CĐ-TTg
Hà Nội, ngày 12 tháng 8 năm 2025
CÔNG ĐIỆN
Về việc ứng phó với bão số 5
THỦ TƯỚNG CHÍNH PHỦ điện:
- Chủ tịch Ủy ban nhân dân các tỉnh: Thanh Hóa, Nghệ An;
- Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường.
Bão số 5 đang di chuyển nhanh vào đất liền. Thủ tướng Chính phủ yêu cầu:
1. Chủ tịch Ủy ban nhân dân các tỉnh: Thanh Hóa, Nghệ An tổ chức sơ tán người dân khỏi vùng nguy hiểm, hoàn thành trước 17 giờ ngày 13/8/2025.
2. Bộ Quốc phòng chỉ đạo các đơn vị sẵn sàng lực lượng, phương tiện cứu hộ, cứu nạn.
3. Bộ Nông nghiệp và Môi trường theo dõi chặt chẽ diễn biến của bão, thông tin kịp thời cho người dân.
4. Đồng chí Bí thư Tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Thanh Hóa, Nghệ An và lãnh đạo các Bộ, ngành trực tiếp chỉ đạo công tác cứu trợ.
";

#[test]
fn cong_dien_addressees_are_not_tasks() {
    let rs = run(CONG_DIEN);
    assert_eq!(rs[0].notice_number.as_deref(), Some("99/CĐ-TTg"));
    assert_eq!(rs[0].notice_date.map(|d| d.to_string()).as_deref(), Some("2025-08-12"));
    assert!(rs.iter().all(|r| !r.text.starts_with("Chủ tịch Ủy ban nhân dân các tỉnh: Thanh Hóa, Nghệ An;")), "addressee line");
    assert!(rs.iter().all(|r| !r.text.contains("đang di chuyển")), "a statement");
    let r = find(&rs, "sơ tán");
    assert_eq!(leads(r), vec!["Ủy ban nhân dân tỉnh Thanh Hóa", "Ủy ban nhân dân tỉnh Nghệ An"]);
    assert_eq!(r.deadline.as_ref().and_then(|d| d.due).map(|d| d.to_string()).as_deref(), Some("2025-08-13"));
    assert_eq!(leads(find(&rs, "cứu hộ")), vec!["Bộ Quốc phòng"]);
    assert_eq!(leads(find(&rs, "theo dõi chặt chẽ")), vec!["Bộ Nông nghiệp và Môi trường"]);
    // Titles chain before the body they stand for.
    assert_eq!(leads(find(&rs, "cứu trợ")), vec!["Ủy ban nhân dân tỉnh Thanh Hóa", "Ủy ban nhân dân tỉnh Nghệ An", "các bộ, ngành"]);
}

const PLAN: &str = "ỦY BAN NHÂN DÂN TỈNH GIA LAI
Số: 45/KH-UBND
Gia Lai, ngày 5 tháng 11 năm 2025
KẾ HOẠCH
Triển khai chuyển đổi số năm 2026
III. NHIỆM VỤ CỤ THỂ
1. Xây dựng cơ sở dữ liệu đất đai của tỉnh
- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.
- Cơ quan phối hợp: Sở Tài chính; Ủy ban nhân dân cấp xã.
- Thời gian thực hiện: Quý II/2026.
- Sản phẩm: Cơ sở dữ liệu đất đai được đưa vào vận hành.
2. Tổ chức tập huấn kỹ năng số cho cán bộ cấp xã
- Cơ quan chủ trì: Sở Khoa học và Công nghệ.
- Thời gian thực hiện: Năm 2026.
";

#[test]
fn plan_items_take_their_labelled_fields() {
    let rs = run(PLAN);
    let r = find(&rs, "cơ sở dữ liệu đất đai");
    assert_eq!(leads(r), vec!["Sở Nông nghiệp và Môi trường"]);
    assert!(r.support.iter().any(|a| a.name == "Sở Tài chính"), "{:?}", r.support);
    let d = r.deadline.as_ref().expect("deadline from the field");
    assert_eq!((d.kind, d.due.map(|x| x.to_string())), (DeadlineKind::Within, Some("2026-06-30".into())));
    assert!(r.deliverable.is_some());
    let r = find(&rs, "tập huấn");
    assert_eq!(leads(r), vec!["Sở Khoa học và Công nghệ"]);
    assert_eq!(r.deadline.as_ref().and_then(|d| d.due).map(|d| d.to_string()).as_deref(), Some("2026-12-31"));
    assert!(rs.iter().all(|r| !r.text.starts_with("Cơ quan")), "fields are not tasks");
}

const PIPED_TABLE: &str = "PHỤ LỤC
DANH MỤC NHIỆM VỤ
|
STT
|
Nội dung nhiệm vụ
|
Cơ quan chủ trì
|
Cơ quan phối hợp
|
Thời hạn hoàn thành
|
1
|
Xây dựng Đề án phát triển
nguồn nhân lực số
|
Bộ Nội vụ
|
Bộ Giáo dục và Đào tạo
|
Quý III/2026
|
2
|
Ban hành Thông tư hướng dẫn
kết nối dữ liệu
|
Bộ Khoa học và Công nghệ
|
Các bộ, ngành
|
31/12/2026
|
";

#[test]
fn piped_task_table_rows_are_tasks() {
    let rs = run(PIPED_TABLE);
    assert_eq!(rs.len(), 2, "{rs:#?}");
    assert_eq!(leads(&rs[0]), vec!["Bộ Nội vụ"]);
    assert_eq!(rs[0].support[0].name, "Bộ Giáo dục và Đào tạo");
    assert_eq!(rs[0].deadline.as_ref().and_then(|d| d.due).map(|d| d.to_string()).as_deref(), Some("2026-09-30"));
    assert!(rs[0].text.starts_with("Xây dựng Đề án"));
    assert_eq!(leads(&rs[1]), vec!["Bộ Khoa học và Công nghệ"]);
    let d = rs[1].deadline.as_ref().expect("deadline");
    assert_eq!((d.kind, d.due.map(|x| x.to_string())), (DeadlineKind::By, Some("2026-12-31".into())));
    assert_eq!(rs[1].support[0].name, "các bộ, ngành");
}

const LETTER: &str = " date 2025-11-18
|
VĂN PHÒNG CHÍNH PHỦ
|
Số: 11420/VPCP-KGVX
V/v
xử lý kiến nghị của Hiệp hội Du lịch
|
Hà Nội, ngày 18 tháng 11 năm 2025
|
Kính gửi: Bộ Văn hóa, Thể thao và Du lịch.
Xét kiến nghị của Hiệp hội Du lịch Việt Nam tại văn bản số 88/HHDL ngày 2
tháng 11 năm 2025 về thủ tục cấp thị thực điện tử, Phó Thủ
tướng Chính phủ có ý kiến chỉ đạo như sau:
Bộ Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Bộ Công an nghiên
cứu kiến nghị nêu trên, báo cáo Thủ tướng Chính phủ trước ngày 5 tháng 12
năm 2025; đồng thời hướng dẫn các địa phương triển khai các giải pháp kích cầu
du lịch phù hợp với quy định hiện hành.
Văn phòng Chính phủ
thông báo để các cơ quan biết, thực hiện./.
|
Nơi
nhận:
- Như trên;
- Bộ Công an;
- Lưu: VT, KGVX.
";

#[test]
fn official_letter_with_wrapped_lines() {
    let rs = run(LETTER);
    assert_eq!(rs.len(), 2, "{:#?}", rs.iter().map(|r| &r.text).collect::<Vec<_>>());
    let r = &rs[0];
    assert_eq!(r.notice_number.as_deref(), Some("11420/VPCP-KGVX"));
    assert_eq!(leads(r), vec!["Bộ Văn hóa, Thể thao và Du lịch"]);
    assert_eq!(r.support[0].name, "Bộ Công an");
    assert_eq!(r.deadline.as_ref().and_then(|d| d.due).map(|d| d.to_string()).as_deref(), Some("2025-12-05"));
    assert!(r.text.contains("nghiên cứu kiến nghị"), "hard-wrapped lines are joined: {}", r.text);
    assert_eq!(leads(&rs[1]), vec!["Bộ Văn hóa, Thể thao và Du lịch"], "the second clause continues the doer");
    assert!(rs[1].deadline.is_none(), "a deadline does not reach across ';'");
}

#[test]
fn a_heading_gives_its_items_only_the_time_it_opens_with() {
    let t = "Hà Nội, ngày 2 tháng 9 năm 2025\n\
1. Nhiệm vụ trọng tâm 6 tháng cuối năm 2025\n\
a) Bộ Xây dựng trình Đề án nhà ở xã hội.\n\
b) Bộ Y tế ban hành Thông tư về bệnh án điện tử.\n\
2. Trước ngày 30/9/2025\n\
a) Bộ Tài chính trình Nghị định về thuế tối thiểu toàn cầu.\n";
    let rs = run(t);
    assert!(find(&rs, "nhà ở xã hội").deadline.is_none(), "a period in a heading's title is no deadline");
    assert!(find(&rs, "bệnh án điện tử").deadline.is_none());
    let d = find(&rs, "thuế tối thiểu").deadline.as_ref().expect("the heading's time");
    assert_eq!((d.kind, d.due.map(|x| x.to_string())), (DeadlineKind::Before, Some("2025-09-30".into())));
}

#[test]
fn a_line_break_inside_a_phrase_changes_nothing() {
    // Plans are published hard-wrapped at any word: the records of a wrapped
    // item are those of the same item on one line (spans aside).
    let one = "Hà Nội, ngày 2 tháng 9 năm 2025\n\
- Sở Khoa học và Công nghệ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/11 hằng năm.\n\
- Sở Tài chính xây dựng, ban hành Kế hoạch phân bổ kinh phí trước ngày 15/12/2025.\n";
    let wrapped = one.replace("tổng hợp", "tổng\nhợp").replace("xây dựng, ban", "xây\ndựng, ban");
    let strip = |rs: Vec<Record>| -> Vec<String> {
        rs.into_iter()
            .map(|r| format!("{} | {} | {:?} | {:?}", r.text.replace('\n', " "), leads(&r).join(","), r.deadline.map(|d| d.due), r.deliverable.map(|d| d.text)))
            .collect()
    };
    let (a, b) = (strip(run(one)), strip(run(&wrapped)));
    assert_eq!(a.len(), 2, "a verb before the comma keeps one task: {a:#?}");
    assert_eq!(a, b);
}

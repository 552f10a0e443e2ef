//! The role rules of [`super::assign_roles`] with their examples and
//! near-misses (SPEC.md §1–2). Every example is checked by one test.

/// A clause and the lead / support it must give (canonical names, in order).
#[derive(Debug)]
pub struct Example {
    pub text: &'static str,
    pub lead: &'static [&'static str],
    pub support: &'static [&'static str],
}

/// A rule id, what it does, clauses where it fires, clauses where it must not.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub what: &'static str,
    pub examples: &'static [Example],
    pub near_misses: &'static [Example],
}

const fn ex(text: &'static str, lead: &'static [&'static str], support: &'static [&'static str]) -> Example {
    Example { text, lead, support }
}

const KHCN: &str = "Bộ Khoa học và Công nghệ";

/// All rules, by id.
pub const RULES: &[Rule] = &[
    Rule {
        id: "agency/subject",
        what: "the agency list before the main verb is the lead",
        examples: &[
            ex("Bộ Y tế xây dựng kế hoạch tiêm chủng mở rộng", &["Bộ Y tế"], &[]),
            ex("Văn phòng Chính phủ chủ trì tổng hợp báo cáo", &["Văn phòng Chính phủ"], &[]),
            ex("Đồng thời, Bộ Tư pháp rà soát các văn bản", &["Bộ Tư pháp"], &[]),
        ],
        near_misses: &[
            ex("Khẩn trương trình Chính phủ dự thảo Nghị định", &[], &[]),
            ex("Triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị và Kế hoạch của Bộ Y tế", &[], &[]),
        ],
    },
    Rule {
        id: "agency/subject/passive",
        what: "\"X được giao / được yêu cầu ...\": X is the lead",
        examples: &[
            ex("Bộ Công an được giao xây dựng Đề án dữ liệu dân cư", &["Bộ Công an"], &[]),
            ex("Bộ KH&CN cũng được yêu cầu đôn đốc các nhà mạng mở rộng vùng phủ", &[KHCN], &[]),
        ],
        near_misses: &[ex("Bộ Công an xây dựng Đề án dữ liệu dân cư", &["Bộ Công an"], &[])],
    },
    Rule {
        id: "agency/addressee/yeu-cau",
        what: "the addressee of \"yêu cầu\" is the lead; the one who asks is assigned_by",
        examples: &[
            ex("Thủ tướng yêu cầu Bộ Tài chính trình Chính phủ Nghị định", &["Bộ Tài chính"], &[]),
            ex("Yêu cầu các bộ, cơ quan, địa phương rà soát nhiệm vụ", &["các bộ, ngành", "các địa phương"], &[]),
        ],
        near_misses: &[ex("Bộ Tài chính hướng dẫn các bộ, ngành rà soát theo yêu cầu của Thủ tướng", &["Bộ Tài chính"], &[])],
    },
    Rule {
        id: "agency/addressee/giao",
        what: "the addressee of \"giao\" / \"giao cho\" is the lead",
        examples: &[
            ex("Ban Chỉ đạo giao Bộ Nội vụ hoàn thiện Đề án vị trí việc làm", &["Bộ Nội vụ"], &[]),
            ex("giao Bộ KH&CN hoàn thiện 5 dự án Luật", &[KHCN], &[]),
        ],
        near_misses: &[ex("Bộ Nội vụ thực hiện các nhiệm vụ được giao", &["Bộ Nội vụ"], &[])],
    },
    Rule {
        id: "agency/addressee/de-nghi",
        what: "the addressee of \"đề nghị\" is the lead",
        examples: &[ex("Phó Thủ tướng Trần Hồng Hà đề nghị Ủy ban nhân dân tỉnh Lâm Đồng khẩn trương di dời dân", &["Ủy ban nhân dân tỉnh Lâm Đồng"], &[])],
        near_misses: &[],
    },
    Rule {
        id: "agency/addressee/chi-dao",
        what: "the addressee of the chair's \"chỉ đạo\" is the lead",
        examples: &[ex("Thủ tướng chỉ đạo các bộ, cơ quan khẩn trương rà soát quy trình", &["các bộ, ngành"], &[])],
        near_misses: &[ex("Bộ Quốc phòng chỉ đạo các đơn vị quân đội sẵn sàng lực lượng", &["Bộ Quốc phòng"], &[])],
    },
    Rule {
        id: "agency/chair/no-addressee",
        what: "the chair asks with no addressee: no lead, but the clause has a subject",
        examples: &[ex("Thủ tướng yêu cầu tăng cường kiểm tra, giám sát", &[], &[])],
        near_misses: &[],
    },
    Rule {
        id: "agency/parenthesis-doer",
        what: "the chair names no addressee, a parenthesis lists the doers",
        examples: &[ex(
            "Thủ tướng yêu cầu sớm ban hành quy chế dữ liệu (các Bộ: Tư pháp, Công Thương hoàn thành trước ngày 15/12/2025)",
            &["Bộ Tư pháp", "Bộ Công Thương"],
            &[],
        )],
        near_misses: &[ex("Rà soát quy chế dữ liệu (Bộ Tư pháp đã có văn bản hướng dẫn)", &[], &[])],
    },
    Rule {
        id: "agency/with-list",
        what: "\"Với X, [chair] đề nghị ...\": X is the lead",
        examples: &[ex(
            "Với các bộ, ngành liên quan, Phó Thủ tướng đề nghị khẩn trương hoàn thiện hồ sơ",
            &["các bộ, ngành"],
            &[],
        )],
        near_misses: &[],
    },
    Rule {
        id: "agency/support/phoi-hop-voi",
        what: "\"phối hợp (chặt chẽ) với X\": X supports",
        examples: &[
            ex("Bộ Xây dựng chủ trì, phối hợp với Bộ Công an hoàn thiện cơ sở dữ liệu", &["Bộ Xây dựng"], &["Bộ Công an"]),
            ex("chủ trì, phối hợp với các bộ, ngành, Viettel, VNPT hoàn thành hạ tầng", &[], &["các bộ, ngành", "Viettel", "VNPT"]),
        ],
        near_misses: &[
            ex("Các bộ, ngành phối hợp chặt chẽ giữa các bộ, ngành, địa phương trong triển khai", &["các bộ, ngành"], &[]),
            ex("Bộ Tư pháp, Bộ Nội vụ khẩn trương phối hợp hoàn thành dự thảo", &["Bộ Tư pháp", "Bộ Nội vụ"], &[]),
        ],
    },
    Rule {
        id: "agency/support/phoi-hop",
        what: "\"phối hợp X\" without \"với\": X supports",
        examples: &[ex("Bộ Tài chính chủ trì, phối hợp Bộ Nội vụ hướng dẫn thực hiện", &["Bộ Tài chính"], &["Bộ Nội vụ"])],
        near_misses: &[ex("Bộ Công an tiếp tục phối hợp, hướng dẫn các bộ, ngành thực hiện", &["Bộ Công an"], &[])],
    },
    Rule {
        id: "agency/list/shared-head",
        what: "\"Các bộ: Y tế, Tài chính\", \"các tỉnh: Khánh Hòa, Gia Lai\": one head, several agencies",
        examples: &[
            ex("Các bộ: Quốc phòng, Văn hóa, Thể thao và Du lịch triển khai ngay", &["Bộ Quốc phòng", "Bộ Văn hóa, Thể thao và Du lịch"], &[]),
            ex(
                "Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk chỉ đạo sơ tán dân",
                &["Ủy ban nhân dân tỉnh Khánh Hòa", "Ủy ban nhân dân tỉnh Đắk Lắk"],
                &[],
            ),
        ],
        near_misses: &[ex("Lũ trên các sông ở Khánh Hòa, Đắk Lắk lên nhanh", &[], &[])],
    },
    Rule {
        id: "agency/list/bare-name",
        what: "a bare place name inside a list of agencies is that province's committee",
        examples: &[ex(
            "Ủy ban nhân dân tỉnh Cà Mau, An Giang chủ động sơ tán dân",
            &["Ủy ban nhân dân tỉnh Cà Mau", "Ủy ban nhân dân tỉnh An Giang"],
            &[],
        )],
        near_misses: &[ex("Bộ Y tế hỗ trợ người dân ở Cà Mau, An Giang", &["Bộ Y tế"], &[])],
    },
    Rule {
        id: "agency/title",
        what: "a person heading a body stands for it",
        examples: &[ex("Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng giãn nợ", &["Ngân hàng Nhà nước Việt Nam"], &[])],
        near_misses: &[],
    },
    Rule {
        id: "agency/qualifier",
        what: "a department with its province (\"Sở Y tế tỉnh Gia Lai\") is one agency",
        examples: &[ex("Sở Y tế tỉnh Gia Lai kiểm tra các cơ sở khám chữa bệnh", &["Sở Y tế"], &[])],
        near_misses: &[],
    },
    Rule {
        id: "agency/report-to",
        what: "\"báo cáo X\": X is report_to, not a lead",
        examples: &[ex("Bộ Tài chính báo cáo Thủ tướng Chính phủ trước ngày 15/12/2025", &["Bộ Tài chính"], &[])],
        near_misses: &[],
    },
    Rule {
        id: "agency/no-subject",
        what: "the clause opens with the verb: the caller inherits the lead",
        examples: &[ex("Khẩn trương trình Chính phủ dự thảo Nghị định", &[], &[])],
        near_misses: &[ex("Bộ Y tế khẩn trương trình Chính phủ dự thảo Nghị định", &["Bộ Y tế"], &[])],
    },
];

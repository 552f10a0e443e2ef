//! Extraction (SPEC.md §1–4): walks the outline, splits blocks into
//! clauses, decides which clauses are tasks, and fills each task's fields
//! from the field modules — inheriting the doer and the deadline from
//! enclosing items, lead-in sentences and earlier clauses.

pub mod action;
pub mod agency;
pub mod deadline;
pub mod deliverable;
mod directive;
mod wordset;

use crate::document::Header;
use crate::record::{self, Agency, Deadline, Deliverable, Status};
use crate::segment::{clause, Block, BlockKind, Column, Field, Marker, Outline, TableRow};
use crate::normalize::case::lower_same_len;
use crate::span::Span;
use chrono::NaiveDate;
use crate::fxhash::FxBuild;
use std::collections::HashMap;

/// Maps keyed by block index or deadline: FxHash (see crate::fxhash).
type Map<K, V> = HashMap<K, V, FxBuild>;

/// A task found in the normalised text, before it becomes a record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub path: String,
    /// Byte range of the clause in the normalised text.
    pub range: Span,
    pub lead: Vec<Agency>,
    pub support: Vec<Agency>,
    pub assigned_by: Option<String>,
    pub report_to: Option<String>,
    pub action: Option<String>,
    pub deliverable: Option<Deliverable>,
    pub deadline: Option<Deadline>,
    /// A year was left out and no notice date was known.
    pub year_unknown: bool,
    pub source_document: Option<String>,
    pub overdue_units: Vec<Agency>,
    pub status: Option<Status>,
    /// Ids of the rules that fired (SPEC §2 `rules`).
    pub rules: Vec<&'static str>,
}

/// What a block hands down to the blocks under it.
#[derive(Clone, Debug, Default)]
struct Ctx {
    lead: Option<Vec<Agency>>,
    deadline: Option<deadline::DeadlineHit>,
    support: Vec<Agency>,
}

/// Labelled plan fields that belong to one item.
#[derive(Clone, Debug, Default)]
struct Fields {
    lead: Option<Vec<Agency>>,
    support: Option<Vec<Agency>>,
    deadline: Option<deadline::DeadlineHit>,
    deliverable: Option<Deliverable>,
}

/// `char::is_alphanumeric`, without a table search for the letters
/// Vietnamese uses (all of these ranges are letters; a test checks it).
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ɏ' | 'Ạ'..='ỹ' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Text of a range with line breaks folded to spaces, in one allocation of
/// the right size; the breaks are found by memchr (a `\n` is one byte and a
/// char boundary, so the pieces are whole text).
pub fn flat(text: &str, r: Span) -> String {
    let clause = text.get(r.0..r.1).unwrap_or("");
    let mut out = String::with_capacity(clause.len());
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', clause.as_bytes()) {
        out.push_str(clause.get(from..at).unwrap_or(""));
        out.push(' ');
        from = at + 1;
    }
    out.push_str(clause.get(from..).unwrap_or(""));
    out
}

/// One block's text with line breaks as spaces, and its same-length lower
/// case: any range inside the block is a slice of both, so the walk and
/// every field reader share one copy and one lower-casing per block.
struct View<'a> {
    base: usize,
    flat: std::borrow::Cow<'a, str>,
    lower: String,
}

impl<'a> View<'a> {
    fn new(text: &'a str, r: Span) -> View<'a> {
        let body = &text[r.0..r.1];
        // Most blocks are one line: nothing to copy.
        let flat = if body.contains('\n') { std::borrow::Cow::Owned(flat(text, r)) } else { std::borrow::Cow::Borrowed(body) };
        let lower = lower_same_len(&flat);
        View { base: r.0, flat, lower }
    }

    fn local(&self, r: Span) -> std::ops::Range<usize> {
        r.0.saturating_sub(self.base)..r.1.saturating_sub(self.base)
    }

    /// The flat text of a range of the block.
    fn text(&self, r: Span) -> &str {
        self.flat.get(self.local(r)).unwrap_or("")
    }

    /// The lower case of [`View::text`].
    fn lower(&self, r: Span) -> &str {
        self.lower.get(self.local(r)).unwrap_or("")
    }
}

/// Builds the tables and patterns of the field readers (they are built on
/// first use otherwise). A one-notice run calls this on a second thread at
/// start-up, so that they are built while the first document is read,
/// normalised and segmented. Must run after any `--gazetteer` rows are added.
pub fn warm_up() {
    let _ = crate::gazetteer::gazetteer();
    // Clauses that reach every reader's patterns.
    for s in [
        "Giao Bộ Y tế chủ trì, phối hợp với Bộ Tài chính, Ủy ban nhân dân các tỉnh: Lào Cai, Sơn La khẩn trương xây dựng, trình Thủ tướng Chính phủ Đề án chuyển đổi số trước ngày 31/12/2025, báo cáo kết quả hằng tháng",
        "Thủ tướng yêu cầu các bộ, ngành hoàn thành Nghị định trong quý IV năm 2025; Bộ Công an đã triển khai hệ thống",
    ] {
        let lower = lower_same_len(s);
        let _ = directive::rules_out(&lower, || directive::is_report(&lower));
        let _ = directive::has_directive_cue(&lower);
        let _ = directive::starts_new_action(&lower);
        let _ = directive::is_statement(s);
        let _ = directive::is_assessment_heading(s);
        let roles = agency::assign_roles_in(s, &lower);
        let act = action::find_action_in(s, &lower, roles.predicate_start);
        let dl = deadline::find_deadline_in(s, &lower, None);
        let _ = directive::is_task_unless_ruled_out(&directive::Evidence {
            lower: &lower,
            has_lead: true,
            has_action: act.is_some(),
            has_deadline: dl.is_some(),
            sentence_cue: &|| directive::has_directive_cue(&lower),
            is_item: false,
        });
        let _ = deliverable::find_deliverable_in(s, &lower, &[]);
    }
}

/// Extracts the tasks of one normalised document.
pub fn extract(text: &str, header: &Header, outline: &Outline) -> Vec<Draft> {
    let reference = header.notice_date;
    let blocks = &outline.blocks;
    let fields = collect_fields(text, blocks, reference);
    let no_fields = Fields::default();
    // Context is read only by the blocks under a block: kept for parents only
    // (a big plan has tens of thousands of leaf items).
    let mut ctx: Map<usize, Ctx> = Map::default();
    let mut is_parent = vec![false; blocks.len()];
    for b in blocks {
        if let Some(p) = b.parent.and_then(|p| is_parent.get_mut(p)) {
            *p = true;
        }
    }
    let assessment = assessment_sections(text, blocks);
    // In a numbered document, the prose before the first item sets the scene
    // (what happened, what is wrong); it orders only in so many words.
    let numbered = blocks.iter().filter(|b| b.marker.is_some() && b.kind == BlockKind::Text).count() >= 2;
    // The scene ends at the first item, or after the first lead-in ("... chỉ đạo như sau:").
    let first_item = blocks
        .iter()
        .position(|b| b.marker.is_some() && b.kind == BlockKind::Text)
        .unwrap_or(blocks.len())
        .min(blocks.iter().position(|b| b.ends_with_colon && b.kind == BlockKind::Text).map_or(blocks.len(), |k| k + 1));
    let mut drafts: Vec<Draft> = Vec::new();
    // The words of each draft for the restatement check, read from the
    // block's lower case while it is at hand (None: read them later).
    let mut draft_words: Vec<Option<directive::Words>> = Vec::new();
    // The doer a subject-less paragraph continues (press articles).
    let mut running_lead: Vec<Agency> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        match &b.kind {
            BlockKind::Title | BlockKind::Field(_) => continue,
            BlockKind::Row(row) => {
                drafts.push(table_row(text, b, row, reference));
                draft_words.push(None);
                continue;
            }
            BlockKind::Text => {}
        }
        if assessment[i] {
            continue;
        }
        // Borrowed from the parents' context: copied only into what this block keeps.
        let inherited = ancestors(blocks, i).find_map(|a| ctx.get(&a)?.lead.as_ref());
        let heading_deadline = ancestors(blocks, i).find_map(|a| ctx.get(&a)?.deadline.as_ref());
        let inherited_support = ancestors(blocks, i).filter_map(|a| ctx.get(&a)).map(|c| &c.support).find(|s| !s.is_empty());
        let f = fields.get(&i).unwrap_or(&no_fields);
        let base_lead = f.lead.as_ref().or(inherited);
        // Only top-level prose paragraphs (and "Thứ nhất, ..." items) continue the
        // doer of the paragraph before; numbered items inherit from their parents.
        let is_prose = |k: usize| matches!(blocks[k].marker, None | Some(Marker::Ordinal));
        let prose = is_prose(i) && ancestors(blocks, i).all(is_prose);
        let start_lead = base_lead.cloned().unwrap_or_else(|| if prose { running_lead.clone() } else { Vec::new() });
        let view = View::new(text, b.body);
        let body = view.text(b.body);
        // A lead-in or heading: context for the items under it, no task of its own.
        if b.has_children && (b.ends_with_colon || directive::looks_like_heading(body)) {
            let roles = agency::assign_roles_in(body, view.lower(b.body));
            let lead = if roles.has_subject && !roles.lead.is_empty() { Some(roles.lead.clone()) } else { base_lead.cloned() };
            // A lead-in's time binds its items; a heading's only when the heading
            // opens with it ("(1) Trước ngày 31/7/2025"), not when a period is
            // part of its title ("Nhiệm vụ 6 tháng cuối năm 2025").
            let own = deadline::find_deadline_in(body, view.lower(b.body), reference).filter(|h| b.ends_with_colon || body[..h.range.0].trim().is_empty());
            let dl = own.or_else(|| heading_deadline.cloned());
            if let Some(l) = &lead {
                if roles.has_subject {
                    running_lead = l.clone();
                }
            }
            let deadline = f.deadline.clone().or(dl);
            if is_parent[i] {
                ctx.insert(i, Ctx { lead, deadline, support: roles.support.clone() });
            }
            continue;
        }
        let mut block_drafts = Vec::new();
        let mut lead_now = start_lead;
        let mut lead_from_subject = false;
        let is_item = b.marker.is_some();
        for sent in clause::sentences(text, b.body) {
            let sent_text = view.text(sent);
            let sent_lower = view.lower(sent);
            if let Some(d) = directive::follow_up_deadline(sent_text, sent_lower, reference) {
                if let Some(prev) = block_drafts.last_mut().map(|(d, _)| d).or(drafts.last_mut()) {
                    let prev: &mut Draft = prev;
                    if prev.deadline.is_none() {
                        prev.deadline = Some(d.deadline);
                        prev.rules.push("deadline/follow-up-sentence");
                    }
                }
                continue;
            }
            if numbered && i < first_item && b.marker.is_none() && !directive::has_order_word(sent_lower) {
                continue;
            }
            // Asked at most once, and only if a decision needs it.
            let sentence_cue = std::cell::OnceCell::new();
            let sentence_cue = || *sentence_cue.get_or_init(|| directive::has_directive_cue(sent_lower));
            let clauses = clause::clauses(text, sent);
            // The time of an inline lead-in ("...: (1) ...; (2) ...") binds its items.
            let mut leadin_deadline: Option<deadline::DeadlineHit> = None;
            // A sentence that opens by reporting what happened goes on reporting
            // in its subject-less clauses ("Bộ Công an đã triển khai ...; cung cấp ...").
            let mut reporting = false;
            for (ci, &cl) in clauses.iter().enumerate() {
                let cl_text = view.text(cl);
                // The report test of the whole clause, when asked (a part that
                // is the whole clause reuses it).
                let clause_report = (ci == 0).then(|| directive::is_report(view.lower(cl)));
                if let Some(r) = clause_report {
                    reporting = r;
                }
                if cl_text.ends_with(':') && ci + 1 < clauses.len() {
                    let roles = agency::assign_roles_in(cl_text, view.lower(cl));
                    if roles.has_subject {
                        lead_now = roles.lead.clone();
                        lead_from_subject = true;
                    }
                    leadin_deadline = deadline::find_deadline_in(cl_text, view.lower(cl), reference);
                    continue;
                }
                let split = split_commas(text, &view, cl, reference);
                for &part in split.as_deref().unwrap_or(std::slice::from_ref(&cl)) {
                    let part_text = view.text(part);
                    let part_lower = view.lower(part);
                    let mut roles = agency::assign_roles_in(part_text, part_lower);
                    // The doer of this part is `lead_now` from here on (copied
                    // into a task only once the part is one).
                    if roles.has_subject {
                        lead_now = std::mem::take(&mut roles.lead);
                        lead_from_subject = true;
                    }
                    if reporting && !roles.has_subject {
                        continue;
                    }
                    // Asked at most once, only if needed.
                    let report = std::cell::OnceCell::new();
                    if let (true, Some(r)) = (part == cl, clause_report) {
                        let _ = report.set(r);
                    }
                    let is_report = || *report.get_or_init(|| directive::is_report(part_lower));
                    if roles.has_subject {
                        reporting = is_report();
                    }
                    // The deadline and action readers cost the most: not on a clause
                    // that its words alone rule out.
                    if directive::rules_out(part_lower, is_report) {
                        continue;
                    }
                    let act = action::find_action_in(part_text, part_lower, roles.predicate_start);
                    // In prose an order needs an action (see directive::is_task).
                    if !is_item && act.is_none() {
                        continue;
                    }
                    let dl = deadline::find_deadline_in(part_text, part_lower, reference);
                    let is_task = directive::is_task_unless_ruled_out(&directive::Evidence {
                        lower: part_lower,
                        has_lead: !lead_now.is_empty(),
                        has_action: act.is_some(),
                        has_deadline: dl.is_some(),
                        sentence_cue: &sentence_cue,
                        is_item,
                    });
                    if !is_task {
                        continue;
                    }
                    // The deadline and the subject are no deliverable (at most two ranges: no Vec).
                    let dl_range = dl.as_ref().map(|d| d.range);
                    let subject = (roles.predicate_start > 0).then_some((0, roles.predicate_start));
                    let exclude = [dl_range, subject];
                    let exclude = match exclude {
                        [Some(a), Some(b)] => &[a, b][..],
                        [Some(a), None] | [None, Some(a)] => &[a][..],
                        [None, None] => &[][..],
                    };
                    let deliv = deliverable::find_deliverable_in(part_text, part_lower, exclude);
                    let mut rules = std::mem::take(&mut roles.rules);
                    // Room for what follows (inherited lead, action, deliverable, deadline rules).
                    rules.reserve(6);
                    if !roles.has_subject {
                        rules.push("lead/inherited");
                    }
                    if let Some(a) = &act {
                        rules.push(a.rule);
                    }
                    if let Some(x) = &deliv {
                        rules.push(x.rule);
                    }
                    let mut d = Draft {
                        path: String::new(),
                        range: part,
                        lead: lead_now.clone(),
                        support: std::mem::take(&mut roles.support),
                        assigned_by: roles.assigned_by.take(),
                        report_to: roles.report_to.take(),
                        action: act.map(|a| a.action),
                        deliverable: deliv.map(|x| x.deliverable),
                        deadline: None,
                        ..Draft::default()
                    };
                    let heading_deadline = leadin_deadline.as_ref().or(heading_deadline);
                    match (dl.as_ref(), f.deadline.as_ref(), heading_deadline) {
                        (Some(h), _, _) | (None, Some(h), _) | (None, None, Some(h)) => {
                            d.deadline = Some(h.deadline.clone());
                            d.year_unknown = h.year_unknown;
                            rules.extend(h.rules.iter().copied());
                            if dl.is_none() {
                                rules.push("deadline/inherited");
                            }
                        }
                        _ => {}
                    }
                    if let Some(s) = &f.support {
                        d.support = s.clone();
                    } else if d.support.is_empty() {
                        if let Some(s) = inherited_support {
                            if !roles.has_subject {
                                d.support = s.clone();
                            }
                        }
                    }
                    if d.deliverable.is_none() {
                        d.deliverable = f.deliverable.clone();
                    }
                    d.rules = rules;
                    let words = match &d.deliverable {
                        Some(p) => directive::Words::of(&p.text),
                        None => directive::Words::of_lower(part_lower),
                    };
                    block_drafts.push((d, words));
                }
            }
        }
        // Later paragraphs continue the doer of this block's last task, not
        // the subject of a statement.
        if let (Some((last, _)), true) = (block_drafts.last(), prose) {
            running_lead = last.lead.clone();
        }
        if is_parent[i] {
            let lead = if lead_from_subject { Some(lead_now) } else { base_lead.cloned() };
            ctx.entry(i).or_default().lead = lead;
        }
        let n = block_drafts.len();
        for (k, (mut d, words)) in block_drafts.into_iter().enumerate() {
            d.path = if n == 1 && is_item { b.path.clone() } else { format!("{}.{}", b.path, k + 1) };
            drafts.push(d);
            draft_words.push(Some(words));
        }
    }
    dedup(drafts, draft_words, text)
}

/// Blocks inside a section that reports results or problems ("I. KẾT QUẢ
/// ĐẠT ĐƯỢC", "1. Về đánh giá kết quả ...", "II. TỒN TẠI, HẠN CHẾ"): no
/// tasks there (SPEC §1: results and assessments are not tasks).
fn assessment_sections(text: &str, blocks: &[Block]) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        let inherited = b.parent.is_some_and(|p| out[p]);
        let heading = b.has_children || matches!(b.kind, BlockKind::Title);
        if inherited || !heading {
            out[i] = inherited;
            continue;
        }
        let lower = lower_same_len(&flat(text, b.body));
        // Prose "Thứ ..." items don't scope what follows them; numbered items do.
        let numbered = b.marker.is_some_and(|m| m != Marker::Ordinal);
        out[i] = directive::is_assessment_heading_lower(&lower) || (numbered && directive::is_statement_lower(&lower));
    }
    out
}

/// Indices of the enclosing blocks, nearest first.
fn ancestors(blocks: &[Block], i: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(blocks[i].parent, move |&p| blocks[p].parent)
}

/// The labelled fields of each item, read once.
fn collect_fields(text: &str, blocks: &[Block], reference: Option<NaiveDate>) -> Map<usize, Fields> {
    let mut out: Map<usize, Fields> = Map::default();
    for b in blocks {
        let (BlockKind::Field(f), Some(p)) = (&b.kind, b.parent) else { continue };
        let body = flat(text, b.body);
        let body = body.trim_end_matches(['.', ';']).trim();
        let slot = out.entry(p).or_default();
        match f {
            Field::Lead => slot.lead = Some(agency::parse_agency_list(body)),
            Field::Support => slot.support = Some(agency::parse_agency_list(body)),
            Field::Deadline => {
                slot.deadline = deadline::parse_phrase(body, reference).or_else(|| deadline::find_deadline(body, reference))
            }
            Field::Deliverable => {
                slot.deliverable = deliverable::find_deliverable(body, &[]).map(|h| h.deliverable).or_else(|| {
                    (!body.is_empty()).then(|| Deliverable { text: body.to_string(), kind: first_words(body) })
                })
            }
        }
    }
    out
}

fn first_words(s: &str) -> String {
    s.split_whitespace().take(2).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// One appendix row as a task.
fn table_row(text: &str, b: &Block, row: &TableRow, reference: Option<NaiveDate>) -> Draft {
    let cell = |c| row.cell(c).map(|r| flat(text, r));
    let task_range = crate::segment::strip_marker(text, row.cell(Column::Task).unwrap_or(row.span));
    let task = flat(text, task_range);
    let mut rules = vec!["segment/table-row"];
    let roles = agency::assign_roles(&task);
    let lead = match cell(Column::Lead) {
        Some(c) => {
            rules.push("lead/table-column");
            agency::parse_agency_list(&c)
        }
        None => roles.lead.clone(),
    };
    let support = match cell(Column::Support) {
        Some(c) => agency::parse_agency_list(&c),
        None => roles.support.clone(),
    };
    let dl_cell = cell(Column::Deadline).and_then(|c| deadline::parse_phrase(c.trim(), reference).or_else(|| deadline::find_deadline(&c, reference)));
    // A deadline read in the task text itself is kept out of the deliverable.
    let dl_in_task = if dl_cell.is_none() { deadline::find_deadline(&task, reference) } else { None };
    let exclude: Vec<Span> = dl_in_task.iter().map(|d| d.range).collect();
    let dl = dl_cell.or(dl_in_task);
    let deliv = match cell(Column::Deliverable) {
        Some(c) => deliverable::find_deliverable(&c, &[]).map(|h| h.deliverable).or(Some(Deliverable { text: c.trim().to_string(), kind: first_words(&c) })),
        None => deliverable::find_deliverable(&task, &exclude).map(|h| h.deliverable),
    };
    let act = action::find_action(&task, 0);
    let whole = flat(text, row.span);
    let status = if whole.contains("CHƯA HOÀN THÀNH") {
        Some(Status::NotDone)
    } else if whole.contains("[HOÀN THÀNH") || whole.contains("ĐÃ HOÀN THÀNH") {
        Some(Status::Done)
    } else {
        None
    };
    if let Some(d) = &dl {
        rules.extend(d.rules.iter().copied());
    }
    Draft {
        path: b.path.clone(),
        range: task_range,
        lead,
        support,
        assigned_by: roles.assigned_by.clone(),
        report_to: roles.report_to.clone(),
        action: act.map(|a| a.action),
        deliverable: deliv,
        year_unknown: dl.as_ref().is_some_and(|d| d.year_unknown),
        deadline: dl.map(|d| d.deadline),
        source_document: cell(Column::Source).map(|s| s.trim().to_string()),
        overdue_units: cell(Column::Overdue).map(|c| agency::parse_agency_list(&c)).unwrap_or_default(),
        status,
        rules,
    }
}

/// Splits a `;`-clause at a comma where the rest carries its own action and
/// its own deadline (SPEC §1: "..., số hoá 100% dữ liệu ... trong năm 2026").
/// `None`: the clause stays whole (most clauses; nothing is allocated).
fn split_commas(text: &str, view: &View, cl: Span, reference: Option<NaiveDate>) -> Option<Vec<Span>> {
    let s = view.text(cl);
    let lower = view.lower(cl);
    if !s.contains(',') {
        return None;
    }
    let mut cuts = Vec::new();
    let mut depth = 0i32;
    let mut quote = false;
    // Bytes, not chars: the marks are ASCII, and the quotes “ ” are
    // E2 80 9C and E2 80 9D in UTF-8.
    let b = s.as_bytes();
    let mut visit = |i: usize| match b[i] {
        b'(' => depth += 1,
        b')' => depth = (depth - 1).max(0),
        0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x9C) => quote = true,
            Some(0x9D) => quote = false,
            _ => {}
        },
        b',' if depth == 0 && !quote => {
            let rest = lower[i + 1..].trim_start();
            if directive::starts_new_action(rest) {
                cuts.push(i);
            }
        }
        _ => {}
    };
    // Without an E2 byte there are no quotes: only the ASCII marks matter.
    if memchr::memchr(0xE2, b).is_some() {
        (0..b.len()).for_each(&mut visit);
    } else {
        memchr::memchr3_iter(b',', b'(', b')', b).for_each(&mut visit);
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (k, &c) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(s.len());
        let rest = &s[c + 1..end];
        let before = &s[start..c];
        let rest_dl = deadline::find_deadline_in(rest, &lower[c + 1..end], reference);
        if rest_dl.is_some()
            && action::find_action_in(before, &lower[start..c], 0).is_some()
            && directive::comma_splits(&lower[start..c], &lower[c + 1..end], || deadline::find_deadline_in(before, &lower[start..c], reference).is_some())
        {
            out.push(clause::trim(text, (cl.0 + start, cl.0 + c)));
            start = c + 1;
        }
    }
    out.push(clause::trim(text, (cl.0 + start, cl.1)));
    out.retain(|r| r.0 < r.1);
    Some(out)
}

/// How many earlier tasks with the same deadline a task is compared with.
const RESTATEMENT_WINDOW: usize = 32;

/// Folds repeated statements of one assignment (SPEC §1: same lead, same
/// deliverable, same deadline). A statement that names no doer (a passive
/// or a headline) repeats one that does; the one with more facts is kept.
///
/// Drafts are looked at where they stand and the ones folded away dropped
/// at the end: a draft is a large struct, and moving each one through a
/// list of kept ones and back cost four copies.
fn dedup(mut drafts: Vec<Draft>, words: Vec<Option<directive::Words>>, text: &str) -> Vec<Draft> {
    type Key = Option<(record::DeadlineKind, Option<NaiveDate>)>;
    // Per draft (by index): its words, and whether it is kept so far; the
    // kept ones by deadline.
    let mut read: Vec<directive::Words> = Vec::with_capacity(drafts.len());
    let mut kept = vec![false; drafts.len()];
    let mut by_deadline: Map<Key, Vec<usize>> = Map::default();
    for (i, (d, words)) in drafts.iter().zip(words).enumerate() {
        let key: Key = d.deadline.as_ref().map(|x| (x.kind, x.due));
        if d.source_document.is_some() {
            kept[i] = true;
            read.push(directive::Words::default());
            continue;
        }
        let words = words.unwrap_or_else(|| match &d.deliverable {
            Some(p) => directive::Words::of(&p.text),
            None => directive::Words::of(&flat(text, d.range)),
        });
        let same = |k: usize| {
            let (Some(o), Some(ow)) = (drafts.get(k), read.get(k)) else { return false };
            let product = match (&o.deliverable, &d.deliverable) {
                (Some(_), Some(_)) => directive::same_product(ow, &words),
                (None, None) => o.lead == d.lead && directive::restates(ow, &words),
                _ => false,
            };
            product && (o.lead.is_empty() || d.lead.is_empty() || o.lead == d.lead)
        };
        let slot = by_deadline.entry(key).or_default();
        // A restatement stands near what it restates (a lead paragraph and the
        // body of one article): looking back a bounded way keeps this linear.
        let found = slot.iter().rev().take(RESTATEMENT_WINDOW).copied().find(|&k| kept.get(k) == Some(&true) && same(k));
        match found {
            Some(k) => {
                // Keep the more informative statement, at the later place (text order holds).
                if drafts.get(k).is_some_and(|o| o.lead.is_empty()) && !d.lead.is_empty() {
                    kept[k] = false;
                    slot.retain(|&x| x != k);
                    slot.push(i);
                    kept[i] = true;
                }
            }
            None => {
                slot.push(i);
                kept[i] = true;
            }
        }
        read.push(words);
    }
    // `retain` visits the drafts once each, in order.
    let mut kept = kept.into_iter();
    drafts.retain(|_| kept.next().unwrap_or(false));
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_turns_line_breaks_into_spaces_like_replace() {
        for s in ["", "\n", "a", "a\nb", "\na\n\nb\n", "Bộ Y tế\ntrình Đề án"] {
            assert_eq!(flat(s, (0, s.len())), s.replace('\n', " "), "{s:?}");
        }
        assert_eq!(flat("ab\ncd", (1, 4)), "b c");
    }
}

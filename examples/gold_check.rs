// Not committed: compares assign_roles with the gold fixtures.
use std::collections::BTreeSet;
fn fold(s: &str) -> String {
    let s = chidao::normalize::normalize_str(s).to_lowercase();
    s.split(' ').filter(|w| !["các", "có", "những"].contains(w)).collect::<Vec<_>>().join(" ")
}
fn strip_marker(s: &str) -> &str {
    let re = regex::Regex::new(r"^\s*(?:[-+•]\s*|\(?[0-9a-zđ]{1,3}[\).]\s+|[IVX]+\.\s+)").unwrap();
    match re.find(s) { Some(m) => &s[m.end()..], None => s }
}
fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let (mut n, mut own, mut lead_ok, mut sup_n, mut sup_ok, mut inh, mut inh_false) = (0, 0, 0, 0, 0, 0, 0);
    for f in std::fs::read_dir("/work/shared/fixtures").unwrap() {
        let f = f.unwrap().path();
        let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let doc = chidao::normalize::normalize_str(&std::fs::read_to_string(format!("/work/shared/corpus/{}", gold["document"].as_str().unwrap())).unwrap());
        for t in gold["tasks"].as_array().unwrap() {
            n += 1;
            let text = chidao::normalize::normalize_str(t["text"].as_str().unwrap());
            let Some(i) = doc.find(&text) else { println!("NOT FOUND {text}"); continue };
            let line_s = doc[..i].rfind('\n').map_or(0, |x| x + 1);
            let line_e = doc[i..].find('\n').map_or(doc.len(), |x| i + x);
            let line = &doc[line_s..line_e];
            let k = i - line_s;
            // clause: previous ';' or sentence end before k, next ';' or '. ' after
            let cs = line[..k].rfind(|c| c == ';').map(|x| x + 1).into_iter()
                .chain(line[..k].rfind(". ").map(|x| x + 2)).max().unwrap_or(0);
            let ce_rel = line[k..].find(|c| c == ';').unwrap_or(line.len() - k);
            let ce2 = line[k..].find(". ").unwrap_or(line.len() - k);
            let ce = k + ce_rel.min(ce2.max(text.len()));
            let clause = strip_marker(line[cs..ce].trim());
            let r = chidao::extract::agency::assign_roles(clause);
            let gl: BTreeSet<String> = t["lead"].as_array().unwrap().iter().map(|x| fold(x.as_str().unwrap())).collect();
            let gs: BTreeSet<String> = t["support"].as_array().unwrap().iter().map(|x| fold(x.as_str().unwrap())).collect();
            let rl: BTreeSet<String> = r.lead.iter().map(|a| fold(&a.name)).collect();
            let rs: BTreeSet<String> = r.support.iter().map(|a| fold(&a.name)).collect();
            if !gs.is_empty() || !rs.is_empty() { sup_n += 1; if gs == rs { sup_ok += 1 } else { println!("SUPPORT {:?} vs gold {:?}\n   {}", rs, gs, clause) } }
            if r.has_subject {
                own += 1;
                if rl == gl { lead_ok += 1 } else { println!("LEAD {:?} vs gold {:?}\n   {}", rl, gl, clause) }
            } else {
                inh += 1;
                if verbose { println!("inherit (gold {:?}): {}", gl, clause) }
                if !rl.is_empty() { inh_false += 1 }
            }
        }
    }
    println!("tasks {n}; own-subject clauses {own}, lead correct {lead_ok}; subject-less {inh}; support cases {sup_n}, correct {sup_ok}");
}

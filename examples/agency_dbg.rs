fn main() {
    for a in std::env::args().skip(1) {
        for h in chidao::extract::agency::find_agencies(&a) {
            println!("  hit {:?} {:?} {} {}", h.range, h.agency.name, h.agency.mention, h.via);
        }
        let r = chidao::extract::agency::assign_roles(&a);
        println!("{:#?}", (r.lead.iter().map(|x| &x.name).collect::<Vec<_>>(), r.support.iter().map(|x| &x.name).collect::<Vec<_>>(), &r.assigned_by, &r.report_to, r.has_subject, r.predicate_start, &a.get(r.predicate_start..), &r.rules));
    }
}

import ChiboModel
import Testing

@Suite struct ScheduleTests {
    /// A committee with `count` branches, plus grassroots branches of two sectors.
    func organization(committeeBranches counts: [Int]) -> Organization {
        var units: [Unit] = [
            Unit(id: "cb-dn-1", name: "DN 1", kind: .branch, sector: .enterprise, members: 9),
            Unit(id: "cb-dn-2", name: "DN 2", kind: .branch, sector: .enterprise, members: 9),
            Unit(id: "cb-cq-1", name: "CQ 1", kind: .branch, sector: .agency, members: 9),
            Unit(id: "cb-sn-1", name: "SN 1", kind: .branch, sector: .publicService, members: 9),
        ]
        for (index, count) in counts.enumerated() {
            units.append(Unit(id: "db-\(index)", name: "ĐB \(index)", kind: .committee, sector: .agency))
            for branch in 0..<count {
                units.append(
                    Unit(
                        id: "db-\(index)-cb-\(branch)", name: "CB \(branch)", kind: .branch, sector: .agency,
                        parent: "db-\(index)", members: 5))
            }
        }
        return Organization(units: units)
    }

    func session(
        _ host: UnitID, committee: UnitID? = nil, _ kind: MeetingKind = .regular, _ date: String = "2024-03-01",
        audience: Audience? = nil, observers: [String] = []
    ) -> SampleSession {
        SampleSession(
            plan: "114-KH/ĐUK", host: host, committee: committee, kind: kind, date: day(date), audience: audience,
            observers: observers)
    }

    /// The findings of `committee`'s row; nil when it has none, so that no findings is never a missing row.
    func codes(_ schedule: Schedule, _ committee: UnitID) -> [PlanFindingCode]? {
        schedule.compliance["114-KH/ĐUK"]?.first { $0.committee == committee }?.findings
    }

    @Test(arguments: [(8, 1, 2), (5, 1, 3), (3, 2, 2), (1, 0, 1)])
    func theRuleAtAndAroundTheThreshold(threshold: Int, below: Int, above: Int) {
        let rule = CommitteeRule(threshold: threshold, below: below, atOrAbove: above)
        #expect(rule.required(branches: threshold - 1) == below)
        #expect(rule.required(branches: threshold) == above)
        #expect(rule.required(branches: threshold + 1) == above)
        #expect(!rule.needsBothKinds(branches: threshold - 1))
        #expect(rule.needsBothKinds(branches: threshold))
    }

    @Test func complianceWithTheLettersRule() {
        // Committees with 7, 8 and 9 branches under the 114-KH/ĐUK rule (8, 1, 2).
        let organization = organization(committeeBranches: [7, 8, 9, 7, 8])
        let plan = SamplePlan(
            number: "114-KH/ĐUK", title: "KH", rule: CommitteeRule(threshold: 8, below: 1, atOrAbove: 2),
            committeeSessions: [
                session("db-0-cb-0", committee: "db-0", .thematic),  // 7 branches, 1 of either kind: fine
                session("db-1-cb-0", committee: "db-1", .regular, "2024-03-02"),
                session("db-1-cb-1", committee: "db-1", .thematic, "2024-03-03"),  // 8 branches, one of each: fine
                session("db-2-cb-0", committee: "db-2", .regular, "2024-03-04"),
                session("db-2-cb-1", committee: "db-2", .regular, "2024-03-05"),  // two regular: kinds
                session("db-3-cb-0", committee: "db-3", .regular, "2024-03-06"),
                session("db-3-cb-1", committee: "db-3", .regular, "2024-03-07"),  // 7 branches, two: excess
                // db-4 (8 branches) planned nothing: missing and kinds
            ])
        let schedule = Schedule(plans: [plan], organization: organization)
        #expect(codes(schedule, "db-0") == [])
        #expect(codes(schedule, "db-1") == [])
        #expect(codes(schedule, "db-2") == [.committeePlanKinds])
        #expect(codes(schedule, "db-3") == [.committeePlanExcess])
        #expect(codes(schedule, "db-4") == [.committeePlanMissing, .committeePlanKinds])
        let row = schedule.compliance["114-KH/ĐUK"]?.first { $0.committee == "db-2" }
        #expect(row?.branches == 9)
        #expect(row?.required == 2)
        #expect(row?.regular == 2)
        #expect(row?.thematic == 0)
        #expect(
            schedule.findings.filter { $0.code == .committeePlanMissing }.map(\.detail) == [
                .count(branches: 8, required: 2, planned: 0, regular: 0, thematic: 0)
            ])
    }

    @Test func otherSettingsWorkUnchanged() {
        let organization = organization(committeeBranches: [4, 5])
        let plan = SamplePlan(
            number: "114-KH/ĐUK", title: "KH", rule: CommitteeRule(threshold: 5, below: 2, atOrAbove: 3),
            committeeSessions: [
                session("db-0-cb-0", committee: "db-0", .regular, "2024-03-01"),
                session("db-0-cb-1", committee: "db-0", .regular, "2024-03-02"),
                session("db-1-cb-0", committee: "db-1", .regular, "2024-03-03"),
                session("db-1-cb-1", committee: "db-1", .thematic, "2024-03-04"),
            ])
        let schedule = Schedule(plans: [plan], organization: organization)
        #expect(codes(schedule, "db-0") == [])
        #expect(codes(schedule, "db-1") == [.committeePlanMissing])
    }

    @Test func audiences() {
        let organization = organization(committeeBranches: [3])
        let enterprise = session("cb-dn-1", .thematic, audience: Audience(level: .grassroots, sectors: [.enterprise]))
        #expect(Schedule.audience(of: enterprise, in: organization) == ["cb-dn-2"])
        let agencies = session("cb-cq-1", audience: Audience(level: .grassroots, sectors: [.agency, .publicService]))
        #expect(Schedule.audience(of: agencies, in: organization) == ["cb-sn-1"])
        let subordinate = session("cb-cq-1", audience: Audience(level: .subordinate))
        #expect(Schedule.audience(of: subordinate, in: organization) == ["db-0-cb-0", "db-0-cb-1", "db-0-cb-2"])
        let all = session("cb-cq-1", audience: Audience(level: .all))
        #expect(Schedule.audience(of: all, in: organization).count == 6)
        let own = session("db-0-cb-1", committee: "db-0")
        #expect(Schedule.audience(of: own, in: organization) == ["db-0-cb-0", "db-0-cb-2"])
    }

    @Test func conflictsAndForeignHosts() {
        let organization = organization(committeeBranches: [3, 3])
        let plan = SamplePlan(
            number: "114-KH/ĐUK", title: "KH",
            sessions: [
                session(
                    "cb-dn-1", .thematic, "2024-03-12", audience: Audience(level: .grassroots),
                    observers: ["Ông A", "Bà B"]),
                session(
                    "cb-cq-1", .regular, "2024-03-12", audience: Audience(level: .grassroots), observers: ["Ông A"]),
                session("cb-cq-1", .thematic, "2024-03-20", audience: Audience(level: .grassroots)),
            ],
            rule: CommitteeRule(threshold: 8, below: 1, atOrAbove: 2),
            committeeSessions: [
                session("db-1-cb-0", committee: "db-0", .regular, "2024-03-20"),
                session("cb-cq-1", committee: "db-1", .regular, "2024-03-20"),
            ])
        let schedule = Schedule(plans: [plan], organization: organization)
        let conflicts = schedule.findings.filter { $0.code == .scheduleConflict }.map(\.detail)
        #expect(
            conflicts.contains(
                .conflict(who: "Ông A", isObserver: true, date: day("2024-03-12"), hosts: ["cb-cq-1", "cb-dn-1"])))
        #expect(
            conflicts.contains(
                .conflict(who: "cb-cq-1", isObserver: false, date: day("2024-03-20"), hosts: ["cb-cq-1"])))
        #expect(conflicts.count == 2)
        let foreign = schedule.findings.filter { $0.code == .hostOutsideCommittee }
        #expect(foreign.map(\.unit) == ["db-0", "db-1"])
        #expect(schedule.entries.map(\.session.date) == schedule.entries.map(\.session.date).sorted())
    }
}

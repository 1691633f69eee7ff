import ChiboModel
import ChiboSupport
import Yams

/// Reads `plans/*.yaml`: sample-meeting plans, checked against the organisation.
enum PlansLoader {
    static func load(
        _ folder: ContentFolder, context: RecordContext, diagnostics: inout Diagnostics
    ) -> [SamplePlan] {
        var plans: [SamplePlan] = []
        var numbers: [String: String] = [:]
        var slugs: [String: String] = [:]
        for name in folder.list("plans") where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let file = "plans/" + name
            guard let text = folder.text(file, diagnostics: &diagnostics) else { continue }
            let yaml = YAMLSource(file: file, lineOffset: 0)
            guard let root = yaml.parse(text, diagnostics: &diagnostics) else {
                if !diagnostics.items.contains(where: { $0.location.file == file }) {
                    diagnostics.error(SourceLocation(file: file), .fileEmpty("plan"))
                }
                continue
            }
            let stem = name.split(separator: ".").dropLast().joined(separator: ".")
            let slug = Folding.slug(stem)
            guard !slug.isEmpty else {
                diagnostics.error(SourceLocation(file: file), .planFileWithoutURL)
                continue
            }
            if let problem = Folding.urlLengthProblem([slug]) {
                diagnostics.error(SourceLocation(file: file), problem)
                continue
            }
            guard !slugs.keys.contains(slug) else {
                diagnostics.error(SourceLocation(file: file), .samePlanSlug(name, slugs[slug] ?? "", slug: slug))
                continue
            }
            slugs[slug] = name
            guard
                let plan = read(
                    root, yaml: yaml, slug: slug, context: context,
                    diagnostics: &diagnostics)
            else { continue }
            let key = Folding.documentNumberKey(plan.number)
            if let other = numbers[key] {
                diagnostics.error(yaml.location(root["number"]), .duplicatePlan(plan.number, other: "\(other)"))
                continue
            }
            numbers[key] = file
            plans.append(plan)
        }
        return plans
    }

    static func read(
        _ root: Node, yaml: YAMLSource, slug: String, context: RecordContext,
        diagnostics: inout Diagnostics
    ) -> SamplePlan? {
        guard let pairs = yaml.mapping(root, ("a plan", "kế hoạch"), diagnostics: &diagnostics) else { return nil }
        let checkpoint = diagnostics.checkpoint
        var plan = SamplePlan(number: "", title: "", sourcePath: yaml.file, slug: slug)
        var sessionNodes: Node?
        var committeeNodes: Node?
        for (key, keyNode, value) in pairs {
            switch key {
            case "number": plan.number = yaml.string(value, key: key, diagnostics: &diagnostics) ?? ""
            case "title": plan.title = yaml.string(value, key: key, diagnostics: &diagnostics) ?? ""
            case "issued": plan.issued = yaml.day(value, key: key, diagnostics: &diagnostics)
            case "sessions": sessionNodes = value
            case "committee_sessions": committeeNodes = value
            case "committee_rule": plan.rule = rule(value, yaml: yaml, diagnostics: &diagnostics)
            default: diagnostics.warning(yaml.location(keyNode), .unknownKey(key, of: ("plan", "kế hoạch")))
            }
        }
        if plan.number.isEmpty {
            diagnostics.error(yaml.location(root), .needs("planNumber"))
        }
        if plan.title.isEmpty { diagnostics.error(yaml.location(root), .needs("planTitle")) }
        if let sessionNodes {
            plan.sessions = sessions(
                sessionNodes, plan: plan.number, committeeSessions: false, yaml: yaml, context: context,
                diagnostics: &diagnostics)
        }
        if let committeeNodes {
            plan.committeeSessions = sessions(
                committeeNodes, plan: plan.number, committeeSessions: true, yaml: yaml, context: context,
                diagnostics: &diagnostics)
            if plan.rule == nil {
                diagnostics.error(yaml.location(committeeNodes), .committeeSessionsWithoutRule)
            }
        }
        return diagnostics.hasErrors(since: checkpoint) ? nil : plan
    }

    static func rule(_ node: Node, yaml: YAMLSource, diagnostics: inout Diagnostics) -> CommitteeRule? {
        guard let pairs = yaml.mapping(node, "`committee_rule`", diagnostics: &diagnostics) else { return nil }
        var values: [String: Int] = [:]
        for (key, keyNode, value) in pairs {
            guard ["threshold", "below", "at_or_above"].contains(key) else {
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, in: .code("committee_rule")))
                continue
            }
            guard let number = yaml.count(value, key: "committee_rule.\(key)", diagnostics: &diagnostics) else {
                continue
            }
            guard number >= (key == "threshold" ? 1 : 0) else {
                diagnostics.error(
                    yaml.location(value), .below(field: "committee_rule.\(key)", lowest: key == "threshold" ? 1 : 0))
                continue
            }
            values[key] = number
        }
        guard let threshold = values["threshold"], let below = values["below"], let above = values["at_or_above"] else {
            diagnostics.error(yaml.location(node), .needs("committeeRule"))
            return nil
        }
        return CommitteeRule(threshold: threshold, below: below, atOrAbove: above)
    }

    static let audienceLevels = Vocabulary<Audience.Level>(entries: [
        (["grassroots", "chi bộ cơ sở", "cơ sở"], .grassroots),
        (["subordinate", "chi bộ trực thuộc", "trực thuộc"], .subordinate),
        (["all", "tất cả"], .all),
    ])

    static func sessions(
        _ node: Node, plan: String, committeeSessions: Bool, yaml: YAMLSource, context: RecordContext,
        diagnostics: inout Diagnostics
    ) -> [SampleSession] {
        guard case .sequence(let items) = node else {
            let field = committeeSessions ? "committee_sessions" : "sessions"
            diagnostics.error(yaml.location(node), .wrongShape("sessions", field: field))
            return []
        }
        var result: [SampleSession] = []
        for item in items {
            guard let pairs = yaml.mapping(item, ("a session", "mỗi buổi sinh hoạt"), diagnostics: &diagnostics) else {
                continue
            }
            let checkpoint = diagnostics.checkpoint
            var host: UnitID?
            var committee: UnitID?
            var kind: MeetingKind?
            var date: Day?
            var session = SampleSession(
                plan: plan, host: "", kind: .regular, date: Day.distantPast, location: yaml.location(item))
            var values: [String: Node] = [:]
            for (key, keyNode, value) in pairs {
                values[key] = value
                switch key {
                case "host":
                    guard let text = yaml.string(value, key: key, diagnostics: &diagnostics) else { continue }
                    let id = UnitID(text)
                    if context.rejected.contains(id) { continue }
                    guard let unit = context.organization[id] else {
                        diagnostics.error(yaml.location(value), .unknownHost(text))
                        continue
                    }
                    guard unit.isBranch else {
                        diagnostics.error(yaml.location(value), .committeeHost(id.rawValue))
                        continue
                    }
                    if !committeeSessions && unit.level != .grassrootsBranch {
                        diagnostics.error(
                            yaml.location(value), .hostNotGrassroots(id.rawValue, parent: unit.parent?.rawValue ?? ""))
                        continue
                    }
                    host = id
                case "committee" where committeeSessions:
                    guard let text = yaml.string(value, key: key, diagnostics: &diagnostics) else { continue }
                    let id = UnitID(text)
                    if context.rejected.contains(id) { continue }
                    guard let unit = context.organization[id], unit.kind == .committee else {
                        diagnostics.error(yaml.location(value), .notACommittee(id.rawValue))
                        continue
                    }
                    committee = id
                case "kind":
                    guard let word = yaml.string(value, key: key, diagnostics: &diagnostics) else { continue }
                    kind = Words.meetingKind.value(word)
                    if kind == nil {
                        diagnostics.error(
                            yaml.location(value), .unknownWord("kind", word, words: Words.meetingKind.help))
                    }
                case "date": date = yaml.day(value, key: key, diagnostics: &diagnostics)
                case "time":
                    guard let time = yaml.string(value, key: key, diagnostics: &diagnostics) else { continue }
                    if let parsed = TimeOfDay(parsing: time) {
                        session.time = parsed
                    } else {
                        diagnostics.error(yaml.location(value), .badTime)
                    }
                case "venue": session.venue = yaml.string(value, key: key, diagnostics: &diagnostics)
                case "topic": session.topic = yaml.string(value, key: key, diagnostics: &diagnostics)
                case "observers": session.observers = yaml.strings(value, key: key, diagnostics: &diagnostics) ?? []
                case "audience" where !committeeSessions:
                    session.audience = audience(value, yaml: yaml, diagnostics: &diagnostics)
                default:
                    diagnostics.warning(yaml.location(keyNode), .unknownKey(key, of: ("session", "buổi sinh hoạt")))
                }
            }
            for required in ["host", "kind", "date"] + (committeeSessions ? ["committee"] : ["audience"])
            where values[required] == nil {
                diagnostics.error(yaml.location(item), .needs("session", field: required))
            }
            if kind == .thematic && (session.topic ?? "").isEmpty {
                diagnostics.error(yaml.location(values["topic"] ?? item), .needs("sampleTopic"))
            }
            guard !diagnostics.hasErrors(since: checkpoint), let host, let kind, let date else { continue }
            session.host = host
            session.committee = committee
            session.kind = kind
            session.date = date
            result.append(session)
        }
        return result
    }

    static func audience(_ node: Node, yaml: YAMLSource, diagnostics: inout Diagnostics) -> Audience? {
        guard let pairs = yaml.mapping(node, "`audience`", diagnostics: &diagnostics) else { return nil }
        var audience = Audience(level: .all)
        var hasLevel = false
        for (key, keyNode, value) in pairs {
            switch key {
            case "level":
                guard let word = yaml.string(value, key: "audience.level", diagnostics: &diagnostics) else { continue }
                guard let level = audienceLevels.value(word) else {
                    diagnostics.error(yaml.location(value), .unknownWordOf("level"))
                    continue
                }
                audience.level = level
                hasLevel = true
            case "sector":
                for word in yaml.strings(value, key: "audience.sector", diagnostics: &diagnostics) ?? [] {
                    guard let sector = Words.sector.value(word) else {
                        diagnostics.error(yaml.location(value), .unknownWord("sector", word, words: Words.sector.help))
                        continue
                    }
                    audience.sectors.append(sector)
                }
            default:
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, in: .code("audience")))
            }
        }
        if !hasLevel && !pairs.contains(where: { $0.key == "level" }) {
            diagnostics.error(yaml.location(node), .needs("audienceLevel"))
        }
        return audience
    }
}

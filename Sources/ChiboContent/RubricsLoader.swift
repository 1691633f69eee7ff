import ChiboModel
import Yams

/// Reads `rubrics/*.yaml` and checks each rubric is well formed.
enum RubricsLoader {
    /// The rubrics, and whether every rubric file could be read (when one could not, records of its
    /// kind are not reported again for lacking a rubric).
    static func load(_ folder: ContentFolder, diagnostics: inout Diagnostics) -> (rubrics: [Rubric], complete: Bool) {
        var rubrics: [Rubric] = []
        var ids: [String: String] = [:]
        var kinds: [MeetingKind: String] = [:]
        var files = 0
        for name in folder.list("rubrics") where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            files += 1
            let file = "rubrics/" + name
            guard let text = folder.text(file, diagnostics: &diagnostics) else { continue }
            let yaml = YAMLSource(file: file, lineOffset: 0)
            guard let root = yaml.parse(text, diagnostics: &diagnostics) else {
                if !diagnostics.items.contains(where: { $0.location.file == file }) {
                    diagnostics.error(SourceLocation(file: file), .fileEmpty("rubric"))
                }
                continue
            }
            guard let rubric = read(root, yaml: yaml, diagnostics: &diagnostics) else { continue }
            if let other = ids[rubric.id] {
                diagnostics.error(yaml.location(root["id"]), .duplicateRubric("\(rubric.id)", other: "\(other)"))
                continue
            }
            if let other = kinds[rubric.appliesTo] {
                diagnostics.error(
                    yaml.location(root["applies_to"]), .rubricKindTwice(other: "\(other)", kind: rubric.appliesTo))
                continue
            }
            ids[rubric.id] = file
            kinds[rubric.appliesTo] = file
            rubrics.append(rubric)
        }
        return (rubrics, rubrics.count == files)
    }

    static func read(_ root: Node, yaml: YAMLSource, diagnostics: inout Diagnostics) -> Rubric? {
        guard let pairs = yaml.mapping(root, ("a rubric", "thang điểm"), diagnostics: &diagnostics) else { return nil }
        let checkpoint = diagnostics.checkpoint
        var id: String?
        var title = ""
        var source = ""
        var kind: MeetingKind?
        var criteria: [Criterion] = []
        var failedCriteria: Set<Int> = []
        var ratings: [RatingBand] = []
        var ratingsNode: Node?
        var ratingNodes: [Node] = []
        for (key, keyNode, value) in pairs {
            switch key {
            case "id": id = yaml.string(value, key: key, diagnostics: &diagnostics)
            case "title": title = yaml.string(value, key: key, diagnostics: &diagnostics) ?? ""
            case "source": source = yaml.string(value, key: key, diagnostics: &diagnostics) ?? ""
            case "applies_to":
                if let word = yaml.string(value, key: key, diagnostics: &diagnostics) {
                    kind = Words.meetingKind.value(word)
                    if kind == nil {
                        diagnostics.error(yaml.location(value), .unknownWordOf("appliesTo"))
                    }
                }
            case "criteria": (criteria, failedCriteria) = readCriteria(value, yaml: yaml, diagnostics: &diagnostics)
            case "ratings":
                ratingsNode = value
                (ratings, ratingNodes) = readRatings(value, yaml: yaml, diagnostics: &diagnostics)
            default:
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, of: ("rubric", "thang điểm")))
            }
        }
        guard let id, !id.isEmpty else {
            diagnostics.error(yaml.location(root), .needs("rubricID"))
            return nil
        }
        if kind == nil && !pairs.contains(where: { $0.key == "applies_to" }) {
            diagnostics.error(yaml.location(root), .needs("rubricKind"))
        }
        if criteria.isEmpty && !diagnostics.hasErrors(since: checkpoint) {
            diagnostics.error(yaml.location(root), .needs("rubricCriteria"))
        }
        if let ratingsNode, ratings.isEmpty, !diagnostics.hasErrors(since: checkpoint) {
            diagnostics.error(yaml.location(ratingsNode), .needs("rubricRating"))
        } else if ratingsNode == nil {
            diagnostics.error(yaml.location(root), .needs("rubricRatings"))
        }
        let criterionIDs = Set(criteria.map(\.id))
        // A criterion with an error of its own is not reported again as missing.
        for (band, node) in zip(ratings, ratingNodes) {
            for criterion in band.requireFull
            where !criterionIDs.contains(criterion) && !failedCriteria.contains(criterion) {
                diagnostics.error(yaml.location(node["require_full"]), .unknownCriterion(criterion, in: "require_full"))
            }
            for (criterion, points) in band.requireMin.sorted(by: { $0.key < $1.key })
            where !failedCriteria.contains(criterion) {
                guard let found = criteria.first(where: { $0.id == criterion }) else {
                    diagnostics.error(
                        yaml.location(node["require_min"]), .unknownCriterion(criterion, in: "require_min"))
                    continue
                }
                if points > found.max {
                    diagnostics.error(
                        yaml.location(node["require_min"]),
                        .minimumAboveMax(points, criterion: criterion, max: found.max))
                }
            }
        }
        if let last = ratings.last, let node = ratingNodes.last,
            last.minTotal > 0 || !last.requireFull.isEmpty || !last.requireMin.isEmpty
        {
            diagnostics.error(yaml.location(node), .lastRatingNotForEveryTotal("\(last.name)"))
        }
        var names: Set<String> = []
        for (band, node) in zip(ratings, ratingNodes) where !names.insert(Folding.fold(band.name.rawValue)).inserted {
            diagnostics.error(yaml.location(node), .ratingTwice(band.name.description))
        }
        guard !diagnostics.hasErrors(since: checkpoint), let kind else { return nil }
        return Rubric(id: id, title: title, appliesTo: kind, source: source, criteria: criteria, ratings: ratings)
    }

    /// The criteria that read without error, and the ids (positions from 1) of those that did not.
    static func readCriteria(
        _ node: Node, yaml: YAMLSource, diagnostics: inout Diagnostics
    ) -> ([Criterion], failed: Set<Int>) {
        guard case .sequence(let items) = node else {
            diagnostics.error(
                yaml.location(node), .wrongShape("criteria", field: "criteria", value: "`{id, title, max}`"))
            return ([], [])
        }
        var criteria: [Criterion] = []
        for (position, item) in items.enumerated() {
            guard let pairs = yaml.mapping(item, ("a criterion", "mỗi tiêu chí"), diagnostics: &diagnostics) else {
                continue
            }
            var id: Int?
            var title = ""
            var max: Int?
            var strength: String?
            var weakness: String?
            for (key, keyNode, value) in pairs {
                switch key {
                case "id": id = yaml.count(value, key: "id", diagnostics: &diagnostics)
                case "title": title = yaml.string(value, key: key, diagnostics: &diagnostics) ?? ""
                case "max": max = yaml.count(value, key: "max", diagnostics: &diagnostics)
                case "strength": strength = phrase(value, key: key, yaml: yaml, diagnostics: &diagnostics)
                case "weakness": weakness = phrase(value, key: key, yaml: yaml, diagnostics: &diagnostics)
                default:
                    diagnostics.warning(yaml.location(keyNode), .unknownKey(key, of: ("criterion", "tiêu chí")))
                }
            }
            guard let id, let max else {
                if !pairs.contains(where: { $0.key == "id" }) || !pairs.contains(where: { $0.key == "max" }) {
                    diagnostics.error(yaml.location(item), .needs("criterion"))
                }
                continue
            }
            if id != position + 1 {
                diagnostics.error(yaml.location(item["id"]), .criteriaOrder(expected: position + 1, found: id))
                continue
            }
            if max <= 0 || max > 10_000 {
                diagnostics.error(
                    yaml.location(item["max"]),
                    .outOfRange(field: "max", from: 1, to: 10_000, unit: (" points", " điểm")))
                continue
            }
            criteria.append(Criterion(id: id, title: title, max: max, strength: strength, weakness: weakness))
        }
        let read = Set(criteria.map(\.id))
        return (criteria, Set(items.indices.map { $0 + 1 }.filter { !read.contains($0) }))
    }

    /// A criterion's words for the letter: one line of text, written into a sentence after a comma,
    /// so without the full stop a clerk may have typed; empty is none.
    static func phrase(_ value: Node, key: String, yaml: YAMLSource, diagnostics: inout Diagnostics) -> String? {
        guard var text = yaml.string(value, key: key, diagnostics: &diagnostics)?.trimmingSpaces else { return nil }
        while text.hasSuffix(".") || text.hasSuffix(";") { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    static func readRatings(_ node: Node, yaml: YAMLSource, diagnostics: inout Diagnostics) -> ([RatingBand], [Node]) {
        guard case .sequence(let items) = node else {
            diagnostics.error(
                yaml.location(node), .wrongShape("ratings", field: "ratings", value: "`{name, min_total}`"))
            return ([], [])
        }
        var bands: [RatingBand] = []
        var nodes: [Node] = []
        for item in items {
            guard let pairs = yaml.mapping(item, ("a rating", "mỗi mức xếp loại"), diagnostics: &diagnostics) else {
                continue
            }
            var band = RatingBand(name: "", minTotal: 0)
            var hasName = false
            for (key, keyNode, value) in pairs {
                switch key {
                case "name":
                    band.name = RatingName(yaml.string(value, key: key, diagnostics: &diagnostics) ?? "")
                    hasName = !band.name.rawValue.isEmpty
                case "min_total":
                    let total = yaml.count(value, key: key, diagnostics: &diagnostics) ?? 0
                    if (0...1_000_000).contains(total) {
                        band.minTotal = total
                    } else {
                        diagnostics.error(
                            yaml.location(value),
                            .outOfRange(field: "min_total", from: 0, to: 1_000_000, unit: (" points", " điểm")))
                    }
                case "require_full":
                    guard case .sequence(let list) = value else {
                        diagnostics.error(yaml.location(value), .wrongShape("requireFull"))
                        continue
                    }
                    band.requireFull = list.compactMap {
                        yaml.count($0, key: "require_full", diagnostics: &diagnostics)
                    }
                case "require_min":
                    guard case .mapping(let mapping) = value else {
                        diagnostics.error(yaml.location(value), .wrongShape("requireMin", value: "{3: 10}"))
                        continue
                    }
                    for (criterion, points) in mapping {
                        if let id = yaml.count(criterion, key: "require_min", diagnostics: &diagnostics),
                            let least = yaml.count(points, key: "require_min", diagnostics: &diagnostics)
                        {
                            band.requireMin[id] = least
                        }
                    }
                default:
                    diagnostics.warning(yaml.location(keyNode), .unknownKey(key, of: ("rating", "mức xếp loại")))
                }
            }
            guard hasName else {
                diagnostics.error(yaml.location(item), .needs("rating"))
                continue
            }
            bands.append(band)
            nodes.append(item)
        }
        return (bands, nodes)
    }
}

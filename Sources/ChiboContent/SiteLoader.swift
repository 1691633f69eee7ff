import ChiboModel
import Yams

/// Reads `site.yaml` into `SiteSettings`.
enum SiteLoader {
    static let file = "site.yaml"

    static func load(_ folder: ContentFolder, diagnostics: inout Diagnostics) -> SiteSettings? {
        guard folder.exists(file) else {
            diagnostics.error(
                SourceLocation(file: file), .fileMissing("site"))
            return nil
        }
        guard let text = folder.text(file, diagnostics: &diagnostics) else { return nil }
        let yaml = YAMLSource(file: file, lineOffset: 0)
        let checkpoint = diagnostics.checkpoint
        guard let root = yaml.parse(text, diagnostics: &diagnostics) else {
            if !diagnostics.hasErrors(since: checkpoint) {
                diagnostics.error(
                    SourceLocation(file: file), .fileEmpty("site"))
            }
            return nil
        }
        guard let pairs = yaml.mapping(root, "site.yaml", diagnostics: &diagnostics) else { return nil }
        var settings = SiteSettings(title: "", organization: "")
        var title: String?
        var organization: String?
        var restrictedNode: (key: Yams.Node, value: Yams.Node)?
        for (key, keyNode, value) in pairs {
            switch key {
            case "title": title = yaml.string(value, key: key, diagnostics: &diagnostics)
            case "organization": organization = yaml.string(value, key: key, diagnostics: &diagnostics)
            case "base_path":
                if let path = yaml.string(value, key: key, diagnostics: &diagnostics) {
                    if let normalized = normalizeBasePath(path) {
                        settings.basePath = normalized
                    } else {
                        diagnostics.error(yaml.location(value), .badBasePath)
                    }
                }
            case "base_url":
                if let url = yaml.string(value, key: key, diagnostics: &diagnostics) {
                    if let normalized = normalizeBaseURL(url) {
                        settings.baseURL = normalized
                    } else {
                        diagnostics.error(yaml.location(value), .badBaseURL)
                    }
                }
            case "unsafe_html":
                settings.unsafeHTML = yaml.bool(value, key: key, diagnostics: &diagnostics) ?? false
            case "period":
                settings.period = period(value, yaml: yaml, diagnostics: &diagnostics)
                settings.periodLocation = yaml.location(keyNode)
            case "targets":
                settings.targets = targets(value, yaml: yaml, diagnostics: &diagnostics)
            case "finding_guidance":
                guard let entries = yaml.mapping(value, "`finding_guidance`", diagnostics: &diagnostics) else {
                    continue
                }
                for (code, codeNode, number) in entries {
                    guard let finding = FindingCode(rawValue: code) else {
                        let codes = FindingCode.allCases.map(\.rawValue).joined(separator: ", ")
                        diagnostics.error(yaml.location(codeNode), .unknownFindingCode(code, codes: codes))
                        continue
                    }
                    if let text = yaml.string(number, key: "finding_guidance.\(code)", diagnostics: &diagnostics) {
                        settings.findingGuidance[finding] = DocumentReference(
                            number: text, location: yaml.location(number))
                    }
                }
            case "political_study_required_from":
                settings.politicalStudyRequiredFrom = yaml.day(value, key: key, diagnostics: &diagnostics)
            case "letter":
                settings.letter = letter(value, yaml: yaml, diagnostics: &diagnostics)
            case "restricted":
                restrictedNode = (keyNode, value)
            default:
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, in: .plain("site.yaml")))
            }
        }
        if title?.isEmpty ?? true {
            diagnostics.error(yaml.location(root), .needs("siteTitle"))
        }
        if organization?.isEmpty ?? true {
            diagnostics.error(yaml.location(root), .needs("siteOrganization"))
        }
        settings.title = title ?? ""
        settings.organization = organization ?? ""
        if let (keyNode, value) = restrictedNode {
            settings.restricted = restriction(
                value, at: yaml.location(keyNode), organization: settings.organization, yaml: yaml,
                diagnostics: &diagnostics)
        }
        return settings
    }

    /// `https://host[:port][/path]` without a trailing `/`, or nil: a host of letters, digits, `-` and
    /// `.` (or an IPv6 address in brackets), a port of digits, a path of URL-safe characters. Nothing
    /// that could end a line, an attribute or an XML element reaches the sitemap, the calendar or a page.
    static func normalizeBaseURL(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowered.hasPrefix) else { return nil }
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        var host = Substring(authority)
        var port: Substring = ""
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let address = host[host.index(after: host.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            port = host[host.index(after: close)...]
            host = host[...close]
        } else if let colon = host.firstIndex(of: ":") {
            port = host[colon...]
            host = host[..<colon]
            guard !host.isEmpty,
                host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
            else { return nil }
        } else {
            guard !host.isEmpty,
                host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
            else { return nil }
        }
        if !port.isEmpty {
            let digits = port.dropFirst()
            guard port.first == ":", (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(digits), (1...65535).contains(number)
            else { return nil }
        }
        guard normalizeBasePath(String(path)) != nil else { return nil }
        let trimmed = path.reversed().drop { $0 == "/" }.reversed()
        return scheme + host.lowercased() + port + String(trimmed)
    }

    static func normalizeBasePath(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")
        for part in parts where part == ".." || part == "." || !part.allSatisfy({ allowed.contains($0) }) {
            return nil
        }
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
    }

    static func period(_ node: Yams.Node, yaml: YAMLSource, diagnostics: inout Diagnostics) -> DateRange? {
        guard let pairs = yaml.mapping(node, "`period`", diagnostics: &diagnostics) else { return nil }
        var from: Day?
        var to: Day?
        for (key, keyNode, value) in pairs {
            switch key {
            case "from": from = yaml.day(value, key: "period.from", diagnostics: &diagnostics)
            case "to": to = yaml.day(value, key: "period.to", diagnostics: &diagnostics)
            default:
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, in: .code("period")))
            }
        }
        guard let from, let to else {
            diagnostics.error(yaml.location(node), .needs("periodDates"))
            return nil
        }
        guard from <= to else {
            diagnostics.error(yaml.location(node), .periodBackwards(from: from, to: to))
            return nil
        }
        let range = DateRange(from: from, to: to)
        guard range.monthCount <= DateRange.longestInYears * 12 else {
            diagnostics.error(
                yaml.location(node),
                .periodTooLong(years: range.monthCount / 12, from: from, to: to, longest: DateRange.longestInYears))
            return nil
        }
        return range
    }

    static func targets(_ node: Yams.Node, yaml: YAMLSource, diagnostics: inout Diagnostics) -> Targets {
        var targets = Targets()
        guard let pairs = yaml.mapping(node, "`targets`", diagnostics: &diagnostics) else { return targets }
        func rate(_ value: Yams.Node, _ name: String) -> Double? {
            guard let rate = yaml.double(value, key: name, diagnostics: &diagnostics) else { return nil }
            guard (0...1).contains(rate) else {
                diagnostics.error(yaml.location(value), .notAShare(field: name))
                return nil
            }
            return rate
        }
        for (key, keyNode, value) in pairs {
            switch key {
            case "speaking_rate": targets.speakingRate = rate(value, "targets.speaking_rate") ?? targets.speakingRate
            case "attendance_rate":
                targets.attendanceRate = rate(value, "targets.attendance_rate") ?? targets.attendanceRate
            case "current_affairs_rate":
                targets.currentAffairsRate =
                    rate(value, "targets.current_affairs_rate") ?? targets.currentAffairsRate
            case "it_rate": targets.itRate = rate(value, "targets.it_rate") ?? targets.itRate
            case "supervision_rate":
                targets.supervisionRate = rate(value, "targets.supervision_rate") ?? targets.supervisionRate
            case "criterion_short_share":
                targets.criterionShortShare =
                    rate(value, "targets.criterion_short_share") ?? targets.criterionShortShare
            default:
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, in: .code("targets")))
            }
        }
        return targets
    }

    /// The drafted review letter's settings: text keys, and lists (a list, or one line of text) for
    /// the recipients and the copies, whose lines may hold commas.
    static func letter(_ node: Yams.Node, yaml: YAMLSource, diagnostics: inout Diagnostics) -> LetterSettings {
        var letter = LetterSettings()
        guard let pairs = yaml.mapping(node, "`letter`", diagnostics: &diagnostics) else { return letter }
        func text(_ value: Yams.Node, _ key: String) -> String? {
            yaml.string(value, key: "letter." + key, diagnostics: &diagnostics)?.trimmingSpaces
        }
        func lines(_ value: Yams.Node, _ key: String) -> [String]? {
            switch value {
            case .sequence(let items): return items.compactMap { text($0, key) }.filter { !$0.isEmpty }
            case .scalar: return text(value, key).map { [$0] }
            default:
                diagnostics.error(yaml.location(value), .wrongShape("lines", field: "letter." + key))
                return nil
            }
        }
        let keys: [String: WritableKeyPath<LetterSettings, String?>] = [
            "superior": \.superior, "issuer": \.issuer, "code": \.code, "short_name": \.shortName,
            "board": \.board, "place": \.place, "on_behalf": \.onBehalf, "signer_title": \.signerTitle,
            "signer": \.signer,
        ]
        for (key, keyNode, value) in pairs {
            if let path = keys[key] {
                letter[keyPath: path] = text(value, key)
            } else if key == "recipients" {
                letter.recipients = lines(value, key)
            } else if key == "copies" {
                letter.copies = lines(value, key)
            } else if key == "issuer_lines" {
                letter.issuerLines = lines(value, key)
            } else if key == "date" {
                letter.date = yaml.day(value, key: "letter.date", diagnostics: &diagnostics)
            } else {
                let known = (keys.keys.sorted() + ["recipients", "copies", "issuer_lines", "date"])
                    .joined(separator: ", ")
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, in: .code("letter"), known: known))
            }
        }
        return letter
    }

    /// `restricted: {paths: [don-vi, bao-cao, data], realm: "Ban Thường vụ"}`, or the list of folders
    /// alone. Each folder is a top-level folder of the site's own (`/don-vi/` and `don-vi` alike); the
    /// realm defaults to the organisation. A folder whose content another one repeats must be
    /// restricted with it: the units' and the schedule's figures are in `data/` too.
    static func restriction(
        _ node: Yams.Node, at keyLocation: SourceLocation, organization: String, yaml: YAMLSource,
        diagnostics: inout Diagnostics
    ) -> Restriction? {
        var pathsNode: Yams.Node?
        var realm: String?
        var realmLocation = keyLocation
        let known = SiteFolder.allCases.map(\.rawValue).joined(separator: ", ")
        // `restricted:` with nothing after it would otherwise read as no restriction at all.
        func isNull(_ node: Yams.Node) -> Bool {
            if case .scalar(let scalar) = node, scalar.style == .plain, node.null != nil { return true }
            return false
        }
        if isNull(node) {
            diagnostics.error(keyLocation, .needs("restrictedEmpty", value: known))
            return nil
        }
        switch node {
        case .sequence, .scalar: pathsNode = node
        case .mapping:
            for (key, keyNode, value) in yaml.mapping(node, "`restricted`", diagnostics: &diagnostics) ?? [] {
                switch key {
                case "paths": pathsNode = value
                case "realm":
                    realm = yaml.string(value, key: "restricted.realm", diagnostics: &diagnostics)?.trimmingSpaces
                    realmLocation = yaml.location(value)
                default:
                    diagnostics.warning(
                        yaml.location(keyNode), .unknownKey(key, in: .code("restricted"), known: "paths, realm"))
                }
            }
        default:
            diagnostics.error(
                yaml.location(node),
                .wrongShape("restricted", value: "`{paths: [don-vi, bao-cao, data], realm: \"Ban Thường vụ\"}`"))
            return nil
        }
        guard let pathsNode, !isNull(pathsNode) else {
            diagnostics.error(keyLocation, .needs("restrictedPaths", value: known))
            return nil
        }
        let items: [Yams.Node]
        switch pathsNode {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [pathsNode]
        default:
            diagnostics.error(yaml.location(pathsNode), .wrongShape("restrictedPaths", value: known))
            return nil
        }
        let checkpoint = diagnostics.checkpoint
        var folders: [SiteFolder] = []
        for item in items {
            let location = yaml.location(item)
            if isNull(item) {
                diagnostics.error(location, .needs("restrictedItem", value: known))
                continue
            }
            guard let text = yaml.string(item, key: "restricted.paths", diagnostics: &diagnostics) else { continue }
            let name = text.trimmingSpaces.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
            if let folder = SiteFolder(rawValue: name) {
                if folders.contains(folder) {
                    diagnostics.warning(location, .listedTwice(name, in: "restricted.paths"))
                } else {
                    folders.append(folder)
                }
                continue
            }
            let reason: DiagnosticMessage
            let (search, index) = (SiteOutput.searchFolder, SiteOutput.searchIndexFolder)
            switch name {
            case "", SiteOutput.home.path(): reason = .restrictedFolder("home")
            case SiteOutput.assetsFolder: reason = .restrictedFolder("assets", name: name)
            case search, index: reason = .restrictedFolder("search", name: search, other: index)
            case _ where name.contains("/"): reason = .restrictedFolder("nested", name: name, known: known)
            default: reason = .restrictedFolder("unknown", name: name, known: known)
            }
            diagnostics.error(location, reason)
        }
        if items.isEmpty {
            diagnostics.error(yaml.location(pathsNode), .needs("restrictedNone", value: known))
        }
        let downloads: [(SiteFolder, (en: String, vi: String))] = [
            (.units, ("every unit's scorecard", "bảng điểm của mọi đơn vị")),
            (.schedule, ("the whole schedule", "toàn bộ lịch sinh hoạt chi bộ mẫu")),
        ]
        for (folder, what) in downloads where folders.contains(folder) && !folders.contains(.data) {
            diagnostics.error(yaml.location(pathsNode), .restrictedLeakData(folder.rawValue, holds: what))
        }
        // What another public folder shows of a restricted one is the committee's choice, but said.
        let repeats: [(SiteFolder, SiteFolder, (en: String, vi: String))] = [
            (
                .units, .report,
                (
                    "the reports' lists name each unit with its figures",
                    "danh sách trong các báo cáo nêu từng đơn vị cùng số liệu của đơn vị"
                )
            ),
            (
                .schedule, .units,
                (
                    "each unit's page lists its sample sessions",
                    "trang của mỗi đơn vị liệt kê các buổi sinh hoạt mẫu của đơn vị"
                )
            ),
        ]
        for (folder, other, what) in repeats where folders.contains(folder) && !folders.contains(other) {
            diagnostics.warning(
                yaml.location(pathsNode), .restrictedLeak(folder.rawValue, shownBy: other.rawValue, what: what))
        }
        let name = realm ?? organization
        if name.isEmpty {
            diagnostics.error(realmLocation, .needs("realmEmpty"))
        } else if let problem = Restriction.realmProblem(name) {
            diagnostics.error(realmLocation, .badRealm(problem))
        }
        guard !diagnostics.hasErrors(since: checkpoint) else { return nil }
        guard !folders.isEmpty else {
            diagnostics.error(yaml.location(pathsNode), .needs("restrictedNoFolder", value: known))
            return nil
        }
        return Restriction(folders: folders, realm: name, location: keyLocation)
    }
}

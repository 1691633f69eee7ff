import ChiboModel
import ChiboRender
import ChiboSupport
import Foundation

/// A hash of everything a build reads: every file of the content and theme folders (path, size,
/// times and inode), the build date and the chibo binary itself. When it matches the one the output
/// folder was built from, a rebuild has nothing to do.
enum InputFingerprint {
    static let file = SiteOutput.buildRecord.path()

    static func compute(
        content: String, theme: String, date: Day, precompress: Bool = true, search: Bool = true
    ) -> String {
        compute(content: content, theme: theme, date: date, precompress: precompress, search: search).fingerprint
    }

    /// The fingerprint, and a hash of the same facts about the content's files outside `guidance/`,
    /// which are all the data files (`scorecards.json`, `findings.csv`, the schedule) read besides
    /// the UI strings, the build date and the binary.
    static func compute(content: String, theme: String, date: Day, precompress: Bool, search: Bool)
        -> (fingerprint: String, data: UInt64)
    {
        var hasher = FNV1a()
        var data = StableHasher()
        for root in [content, theme] {
            hasher.combine(field: root.utf8)
            let base = URL(fileURLWithPath: root).standardizedFileURL
            let names = (FileManager.default.enumerator(atPath: base.path)?.allObjects as? [String] ?? []).sorted()
            for name in names {
                let path = base.appendingPathComponent(name).path
                // A link is part of what is read (a link to a folder the build refuses, or one that
                // publishes a folder twice), so its name and text count, whatever it leads to.
                if let target = Syscalls.linkTarget(path) {
                    hasher.combine(field: ("link " + name + " -> " + target).utf8)
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
                else {
                    if isDirectory.boolValue { hasher.combine(field: ("folder " + name).utf8) }
                    continue
                }
                hasher.combine(field: name.utf8)
                // Size, modification and change times (to the nanosecond) and inode: any write to a
                // file moves its change time, which no tool can set back, so the bytes need not be read.
                if let status = Syscalls.status(path) {
                    let facts = [
                        status.size, status.modified.seconds, status.modified.nanoseconds, status.changed.seconds,
                        status.changed.nanoseconds, Int(truncatingIfNeeded: status.inode),
                    ]
                    hasher.combine(field: facts.map(String.init).joined(separator: " ").utf8)
                    if root == content, !name.hasPrefix("guidance/"), name != "guidance" {
                        data.combine(name)
                        for fact in facts { data.combine(UInt64(bitPattern: Int64(fact))) }
                    }
                }
            }
        }
        hasher.combine(field: date.description.utf8)
        hasher.combine(field: (precompress ? "precompressed" : "plain").utf8)
        if !search { hasher.combine(field: "no search index".utf8) }
        if let executable = Syscalls.executablePath(),
            let binary = try? FileManager.default.attributesOfItem(atPath: executable)
        {
            hasher.combine(field: "\(binary[.size] ?? 0) \(binary[.modificationDate] ?? 0)".utf8)
        }
        return (String(hasher.value, radix: 16), data.value)
    }

    /// The fingerprint and warnings stored in an output folder, if any: each warning on a line of its
    /// own as JSON, its message the catalogue's, so that a rebuild with nothing to do prints it again
    /// in the run's language. A line that is not one (an output of an older chibo, whose binary is in
    /// the fingerprint, so that it never matches) is left out.
    static func stored(in output: String) -> (fingerprint: String, warnings: [Diagnostic])? {
        guard let text = try? String(contentsOfFile: output + "/" + file, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").map(String.init)
        guard let first = lines.first else { return nil }
        let decoder = JSONDecoder()
        return (first, lines.dropFirst().compactMap { try? decoder.decode(Diagnostic.self, from: Data($0.utf8)) })
    }

    static func record(_ fingerprint: String, warnings: [Diagnostic]) -> OutputFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = warnings.compactMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        return OutputFile(path: file, text: ([fingerprint] + lines).joined(separator: "\n") + "\n")
    }
}

import ChiboModel
import ChiboRender
import ChiboSupport
import Foundation

/// Releases under a root folder for nginx: `ROOT/releases/<time>/` holds each build and
/// `ROOT/current` is a symbolic link to the live one, swapped atomically (a new link renamed over
/// the old), so that nginx never serves a half-written site.
public struct Releases: Sendable {
    public let root: URL

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL
    }

    var releasesFolder: URL { root.appendingPathComponent("releases") }
    var current: URL { root.appendingPathComponent("current") }

    /// Release names, oldest first.
    public func list() -> [String] {
        ((try? Syscalls.entries(releasesFolder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The release `current` points at.
    public func live() -> String? {
        guard let destination = Syscalls.linkTarget(current.path) else { return nil }
        return URL(fileURLWithPath: destination).lastPathComponent
    }

    /// Whether `name` is one `publish` gives a release: `20261129T043512Z`, maybe with `-2`, `-3`...
    static func isReleaseName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count >= 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return false }
        let digits = bytes[0..<8] + bytes[9..<15]
        guard digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let suffix = bytes[16...]
        return suffix.isEmpty
            || suffix.first == UInt8(ascii: "-") && suffix.count > 1
                && suffix.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Writes `files` as a new release, points `current` at it and keeps the newest `keep` releases.
    /// Returns the new release's name.
    @discardableResult
    public func publish(_ files: [OutputFile], keep: Int, now: Date = Date()) throws -> String {
        try FileSystem.makeFolders(releasesFolder.path)
        let lock = try Lock(root.appendingPathComponent(".chibo.lock").path, what: root.path)
        defer { lock.release() }
        OutputWriter.removeStale(in: releasesFolder, prefix: ".new-")
        var name = Self.name(for: now)
        var suffix = 2
        while Syscalls.exists(releasesFolder.appendingPathComponent(name).path) {
            name = Self.name(for: now) + "-\(suffix)"
            suffix += 1
        }
        let staging = releasesFolder.appendingPathComponent(".new-\(Syscalls.processID)")
        let previous = live().map { releasesFolder.appendingPathComponent($0) }
        do {
            _ = try OutputWriter.write(files, into: staging, previous: previous)
            try Syscalls.rename(staging.path, to: releasesFolder.appendingPathComponent(name).path)
        } catch {
            try? FileSystem.removeTree(staging.path)
            throw error
        }
        try point(at: name)
        prune(keep: max(1, keep))
        return name
    }

    /// Points `current` at the release before the live one; returns its name.
    @discardableResult
    public func rollback() throws -> String {
        let lock = try Lock(root.appendingPathComponent(".chibo.lock").path, what: root.path)
        defer { lock.release() }
        let releases = list()
        guard let live = live(), let index = releases.firstIndex(of: live) else {
            throw OutputFailure.noLiveRelease(link: current.path)
        }
        guard index > 0 else {
            throw OutputFailure.noEarlierRelease(live: live)
        }
        try point(at: releases[index - 1])
        return releases[index - 1]
    }

    /// A new link beside `current`, renamed over it: rename(2) replaces the link atomically.
    func point(at release: String) throws {
        let temporary = root.appendingPathComponent(".current-\(Syscalls.processID)")
        try? Syscalls.remove(temporary.path)
        try Syscalls.makeLink(temporary.path, to: "releases/" + release)
        do {
            try Syscalls.rename(temporary.path, to: current.path)
        } catch {
            try? Syscalls.remove(temporary.path)
            if error.isInTheWay { throw OutputFailure.notALink(path: current.path) }
            throw SystemError("replace the link", current.path, errno: error.errno)
        }
    }

    /// Removes the oldest releases beyond `keep`, never the live one.
    func prune(keep: Int) {
        let live = live()
        let releases = list()
        for name in releases.dropLast(keep) where name != live {
            try? FileSystem.removeTree(releasesFolder.appendingPathComponent(name).path)
        }
    }

    /// `20261129T043512Z`: sorts by time.
    static func name(for date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let day = Day.fromDaysSinceEpoch(Int((Double(seconds) / 86400).rounded(.down)))
        let rest = seconds - Int((Double(seconds) / 86400).rounded(.down)) * 86400
        return "\(day.year.zeroPadded(4))\(day.month.zeroPadded(2))\(day.day.zeroPadded(2))T"
            + "\((rest / 3600).zeroPadded(2))\((rest % 3600 / 60).zeroPadded(2))\((rest % 60).zeroPadded(2))Z"
    }
}

import ChiboModel
import ChiboRender
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
        ((try? FileManager.default.contentsOfDirectory(atPath: releasesFolder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The release `current` points at.
    public func live() -> String? {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else {
            return nil
        }
        return URL(fileURLWithPath: destination).lastPathComponent
    }

    /// Writes `files` as a new release, points `current` at it and keeps the newest `keep` releases.
    /// Returns the new release's name.
    @discardableResult
    public func publish(_ files: [OutputFile], keep: Int, now: Date = Date()) throws -> String {
        let manager = FileManager.default
        try manager.createDirectory(at: releasesFolder, withIntermediateDirectories: true)
        let lock = try Lock(root.appendingPathComponent(".chibo.lock").path, what: root.path)
        defer { lock.release() }
        OutputWriter.removeStale(in: releasesFolder, prefix: ".new-")
        var name = Self.name(for: now)
        var suffix = 2
        while manager.fileExists(atPath: releasesFolder.appendingPathComponent(name).path) {
            name = Self.name(for: now) + "-\(suffix)"
            suffix += 1
        }
        let staging = releasesFolder.appendingPathComponent(".new-\(getpid())")
        let previous = live().map { releasesFolder.appendingPathComponent($0) }
        do {
            try OutputWriter.write(files, into: staging, previous: previous)
            try manager.moveItem(at: staging, to: releasesFolder.appendingPathComponent(name))
        } catch {
            try? manager.removeItem(at: staging)
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
            throw OutputWriter.Failure(description: "\(current.path) does not point at a release; nothing to roll back")
        }
        guard index > 0 else {
            throw OutputWriter.Failure(description: "\(live) is the oldest release kept; there is none before it")
        }
        try point(at: releases[index - 1])
        return releases[index - 1]
    }

    /// A new link beside `current`, renamed over it: rename(2) replaces the link atomically.
    func point(at release: String) throws {
        let temporary = root.appendingPathComponent(".current-\(getpid())")
        unlink(temporary.path)
        guard symlink("releases/" + release, temporary.path) == 0 else {
            throw OutputWriter.Failure(description: "cannot create a link at \(temporary.path)")
        }
        guard rename(temporary.path, current.path) == 0 else {
            unlink(temporary.path)
            throw OutputWriter.Failure(
                description: "cannot replace \(current.path); it must be a link (move a folder there out of the way)")
        }
    }

    /// Removes the oldest releases beyond `keep`, never the live one.
    func prune(keep: Int) {
        let live = live()
        let releases = list()
        for name in releases.dropLast(keep) where name != live {
            try? FileManager.default.removeItem(at: releasesFolder.appendingPathComponent(name))
        }
    }

    /// `20261129T043512Z`: sorts by time.
    static func name(for date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let day = Day.fromDaysSinceEpoch(Int((Double(seconds) / 86400).rounded(.down)))
        let rest = seconds - Int((Double(seconds) / 86400).rounded(.down)) * 86400
        return "\(Day.pad(day.year, 4))\(Day.pad(day.month, 2))\(Day.pad(day.day, 2))T"
            + "\(Day.pad(rest / 3600, 2))\(Day.pad(rest % 3600 / 60, 2))\(Day.pad(rest % 60, 2))Z"
    }
}

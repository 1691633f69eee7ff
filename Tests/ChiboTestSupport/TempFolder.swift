import Foundation

/// A folder under the system's temporary folder, filled with the given files, removed on `remove()`.
public struct TempFolder: Sendable {
    public let path: String

    public init(_ files: [String: String] = [:]) throws {
        path = NSTemporaryDirectory() + "chibo-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try write(name, Array(text.utf8))
        }
    }

    public func write(_ name: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }

    public func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Paths of the package, for tests that use the bundled content, the theme and the fixtures.
public enum PackagePaths {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var content: String { root + "/content" }
    public static var theme: String { root + "/site-theme" }
    public static var fixtures: String { root + "/Tests/Fixtures" }
}

/// The smallest valid `site.yaml`.
public let minimalSiteYAML = "title: Trang thử\norganization: Đảng ủy Khối thử\n"

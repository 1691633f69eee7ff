import Foundation

/// Wall time of the build's stages, printed to standard error when `CHIBO_TIMINGS` is set; for
/// profiling, never for output.
package enum Timings {
    static let enabled = ProcessInfo.processInfo.environment["CHIBO_TIMINGS"] != nil

    /// Runs `body` and, when timings are on, prints how long it took under `stage`.
    package static func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        // The resident memory after the stage, and the most it has been so far, for finding where it goes.
        let memory = "\(residentMegabytes("VmRSS")) MB resident, \(residentMegabytes("VmHWM")) MB at most"
        FileHandle.standardError.write(
            Data("chibo: \(stage): \(String(format: "%.0f", milliseconds)) ms, \(memory)\n".utf8))
        return result
    }

    /// A field of `/proc/self/status` in megabytes: `VmRSS` (resident now), `VmHWM` (at most so far).
    static func residentMegabytes(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}

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
        FileHandle.standardError.write(Data("chibo: \(stage): \(String(format: "%.0f", milliseconds)) ms\n".utf8))
        return result
    }
}

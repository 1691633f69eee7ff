import CCompression
import CDeflate
import ChiboRender
import Synchronization

/// Precompressed copies of text files for nginx's `gzip_static` and `brotli_static`.
public enum Compression {
    /// The libdeflate level of the `.gz` copies, which nginx sends to browsers over plain HTTP (they ask
    /// for `br` only over HTTPS). Chosen so that no reader gets a larger file for no gain in build time
    /// that matters (`Tests/bench/compression_levels.py`, docs/benchmarks.md, 2026-12-07): level 7
    /// makes 2,116 of the 2,364 corpus files' copies larger to save half of this compression's time,
    /// which only a full build pays (unchanged pages keep their copies); level 9 makes 170 larger;
    /// level 10 is 7% smaller on the corpus at 3.2 to 3.7 times the time.
    static let gzipLevel: Int32 = 8

    /// gzip through libdeflate, whose header has a zero time, no name and the OS byte "unknown", so
    /// the bytes depend only on the input (and the level).
    public static func gzip(_ input: [UInt8]) -> [UInt8]? {
        guard let compressor = Compressors.take() else { return nil }
        defer { Compressors.give(compressor) }
        // Text shrinks to well under half: start there and take the worst case only if it does not,
        // so that a file of hundreds of megabytes does not need as much again for its copy.
        if let half = gzip(input, compressor: compressor, capacity: input.count / 2 + 1024) { return half }
        return gzip(input, compressor: compressor, capacity: libdeflate_gzip_compress_bound(compressor, input.count))
    }

    /// gzip into an output of `capacity` bytes; nil when it does not fit.
    static func gzip(_ input: [UInt8], compressor: OpaquePointer, capacity: Int) -> [UInt8]? {
        compressed(capacity: capacity) { target in
            input.withUnsafeBytes { source in
                libdeflate_gzip_compress(compressor, source.baseAddress, source.count, target.baseAddress, target.count)
            }
        }
    }

    /// What `compress` writes into an output of `capacity` bytes, as an array of its own size; nil
    /// when `compress` gives 0 (it does not fit). The output is never filled beforehand: a large
    /// one's pages that the compressed bytes do not reach are never touched, so never resident (a
    /// 545 MB `data/scorecards.json` asked for 273 MB twice, zeroed, for copies of 24 and 16 MB).
    static func compressed(capacity: Int, _ compress: (UnsafeMutableRawBufferPointer) -> Int) -> [UInt8]? {
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(capacity, 1), alignment: 1)
        defer { output.deallocate() }
        let size = compress(UnsafeMutableRawBufferPointer(rebasing: output[..<capacity]))
        guard size > 0 else { return nil }
        return Array(output[..<size])
    }

    /// libdeflate compressors for reuse: each holds about a megabyte of tables, too much to allocate
    /// (and fault in) again for every page.
    enum Compressors {
        struct Handle: @unchecked Sendable { var pointer: OpaquePointer }
        static let free = Mutex<[Handle]>([])

        static func take() -> OpaquePointer? {
            if let handle = free.withLock({ $0.popLast() }) { return handle.pointer }
            return libdeflate_alloc_compressor(gzipLevel)
        }

        static func give(_ compressor: OpaquePointer) {
            free.withLock { $0.append(Handle(pointer: compressor)) }
        }
    }

    /// The Brotli quality of the `.br` copies, which nginx sends to browsers over HTTPS. Chosen by the
    /// same rule and measurement as `gzipLevel`: quality 7 makes 2,206 of the 2,364 corpus files'
    /// copies larger to save 7% of a whole build's CPU (15.9 against 17.1 s); quality 9 is no smaller
    /// file by file (1,259 larger); quality 10 is 5% smaller at 11 to 19 times the time. Unchanged
    /// files keep their compressed copies from the last build.
    static let brotliQuality: UInt32 = 8

    public static func brotli(_ input: [UInt8]) -> [UInt8]? {
        // As for gzip: half the input first, the worst case only when that is not enough.
        if let half = brotli(input, capacity: input.count / 2 + 1024) { return half }
        var size = BrotliEncoderMaxCompressedSize(input.count)
        if size == 0 { size = input.count + 1024 }
        return brotli(input, capacity: size)
    }

    /// Brotli into an output of `capacity` bytes; nil when it does not fit.
    static func brotli(_ input: [UInt8], capacity: Int) -> [UInt8]? {
        // A window no larger than the input: the encoder's tables follow the window, and a 4 MB
        // window for a 16 KB page costs more in page faults than the compression itself.
        var window: Int32 = 10
        while window < 24 && (1 << window) < input.count + 16 { window += 1 }
        return compressed(capacity: capacity) { target in
            var size = target.count
            let ok = input.withUnsafeBufferPointer { source in
                BrotliEncoderCompress(
                    Int32(brotliQuality), window, BROTLI_MODE_TEXT, source.count, source.baseAddress,
                    &size, target.baseAddress?.assumingMemoryBound(to: UInt8.self))
            }
            return ok == BROTLI_TRUE ? size : 0
        }
    }

    /// Text files that nginx serves compressed: HTML, CSS, JS, JSON, XML, SVG, CSV, ICS, TXT.
    public static func isCompressible(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return ["html", "css", "js", "json", "xml", "svg", "csv", "ics", "txt", "md"].contains(
            path[path.index(after: dot)...].lowercased())
    }
}

import CCompression
import CDeflate
import ChiboRender
import Synchronization

/// Precompressed copies of text files for nginx's `gzip_static` and `brotli_static`.
public enum Compression {
    /// The libdeflate level of the `.gz` copies: the lowest whose total is no larger than zlib level 9's
    /// (what chibo used before) on both the bundled site's pages and the 2,000-page benchmark corpus
    /// (`Tests/bench/compression_levels.py`, 2026-12-02): level 8 is 0.997 of zlib 9 on the bundled site
    /// (751,262 against 753,716 bytes) and 0.981 on the corpus (14.73 against 15.02 MB); level 7 is
    /// 1.007 on the bundled site. Levels 10 to 12 are 2 to 10% smaller and 1.5 to 3 times slower.
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
        var output = [UInt8](repeating: 0, count: capacity)
        let size = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                libdeflate_gzip_compress(compressor, source.baseAddress, source.count, target.baseAddress, target.count)
            }
        }
        guard size > 0 else { return nil }
        output.removeLast(output.count - size)
        return output
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

    /// The Brotli quality of the `.br` copies: the lowest whose total stays within 2% of quality 9's on
    /// both the bundled site's pages and the 2,000-page corpus (`Tests/bench/compression_levels.py`,
    /// 2026-12-02): quality 8 is 1.002 of quality 9 on the bundled site and 1.010 on the corpus at 0.6
    /// of its time; quality 7 is 1.022 on the corpus, 6 is 1.021 and 1.050. Unchanged files keep their
    /// compressed copies from the last build.
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
        var size = capacity
        var output = [UInt8](repeating: 0, count: size)
        // A window no larger than the input: the encoder's tables follow the window, and a 4 MB
        // window for a 16 KB page costs more in page faults than the compression itself.
        var window: Int32 = 10
        while window < 24 && (1 << window) < input.count + 16 { window += 1 }
        let ok = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                BrotliEncoderCompress(
                    Int32(brotliQuality), window, BROTLI_MODE_TEXT, source.count, source.baseAddress,
                    &size, target.baseAddress)
            }
        }
        guard ok == BROTLI_TRUE else { return nil }
        output.removeLast(output.count - size)
        return output
    }

    /// Text files that nginx serves compressed: HTML, CSS, JS, JSON, XML, SVG, CSV, ICS, TXT.
    public static func isCompressible(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return ["html", "css", "js", "json", "xml", "svg", "csv", "ics", "txt", "md"].contains(
            path[path.index(after: dot)...].lowercased())
    }
}

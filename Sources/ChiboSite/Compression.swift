import CCompression
import ChiboRender

/// Precompressed copies of text files for nginx's `gzip_static` and `brotli_static`.
public enum Compression {
    /// gzip (zlib, best level) with no name and a zero time in the header, so the bytes depend only on the input.
    public static func gzip(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        // Text shrinks to well under half: start there and grow only if it does not, so that a file of
        // hundreds of megabytes does not need as much again for its copy.
        var output = [UInt8](repeating: 0, count: input.count / 2 + 1024)
        var input = input
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while status == Z_OK || status == Z_BUF_ERROR {
                let written = Int(stream.total_out)
                if written == output.count {
                    output.append(contentsOf: repeatElement(0, count: max(1024, output.count / 2)))
                }
                status = output.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress.map { $0 + written }
                    stream.avail_out = uInt(target.count - written)
                    return deflate(&stream, Z_FINISH)
                }
                if status == Z_BUF_ERROR && stream.avail_out > 0 { break }
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    /// Brotli quality 6: on the site's pages within 2% of quality 9 in size and ten times faster, so
    /// a full build stays quick; unchanged files keep their compressed copies from the last build.
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
                    6, window, BROTLI_MODE_TEXT, source.count, source.baseAddress,
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

    /// The files plus a `.gz` and a `.br` beside every compressible file of `minimum` bytes or more.
    public static func precompressed(_ files: [OutputFile], minimum: Int = 1024) -> [OutputFile] {
        var result = files
        for file in files where file.bytes.count >= minimum && isCompressible(file.path) {
            if let gz = gzip(file.bytes), gz.count < file.bytes.count {
                result.append(OutputFile(path: file.path + ".gz", bytes: gz))
            }
            if let br = brotli(file.bytes), br.count < file.bytes.count {
                result.append(OutputFile(path: file.path + ".br", bytes: br))
            }
        }
        return result.sorted { $0.path < $1.path }
    }
}

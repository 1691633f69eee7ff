import ChiboModel
import ChiboSupport
import Foundation

/// Turning a content file's bytes into text: UTF-8 (a leading BOM allowed), normalised to NFC.
enum SourceText {
    /// The text of `bytes`, or nil with a diagnostic naming the line and column of the first byte that
    /// is not UTF-8.
    static func decode(_ bytes: [UInt8], file: String, diagnostics: inout Diagnostics) -> String? {
        decodeUTF8(bytes, file: file, diagnostics: &diagnostics).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 of the text of `bytes` in NFC, without the BOM, or nil with a diagnostic naming the
    /// line and column of the first byte that is not UTF-8.
    static func decodeUTF8(_ bytes: [UInt8], file: String, diagnostics: inout Diagnostics) -> [UInt8]? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = firstInvalidUTF8Offset(body) {
            let before = body[body.startIndex..<bad]
            let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let column = String(decoding: body[lineStart..<bad], as: UTF8.self).unicodeScalars.count + 1
            let byte = String(body[bad], radix: 16, uppercase: true)
            diagnostics.error(
                SourceLocation(file: file, line: line, column: column),
                .notUTF8(byte: byte, offset: bad - bytes.startIndex))
            return nil
        }
        // The whole file is normalised once here, so values read from it are NFC already.
        return nfc(body)
    }

    /// `bytes` (valid UTF-8) in NFC. A line end never composes with what is around it, so each line
    /// is normalised on its own, and only a line that NFC might change goes through the full
    /// normalisation: the cost follows the lines that need it, not the file.
    static func nfc(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        if isSurelyNFC(bytes) { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.endIndex
            let line = bytes[start..<end]
            if isSurelyNFC(line) {
                out.append(contentsOf: line)
            } else {
                out.append(contentsOf: String(decoding: line, as: UTF8.self).nfc.utf8)
            }
            start = end
        }
        return out
    }

    /// Whether NFC leaves valid UTF-8 `bytes` as they are, by `String.isSurelyNFC`'s rule read over
    /// the bytes: scalars below U+0300, precomposed Vietnamese (U+1E00 to U+1EFF), punctuation
    /// (U+2010 to U+206F).
    static func isSurelyNFC(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index = asciiEnd(bytes, from: index + 1)
            } else if lead < 0xCC {
                index += 2
            } else if index + 2 < end, lead == 0xE1, (0xB8...0xBB).contains(bytes[index + 1]) {
                index += 3
            } else if index + 2 < end, lead == 0xE2,
                (bytes[index + 1] == 0x80 && bytes[index + 2] >= 0x90)
                    || (bytes[index + 1] == 0x81 && bytes[index + 2] < 0xB0)
            {
                index += 3
            } else {
                return false
            }
        }
        return true
    }

    /// `text` with CRLF (Windows) and lone CR (old Mac) line ends turned into LF, so that every reader
    /// counts lines alike; a line keeps its number.
    static func normalizingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var afterCR = false
        for byte in text.utf8 {
            if byte == 0x0A && afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == 0x0D
            bytes.append(afterCR ? 0x0A : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The index of the first byte from `start` that is not ASCII, or the end; eight bytes at a time.
    @inline(__always)
    static func asciiEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let base = bytes.startIndex
            var offset = start - base
            let count = buffer.count
            if let address = buffer.baseAddress {
                let raw = UnsafeRawPointer(address)
                while offset + 8 <= count,
                    raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    offset += 8
                }
            }
            while offset < count && buffer[offset] < 0x80 { offset += 1 }
            return base + offset
        }
    }

    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index = asciiEnd(bytes, from: index + 1)
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return index
            }
            guard index + length <= end else { return index }
            for offset in 1..<length {
                let byte = bytes[index + offset]
                let (lo, hi): (UInt8, UInt8) = offset == 1 ? (low, high) : (0x80, 0xBF)
                if byte < lo || byte > hi { return index }
            }
            index += length
        }
        return nil
    }
}

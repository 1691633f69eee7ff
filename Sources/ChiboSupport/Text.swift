import Foundation

// Text helpers every stage uses: NFC, control characters, trimming, byte-wise replacing, padding.

extension String {
    /// The canonical decomposition (NFD) of the text, as scalars.
    package var decomposedScalars: String.UnicodeScalarView {
        decomposedStringWithCanonicalMapping.unicodeScalars
    }

    /// The text in Unicode Normalization Form C, the form every text is kept in.
    package var nfc: String { isSurelyNFC ? self : precomposedStringWithCanonicalMapping }

    /// True for text that NFC cannot change: only scalars below U+0300 (Basic Latin to Latin
    /// Extended-B), precomposed Vietnamese letters (U+1E00 to U+1EFF) and general punctuation
    /// (U+2010 to U+206F: dashes, curly quotes, ellipsis; none decomposes or composes), no
    /// combining marks. Anything else goes through the full normalisation.
    package var isSurelyNFC: Bool {
        unicodeScalars.allSatisfy {
            $0.value < 0x0300 || (0x1E00...0x1EFF).contains($0.value) || (0x2010...0x206F).contains($0.value)
        }
    }
}

extension String {
    /// The text on one line for a message naming a path or a name: see `MessageText.oneLine`.
    package var printable: String { MessageText.oneLine(self) }
}

extension Unicode.Scalar {
    /// A control character other than tab and the line ends: C0 controls (NUL, ESC...), DEL and the
    /// C1 controls. No text of the content may hold one.
    package var isControlCharacter: Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
    }

    /// A noncharacter: U+FDD0 to U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
    /// U+1FFFE, ... U+10FFFF). Unicode keeps them for a program's own use; in a file they are never
    /// text, and XML (the workbooks chibo writes) cannot hold U+FFFE and U+FFFF at all.
    package var isNoncharacter: Bool { (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE }

    /// A scalar no text of the content may hold: a control character or a noncharacter. Every reader
    /// refuses it at its line and column (`DiagnosticCode.controlCharacter`).
    package var isRefusedInText: Bool { isControlCharacter || isNoncharacter }

    /// How a message names a refused scalar: `the control character U+001B`, `the noncharacter U+FFFF`.
    package var refusedName: String {
        (isNoncharacter ? "the noncharacter " : "the control character ") + codePoint
    }

    /// `U+001B`.
    package var codePoint: String {
        "U+" + value.zeroPadded(4, radix: 16, uppercase: true)
    }
}

extension StringProtocol {
    /// The first scalar no text may hold (see `Unicode.Scalar.isRefusedInText`: a control character
    /// or a noncharacter), with the number of line ends before it and its column (1-based) on its
    /// line; nil when there is none.
    package var firstRefusedCharacter: (scalar: Unicode.Scalar, lines: Int, column: Int)? {
        // Only these lead bytes begin a control character (C1 is C2 80 to C2 9F) or a noncharacter
        // (EF B7 90 to EF B7 AF, EF BF BE and BF, and four-byte ones).
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF || $0 >= 0xF0 }) else {
            return nil
        }
        var lines = 0
        var column = 1
        for scalar in unicodeScalars {
            if scalar.isRefusedInText { return (scalar, lines, column) }
            if scalar == "\n" {
                lines += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }
}

extension String {
    /// Appends `text` with each byte for which `replacement` gives text replaced by it; the runs in
    /// between are copied whole. Only ASCII bytes should be replaced: they never sit inside a
    /// multi-byte character. The one loop behind HTML escaping, JSON quoting and `replacing(ascii:)`.
    @inlinable
    package mutating func append(_ text: Substring, replacingBytes replacement: (UInt8) -> String?) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if let substitute = replacement(utf8[index]) {
                self += text[start..<index]
                self += substitute
                utf8.formIndex(after: &index)
                start = index
            } else {
                utf8.formIndex(after: &index)
            }
        }
        self += text[start..<utf8.endIndex]
    }
}

extension StringProtocol {
    /// The text with every `target` scalar (ASCII) replaced, without the trip through NSString that
    /// Foundation's `replacingOccurrences(of:with:)` takes. Unlike that, a target followed by a
    /// combining mark is replaced too.
    package func replacing(ascii target: Unicode.Scalar, with replacement: String) -> String {
        let text = Substring(self)
        let byte = UInt8(truncatingIfNeeded: target.value)
        guard text.utf8.contains(byte) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        out.append(text) { $0 == byte ? replacement : nil }
        return out
    }
}

extension StringProtocol {
    /// Whether UTF-8 text whose first byte is `byte` starts with a scalar that is surely not white
    /// space: printable ASCII, or a lead byte no white space (U+0085, U+00A0, U+1680, U+2000 to
    /// U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) starts with.
    @inline(__always)
    static func startsNoSpace(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) || (byte >= 0xC3 && byte != 0xE1 && byte != 0xE2 && byte != 0xE3)
    }

    /// Whether UTF-8 text whose last byte is `byte` ends with a scalar that is surely not white
    /// space: printable ASCII, or a last byte no white space ends with.
    @inline(__always)
    static func endsNoSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x7E: return true
        case 0x80...0x8A, 0x9F, 0xA0, 0xA8, 0xA9, 0xAF: return false
        case 0x81...0xBF: return true
        default: return false
        }
    }

    /// The text without leading and trailing spaces, tabs and line ends.
    package var trimmingSpaces: String {
        let text = String(self)
        // The end bytes straight from the storage: `utf8.last` walks index by index.
        let ends = text.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }
        if let (first, last) = ends ?? text.utf8.first.flatMap({ first in text.utf8.last.map { (first, $0) } }),
            Self.startsNoSpace(first), Self.endsNoSpace(last)
        {
            return text
        }
        // Most values have nothing to trim: printable ASCII or letters at both ends.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.value > 0x20, first.value != 0x7F, last.value > 0x20, last.value != 0x7F,
            first.value < 0x80 || !first.properties.isWhitespace, last.value < 0x80 || !last.properties.isWhitespace
        {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension BinaryInteger {
    /// The number in `radix` (10 unless told) with leading zeros to `width` digits: `7` → `"07"`.
    package func zeroPadded(_ width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
        let digits = String(self, radix: radix, uppercase: uppercase)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}

/// How text from the content is shown in a message that is printed as one line (a diagnostic, a
/// system error): the one table of escapes and the one length limit, so that no value can break a
/// line, forge a second message, reorder what a terminal shows or fill a screen.
///
/// A scalar is written as an escape when a reader could not see it or it would act on the output:
/// the line ends (`\n`, `\r`), tab (`\t`), other controls (C0, DEL, C1), the line and paragraph
/// separators, format characters (bidi overrides and isolates, zero-width spaces and joiners, the
/// byte order mark, soft hyphen), spaces other than U+0020, private-use and unassigned code points,
/// noncharacters and lone surrogates: `\u{202E}`.
package enum MessageText {
    /// The most characters of a value a message quotes; a longer value is cut and ends in `…`.
    package static let valueLimit = 80
    /// The most characters of a whole message (or a file name) on its line.
    package static let lineLimit = 1000

    /// `"value"` (or between other marks, `` `name` ``) for a message: escaped, and the mark and `\`
    /// too so that the value's end is unmistakable; at most `limit` characters of it, then `…`.
    package static func quoted(
        _ value: some StringProtocol, with mark: Unicode.Scalar = "\"", limit: Int = valueLimit
    ) -> String {
        String(mark) + escaped(value, limit: limit, mark: mark) + String(mark)
    }

    /// The text on one line: escaped, at most `limit` characters, then `…`. Text that is already
    /// one line of visible characters (what `quoted` and `oneLine` return) comes back unchanged.
    package static func oneLine(_ text: some StringProtocol, limit: Int = lineLimit) -> String {
        escaped(text, limit: limit, mark: nil)
    }

    /// Whether the scalar is shown as an escape rather than as itself.
    package static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return true
        case .spaceSeparator:
            return true
        default:
            return scalar.properties.isNoncharacterCodePoint
        }
    }

    /// The escape of a scalar that `isEscaped`: `\n`, `\r`, `\t`, else `\u{XXXX}` (hexadecimal, at
    /// least four digits).
    package static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + scalar.value.zeroPadded(4, radix: 16, uppercase: true) + "}"
        }
    }

    private static func escaped(_ text: some StringProtocol, limit: Int, mark: Unicode.Scalar?) -> String {
        let markByte = mark.map { UInt8(truncatingIfNeeded: $0.value) }
        let plain = text.utf8.allSatisfy {
            $0 >= 0x20 && $0 < 0x7F && (markByte == nil || ($0 != markByte && $0 != 0x5C))
        }
        if plain && text.utf8.count <= limit { return String(text) }
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            let piece: String.UnicodeScalarView
            if isEscaped(scalar) {
                piece = escape(scalar).unicodeScalars
            } else if mark != nil && (scalar == mark || scalar == "\\") {
                piece = ("\\" + String(scalar)).unicodeScalars
            } else {
                piece = String(scalar).unicodeScalars
            }
            guard count + piece.count <= limit else {
                out.append("…")
                break
            }
            out.append(contentsOf: piece)
            count += piece.count
        }
        return String(out)
    }
}

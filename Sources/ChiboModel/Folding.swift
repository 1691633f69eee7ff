import Foundation

/// Vietnamese text folded for matching and for URLs.
///
/// Readers often type without diacritics ("tham nhung" for "tham nhũng"), and URLs and anchors
/// must be plain ASCII. Folding decomposes the text (NFD), drops every combining mark (tones and
/// vowel marks), maps đ/Đ to d/D and lower-cases the result.
public enum Folding {
    /// The folded, lower-cased form of `text`: "Đảng ủy" → "dang uy".
    public static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in String(text).decomposedScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x0110, 0x0111: out.append("d")
            default:
                if scalar.isASCII {
                    if (0x41...0x5A).contains(scalar.value), let lower = Unicode.Scalar(scalar.value + 32) {
                        out.append(lower)
                    } else {
                        out.append(scalar)
                    }
                } else {
                    out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
        }
        return String(out)
    }

    /// An ASCII slug: the folded text with every run of characters other than `a-z` and `0-9`
    /// turned into one `-`, and no `-` at either end. "Bước 2: Khai mạc" → "buoc-2-khai-mac".
    public static func slug(_ text: some StringProtocol) -> String {
        var out = ""
        var pendingDash = false
        for scalar in fold(text).unicodeScalars {
            let isWord = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWord {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// The key under which a document number is matched: folded, upper-cased, without spaces,
    /// so that "08-HD/ĐUK", "08-hd/đuk" and "08-HD/DUK" are one number.
    public static func documentNumberKey(_ number: some StringProtocol) -> String {
        fold(number).uppercased().filter { !$0.isWhitespace }
    }
}

extension String {
    /// The canonical decomposition (NFD) of the text, as scalars.
    var decomposedScalars: String.UnicodeScalarView {
        decomposedStringWithCanonicalMapping.unicodeScalars
    }

    /// The text in Unicode Normalization Form C, the form every text is kept in.
    public var nfc: String { isSurelyNFC ? self : precomposedStringWithCanonicalMapping }

    /// True for text that NFC cannot change: only scalars below U+0300 (Basic Latin to Latin
    /// Extended-B) and precomposed Vietnamese letters (U+1E00 to U+1EFF), no combining marks.
    /// Anything else goes through the full normalisation.
    var isSurelyNFC: Bool {
        unicodeScalars.allSatisfy { $0.value < 0x0300 || (0x1E00...0x1EFF).contains($0.value) }
    }
}

extension StringProtocol {
    /// The text with characters a reader cannot see (zero-width spaces, byte order marks, controls,
    /// unusual spaces) written as `<U+200B>`, so a message can show why two ids that look alike differ.
    public var visible: String {
        var out = ""
        for scalar in unicodeScalars {
            let category = scalar.properties.generalCategory
            let invisible =
                category == .format || category == .control || category == .lineSeparator
                || category == .paragraphSeparator || (category == .spaceSeparator && scalar != " ")
            if invisible {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex + ">"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

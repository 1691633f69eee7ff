import ChiboSupport
import Foundation

/// Vietnamese text folded for matching and for URLs.
///
/// Readers often type without diacritics ("tham nhung" for "tham nhũng"), and URLs and anchors
/// must be plain ASCII. Folding decomposes the text (NFD), drops every combining mark (tones and
/// vowel marks), maps đ/Đ to d/D and lower-cases the result.
public enum Folding {
    /// The folded, lower-cased form of `text`: "Đảng ủy" → "dang uy".
    public static func fold(_ text: some StringProtocol) -> String {
        // Fast path: ASCII, combining marks and the Latin and Vietnamese letters below U+2000 fold
        // scalar by scalar through a table. Anything else takes the full decomposition.
        let table = FoldTable.shared
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.unicodeScalars.append(
                    (0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 32)) : scalar)
            } else if (0x0300...0x036F).contains(value) {
                continue
            } else if value < FoldTable.limit, let folded = table.folded[Int(value)] {
                out += folded
            } else {
                return slowFold(text)
            }
        }
        return out
    }

    /// Folding by the full canonical decomposition.
    static func slowFold(_ text: some StringProtocol) -> String {
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

    /// Whether a scalar belongs to a word: a letter, a digit or a combining mark.
    @inline(__always)
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        if value < FoldTable.limit { return FoldTable.shared.isWord[Int(value)] }
        return FoldTable.isWordByProperties(scalar)
    }

    /// Appends the UTF-8 of the scalar in lower case.
    @inline(__always)
    public static func appendLowercased(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            bytes.append(UInt8((0x41...0x5A).contains(value) ? value + 32 : value))
            return
        }
        if value < FoldTable.limit, case let lower = FoldTable.shared.lower[Int(value)], lower != 0 {
            // Below U+2000, so one to three bytes.
            if lower < 0x80 {
                bytes.append(UInt8(lower))
            } else if lower < 0x800 {
                bytes.append(UInt8(0xC0 | (lower >> 6)))
                bytes.append(UInt8(0x80 | (lower & 0x3F)))
            } else {
                bytes.append(UInt8(0xE0 | (lower >> 12)))
                bytes.append(UInt8(0x80 | ((lower >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (lower & 0x3F)))
            }
            return
        }
        bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
    }

    /// Whether lower-casing changes the scalar.
    @inline(__always)
    public static func isUppercaseScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) }
        if value < FoldTable.limit { return FoldTable.shared.isUpper[Int(value)] }
        return scalar.properties.changesWhenLowercased
    }

    /// The longest part of a URL (a folder or file name in the output) that chibo makes: a file name
    /// on Linux is at most 255 bytes, and each file gets `.gz` and `.br` copies beside it.
    public static let longestURLSegment = 200
    /// The longest output path: Linux paths are at most 4,096 bytes, with room for the output folder.
    public static let longestURLPath = 2_000

    /// Why a URL made from content (`parts`, the last one new) would not fit in the output, or nil.
    public static func urlLengthProblem(_ parts: [String]) -> DiagnosticMessage? {
        if let last = parts.last, last.utf8.count > longestURLSegment {
            return .urlPartTooLong(bytes: last.utf8.count, start: String(last.prefix(40)), limit: longestURLSegment)
        }
        let total = parts.reduce(0) { $0 + $1.utf8.count + 1 }
        if total > longestURLPath {
            return .urlTooLong(bytes: total, limit: longestURLPath)
        }
        return nil
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

/// Folded forms and word membership of the scalars below U+2000, computed once.
struct FoldTable: Sendable {
    static let limit: UInt32 = 0x2000
    static let shared = FoldTable()

    /// The folded form of each non-ASCII scalar, nil where the table does not decide (combining marks
    /// of other ranges that could reorder, unassigned code points).
    let folded: [String?]
    let isWord: [Bool]
    let isUpper: [Bool]
    /// The lower case of each scalar when it is one scalar, else 0.
    let lower: [UInt32]

    init() {
        var lower = [UInt32](repeating: 0, count: Int(Self.limit))
        var folded = [String?](repeating: nil, count: Int(Self.limit))
        var isWord = [Bool](repeating: false, count: Int(Self.limit))
        var isUpper = [Bool](repeating: false, count: Int(Self.limit))
        for value in 0..<Self.limit {
            guard let scalar = Unicode.Scalar(value) else { continue }
            isWord[Int(value)] =
                value < 0x80
                ? ((0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value))
                : Self.isWordByProperties(scalar)
            isUpper[Int(value)] = scalar.properties.changesWhenLowercased
            let mapping = scalar.properties.lowercaseMapping.unicodeScalars
            if mapping.count == 1, let only = mapping.first { lower[Int(value)] = only.value }
            // A scalar with a canonical combining class of its own could reorder with its
            // neighbours under decomposition: leave those to the full path.
            // Only Latin (to Latin Extended-B) and Latin Extended Additional, which hold Vietnamese:
            // the decomposition is slow, and other text takes the full path anyway.
            let isLatin = (0x80...0x24F).contains(value) || (0x1E00...0x1EFF).contains(value)
            if isLatin, scalar.properties.canonicalCombiningClass == .notReordered {
                folded[Int(value)] = Folding.slowFold(String(scalar))
            }
        }
        self.folded = folded
        self.isWord = isWord
        self.isUpper = isUpper
        self.lower = lower
    }

    static func isWordByProperties(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
            || scalar.properties.numericType != nil
    }
}

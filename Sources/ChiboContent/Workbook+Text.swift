extension Workbook {
    /// The text of `bytes` (UTF-8 of a cell, a shared string or a sheet name) with Excel's escapes
    /// decoded: Office Open XML writes a UTF-16 unit XML cannot hold, and any text that looks like an
    /// escape, as `_xHHHH_` (`_x0007_` is BEL, `_x000D_` a carriage return, `_x005F_` the underscore
    /// that keeps the next `_x` as it is written), ECMA-376 Part 1, 22.9.2.19 ST_Xstring. A pair of
    /// escaped surrogates is one character; a lone surrogate stays as written. With `lineEnds`, a
    /// CRLF or a lone CR becomes LF, as the CSV reader reads a cell over lines.
    static func text(_ bytes: [UInt8], lineEnds: Bool) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "\r") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let decoded = unescaped(bytes)
        return String(decoding: lineEnds ? linesEndingInLF(decoded) : decoded, as: UTF8.self)
    }

    /// `bytes` with every escape `_xHHHH_` written as the character it stands for.
    static func unescaped(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let unit = escapedUnit(bytes, at: index) {
                if UTF16.isLeadSurrogate(unit), let trail = escapedUnit(bytes, at: index + 7),
                    UTF16.isTrailSurrogate(trail)
                {
                    let scalar = UTF16.decode(UTF16.EncodedScalar([unit, trail]))
                    out.append(contentsOf: String(Character(scalar)).utf8)
                    index += 14
                    continue
                }
                if let scalar = Unicode.Scalar(unit) {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                    index += 7
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    /// `bytes` with each CRLF and lone CR written as LF.
    static func linesEndingInLF(_ bytes: [UInt8]) -> [UInt8] {
        let carriageReturn = UInt8(ascii: "\r")
        guard bytes.contains(carriageReturn) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if byte != carriageReturn {
                out.append(byte)
            } else if index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n") {
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out
    }

    /// The UTF-16 unit of the escape `_xHHHH_` at `index`, or nil when none starts there.
    static func escapedUnit(_ bytes: [UInt8], at index: Int) -> UInt16? {
        guard index >= 0, index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"),
            bytes[index + 1] == UInt8(ascii: "x"), bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var unit: UInt16 = 0
        for byte in bytes[(index + 2)..<(index + 6)] {
            guard let digit = hexDigit(byte) else { return nil }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

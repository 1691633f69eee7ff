import ChiboModel

/// HTML escaping, the same rules libcmark uses.
public enum HTML {
    /// Text and attribute values: `&`, `<`, `>` and `"` become entities.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        appendEscaped(text, to: &out)
        return out
    }

    /// Appends `text` escaped as by `escape(_:)`: runs without a special byte are copied whole.
    public static func appendEscaped(_ text: some StringProtocol, to out: inout String) {
        out.append(Substring(text)) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            default: nil
            }
        }
    }

    /// A URL for an `href` or `src` attribute: unsafe bytes percent-encoded, `&` and `'` as entities.
    public static func escapeURL(_ url: some StringProtocol) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "&"): out += "&amp;"
            case UInt8(ascii: "'"): out += "&#x27;"
            default:
                if "-_.+!*(),%#@?=;:/$~".utf8.contains(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out.append("%")
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                }
            }
        }
        return out
    }
}

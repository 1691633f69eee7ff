import ChiboModel
import ChiboSupport

/// HTML escaping with libcmark's rules, through chibo's one table of entities (`HTMLEntity`).
public enum HTML {
    /// Text and attribute values: `&`, `<`, `>` and `"` become entities.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        appendEscaped(text, to: &out)
        return out
    }

    /// Appends `text` escaped as by `escape(_:)`: runs without a special byte are copied whole. A
    /// `'` in text stays as it is, as libcmark leaves it.
    public static func appendEscaped(_ text: some StringProtocol, to out: inout String) {
        out.append(Substring(text)) { byte in byte == UInt8(ascii: "'") ? nil : HTMLEntity.text(byte) }
    }

    /// Text escaped as by `escape(_:)`, with each document number in it ("08-HD/ĐUK") in a
    /// `<span class="nowrap">`, so that a number never breaks at its `-` or `/` ("08-⏎HD/ĐUK").
    public static func keepingNumbersTogether(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        for mention in DocumentNumbers.mentions(in: text) {
            appendEscaped(rest[rest.startIndex..<mention.range.lowerBound], to: &out)
            out += "<span class=\"nowrap\">"
            appendEscaped(text[mention.range], to: &out)
            out += "</span>"
            rest = text[mention.range.upperBound...]
        }
        appendEscaped(rest, to: &out)
        return out
    }

    /// A URL for an `href` or `src` attribute: unsafe bytes percent-encoded, `&` and `'` as entities
    /// (libcmark writes `'` as `&#x27;`, the same character; chibo writes every `'` as `&#39;`).
    public static func escapeURL(_ url: some StringProtocol) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "&"), UInt8(ascii: "'"): out += HTMLEntity.text(byte) ?? ""
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

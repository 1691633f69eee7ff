import ChiboSupport
import Testing

@testable import ChiboContent

/// Settings that reach an output as a URL are checked as what they are.
@Suite struct BaseURLTests {
    @Test(arguments: [
        ("https://intranet.example", "https://intranet.example"),
        ("https://Intranet.Example/", "https://intranet.example"),
        ("http://10.0.0.5:8080/so-tay/", "http://10.0.0.5:8080/so-tay"),
        ("https://[::1]:8443", "https://[::1]:8443"),
        ("HTTPS://a.example/x_y.z~", "https://a.example/x_y.z~"),
    ])
    func addressesAreAccepted(value: String, normalized: String) {
        #expect(SiteLoader.normalizeBaseURL(value) == normalized)
    }

    @Test(arguments: [
        "https://a.example\r\nATTENDEE:mailto:x", "https://a.example/ x", "https://a.example/\"x",
        "https://u@a.example",
        "https://a.example/?q=1", "https://a.example/#x", "https://a.example:0", "https://a.example:99999",
        "https://a.example:8a", "https://", "ftp://a.example", "javascript:alert(1)", "https://a.example/../x",
        "https://[zz]", "https://a.example/<b>", "https://a.example/%0d",
    ])
    func otherValuesAreRefused(value: String) {
        #expect(SiteLoader.normalizeBaseURL(value) == nil)
    }
}

/// The ASCII runs skipped eight bytes at a time find the same first bad byte and NFC answer as
/// byte by byte, wherever the byte falls against the eight-byte steps.
@Suite struct SourceTextASCIIRunTests {
    func bytewiseFirstInvalid(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            // Only the one bad byte 0xFF and the two-byte "é" are used below.
            if bytes[index] == 0xC3 && index + 1 < bytes.count && bytes[index + 1] == 0xA9 {
                index += 2
                continue
            }
            return index
        }
        return nil
    }

    @Test func badByteAtEveryOffset() {
        for length in 0..<40 {
            for position in 0..<max(length, 1) {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                if position < length { bytes[position] = 0xFF }
                let slice = bytes[...]
                #expect(SourceText.firstInvalidUTF8Offset(slice) == bytewiseFirstInvalid(bytes))
                // A slice that does not start at 0: the offset is still an index of the array.
                if length > 3 {
                    let tail = bytes[3...]
                    let expected = bytewiseFirstInvalid(Array(tail)).map { $0 + 3 }
                    #expect(SourceText.firstInvalidUTF8Offset(tail) == expected)
                }
                var accented = bytes
                if position < length { accented.replaceSubrange(position...position, with: [0xC3, 0xA9]) }
                #expect(SourceText.firstInvalidUTF8Offset(accented[...]) == nil)
                #expect(SourceText.isSurelyNFC(accented[...]))
                #expect(SourceText.isSurelyNFC((accented + [0xCC, 0x81])[...]) == false)
            }
        }
    }
}

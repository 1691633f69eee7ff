import Testing

@testable import ChiboPreview

/// The preview's request reader: what a browser sends is read, every other head is refused with the
/// status that says why, and nothing it reads can name a file other than the one asked for.
@Suite struct PreviewRequestTests {
    func parse(_ text: String) throws(PreviewRequest.Refusal) -> PreviewRequest {
        let bytes = Array(text.utf8)
        return try PreviewRequest.parse(bytes[...])
    }

    func refusal(_ text: String) -> Int? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.status
        }
    }

    @Test func aBrowsersRequestIsRead() throws {
        let request = try parse(
            "GET /van-ban/quy-dinh/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:1313\r\nOrigin:  http://127.0.0.1:1313 \r\n"
                + "Accept: text/html\r\n\r\n")
        #expect(request.method == .get)
        #expect(request.path == "/van-ban/quy-dinh/")
        #expect(request.fields["host"] == "127.0.0.1:1313")
        #expect(request.fields["origin"] == "http://127.0.0.1:1313")
        #expect(request.query == "x=1")
        #expect(try parse("GET /a?b%20c#d HTTP/1.1\r\nHost: a\r\n\r\n").query == "b%20c")
        #expect(try parse("GET /a?\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n").query == nil)
        #expect(!request.closes)
        #expect(try parse("HEAD / HTTP/1.0\nHost: a\n\n").closes)
        #expect(try parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").closes)
    }

    @Test func aPathIsDecodedOnceAndItsSlashesMerged() throws {
        #expect(try parse("GET /%C4%91%C6%A1n-v%E1%BB%8B/ HTTP/1.1\r\nHost: a\r\n\r\n").path == "/đơn-vị/")
        #expect(try parse("GET /%2541 HTTP/1.1\r\nHost: a\r\n\r\n").path == "/%41")
        #expect(try parse("GET //evil.example/x HTTP/1.1\r\nHost: a\r\n\r\n").path == "/evil.example/x")
        #expect(try parse("GET /%2F%2Fevil.example HTTP/1.1\r\nHost: a\r\n\r\n").path == "/evil.example")
        #expect(try parse("GET ///a//b/ HTTP/1.1\r\nHost: a\r\n\r\n").path == "/a/b/")
    }

    @Test(arguments: [
        "/a%00.html", "/a.txt%00.html", "/%0A", "/%0d%0aSet-Cookie:%20x", "/%7F", "/%1b", "/a%", "/a%4", "/a%ZZ",
        "/a\\b", "/%5C", "/%FF", "/%C3", "/%ED%A0%80", "/%C2%85x", "/%C2%9Bx", "/%E2%80%8Bx", "/%E2%80%AEx",
        "/%EF%BB%BFx", "/%E2%80%A8x", "/%E2%81%A6x", "/%C2%ADx",
    ])
    func aPathWithAControlCharacterOrBadEncodingIsRefused(_ path: String) {
        #expect(refusal("GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n") == 400, "\(path)")
    }

    @Test func headsOfOtherShapesAreRefusedWithTheirStatus() {
        #expect(refusal("POST / HTTP/1.1\r\nHost: a\r\n\r\n") == 405)
        #expect(refusal("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == 505)
        #expect(refusal("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(refusal("GET * HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(refusal("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHo st: a\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\n: a\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHost a\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nX: a\u{01}b\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n") == 413)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") == 413)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n") == nil)
        // Two lengths or two codings could be read two ways: one as a body, one as the next request.
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 38\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\ncontent-length: 0\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: x\r\nTransfer-Encoding: y\r\n\r\n") == 400)
    }

    @Test func aHeadPastItsBoundsIsRefusedWithoutReadingOn() {
        let large = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: 256 * 1024) + "\r\n\r\n"
        #expect(refusal(large) == 431)
        let justUnder = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: 15 * 1024) + "\r\n\r\n"
        #expect(refusal(justUnder) == nil)
        let many = "GET / HTTP/1.1\r\n" + String(repeating: "X: a\r\n", count: PreviewRequest.fieldLimit + 1) + "\r\n"
        #expect(refusal(many) == 431)
        let enough = "GET / HTTP/1.1\r\n" + String(repeating: "X: a\r\n", count: PreviewRequest.fieldLimit) + "\r\n"
        #expect(refusal(enough) == nil)
    }

    @Test func theEndOfAHeadIsFoundFromWhereTheLastLookStopped() {
        let head = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next".utf8)
        #expect(PreviewRequest.headEnd(head) == 27)
        #expect(PreviewRequest.headEnd(Array(head[..<26])) == nil)
        // A look that resumes after the last byte that is not a line end finds a blank line split
        // between reads, whatever CRs it holds.
        #expect(PreviewRequest.headEnd(head, from: 23) == 27)
        let crs = Array("GET / HTTP/1.1\r\nHost: a\n\r\r\r\n".utf8)
        #expect(PreviewRequest.headEnd(crs, from: 23) == crs.count)
        #expect(PreviewRequest.headEnd(Array("GET / HTTP/1.1\nHost: a\n\n".utf8)) == 24)
        #expect(PreviewRequest.headEnd(Array(repeating: UInt8(ascii: "a"), count: 100_000)) == nil)
    }
}

/// The host names and origins the preview answers.
@Suite struct PreviewHostTests {
    @Test func onLoopbackItsAddressAndLocalhostWithThePort() {
        let hosts = Preview.HostNames(address: "127.0.0.1", port: 1313)
        for host in ["127.0.0.1:1313", "localhost:1313", "LOCALHOST:1313"] { #expect(hosts.accepts(host), "\(host)") }
        for host in [
            "127.0.0.1", "localhost", "127.0.0.1:80", "evil.example:1313", "127.0.0.2:1313", "[::1]:1313",
            "127.0.0.1:1313.evil.example", "0.0.0.0:1313", "", "127.0.0.1:01313", "localhost.:1313",
        ] {
            #expect(!hosts.accepts(host), "\(host)")
        }
        #expect(hosts.acceptsOrigin("http://localhost:1313") && hosts.acceptsOrigin("HTTP://127.0.0.1:1313"))
        for origin in ["null", "https://127.0.0.1:1313", "http://127.0.0.1:1314", "http://evil.example", ""] {
            #expect(!hosts.acceptsOrigin(origin), "\(origin)")
        }
        #expect(Preview.HostNames(address: "127.0.0.1", port: 80).accepts("localhost"))
    }

    @Test func onEveryAddressAnyLiteralIPv4AddressButNeverAName() {
        let hosts = Preview.HostNames(address: "0.0.0.0", port: 1313)
        for host in ["192.168.1.5:1313", "10.0.0.2:1313", "127.0.0.1:1313", "localhost:1313"] {
            #expect(hosts.accepts(host), "\(host)")
        }
        for host in ["192.168.1.5", "may-chu:1313", "evil.example:1313", "0.0.0.0:1313", "192.168.1.5:1314"] {
            #expect(!hosts.accepts(host), "\(host)")
        }
    }
}

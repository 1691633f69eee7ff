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

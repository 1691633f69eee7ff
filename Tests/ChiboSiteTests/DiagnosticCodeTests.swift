import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

/// The diagnostic codes are a stable list: each is `area.kind-of-problem`, and each is raised
/// somewhere (a code nothing raises is a kind of problem that was removed and must not be reused).
@Suite struct DiagnosticCodeTests {
    @Test func everyCodeIsWrittenAsAnAreaAndAKind() {
        for code in DiagnosticCode.allCases {
            #expect(code.rawValue.wholeMatch(of: /[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*/) != nil, "\(code.rawValue)")
        }
    }

    @Test func everyCodeIsRaisedSomewhere() throws {
        var sources = ""
        let root = PackagePaths.root + "/Sources"
        for file in try FileManager.default.subpathsOfDirectory(atPath: root)
        where file.hasSuffix(".swift") && !file.hasSuffix("DiagnosticCode.swift") {
            sources += try String(contentsOfFile: root + "/" + file, encoding: .utf8)
        }
        for code in DiagnosticCode.allCases {
            let name = String(describing: code)
            #expect(sources.contains("." + name + ",") || sources.contains("." + name + ")"), "\(name) is never raised")
        }
    }
}

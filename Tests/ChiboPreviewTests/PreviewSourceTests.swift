import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboPreview

/// The line of a file the error list quotes: read only inside the content and theme folders, with
/// any line ends, and shortened around its column.
@Suite struct PreviewSourceTests {
    @Test func aLineIsFoundWhateverTheLineEnds() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("content/meetings/q1.csv", Array("\u{FEFF}a;b\r\nc;d\r\ne;f\r\n".utf8))
        try folder.write("content/guidance/lf.md", "một\nhai\nba\n")
        try folder.write("secret.txt", "bí mật\n")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/content/guidance/out.md", withDestinationPath: folder.path + "/secret.txt")
        let preview = try Preview(contentPath: folder.path + "/content", themePath: folder.path + "/content")
        defer { preview.stop() }
        #expect(preview.sourceLine(file: "meetings/q1.csv", line: 1) == "a;b")
        #expect(preview.sourceLine(file: "meetings/q1.csv", line: 2) == "c;d")
        #expect(preview.sourceLine(file: "guidance/lf.md", line: 3) == "ba")
        #expect(preview.sourceLine(file: "guidance/lf.md", line: 9) == nil)
        #expect(preview.sourceLine(file: "guidance/out.md", line: 1) == nil)
        #expect(preview.sourceLine(file: "../secret.txt", line: 1) == nil)
        #expect(preview.sourceLine(file: folder.path + "/secret.txt", line: 1) == nil)
        #expect(preview.sourceLine(file: "/proc/self/environ", line: 1) == nil)
    }

    @Test func aLongLineIsShortenedAroundItsColumnAndShownOnOneLine() {
        let line = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let (shown, caret) = Preview.shortened(line, column: 1001)
        #expect(shown.count <= Preview.sourceWidth + 2)
        #expect(Array(shown)[caret] == "X")
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        let (start, startCaret) = Preview.shortened(line, column: 1)
        #expect(startCaret == 0 && !start.hasPrefix("…") && start.hasSuffix("…"))
        let (hidden, _) = Preview.shortened("a\u{202E}b\u{0007}c\td", column: 1)
        #expect(hidden == "a\u{FFFD}b\u{FFFD}c\td")
    }
}

import Foundation
import Testing

@testable import ChiboRender

/// A part made piece by piece reaches the zip as the same bytes as the text made whole, whatever
/// the pieces' sizes against the chunks the zip reads.
@Suite struct OfficePackageTests {
    @Test func aPartReadInChunksIsItsPiecesInOrder() {
        // Pieces empty, shorter and longer than a chunk, and multi-byte UTF-8 across a chunk's end.
        let pieces = ["", "Đảng ủy khối", String(repeating: "x", count: 40), "", "ngày 20/6/2023", "ẫ", "end"]
        for chunk in [1, 2, 3, 7, 16, 1000] {
            let reader = OfficePackage.ChunkReader(.pieces { AnyIterator(pieces.makeIterator()) })
            #expect(reader.count == pieces.joined().utf8.count)
            var bytes: [UInt8] = []
            while bytes.count < reader.count {
                let data = reader.read(at: bytes.count, Swift.min(chunk, reader.count - bytes.count))
                #expect(!data.isEmpty)
                bytes += data
            }
            #expect(bytes == Array(pieces.joined().utf8), "chunk \(chunk)")
        }
    }

    @Test func aZipOfPiecesEqualsTheZipOfTheirText() {
        let rows = (1...2000).map { "<row n=\"\($0)\">Chi bộ \($0)</row>" }
        let whole = OfficePackage.zip([("a.xml", "<a/>"), ("b.xml", rows.joined())])
        let streamed = OfficePackage.zip([
            ("a.xml", .text("<a/>")), ("b.xml", .pieces { AnyIterator(rows.makeIterator()) }),
        ])
        #expect(streamed == whole)
    }
}

import ChiboSupport
import Foundation
import ZIPFoundation

/// What the Office Open XML files chibo writes (the record workbooks, the review letter's Word
/// document) have in common: XML text escaped, and the parts in a zip written with ZIPFoundation.
enum OfficePackage {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// Text for an XML element or attribute (see `XMLText.escape`).
    static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// A part of the package: its text, or text made piece by piece each time it is read (a Word
    /// document with tens of megabytes of annexes), which is counted once and then handed to the
    /// zip a chunk at a time, never held whole.
    enum Part {
        case text(String)
        case pieces(() -> AnyIterator<String>)
    }

    /// The parts in a zip, deflated, every entry dated 1980-01-01 so that the bytes follow the input.
    static func zip(_ parts: [(String, String)]) -> [UInt8] {
        zip(parts.map { ($0, Part.text($1)) })
    }

    /// The parts in a zip, deflated, every entry dated 1980-01-01 so that the bytes follow the input.
    static func zip(_ parts: [(String, Part)]) -> [UInt8] {
        // An archive in memory fails only if ZIPFoundation does: that is a fault of chibo's, not of
        // the content, and stops the build loudly.
        do {
            let archive = try Archive(accessMode: .create)
            let date = Date(timeIntervalSince1970: 315_532_800)
            for (path, part) in parts {
                let reader = ChunkReader(part)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(reader.count), modificationDate: date,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in reader.read(at: Int(position), size) }
            }
            guard let data = archive.data else { preconditionFailure("the in-memory zip has no data") }
            return [UInt8](data)
        } catch {
            preconditionFailure("writing an Office document in memory failed: \(error)")
        }
    }

    /// A part read in order a chunk at a time, as the zip reads it: its pieces are made as the
    /// chunks need them, and no more than a chunk and a piece are held.
    final class ChunkReader {
        let count: Int
        private let make: () -> AnyIterator<String>
        private var pieces: AnyIterator<String>
        private var pending: [UInt8] = []
        private var position = 0

        init(_ part: Part) {
            switch part {
            case .text(let text): make = { AnyIterator(CollectionOfOne(text).makeIterator()) }
            case .pieces(let pieces): make = pieces
            }
            count = make().reduce(0) { $0 + $1.utf8.count }
            pieces = make()
        }

        /// The `size` bytes at `offset`, which is where the last read ended: the zip reads in order.
        func read(at offset: Int, _ size: Int) -> Data {
            precondition(offset == position, "a zip part is read in order")
            while pending.count < size, let piece = pieces.next() { pending.append(contentsOf: piece.utf8) }
            let end = Swift.min(size, pending.count)
            let chunk = Data(pending[..<end])
            pending.removeFirst(end)
            position += end
            return chunk
        }
    }
}

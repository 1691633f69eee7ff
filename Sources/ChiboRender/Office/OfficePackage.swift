import ChiboSupport
import Foundation
import ZIPFoundation

/// What the Office Open XML files chibo writes (the record workbooks, the review letter's Word
/// document) have in common: XML text escaped, and the parts in a zip written with ZIPFoundation.
enum OfficePackage {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// Text for an XML element or attribute (see `XMLText.escape`).
    static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// The parts in a zip, deflated, every entry dated 1980-01-01 so that the bytes follow the input.
    static func zip(_ parts: [(String, String)]) -> [UInt8] {
        zip(parts.map { ($0, Array($1.utf8)) })
    }

    /// The parts, as bytes, in a zip: each handed to the archive a piece at a time, not copied whole.
    static func zip(_ parts: [(String, [UInt8])]) -> [UInt8] {
        // An archive in memory fails only if ZIPFoundation does: that is a fault of chibo's, not of
        // the content, and stops the build loudly.
        do {
            let archive = try Archive(accessMode: .create)
            let date = Date(timeIntervalSince1970: 315_532_800)
            for (path, bytes) in parts {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in Data(bytes[Int(position)..<(Int(position) + size)]) }
            }
            guard let data = archive.data else { preconditionFailure("the in-memory zip has no data") }
            return [UInt8](data)
        } catch {
            preconditionFailure("writing an Office document in memory failed: \(error)")
        }
    }
}

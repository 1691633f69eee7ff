// The preview's request reading: bytes as a connection would bring them, up to the end of a head,
// parsed, then answered by a preview of the scorecard fixture (not built: pages are 404s, the checks
// of host, origin and path all run). What is read must be a path that starts with one slash and
// holds no control character, and no answer may redirect off the preview.
import ChiboModel
import Foundation

@testable import ChiboPreview

nonisolated(unsafe) var preview: Preview?

func previewRequest(_ bytes: [UInt8]) {
    let end = PreviewRequest.headEnd(bytes) ?? bytes.count
    guard let request = try? PreviewRequest.parse(bytes[..<end]) else { return }
    // Bytes, not Characters: `/` and a combining mark after it are one Character.
    let path = Array(request.path.utf8)
    precondition(
        path.first == UInt8(ascii: "/") && !zip(path, path.dropFirst()).contains { $0 == 0x2F && $1 == 0x2F },
        "a path with // was read")
    precondition(
        !request.path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" },
        "a path with a control character was read")
    guard let preview else { return }
    let response = preview.respond(request, hosts: Preview.HostNames(address: "127.0.0.1", port: 1313))
    for field in response.fields where field.name == "Location" {
        precondition(
            field.value.utf8.first == UInt8(ascii: "/") && !field.value.utf8.starts(with: "//".utf8),
            "a redirect leaves the preview")
        precondition(!field.value.unicodeScalars.contains { $0.value < 0x21 || $0.value > 0x7E }, "a raw Location")
    }
    for field in response.fields {
        precondition(!(field.name + field.value).contains { $0.isNewline }, "a field holds a line end")
    }
}

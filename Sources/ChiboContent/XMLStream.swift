import CXML2

/// One event of an XML text as libxml2's SAX2 parser reports it: an element's start (with its
/// attributes) or end, or a run of text. It points into the parser's buffers, so it is valid only
/// inside the callback that gets it. An empty element (`<c r="A1"/>`) is a start and an end.
struct XMLNode {
    enum Kind {
        case start
        case end
        case text
    }

    let kind: Kind
    /// The element's local name, without a namespace prefix (NUL-terminated); nil for text.
    fileprivate let name: UnsafePointer<UInt8>?
    /// For a start: libxml2's attribute array, five pointers an attribute (local name, prefix, URI,
    /// value start, value end).
    fileprivate let attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    fileprivate let attributeCount: Int
    /// For text: the bytes.
    fileprivate let textBytes: UnsafeBufferPointer<UInt8>

    /// Whether the element's local name is `name`.
    func named(_ expected: StaticString) -> Bool {
        guard let name else { return false }
        return expected.withUTF8Buffer { expected in
            var index = 0
            while index < expected.count {
                if name[index] != expected[index] { return false }
                index += 1
            }
            return name[index] == 0
        }
    }

    /// The element's local name.
    var localName: String { name.map { String(cString: $0) } ?? "" }

    /// Each attribute of the element: its name as written (`r`, `r:id`, with its prefix) and its
    /// value as UTF-8, both valid only inside `body`.
    func forEachAttribute(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        guard let attributes else { return }
        var qualified: [UInt8] = []
        for index in 0..<attributeCount {
            let base = index * 5
            guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4]
            else { continue }
            let value = UnsafeBufferPointer(start: start, count: end - start)
            let localName = UnsafeBufferPointer(start: local, count: Int(xmlStrlen(local)))
            if let prefix = attributes[base + 1] {
                qualified.removeAll(keepingCapacity: true)
                qualified.append(contentsOf: UnsafeBufferPointer(start: prefix, count: Int(xmlStrlen(prefix))))
                qualified.append(UInt8(ascii: ":"))
                qualified.append(contentsOf: localName)
                qualified.withUnsafeBufferPointer { body($0, value) }
            } else {
                body(localName, value)
            }
        }
    }

    /// The value of the attribute named `name` (`r`, `r:id`), or nil.
    func attribute(_ name: String) -> String? {
        var found: String?
        forEachAttribute { attribute, value in
            if found == nil, attribute.elementsEqual(name.utf8) { found = String(decoding: value, as: UTF8.self) }
        }
        return found
    }

    /// Appends the text of a text event to `bytes`, without making a string.
    func appendText(to bytes: inout [UInt8]) { bytes.append(contentsOf: textBytes) }

    /// The text of a text event.
    var text: String { String(decoding: textBytes, as: UTF8.self) }
}

/// Reads XML with libxml2's SAX2 parser, an event at a time: no tree is built, no entity is
/// expanded, nothing is fetched from the network and libxml2 prints nothing.
enum XMLStream {
    /// The visitor of one parse, reached from libxml2's callbacks through their context pointer.
    private final class Context {
        let visit: (XMLNode) -> Bool
        var parser: xmlParserCtxtPtr?
        var stopped = false

        init(_ visit: @escaping (XMLNode) -> Bool) { self.visit = visit }

        /// Visits a node, unless the visitor asked to stop; stops the parser when it asks now.
        func take(_ node: XMLNode) {
            guard !stopped else { return }
            if !visit(node) {
                stopped = true
                if let parser { xmlStopParser(parser) }
            }
        }
    }

    /// Calls `visit` with every element start and end and every run of text of `bytes`, in order,
    /// until it returns false (the rest is not read); false when the text is not well-formed XML
    /// (what was read before the fault was visited) or the visitor stopped it.
    static func read(_ bytes: [UInt8], _ visit: (XMLNode) -> Bool) -> Bool {
        withoutActuallyEscaping(visit) { visit in
            let context = Context(visit)
            var handler = xmlSAXHandler()
            handler.initialized = XML_SAX2_MAGIC
            handler.startElementNs = { context, name, _, _, _, _, count, _, attributes in
                guard let context else { return }
                let visitor = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue()
                visitor.take(
                    XMLNode(
                        kind: .start, name: name, attributes: attributes, attributeCount: Int(count),
                        textBytes: UnsafeBufferPointer(start: nil, count: 0)))
            }
            handler.endElementNs = { context, name, _, _ in
                guard let context else { return }
                let visitor = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue()
                visitor.take(
                    XMLNode(
                        kind: .end, name: name, attributes: nil, attributeCount: 0,
                        textBytes: UnsafeBufferPointer(start: nil, count: 0)))
            }
            handler.characters = { context, text, length in
                guard let context, let text else { return }
                let visitor = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue()
                visitor.take(
                    XMLNode(
                        kind: .text, name: nil, attributes: nil, attributeCount: 0,
                        textBytes: UnsafeBufferPointer(start: text, count: Int(length))))
            }
            // Whitespace between elements comes as characters too: cells' text keeps its spaces.
            handler.ignorableWhitespace = handler.characters
            // Errors are collected by the parser's state, not printed.
            handler.serror = { _, _ in }
            return bytes.withUnsafeBufferPointer { buffer -> Bool in
                guard let base = buffer.baseAddress, buffer.count <= Int(Int32.max) else { return false }
                let pointer = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                let user = Unmanaged.passUnretained(context).toOpaque()
                guard let parser = xmlCreatePushParserCtxt(&handler, user, nil, 0, nil) else { return false }
                defer { xmlFreeParserCtxt(parser) }
                context.parser = parser
                // XML_PARSE_HUGE lifts libxml2's own caps (10 MB for one text node, a 10,000-row sheet
                // for a start): the workbook reader bounds what it reads itself (Workbook.Limits).
                let options =
                    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                    | XML_PARSE_HUGE.rawValue
                xmlCtxtUseOptions(parser, Int32(options))
                let status = xmlParseChunk(parser, pointer, Int32(buffer.count), 1)
                return status == 0 && parser.pointee.wellFormed != 0 && !context.stopped
            }
        }
    }
}

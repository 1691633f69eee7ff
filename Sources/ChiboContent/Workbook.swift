import ChiboModel
import ChiboSupport
import Foundation

/// An Office Open XML workbook (`.xlsx`) as Excel and LibreOffice save it: its sheets in order, and
/// each sheet's cells read a row at a time, each as its type (text, number, date, boolean) with the
/// text Excel shows for it. The zip container is read by `WorkbookPackage`, the XML by libxml2's
/// streaming reader (`XMLStream`), the workbook as a whole within `Limits`.
struct Workbook {
    struct Sheet {
        var name: String
        /// The sheet's part in the zip, e.g. `xl/worksheets/sheet1.xml`.
        var part: String
        var isHidden: Bool
    }

    /// What a cell holds, as its `t` attribute says.
    enum CellType: String {
        case sharedString = "s"
        case inlineString = "inlineStr"
        case formulaString = "str"
        case boolean = "b"
        case error = "e"
        case date = "d"
        case number = "n"

        /// The type an attribute's bytes name; a number for none or one chibo does not know.
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            switch bytes.count {
            case 1:
                switch bytes[0] {
                case UInt8(ascii: "s"): self = .sharedString
                case UInt8(ascii: "b"): self = .boolean
                case UInt8(ascii: "e"): self = .error
                case UInt8(ascii: "d"): self = .date
                default: self = .number
                }
            case 3 where bytes.elementsEqual("str".utf8): self = .formulaString
            case 9 where bytes.elementsEqual("inlineStr".utf8): self = .inlineString
            default: self = .number
            }
        }
    }

    /// One cell with something in it: its column (1 for A), what it holds as its type says, and the
    /// text Excel shows for it.
    struct Cell {
        var column: Int
        var text: String
        var kind: CellKind
    }

    let file: String
    let sheets: [Sheet]
    let limits: Limits
    private var package: WorkbookPackage
    private let sharedStrings: [String]
    /// The style indexes (`s="3"`) whose number format shows a date.
    private let dateStyles: Set<Int>
    /// Whether serial numbers count days from 1904-01-01 (old Mac workbooks) rather than from 1900.
    private let date1904: Bool
    /// The cells read so far, every sheet together (see `Limits.cells`).
    private var cellCount = 0
    /// The bytes of cell text read so far, every sheet together (see `Limits.textBytes`).
    private var textByteCount = 0

    /// A workbook's failure as a whole, reported once at the file.
    struct Failure: Error {
        /// The failure as the catalogue words it (`DiagnosticCode.workbookUnreadable`).
        var wording: DiagnosticMessage

        init(_ wording: DiagnosticMessage) { self.wording = wording }

        /// The failure in English.
        var message: String { wording.text(in: .en) }
    }

    /// Opens the workbook in `bytes`, or nil with one error at the file saying why it cannot be read.
    static func open(
        _ bytes: [UInt8], file: String, limits: Limits = .standard, diagnostics: inout Diagnostics
    ) -> Workbook? {
        do {
            return try Workbook(bytes, file: file, limits: limits)
        } catch {
            diagnostics.error(SourceLocation(file: file), error.wording)
            return nil
        }
    }

    private init(_ bytes: [UInt8], file: String, limits: Limits) throws(Failure) {
        self.file = file
        self.limits = limits
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE compound file: an encrypted workbook (its package inside "EncryptionInfo") or a
            // workbook of Excel 97-2003.
            let encryption = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if bytes.count > encryption.count,
                (0...(bytes.count - encryption.count)).contains(where: {
                    bytes[$0..<($0 + encryption.count)].elementsEqual(encryption)
                })
            {
                throw Failure(.workbookUnreadable("encrypted"))
            }
            throw Failure(.workbookUnreadable("xls"))
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw Failure(.workbookUnreadable("notZip"))
        }
        var package = try WorkbookPackage(bytes, limits: limits)
        let workbookPart = try Self.officeDocument(&package)
        let relationships = try Self.relationships(&package, of: workbookPart)
        var sheets: [Sheet] = []
        var date1904 = false
        try Self.parse(&package, workbookPart) { node throws(Failure) in
            if node.kind == .start, node.named("sheet"), let name = node.attribute("name"),
                let id = node.attribute("r:id"), let target = relationships[id]
            {
                guard sheets.count < limits.sheets else {
                    throw Failure(.workbookUnreadable("sheets", [.limit: .number(limits.sheets)]))
                }
                let state = node.attribute("state") ?? "visible"
                let name = Self.text(Array(name.utf8), lineEnds: false).nfc
                guard name.utf16.count <= Self.sheetNameLength else {
                    throw Failure(.workbookUnreadable("sheetName", [.limit: .number(Self.sheetNameLength)]))
                }
                sheets.append(Sheet(name: name, part: target, isHidden: state != "visible"))
            } else if node.kind == .start, node.named("workbookPr"), let value = node.attribute("date1904") {
                date1904 = value == "1" || value == "true"
            }
        }
        var parts: [String: String] = [:]
        for sheet in sheets {
            if let first = parts.updateValue(sheet.name, forKey: sheet.part) {
                throw Failure(.workbookUnreadable("samePart", [.name: .quoted(first), .other: .quoted(sheet.name)]))
            }
        }
        self.sheets = sheets
        self.date1904 = date1904
        if let shared = relationships.values.first(where: { $0.hasSuffix("sharedStrings.xml") }) {
            sharedStrings = try Self.sharedStrings(&package, shared, limits: limits)
        } else {
            sharedStrings = []
        }
        if let styles = relationships.values.first(where: { $0.hasSuffix("styles.xml") }) {
            dateStyles = try Self.dateStyles(&package, styles)
        } else {
            dateStyles = []
        }
        self.package = package
    }

    // MARK: - Parts

    /// Reads a part's XML node by node; a part that is not well-formed is an error naming it, and
    /// what `visit` throws stops the reading and is thrown.
    static func parse(
        _ package: inout WorkbookPackage, _ path: String, _ visit: (XMLNode) throws(Failure) -> Void
    ) throws(Failure) {
        try parse(xml: package.part(path), path, visit)
    }

    /// Reads the XML `bytes` of the part at `path` node by node (see `parse(_:_:_:)`).
    static func parse(xml bytes: [UInt8], _ path: String, _ visit: (XMLNode) throws(Failure) -> Void) throws(Failure) {
        var failure: Failure?
        let wellFormed = XMLStream.read(bytes) { node in
            do throws(Failure) {
                try visit(node)
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        guard wellFormed else {
            throw Failure(.workbookUnreadable("xml", [.value: .plain(path)]))
        }
    }

    /// The workbook part the package names (`xl/workbook.xml` as Excel writes it).
    static func officeDocument(_ package: inout WorkbookPackage) throws(Failure) -> String {
        var target: String?
        try parse(&package, "_rels/.rels") { node in
            if node.kind == .start, node.named("Relationship"),
                node.attribute("Type")?.hasSuffix("/officeDocument") == true
            {
                target = node.attribute("Target")
            }
        }
        guard let target else { throw Failure(.workbookUnreadable("noWorkbookPart")) }
        return resolve(target, from: "")
    }

    /// The targets of a part's relationships by id, as paths in the zip.
    static func relationships(_ package: inout WorkbookPackage, of part: String) throws(Failure) -> [String: String] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? part
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        var targets: [String: String] = [:]
        guard package.contains(path) else { return targets }
        try parse(&package, path) { node in
            if node.kind == .start, node.named("Relationship"), let id = node.attribute("Id"),
                let target = node.attribute("Target"), node.attribute("TargetMode") != "External"
            {
                targets[id] = resolve(target, from: folder)
            }
        }
        return targets
    }

    /// A relationship's target as a path in the zip: relative to the part's folder, or absolute.
    static func resolve(_ target: String, from folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                _ = parts.popLast()
            } else if piece != "." {
                parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The shared strings, each the text of its runs joined (phonetic runs left out), escapes
    /// decoded, in NFC; no more of them than `limits.cells`, none longer than `limits.textLength`.
    static func sharedStrings(_ package: inout WorkbookPackage, _ path: String, limits: Limits) throws(Failure)
        -> [String]
    {
        var strings: [String] = []
        var current: [UInt8] = []
        var inText = false
        var phonetic = 0
        var total = 0
        try parse(&package, path) { node throws(Failure) in
            switch node.kind {
            case .start:
                if node.named("si") {
                    current.removeAll(keepingCapacity: true)
                } else if node.named("rPh") {
                    phonetic += 1
                } else if node.named("t") {
                    inText = true
                }
            case .end:
                if node.named("si") {
                    guard strings.count < limits.cells else {
                        throw Failure(.workbookUnreadable("texts", [.limit: .number(limits.cells)]))
                    }
                    let text = try checkedText(current, limits: limits, where: "sharedText")
                    total += text.utf8.count
                    guard total <= limits.textBytes else { throw tooMuchText(limits) }
                    strings.append(text)
                } else if node.named("rPh") {
                    phonetic -= 1
                } else if node.named("t") {
                    inText = false
                }
            case .text:
                guard inText && phonetic == 0 else { return }
                node.appendText(to: &current)
                guard current.count <= rawTextBytes(limits) else {
                    throw tooLong(limits, where: "sharedText")
                }
            }
        }
        return strings
    }

    /// The most bytes of XML text one text may take before its escapes are decoded: seven for each
    /// UTF-16 unit (`_x1EA1_`).
    static func rawTextBytes(_ limits: Limits) -> Int { limits.textLength * 7 }

    /// A cell's or shared string's text decoded (escapes, line ends, NFC), or an error when it is
    /// longer than a cell may be.
    static func checkedText(_ bytes: [UInt8], limits: Limits, where place: String) throws(Failure) -> String {
        let text = Self.text(bytes, lineEnds: true).nfc
        guard text.utf16.count <= limits.textLength else { throw tooLong(limits, where: place) }
        return text
    }

    static func tooLong(_ limits: Limits, where place: String) -> Failure {
        Failure(.workbookTextTooLong(place, limit: limits.textLength))
    }

    static func tooMuchText(_ limits: Limits) -> Failure {
        Failure(.workbookUnreadable("textBytes", [.limit: .number(limits.textBytes / 1024 / 1024)]))
    }

    /// The cell styles whose number format is a date: a built-in date format (14 to 22, 45 to 47) or a
    /// custom one with day, month or year in it (`dd/mm/yyyy`), outside quoted text and brackets.
    static func dateStyles(_ package: inout WorkbookPackage, _ path: String) throws(Failure) -> Set<Int> {
        var customDates: Set<Int> = []
        var styles: Set<Int> = []
        var inCellFormats = false
        var index = 0
        try parse(&package, path) { node throws(Failure) in
            guard node.kind != .text else { return }
            if node.named("numFmt"), node.kind == .start, let id = node.attribute("numFmtId").flatMap(Int.init),
                let code = node.attribute("formatCode"), isDateFormat(code)
            {
                customDates.insert(id)
            } else if node.named("cellXfs") {
                inCellFormats = node.kind == .start
            } else if inCellFormats, node.kind == .start, node.named("xf") {
                let format = node.attribute("numFmtId").flatMap(Int.init) ?? 0
                if (14...22).contains(format) || (45...47).contains(format) || customDates.contains(format) {
                    styles.insert(index)
                }
                index += 1
                guard index <= styleCount else {
                    throw Failure(.workbookUnreadable("styles", [.limit: .number(styleCount)]))
                }
            }
        }
        return styles
    }

    /// Whether a number format code shows a date: `d` or `y` outside quotes, brackets and escapes
    /// (`m` alone may be minutes).
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "d", "y": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }

    // MARK: - Cells

    /// A problem with one cell, at its row and column.
    struct CellProblem {
        var row: Int
        var column: Int
        var wording: DiagnosticMessage

        var code: DiagnosticCode { wording.code }

        /// The message in English.
        var message: String { wording.text(in: .en) }
    }

    /// Reads a sheet a row at a time: `row` gets each row's number and its cells with text, in
    /// column order; `problem` each cell that cannot be read. A sheet past Excel's last row or column,
    /// or past what is left of the workbook's limits, is an error for the whole workbook.
    mutating func read(
        _ sheet: Sheet, row: (_ number: Int, _ cells: [Cell]) -> Void, problem: (CellProblem) -> Void
    ) throws(Failure) {
        try read(sheetXML: package.part(sheet.part), sheet.part, row: row, problem: problem)
    }

    /// Reads `bytes` as the XML of the sheet part at `path` (see `read(_:row:problem:)`), against the
    /// workbook's strings, styles and limits.
    mutating func read(
        sheetXML bytes: [UInt8], _ path: String, row: (_ number: Int, _ cells: [Cell]) -> Void,
        problem: (CellProblem) -> Void
    ) throws(Failure) {
        var reader = SheetReader(workbook: self)
        try Self.parse(xml: bytes, path) { node throws(Failure) in
            try reader.take(node, row: row, problem: problem)
        }
        cellCount = reader.cellCount
        textByteCount = reader.textByteCount
    }

    /// The state of reading one sheet: the row and the cell being read.
    private struct SheetReader {
        let workbook: Workbook
        var cellCount: Int
        var textByteCount: Int
        var rowNumber = 0
        var cells: [Cell] = []
        var column = 0
        var type = CellType.number
        var style = -1
        var valueBytes: [UInt8] = []
        var inlineBytes: [UInt8] = []
        var hasValue = false
        var hasFormula = false
        /// Where text goes: 1 into the value (`<v>`), 2 into an inline string (`<t>`), 0 nowhere.
        var textTarget = 0
        /// How deep in phonetic runs (`<rPh>`), whose text is not the cell's.
        var phonetic = 0

        init(workbook: Workbook) {
            self.workbook = workbook
            cellCount = workbook.cellCount
            textByteCount = workbook.textByteCount
        }

        var limits: Limits { workbook.limits }

        mutating func take(
            _ node: XMLNode, row: (_ number: Int, _ cells: [Cell]) -> Void, problem: (CellProblem) -> Void
        ) throws(Failure) {
            switch node.kind {
            case .start:
                if node.named("c") {
                    try startCell(node)
                } else if node.named("v") {
                    hasValue = true
                    textTarget = 1
                } else if node.named("row") {
                    try startRow(node)
                } else if node.named("f") {
                    hasFormula = true
                } else if node.named("t") {
                    textTarget = 2
                } else if node.named("rPh") {
                    phonetic += 1
                }
            case .end:
                if node.named("c") {
                    if let found = try finishCell() { problem(found) }
                } else if node.named("v") || node.named("t") {
                    textTarget = 0
                } else if node.named("row") {
                    // The row is read to its last cell, an empty one for each column without a value.
                    cellCount += max(0, (cells.last?.column ?? 0) - cells.count)
                    guard cellCount <= limits.cells else { throw Workbook.tooManyCells(limits) }
                    row(rowNumber, cells)
                } else if node.named("rPh") {
                    phonetic -= 1
                }
            case .text:
                if textTarget == 1 {
                    node.appendText(to: &valueBytes)
                    guard valueBytes.count <= Workbook.rawTextBytes(limits) else {
                        throw Workbook.tooLong(limits, where: "cellValue")
                    }
                } else if textTarget == 2 && phonetic == 0 {
                    node.appendText(to: &inlineBytes)
                    guard inlineBytes.count <= Workbook.rawTextBytes(limits) else {
                        throw Workbook.tooLong(limits, where: "cellText")
                    }
                }
            }
        }

        mutating func startRow(_ node: XMLNode) throws(Failure) {
            var number: Int?
            var written = false
            node.forEachAttribute { name, bytes in
                guard name.count == 1, name[0] == UInt8(ascii: "r") else { return }
                written = true
                number = Workbook.number(bytes)
            }
            let next = written ? number ?? Int.max : rowNumber + 1
            guard (1...Workbook.lastRow).contains(next) else {
                throw Failure(.workbookUnreadable("rowNumber"))
            }
            rowNumber = next
            cells.removeAll(keepingCapacity: true)
            column = 0
        }

        mutating func startCell(_ node: XMLNode) throws(Failure) {
            var reference: Int?
            var hasReference = false
            var type = CellType.number
            var style = -1
            var styleIsIndex = true
            node.forEachAttribute { name, bytes in
                guard name.count == 1 else { return }
                switch name[0] {
                case UInt8(ascii: "r"):
                    hasReference = true
                    reference = Workbook.column(of: bytes)
                case UInt8(ascii: "t"): type = CellType(bytes)
                case UInt8(ascii: "s"):
                    if let index = Workbook.number(bytes), index < styleCount {
                        style = index
                    } else {
                        styleIsIndex = false
                    }
                default: break
                }
            }
            // A reference names its column; a cell without one is the next.
            guard let next = hasReference ? reference : column + 1, next <= Workbook.lastColumn else {
                throw Failure(.workbookUnreadable("column", [.count: .number(rowNumber)]))
            }
            guard styleIsIndex else {
                throw Failure(.workbookUnreadable("styleIndex", [.count: .number(rowNumber)]))
            }
            self.type = type
            self.style = style
            column = next
            valueBytes.removeAll(keepingCapacity: true)
            inlineBytes.removeAll(keepingCapacity: true)
            hasValue = false
            hasFormula = false
        }

        /// Takes the cell read into the row; the problem, when it cannot be read.
        mutating func finishCell() throws(Failure) -> CellProblem? {
            let value = String(decoding: valueBytes, as: UTF8.self)
            if type == .error {
                return CellProblem(row: rowNumber, column: column, wording: .cellErrorValue(value))
            }
            // An empty value (`<v/>`, as writers that do not calculate leave it) is no value, but for
            // a formula whose text result is empty.
            if hasFormula && type != .inlineString && (!hasValue || (value.isEmpty && type != .formulaString)) {
                return CellProblem(row: rowNumber, column: column, wording: .noCachedValue)
            }
            let written: String
            switch type {
            case .inlineString: written = try Workbook.checkedText(inlineBytes, limits: limits, where: "cellText")
            case .formulaString: written = try Workbook.checkedText(valueBytes, limits: limits, where: "cellValue")
            default: written = value
            }
            guard let read = workbook.cell(type: type, style: style, value: written) else {
                return CellProblem(
                    row: rowNumber, column: column,
                    wording: .cellNotOfItsType(String(value.prefix(40)), type: type.rawValue))
            }
            let text = read.text
            if !text.isEmpty {
                cellCount += 1
                textByteCount += text.utf8.count
                guard cellCount <= limits.cells else { throw Workbook.tooManyCells(limits) }
                guard textByteCount <= limits.textBytes else { throw Workbook.tooMuchText(limits) }
                cells.append(Cell(column: column, text: text, kind: read.kind))
            }
            return nil
        }
    }

    static func tooManyCells(_ limits: Limits) -> Failure {
        Failure(.workbookUnreadable("cells", [.limit: .number(limits.cells)]))
    }

    /// The column number of a cell reference: 3 for `C14`.
    static func column(of reference: String) -> Int? {
        var reference = reference
        return reference.withUTF8 { column(of: $0) }
    }

    /// The column of a reference's letters (`C14`: 3), or nil when it has none or they name a
    /// column past Excel's last (XFD); counted in a way that cannot overflow.
    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        for byte in reference {
            guard (0x41...0x5A).contains(byte) else { break }
            column = column * 26 + Int(byte - 0x40)
            guard column <= lastColumn else { return nil }
        }
        return column > 0 ? column : nil
    }

    /// A non-negative decimal number of at most nine ASCII digits, or nil.
    static func number(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// What a cell holds and the text Excel shows for it: shared and inline strings as written
    /// (`text`, decoded), a boolean (1 or 0), a number (a whole one shown without `.0`), a number in a
    /// date-formatted cell as its day (shown `YYYY-MM-DD`); nil for a value that does not read as its
    /// type. A date written as text (`t="d"`) stays text, read as a date only where a date is due.
    func cell(type: CellType, style: Int, value: String) -> (text: String, kind: CellKind)? {
        switch type {
        case .sharedString:
            guard let index = Int(value), sharedStrings.indices.contains(index) else { return nil }
            return (sharedStrings[index], .text)
        case .inlineString, .formulaString, .date, .error: return (value, .text)
        case .boolean:
            guard value == "1" || value == "0" else { return nil }
            return (value, .boolean(value == "1"))
        case .number:
            guard !value.isEmpty else { return ("", .text) }
            guard let number = Double(value) else { return nil }
            if dateStyles.contains(style) {
                guard let day = Self.day(serial: number, date1904: date1904) else { return nil }
                return (day.description, .date(day))
            }
            let kind = CellKind.number(number)
            return (kind.shown(written: value), kind)
        }
    }

    /// The day of a serial number: days since 1899-12-30 in the 1900 system (whose serial 60 is the
    /// 29 February 1900 that was not, kept by Excel from Lotus 1-2-3), since 1904-01-01 in the other.
    static func day(serial: Double, date1904: Bool) -> Day? {
        guard serial.isFinite, serial >= 1, serial < 3_000_000 else { return nil }
        let whole = Int(serial.rounded(.down))
        if date1904 { return Day.fromDaysSinceEpoch(whole - 24107) }
        if whole == 60 { return nil }
        // Before the day that never was, serials count from 1899-12-31.
        return Day.fromDaysSinceEpoch(whole < 60 ? whole - 25568 : whole - 25569)
    }
}

import ChiboModel
import ChiboSupport
import Foundation
import ZIPFoundation

/// An Office Open XML workbook (`.xlsx`) as Excel and LibreOffice save it: its sheets in order, and
/// each sheet's cells read a row at a time, as text the way Excel shows them. The zip container is
/// read by ZIPFoundation, the XML by libxml2's streaming reader (`XMLStream`).
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

    /// One cell with something in it: its column (1 for A) and its text.
    struct Cell {
        var column: Int
        var text: String
    }

    let file: String
    let sheets: [Sheet]
    private let archive: Archive
    private let sharedStrings: [String]
    /// The style indexes (`s="3"`) whose number format shows a date.
    private let dateStyles: Set<Int>
    /// Whether serial numbers count days from 1904-01-01 (old Mac workbooks) rather than from 1900.
    private let date1904: Bool

    /// The most a part of the workbook may inflate to: far above a sheet of 100,000 rows, far below
    /// what a zip bomb would ask.
    static let partLimit = 512 * 1024 * 1024

    /// A workbook's failure as a whole, reported once at the file.
    struct Failure: Error {
        var message: String
    }

    /// Opens the workbook in `bytes`, or nil with one error at the file saying why it cannot be read.
    static func open(_ bytes: [UInt8], file: String, diagnostics: inout Diagnostics) -> Workbook? {
        do {
            return try Workbook(bytes, file: file)
        } catch {
            diagnostics.error(.workbookUnreadable, SourceLocation(file: file), error.message)
            return nil
        }
    }

    private init(_ bytes: [UInt8], file: String) throws(Failure) {
        self.file = file
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE compound file: an encrypted workbook (its package inside "EncryptionInfo") or a
            // workbook of Excel 97-2003.
            let encryption = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if bytes.count > encryption.count,
                (0...(bytes.count - encryption.count)).contains(where: {
                    bytes[$0..<($0 + encryption.count)].elementsEqual(encryption)
                })
            {
                throw Failure(
                    message: "the workbook is protected by a password; save it again without one (File, Info, "
                        + "Protect Workbook, Encrypt with Password: leave it empty)")
            }
            throw Failure(
                message: "this is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) and use "
                    + "that file")
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw Failure(message: "the file is not an Excel workbook (.xlsx): it is not a zip archive")
        }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw Failure(message: "the workbook is damaged or cut short: its zip directory cannot be read")
        }
        self.archive = archive
        let workbookPart = try Self.officeDocument(archive)
        let relationships = try Self.relationships(archive, of: workbookPart)
        var sheets: [Sheet] = []
        var date1904 = false
        try Self.parse(archive, workbookPart) { node in
            if node.kind == .start, node.named("sheet"), let name = node.attribute("name"),
                let id = node.attribute("r:id"), let target = relationships[id]
            {
                let state = node.attribute("state") ?? "visible"
                sheets.append(Sheet(name: name.nfc, part: target, isHidden: state != "visible"))
            } else if node.kind == .start, node.named("workbookPr"), let value = node.attribute("date1904") {
                date1904 = value == "1" || value == "true"
            }
        }
        self.sheets = sheets
        self.date1904 = date1904
        if let shared = relationships.values.first(where: { $0.hasSuffix("sharedStrings.xml") }) {
            sharedStrings = try Self.sharedStrings(archive, shared)
        } else {
            sharedStrings = []
        }
        if let styles = relationships.values.first(where: { $0.hasSuffix("styles.xml") }) {
            dateStyles = try Self.dateStyles(archive, styles)
        } else {
            dateStyles = []
        }
    }

    // MARK: - Parts

    /// The bytes of a part, inflated; an error when it is missing, damaged or too large.
    static func part(_ archive: Archive, _ path: String) throws(Failure) -> [UInt8] {
        guard let entry = archive[path] else {
            throw Failure(message: "the workbook has no part \(path); save it again from Excel or LibreOffice")
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                guard bytes.count + data.count <= partLimit else { throw Failure(message: "") }
                bytes.append(contentsOf: data)
            }
        } catch {
            if error is Failure {
                throw Failure(
                    message: "the part \(path) of the workbook inflates to more than \(partLimit / 1024 / 1024) MB; "
                        + "it is not a workbook chibo reads (a zip bomb?)")
            }
            throw Failure(message: "the part \(path) of the workbook is damaged: it cannot be inflated")
        }
        return bytes
    }

    /// Reads a part's XML node by node; a part that is not well-formed is an error naming it.
    static func parse(_ archive: Archive, _ path: String, _ visit: (XMLNode) -> Void) throws(Failure) {
        let bytes = try part(archive, path)
        guard XMLStream.read(bytes, visit) else {
            throw Failure(message: "the part \(path) of the workbook is not well-formed XML; save the workbook again")
        }
    }

    /// The workbook part the package names (`xl/workbook.xml` as Excel writes it).
    static func officeDocument(_ archive: Archive) throws(Failure) -> String {
        var target: String?
        try parse(archive, "_rels/.rels") { node in
            if node.kind == .start, node.named("Relationship"),
                node.attribute("Type")?.hasSuffix("/officeDocument") == true
            {
                target = node.attribute("Target")
            }
        }
        guard let target else { throw Failure(message: "the workbook names no workbook part; save it again") }
        return resolve(target, from: "")
    }

    /// The targets of a part's relationships by id, as paths in the zip.
    static func relationships(_ archive: Archive, of part: String) throws(Failure) -> [String: String] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? part
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        var targets: [String: String] = [:]
        guard archive[path] != nil else { return targets }
        try parse(archive, path) { node in
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

    /// The shared strings, each the text of its runs joined (phonetic runs left out), in NFC.
    static func sharedStrings(_ archive: Archive, _ path: String) throws(Failure) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try parse(archive, path) { node in
            switch node.kind {
            case .start:
                if node.named("si") {
                    current = ""
                } else if node.named("rPh") {
                    phonetic += 1
                } else if node.named("t") {
                    inText = true
                }
            case .end:
                if node.named("si") {
                    strings.append(current.nfc)
                } else if node.named("rPh") {
                    phonetic -= 1
                } else if node.named("t") {
                    inText = false
                }
            case .text:
                if inText && phonetic == 0 { current += node.text }
            }
        }
        return strings
    }

    /// The cell styles whose number format is a date: a built-in date format (14 to 22, 45 to 47) or a
    /// custom one with day, month or year in it (`dd/mm/yyyy`), outside quoted text and brackets.
    static func dateStyles(_ archive: Archive, _ path: String) throws(Failure) -> Set<Int> {
        var customDates: Set<Int> = []
        var styles: Set<Int> = []
        var inCellFormats = false
        var index = 0
        try parse(archive, path) { node in
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
        var code: DiagnosticCode
        var row: Int
        var column: Int
        var message: String
    }

    /// Reads a sheet a row at a time: `row` gets each row's number and its cells with text, in
    /// column order; `problem` each cell that cannot be read.
    func read(
        _ sheet: Sheet, row: (_ number: Int, _ cells: [Cell]) -> Void, problem: (CellProblem) -> Void
    ) throws(Failure) {
        var reader = SheetReader(workbook: self)
        try Self.parse(archive, sheet.part) { node in reader.take(node, row: row, problem: problem) }
    }

    /// The state of reading one sheet: the row and the cell being read.
    private struct SheetReader {
        let workbook: Workbook
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

        mutating func take(
            _ node: XMLNode, row: (_ number: Int, _ cells: [Cell]) -> Void, problem: (CellProblem) -> Void
        ) {
            switch node.kind {
            case .start:
                if node.named("c") {
                    startCell(node)
                } else if node.named("v") {
                    hasValue = true
                    textTarget = 1
                } else if node.named("row") {
                    rowNumber = node.attribute("r").flatMap(Int.init) ?? rowNumber + 1
                    cells.removeAll(keepingCapacity: true)
                    column = 0
                } else if node.named("f") {
                    hasFormula = true
                } else if node.named("t") {
                    textTarget = 2
                } else if node.named("rPh") {
                    phonetic += 1
                }
            case .end:
                if node.named("c") {
                    if let found = finishCell() { problem(found) }
                } else if node.named("v") || node.named("t") {
                    textTarget = 0
                } else if node.named("row") {
                    row(rowNumber, cells)
                } else if node.named("rPh") {
                    phonetic -= 1
                }
            case .text:
                if textTarget == 1 {
                    node.appendText(to: &valueBytes)
                } else if textTarget == 2 && phonetic == 0 {
                    node.appendText(to: &inlineBytes)
                }
            }
        }

        mutating func startCell(_ node: XMLNode) {
            var reference: Int?
            var type = CellType.number
            var style = -1
            node.forEachAttribute { name, bytes in
                guard name.count == 1 else { return }
                switch name[0] {
                case UInt8(ascii: "r"): reference = Workbook.column(of: bytes)
                case UInt8(ascii: "t"): type = CellType(bytes)
                case UInt8(ascii: "s"): style = Workbook.number(bytes) ?? -1
                default: break
                }
            }
            self.type = type
            self.style = style
            column = reference ?? column + 1
            valueBytes.removeAll(keepingCapacity: true)
            inlineBytes.removeAll(keepingCapacity: true)
            hasValue = false
            hasFormula = false
        }

        /// Takes the cell read into the row; the problem, when it cannot be read.
        mutating func finishCell() -> CellProblem? {
            let value = String(decoding: valueBytes, as: UTF8.self)
            if type == .error {
                return CellProblem(
                    code: .cellErrorValue, row: rowNumber, column: column,
                    message: "the cell holds the error \(value); correct its formula or type the value")
            }
            // An empty value (`<v/>`, as writers that do not calculate leave it) is no value, but for
            // a formula whose text result is empty.
            if hasFormula && type != .inlineString && (!hasValue || (value.isEmpty && type != .formulaString)) {
                return CellProblem(
                    code: .noCachedValue, row: rowNumber, column: column,
                    message: "the formula of this cell has no saved value; open the workbook in Excel or "
                        + "LibreOffice and save it again")
            }
            let inline = type == .inlineString ? String(decoding: inlineBytes, as: UTF8.self) : ""
            guard let text = workbook.cellText(type: type, style: style, value: value, inline: inline) else {
                return CellProblem(
                    code: .badForm, row: rowNumber, column: column,
                    message: "the cell's value \"\(value)\" is not what its type (\(type.rawValue)) says")
            }
            if !text.isEmpty { cells.append(Cell(column: column, text: text)) }
            return nil
        }
    }

    /// The column number of a cell reference: 3 for `C14`.
    static func column(of reference: String) -> Int? {
        var reference = reference
        return reference.withUTF8 { column(of: $0) }
    }

    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        for byte in reference {
            guard (0x41...0x5A).contains(byte), column < 100_000 else { break }
            column = column * 26 + Int(byte - 0x40)
        }
        return column > 0 ? column : nil
    }

    /// A non-negative decimal number of ASCII digits, or nil.
    static func number(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A cell's text as Excel shows it: shared and inline strings as written, a boolean as 1 or 0, a
    /// whole number without `.0`, a number in a date-formatted cell as the date `YYYY-MM-DD`; nil for a
    /// value that does not read as its type.
    func cellText(type: CellType, style: Int, value: String, inline: String) -> String? {
        switch type {
        case .sharedString:
            guard let index = Int(value), sharedStrings.indices.contains(index) else { return nil }
            return sharedStrings[index]
        case .inlineString: return inline.nfc
        case .formulaString: return value.nfc
        case .boolean: return value == "1" ? "1" : value == "0" ? "0" : nil
        case .date, .error: return value
        case .number:
            guard !value.isEmpty else { return "" }
            guard let number = Double(value) else { return nil }
            if dateStyles.contains(style) { return Self.day(serial: number, date1904: date1904)?.description }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
            return value
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

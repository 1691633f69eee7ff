// The workbook harnesses: workbook-zip (the input as a whole .xlsx) and sheet-xml (the input as the
// XML of a sheet of a fixed valid workbook, the meeting-record workbook chibo publishes).
import ChiboModel

@testable import ChiboContent
@testable import ChiboRender

/// The limits of one fuzzed workbook, scaled to the input so that the heap meter's bound (50 × the
/// input's size + 4 MiB) holds for any input within them: the standard ones are for files of MBs.
func fuzzLimits(_ size: Int) -> Workbook.Limits {
    var limits = Workbook.Limits.standard
    limits.inflatedBytes = 8 * size + (1 << 20)
    limits.textBytes = 4 * size + (256 << 10)
    limits.cells = 2 * size + 10_000
    return limits
}

/// Reads every sheet of a workbook, as the records reader does, its rows' cells touched.
func readEverySheet(_ workbook: inout Workbook) {
    for sheet in workbook.sheets {
        do {
            try workbook.read(sheet, row: { _, cells in _ = cells.last?.text.utf8.count }, problem: { _ in })
        } catch {
            return
        }
    }
}

/// workbook-zip: the input opened as an .xlsx and every sheet read.
func workbookZip(_ bytes: [UInt8]) {
    var diagnostics = Diagnostics()
    guard
        var workbook = Workbook.open(bytes, file: "m.xlsx", limits: fuzzLimits(bytes.count), diagnostics: &diagnostics)
    else { return }
    readEverySheet(&workbook)
}

/// The meeting-record workbook of the fixture's first rubric: shared strings, styles, several sheets.
nonisolated(unsafe) var fixedWorkbookBytes: [UInt8]?

/// sheet-xml: the input read as the XML of the first sheet of the fixed workbook.
func sheetXML(_ bytes: [UInt8]) {
    if fixedWorkbookBytes == nil {
        let rubric = rubricsByKind.values.sorted { $0.id < $1.id }.first
        fixedWorkbookBytes = rubric.map { RecordWorkbook.make($0, organization: organization, help: ["Hướng dẫn"]) }
    }
    var diagnostics = Diagnostics()
    guard let fixed = fixedWorkbookBytes,
        var workbook = Workbook.open(fixed, file: "m.xlsx", limits: fuzzLimits(bytes.count), diagnostics: &diagnostics),
        let sheet = workbook.sheets.first
    else { return }
    try? workbook.read(
        sheetXML: bytes, sheet.part, row: { _, cells in _ = cells.last?.text.utf8.count }, problem: { _ in })
}

extension Workbook {
    /// The endings of the files read as workbooks: `.xlsx`, and `.xlsm`, the macro-enabled workbook
    /// Excel saves when a workbook has macros (its sheets are the same XML; the macros are never read).
    static let fileExtensions = [".xlsx", ".xlsm"]

    /// Whether a file's name is a workbook's, in any case.
    static func isWorkbookFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return fileExtensions.contains { lowered.hasSuffix($0) }
    }

    /// What chibo reads of one workbook at most, the workbook as a whole and not each part or read
    /// alone. Each limit is far above what a committee keeps in a workbook (a province of 3,000
    /// branches meeting monthly for ten years is 360,000 rows of some 30 columns: 11 million cells
    /// would be more than any one workbook a clerk saves, about 150 MB of sheet XML) and far below what
    /// would take chibo's memory or minutes: a workbook past one of them is one error at the file
    /// (README, "Excel workbooks").
    struct Limits: Sendable {
        /// Bytes inflated from the zip, every part read together: 256 MB. A sheet of 100,000 rows of
        /// 30 columns is about 60 MB of XML; a part that a zip bomb inflates to gigabytes is refused
        /// before it is inflated (the directory declares each part's size).
        var inflatedBytes = 256 * 1024 * 1024
        /// Parts (files) in the zip: 10,000. A workbook of a thousand sheets has about 2,000.
        var parts = 10_000
        /// Sheets: 1,000 (a sheet a month for 80 years).
        var sheets = 1_000
        /// Cells, each row counted up to its last cell with a value (the row is read as a CSV line
        /// is, every column to that one): 5,000,000, 100,000 rows of 50 columns. Shared strings count
        /// here too.
        var cells = 5_000_000
        /// UTF-16 units of one text (a cell, a shared string): 32,767, Excel's own limit for a cell.
        var textLength = 32_767
        /// UTF-8 bytes of the text of every cell read, together: 128 MB. One long shared string used
        /// in every cell stops here instead of filling memory with copies of itself.
        var textBytes = 128 * 1024 * 1024

        /// The limits chibo reads every workbook with.
        static let standard = Limits()
    }

    /// Excel's last row: 1,048,576. A row numbered past it is not a sheet Excel wrote.
    static let lastRow = 1_048_576
    /// Excel's last column, XFD: 16,384.
    static let lastColumn = 16_384
    /// The longest sheet name read: 255 UTF-16 units (Excel allows 31, LibreOffice more).
    static let sheetNameLength = 255
    /// The most style records a workbook may have: Excel's 64,000 cell formats.
    static let styleCount = 64_000
}

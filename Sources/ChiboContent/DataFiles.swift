import ChiboModel

/// Nothing in the data folders is passed over in silence: a file `meetings/`, `plans/` or `rubrics/`
/// does not read, or a `units` file of another kind, is named in a message. A spreadsheet chibo
/// cannot read (a quarter saved as `.ods` or `.xls`) is an error, since its records would drop out
/// of every figure; any other file is a warning. Hidden files, and the owner file `~$name` Excel
/// keeps beside an open workbook, are left alone.
enum DataFiles {
    /// The data folders and which of their files are read.
    static let folders: [(name: String, reads: @Sendable (String) -> Bool, holds: (en: String, vi: String))] = [
        (
            "meetings", MeetingsLoader.isMeetingsFile,
            ("meeting records as .csv, .xlsx or .xlsm files", "biên bản sinh hoạt dạng tệp .csv, .xlsx hoặc .xlsm")
        ),
        ("plans", isYAML, ("sample-meeting plans as .yaml files", "kế hoạch sinh hoạt mẫu dạng tệp .yaml")),
        ("rubrics", isYAML, ("rubrics as .yaml files", "thang điểm dạng tệp .yaml")),
    ]

    @Sendable static func isYAML(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// What to do with a spreadsheet of a kind chibo does not read, by its extension (lowercased).
    static func otherSpreadsheet(_ ext: String) -> (en: String, vi: String)? {
        switch ext {
        case "ods", "fods":
            (
                "is a LibreOffice Calc spreadsheet, which chibo does not read; open it in LibreOffice and save it as "
                    + "Excel 2007-365 (.xlsx) or as CSV (File, Save As)",
                "là bảng tính LibreOffice Calc, chibo không đọc được; hãy mở bằng LibreOffice rồi lưu thành "
                    + "Excel 2007-365 (.xlsx) hoặc CSV (File, Save As)"
            )
        case "xls":
            (
                "is an Excel 97-2003 workbook (.xls), which chibo does not read; open it in Excel and save it as "
                    + "Excel Workbook (.xlsx) (File, Save As)",
                "là tệp Excel 97-2003 (.xls), chibo không đọc được; hãy mở bằng Excel rồi lưu thành "
                    + "Excel Workbook (.xlsx) (File, Save As)"
            )
        case "xlsb":
            (
                "is an Excel binary workbook (.xlsb), which chibo does not read; save it as Excel Workbook (.xlsx)",
                "là tệp Excel nhị phân (.xlsb), chibo không đọc được; hãy lưu thành Excel Workbook (.xlsx)"
            )
        case "et", "ett":
            (
                "is a WPS Spreadsheets file, which chibo does not read; save it as Excel Workbook (.xlsx)",
                "là tệp WPS Spreadsheets, chibo không đọc được; hãy lưu thành Excel Workbook (.xlsx)"
            )
        case "numbers":
            (
                "is an Apple Numbers file, which chibo does not read; export it to Excel (.xlsx)",
                "là tệp Apple Numbers, chibo không đọc được; hãy xuất ra Excel (.xlsx)"
            )
        case "tsv", "tab":
            (
                "holds tab-separated values, which chibo does not read; save it as CSV (.csv)",
                "chứa giá trị ngăn cách bằng tab, chibo không đọc được; hãy lưu thành CSV (.csv)"
            )
        case "xltx", "xltm", "xlt":
            (
                "is an Excel template, which chibo does not read; save it as Excel Workbook (.xlsx)",
                "là tệp mẫu Excel, chibo không đọc được; hãy lưu thành Excel Workbook (.xlsx)"
            )
        default:
            nil
        }
    }

    /// Names every file of the data folders that is not read, and every `units` file of a kind or a
    /// name the units loader does not read.
    static func check(_ folder: ContentFolder, diagnostics: inout Diagnostics) {
        for (name, reads, holds) in folders where folder.isDirectory(name) {
            for entry in folder.list(name) where !reads(entry) && !entry.hasPrefix("~$") {
                let path = name + "/" + entry
                if folder.isDirectory(path) {
                    let inside = folder.list(path)
                    let records = inside.contains { reads($0) || otherSpreadsheet(Self.ext($0)) != nil }
                    let message = DiagnosticMessage.folderNotRead(name, holds: holds, records: records)
                    if records {
                        diagnostics.error(SourceLocation(file: path), message)
                    } else {
                        diagnostics.warning(SourceLocation(file: path), message)
                    }
                } else if let how = otherSpreadsheet(Self.ext(entry)) {
                    diagnostics.error(SourceLocation(file: path), .spreadsheetNotRead(how))
                } else if reads(entry.lowercased()) {
                    diagnostics.error(SourceLocation(file: path), .extensionInCapitals(Self.ext(entry)))
                } else {
                    diagnostics.warning(SourceLocation(file: path), .fileNotRead(in: name, holds: holds))
                }
            }
        }
        for entry in folder.list("") where entry.lowercased().hasPrefix("units.") && !folder.isDirectory(entry) {
            guard !UnitsLoader.fileNames.contains(entry) else { continue }
            let names = UnitsLoader.fileNames.joined(separator: ", ")
            if let how = otherSpreadsheet(Self.ext(entry)) {
                diagnostics.error(SourceLocation(file: entry), .spreadsheetNotRead(how))
            } else {
                diagnostics.error(SourceLocation(file: entry), .unitsFileNotRead(names: names))
            }
        }
    }

    /// The extension of a file name, lowercased; empty when there is none.
    static func ext(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}

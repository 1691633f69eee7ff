import ChiboModel
import ChiboSupport

/// The review letter as a Word document (Office Open XML, `.docx`), laid out as Hướng dẫn
/// 36-HD/VPTW lays out a letter: A4 with margins of 25 mm top and bottom, 35 mm left and 15 mm
/// right, Times New Roman, the head as a borderless table of two columns (the issuer left, the
/// Party's name and the date right), the body in justified paragraphs, the signature and "Nơi nhận:"
/// side by side in a second borderless table, the page number centred at the top from the second
/// page on. Every block has a named style. No macros; the same letter gives the same bytes.
enum LetterDocument {
    struct Properties: Sendable, Hashable {
        var title: String
        var created: Day
    }

    /// Twentieths of a point in a millimetre's length, rounded: the page's measures.
    static func twips(millimetres: Double) -> Int { Int((millimetres * 1440 / 25.4).rounded()) }

    static let pageWidth = twips(millimetres: 210)
    static let pageHeight = twips(millimetres: 297)
    static let margins = (
        top: twips(millimetres: 25), bottom: twips(millimetres: 25), left: twips(millimetres: 35),
        right: twips(millimetres: 15), header: twips(millimetres: 10)
    )
    static var textWidth: Int { pageWidth - margins.left - margins.right }

    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func make(_ letter: LetterText, properties: Properties) -> [UInt8] {
        OfficePackage.zip([
            ("[Content_Types].xml", .text(contentTypes)),
            ("_rels/.rels", .text(packageRelationships)),
            ("docProps/core.xml", .text(core(properties))),
            ("docProps/app.xml", .text(app)),
            ("word/document.xml", .pieces { documentPieces(letter) }),
            ("word/_rels/document.xml.rels", .text(documentRelationships)),
            ("word/styles.xml", .text(styles)),
            ("word/settings.xml", .text(settings)),
            ("word/header1.xml", .text(pageNumberHeader)),
        ])
    }

    // MARK: - The document

    /// The document's XML as bytes; the Word document itself reads it piece by piece
    /// (`documentPieces`).
    static func document(_ letter: LetterText) -> [UInt8] {
        var xml: [UInt8] = []
        for piece in documentPieces(letter) { xml.append(contentsOf: piece.utf8) }
        return xml
    }

    /// The document's XML in pieces, made as they are read: the letter, then each annex's head and
    /// its rows one at a time. A year's letter at the nation's size has annexes of tens of thousands
    /// of rows, tens of megabytes of XML that need never be held whole.
    static func documentPieces(_ letter: LetterText) -> AnyIterator<String> {
        var pieces = [head(letter)].makeIterator()
        var annexes = letter.annexes.makeIterator()
        var rows: IndexingIterator<[[String]]>?
        var ended = false
        return AnyIterator {
            if let piece = pieces.next() { return piece }
            if var remaining = rows {
                if let cells = remaining.next() {
                    rows = remaining
                    return annexRow(cells, header: false)
                }
                rows = nil
                return "</w:tbl>"
            }
            if let annex = annexes.next() {
                rows = annex.rows.makeIterator()
                return annexHead(annex, attached: letter.annexAttached)
            }
            guard !ended else { return nil }
            ended = true
            return section + "</w:body></w:document>"
        }
    }

    /// The letter's part of the document, up to its annexes.
    static func head(_ letter: LetterText) -> String {
        var xml = OfficePackage.header + "<w:document xmlns:w=\"\(main)\" xmlns:r=\"\(relationships)\"><w:body>"
        xml +=
            paragraph(
                "LetterDraftMark",
                [run(letter.draftMark, "<w:bdr w:val=\"single\" w:sz=\"8\" w:space=\"2\" w:color=\"000000\"/>")])
        var left: [String] = []
        if let superior = letter.superior { left.append(paragraph("LetterHead", [run(superior)])) }
        // The issuer's lines as the settings break them: one paragraph, a line break between lines.
        left.append(
            paragraph(
                "LetterIssuer",
                letter.issuerLines.enumerated().map { index, line in
                    (index > 0 ? "<w:r><w:br/></w:r>" : "") + run(line)
                }))
        left.append(paragraph("LetterHead", [run("*")]))
        left.append(paragraph("LetterNumber", [run(letter.number)]))
        left.append(paragraph("LetterSubject", [run(letter.subject)]))
        let right = [
            paragraph("LetterParty", [run(letter.party)]),
            paragraph("LetterHead", []),
            paragraph("LetterDate", [run(letter.placeDate)]),
        ]
        let half = textWidth * 50 / 100
        xml += table([(half, left), (textWidth - half, right)])
        if letter.recipients.count == 1 {
            xml += paragraph("LetterRecipients", [run(letter.recipientsLabel + " " + letter.recipients[0])])
        } else {
            xml += paragraph("LetterRecipients", [run(letter.recipientsLabel)])
            for (index, recipient) in letter.recipients.enumerated() {
                let end = index == letter.recipients.count - 1 ? "." : ";"
                xml += paragraph("LetterRecipientItem", [run("- " + recipient + end)])
            }
        }
        // The last paragraph keeps with the signature and "Nơi nhận:" after it, so that they never
        // stand alone on the last page.
        for (index, item) in letter.paragraphs.enumerated() {
            let style = item.style == .heading ? "LetterPartHeading" : "LetterBody"
            xml += paragraph(style, [run(item.text)], keepNext: index == letter.paragraphs.count - 1)
        }
        let copies =
            [paragraph("LetterCopiesLabel", [run(letter.copiesLabel)])]
            + letter.copies.map { paragraph("LetterCopies", [run($0)]) }
        var signature = [
            paragraph("LetterSignature", [run(letter.onBehalf)]),
            paragraph("LetterSignature", [run(letter.signerTitle)]),
        ]
        // The space for the signature and the seal.
        signature += Array(repeating: paragraph("LetterSignature", []), count: 4)
        signature.append(paragraph("LetterSignature", letter.signer.map { [run($0)] } ?? []))
        xml += paragraph("LetterBody", [], keepNext: true)
        xml += table([(half, copies), (textWidth - half, signature)])
        return xml
    }

    /// The document's page: A4, its margins, the page number in the header from the second page.
    static var section: String {
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
            + "<w:pgSz w:w=\"\(pageWidth)\" w:h=\"\(pageHeight)\"/>"
            + "<w:pgMar w:top=\"\(margins.top)\" w:right=\"\(margins.right)\" w:bottom=\"\(margins.bottom)\" "
            + "w:left=\"\(margins.left)\" w:header=\"\(margins.header)\" w:footer=\"\(margins.header)\" w:gutter=\"0\"/>"
            + "<w:titlePg/></w:sectPr>"
    }

    static func run(_ text: String, _ properties: String = "") -> String {
        (properties.isEmpty ? "<w:r>" : "<w:r><w:rPr>\(properties)</w:rPr>")
            + "<w:t xml:space=\"preserve\">" + OfficePackage.escape(text) + "</w:t></w:r>"
    }

    static func paragraph(_ style: String, _ runs: [String], keepNext: Bool = false) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>" + (keepNext ? "<w:keepNext/>" : "") + "</w:pPr>"
            + runs.joined() + "</w:p>"
    }

    /// An annex on a page of its own: its label and title, the line that attaches it to the letter,
    /// and its table with ruled cells, the header row repeated on every page; its rows follow
    /// (`annexRow`), then the table's end.
    static func annexHead(_ annex: LetterText.Annex, attached: String) -> String {
        var xml = paragraph("LetterAnnexLabel", [run(annex.label)])
        xml += paragraph("LetterAnnexTitle", [run(annex.title)])
        xml += paragraph("LetterAnnexAttached", [run(attached)])
        let single = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        let borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(single)/>" }.joined()
        xml += "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblBorders>\(borders)</w:tblBorders>"
        xml += "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
        xml += annexWidths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        return xml + annexRow(annex.columns, header: true)
    }

    /// The widths of an annex's columns: the number and the count narrow, the names sharing the rest.
    static let annexWidths: [Int] = {
        let narrow = twips(millimetres: 14)
        let count = twips(millimetres: 20)
        let name = (textWidth - narrow - count) / 2
        return [narrow, name, textWidth - narrow - count - name, count]
    }()

    /// A row of an annex's table: its header row, or a branch's.
    static func annexRow(_ cells: [String], header: Bool) -> String {
        var row = "<w:tr><w:trPr><w:cantSplit/>" + (header ? "<w:tblHeader/>" : "") + "</w:trPr>"
        for (index, cell) in cells.enumerated() {
            let style =
                header ? "LetterAnnexHeader" : (index == 0 || index == 3 ? "LetterAnnexNumber" : "LetterAnnexCell")
            row += "<w:tc><w:tcPr><w:tcW w:w=\"\(annexWidths[min(index, 3)])\" w:type=\"dxa\"/></w:tcPr>"
            row += paragraph(style, [run(cell)]) + "</w:tc>"
        }
        return row + "</w:tr>"
    }

    /// A borderless table of one row, each cell `width` twips wide holding its paragraphs.
    static func table(_ cells: [(width: Int, paragraphs: [String])]) -> String {
        let none = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"nil\"/>" }.joined()
        var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblBorders>\(none)</w:tblBorders>"
        xml += "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
        xml += "<w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
        xml += cells.map { "<w:gridCol w:w=\"\($0.width)\"/>" }.joined() + "</w:tblGrid><w:tr>"
        for cell in cells {
            xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(cell.width)\" w:type=\"dxa\"/></w:tcPr>"
            // A cell holds at least one paragraph.
            xml += (cell.paragraphs.isEmpty ? [paragraph("LetterHead", [])] : cell.paragraphs).joined() + "</w:tc>"
        }
        return xml + "</w:tr></w:tbl>"
    }

    // MARK: - Styles

    /// A paragraph style: its name as Word shows it, and its paragraph and run properties, written
    /// in the order the schema gives them (`spacing`, `ind`, `jc`; `b`, `i`, `caps`, `sz`, `u`):
    /// Word refuses a document whose properties are out of order.
    struct Style {
        enum Alignment: String {
            case left, center, both
        }

        var id: String
        var name: String
        var keepNext = false
        var pageBreakBefore = false
        var before = 0
        var after = 0
        var firstLine = 0
        var left = 0
        var alignment = Alignment.left
        var bold = false
        var italic = false
        var caps = false
        var points = 14
        var underline = false

        var paragraph: String {
            var xml = keepNext ? "<w:keepNext/>" : ""
            xml += pageBreakBefore ? "<w:pageBreakBefore/>" : ""
            xml += "<w:spacing w:before=\"\(before)\" w:after=\"\(after)\" w:line=\"240\" w:lineRule=\"auto\"/>"
            if firstLine > 0 || left > 0 { xml += "<w:ind w:left=\"\(left)\" w:firstLine=\"\(firstLine)\"/>" }
            return xml + "<w:jc w:val=\"\(alignment.rawValue)\"/>"
        }

        var run: String {
            var xml = bold ? "<w:b/><w:bCs/>" : ""
            xml += italic ? "<w:i/><w:iCs/>" : ""
            xml += caps ? "<w:caps/>" : ""
            xml += LetterDocument.size(points)
            return xml + (underline ? "<w:u w:val=\"single\"/>" : "")
        }
    }

    static func size(_ points: Int) -> String { "<w:sz w:val=\"\(points * 2)\"/><w:szCs w:val=\"\(points * 2)\"/>" }

    static let paragraphStyles = [
        Style(id: "LetterDraftMark", name: "Letter Draft Mark", after: 120, bold: true, points: 13),
        Style(id: "LetterHead", name: "Letter Head", alignment: .center, caps: true),
        Style(id: "LetterIssuer", name: "Letter Issuer", alignment: .center, bold: true, caps: true),
        Style(
            id: "LetterParty", name: "Letter Party", alignment: .center, bold: true, caps: true, points: 15,
            underline: true),
        Style(id: "LetterNumber", name: "Letter Number", before: 60, alignment: .center),
        Style(id: "LetterDate", name: "Letter Date", alignment: .center, italic: true),
        Style(id: "LetterSubject", name: "Letter Subject", before: 60, alignment: .center, italic: true, points: 12),
        Style(id: "LetterRecipients", name: "Letter Recipients", before: 360, after: 240, alignment: .center),
        Style(id: "LetterRecipientItem", name: "Letter Recipient Item", after: 60, left: 2835),
        Style(
            id: "LetterPartHeading", name: "Letter Part Heading", keepNext: true, before: 120, after: 120,
            firstLine: 567, alignment: .both, bold: true),
        Style(id: "LetterBody", name: "Letter Body", after: 120, firstLine: 567, alignment: .both),
        Style(id: "LetterSignature", name: "Letter Signature", alignment: .center, bold: true),
        Style(id: "LetterCopiesLabel", name: "Letter Copies Label", bold: true, italic: true, underline: true),
        Style(id: "LetterCopies", name: "Letter Copies", points: 12),
        Style(id: "LetterPageNumber", name: "Letter Page Number", alignment: .center),
        Style(
            id: "LetterAnnexLabel", name: "Letter Annex Label", pageBreakBefore: true, alignment: .center, bold: true,
            caps: true),
        Style(id: "LetterAnnexTitle", name: "Letter Annex Title", before: 60, alignment: .center, bold: true),
        Style(
            id: "LetterAnnexAttached", name: "Letter Annex Attached", after: 240, alignment: .center, italic: true,
            points: 13),
        Style(
            id: "LetterAnnexHeader", name: "Letter Annex Header", before: 40, after: 40, alignment: .center, bold: true,
            points: 13),
        Style(id: "LetterAnnexCell", name: "Letter Annex Cell", before: 40, after: 40, left: 57, points: 13),
        Style(
            id: "LetterAnnexNumber", name: "Letter Annex Number", before: 40, after: 40, alignment: .center, points: 13),
    ]

    static var styles: String {
        let font =
            "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
            + "w:cs=\"Times New Roman\"/>"
        var xml = OfficePackage.header + "<w:styles xmlns:w=\"\(main)\"><w:docDefaults><w:rPrDefault><w:rPr>"
        xml +=
            font + "<w:color w:val=\"000000\"/>" + size(14)
            + "<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>"
        xml +=
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            + "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        xml += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
        xml += "<w:qFormat/><w:rPr>" + font + size(14) + "</w:rPr></w:style>"
        xml += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
        xml += "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
        xml += "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
        xml += "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        for style in paragraphStyles {
            xml += "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"\(style.id)\">"
            xml += "<w:name w:val=\"\(style.name)\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
            xml += "<w:pPr>\(style.paragraph)</w:pPr><w:rPr>\(style.run)</w:rPr></w:style>"
        }
        return xml + "</w:styles>"
    }

    // MARK: - Package parts

    static var contentTypes: String {
        let word = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        return OfficePackage.header
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"\(word).document.main+xml\"/>"
            + "<Override PartName=\"/word/styles.xml\" ContentType=\"\(word).styles+xml\"/>"
            + "<Override PartName=\"/word/settings.xml\" ContentType=\"\(word).settings+xml\"/>"
            + "<Override PartName=\"/word/header1.xml\" ContentType=\"\(word).header+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>"
    }

    static var packageRelationships: String {
        OfficePackage.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"word/document.xml\"/>"
            + "<Relationship Id=\"rId2\" "
            + "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
            + "Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"\(relationships)/extended-properties\" Target=\"docProps/app.xml\"/>"
            + "</Relationships>"
    }

    static var documentRelationships: String {
        OfficePackage.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(relationships)/settings\" Target=\"settings.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"\(relationships)/header\" Target=\"header1.xml\"/>"
            + "</Relationships>"
    }

    static var settings: String {
        OfficePackage.header + "<w:settings xmlns:w=\"\(main)\"><w:defaultTabStop w:val=\"720\"/>"
            + "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat>"
            + "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
            + "w:val=\"15\"/></w:compat></w:settings>"
    }

    /// The header of every page but the first (`titlePg`): the page number, centred.
    static var pageNumberHeader: String {
        OfficePackage.header + "<w:hdr xmlns:w=\"\(main)\" xmlns:r=\"\(relationships)\">"
            + "<w:p><w:pPr><w:pStyle w:val=\"LetterPageNumber\"/></w:pPr>"
            + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    }

    static func core(_ properties: Properties) -> String {
        let date = properties.created.description + "T00:00:00Z"
        return OfficePackage.header
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(OfficePackage.escape(properties.title))</dc:title><dc:creator>chibo</dc:creator>"
            + "<dc:language>vi-VN</dc:language>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:modified></cp:coreProperties>"
    }

    static var app: String {
        OfficePackage.header
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>chibo</Application></Properties>"
    }
}

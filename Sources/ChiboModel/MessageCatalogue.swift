/// Every message of every diagnostic, in Vietnamese and in English, keyed by `DiagnosticCode` (issue
/// 32): a code's entry lists the fields its messages may use, and its messages, the main one under
/// `""` and any other under a name of its own. A message writes a field as `{field}`; the value is
/// written as its type and the language say (`FieldValue.text(in:)`).
///
/// The Vietnamese is the clerk's: the words of the committee's own papers ("chi bộ", "sinh hoạt
/// thường kỳ", "biên bản"), numbers `1.362` and `31,2%`, dates `20/6/2023`. The English keeps the
/// wording chibo has always printed, for administrators and tools.
///
/// `MessageCatalogueTests` fails when a code has no message in either language, or when a message
/// uses a field its code does not list. Every diagnostic is made from a message of the catalogue
/// (`Diagnostic.init(_:_:_:)` takes a `DiagnosticMessage`), so none is worded in one language only.
public enum MessageCatalogue {
    /// One code's messages.
    public struct Entry: Sendable {
        /// The fields the code's messages may use.
        public var fields: Set<MessageField>
        /// The messages by variant (`""` the main one): English and Vietnamese.
        public var messages: [String: (en: String, vi: String)]

        init(_ fields: Set<MessageField>, _ messages: [String: (en: String, vi: String)]) {
            self.fields = fields
            self.messages = messages
        }
    }

    /// The text of `message` in `language`: its variant's words with each `{field}` replaced by the
    /// field's value; a field without a value is written `{field}`, which the tests catch.
    public static func render(_ message: DiagnosticMessage, in language: Language) -> String {
        guard let words = entries[message.code]?.messages[message.variant] else {
            return message.code.rawValue
        }
        let template = language == .vi ? words.vi : words.en
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if let field = MessageField(rawValue: String(name)), let value = message.fields[field] {
                out += value.text(in: language)
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The `{field}` names a message's words use, in order: a name between braces is letters only, so
    /// that a template's tags quoted in a message (`` `{{<parent}}` ``) stay text.
    public static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty && name.allSatisfy({ $0.isASCII && $0.isLetter }) { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    public static let entries: [DiagnosticCode: Entry] = [
        // MARK: Files and folders
        .fileMissing: Entry(
            [.name],
            [
                "noFolder": ("the content folder {name} does not exist", "không có thư mục nội dung {name}"),
                "isFile": (
                    "{name} is a file, not a folder; give the content folder, the one that holds site.yaml",
                    "{name} là một tệp, không phải thư mục; hãy chỉ thư mục nội dung, thư mục chứa site.yaml"
                ),
                "units": (
                    "the content has rubrics or meetings but no units file; add units.csv (or units.yaml) listing the units",
                    "nội dung có thang điểm hoặc biên bản nhưng không có tệp danh sách đơn vị; hãy thêm units.csv (hoặc units.yaml) liệt kê các đơn vị"
                ),
                "rubrics": (
                    "the content has units but no rubrics; add rubrics/*.yaml, one per meeting kind",
                    "nội dung có danh sách đơn vị nhưng không có thang điểm; hãy thêm rubrics/*.yaml, mỗi loại sinh hoạt một tệp"
                ),
                "site": (
                    "the content folder has no site.yaml; create one with at least `title:` and `organization:`",
                    "thư mục nội dung không có site.yaml; hãy tạo tệp này, ít nhất có `title:` và `organization:`"
                ),
                "templates": ("the theme has no .mustache templates", "giao diện không có mẫu .mustache nào"),
                "strings": (
                    "the theme needs its UI strings in this file", "giao diện cần các chuỗi hiển thị trong tệp này"
                ),
            ]),
        .fileUnreadable: Entry(
            [.detail],
            [
                "": ("cannot read the file ({detail})", "không đọc được tệp ({detail})"),
                "pipe": (
                    "this is a pipe or a device, not a file; remove it or put the file itself here",
                    "đây là một pipe hoặc thiết bị, không phải tệp; hãy xóa nó hoặc đặt chính tệp vào đây"
                ),
                "folder": (
                    "this is a folder, not a file; rename or remove it",
                    "đây là một thư mục, không phải tệp; hãy đổi tên hoặc xóa nó"
                ),
            ]),
        .fileEmpty: Entry(
            [],
            [
                "csv": (
                    "the file is empty; the first row must name the columns",
                    "tệp trống; hàng đầu tiên phải ghi tên các cột"
                ),
                "workbook": (
                    "the workbook has no sheet with a header row; the first row of a sheet must name the columns",
                    "tệp Excel không có trang tính nào có hàng tiêu đề; hàng đầu tiên của trang tính phải ghi tên các cột"
                ),
                "rubric": ("the rubric file is empty", "tệp thang điểm trống"),
                "plan": ("the plan file is empty", "tệp kế hoạch trống"),
                "site": (
                    "site.yaml is empty; it needs `title:` and `organization:`",
                    "site.yaml trống; cần có `title:` và `organization:`"
                ),
            ]),
        .fileNotUTF8: Entry(
            [.value, .count],
            [
                "": (
                    "the file is not UTF-8 (byte 0x{value} at offset {count}); it may be in an old Vietnamese encoding (TCVN3, VNI): save it again as UTF-8",
                    "tệp không dùng mã UTF-8 (byte 0x{value} ở vị trí {count}); có thể tệp dùng bảng mã tiếng Việt cũ (TCVN3, VNI): hãy lưu lại dưới dạng UTF-8"
                )
            ]),
        .fileNotRead: Entry(
            [.name, .detail, .value],
            [
                "folder": (
                    "this folder is not read: {name}/ holds {detail} directly in it, not in folders",
                    "thư mục này không được đọc: {name}/ chứa {detail} ngay bên trong, không chứa thư mục con"
                ),
                "folderRecords": (
                    "this folder is not read: {name}/ holds {detail} directly in it, not in folders; move its files up into {name}/",
                    "thư mục này không được đọc: {name}/ chứa {detail} ngay bên trong, không chứa thư mục con; hãy chuyển các tệp của nó lên {name}/"
                ),
                "spreadsheet": ("this file {detail}", "tệp này {detail}"),
                "capitals": (
                    "this file is not read because its extension is in capitals; rename it to end in {value}",
                    "tệp này không được đọc vì phần mở rộng viết hoa; hãy đổi tên để kết thúc bằng {value}"
                ),
                "other": (
                    "this file is not read: {name}/ holds {detail}; move it out of {name}/",
                    "tệp này không được đọc: {name}/ chỉ chứa {detail}; hãy chuyển tệp ra khỏi {name}/"
                ),
                "units": (
                    "this file is not read: the units file is one of {value}, named in small letters",
                    "tệp này không được đọc: tệp danh sách đơn vị phải là một trong {value}, tên viết chữ thường"
                ),
            ]),
        .fileTwice: Entry(
            [.value, .other],
            [
                "": (
                    "both {value} and {other} exist; keep one units file",
                    "có cả {value} và {other}; chỉ giữ một tệp danh sách đơn vị"
                )
            ]),

        .controlCharacter: Entry(
            [.detail, .field, .name, .value],
            [
                "cell": (
                    "this cell holds {detail}, which no text may contain; delete it (it usually comes from copying out of another program)",
                    "ô này chứa {detail}, ký tự không được phép có trong văn bản; hãy xóa nó (thường do sao chép từ chương trình khác)"
                ),
                "key": (
                    "{field} holds {detail} (written as an escape), which no text may contain; remove it",
                    "{field} chứa {detail} (viết dưới dạng mã thoát), ký tự không được phép có trong văn bản; hãy xóa nó"
                ),
                "text": (
                    "the text holds {detail}, which no text may contain; delete it",
                    "văn bản chứa {detail}, ký tự không được phép có trong văn bản; hãy xóa nó"
                ),
                "sheet": (
                    "the name of the sheet {name} holds the control character {value}, which no name may contain; rename the sheet",
                    "tên trang tính {name} chứa ký tự điều khiển {value}, ký tự không được phép có trong tên; hãy đổi tên trang tính"
                ),
                "yamlSeparator": (
                    "the invisible {detail} separator {value} is not allowed in YAML (it would be read as a line end); remove it",
                    "ký tự ngăn cách {detail} vô hình {value} không được phép có trong YAML (sẽ bị đọc thành xuống dòng); hãy xóa nó"
                ),
                "yamlNoncharacter": (
                    "the noncharacter {value} (a code point that is no character) is not allowed in YAML; remove it",
                    "mã {value} không phải là ký tự (noncharacter) nên không được phép có trong YAML; hãy xóa nó"
                ),
                "yamlControl": (
                    "control character {value} is not allowed in YAML; remove it",
                    "ký tự điều khiển {value} không được phép có trong YAML; hãy xóa nó"
                ),
            ]),

        .linkOutside: Entry(
            [.value, .name, .detail],
            [
                "file": (
                    "this file is a link to {value}, outside {name}; copy the file into the folder instead",
                    "tệp này là liên kết tới {value}, nằm ngoài {name}; hãy chép chính tệp vào thư mục"
                ),
                "content": (
                    "this {detail} is a link to {value}, outside the content folder; copy it into the content folder instead",
                    "{detail} này là liên kết tới {value}, nằm ngoài thư mục nội dung; hãy chép nó vào thư mục nội dung"
                ),
                "guidance": (
                    "this folder is a link to {value}, outside guidance/; move the folder into guidance/ instead",
                    "thư mục này là liên kết tới {value}, nằm ngoài guidance/; hãy chuyển thư mục vào guidance/"
                ),
                "theme": (
                    "this folder is a link to {value}, outside the theme folder; move the folder into the theme",
                    "thư mục này là liên kết tới {value}, nằm ngoài thư mục giao diện; hãy chuyển thư mục vào giao diện"
                ),
            ]),
        .linkBroken: Entry(
            [.detail, .value],
            [
                "": (
                    "this {detail} is a link that cannot be followed ({value}); remove the link",
                    "{detail} này là liên kết không theo được ({value}); hãy xóa liên kết"
                )
            ]),
        .linkedTwice: Entry(
            [],
            [
                "guidance": (
                    "this folder is published already under another name (a link to it); remove the link",
                    "thư mục này đã được xuất bản dưới một tên khác (một liên kết tới nó); hãy xóa liên kết"
                ),
                "theme": (
                    "this folder is in the theme already under another name (a link to it); remove the link",
                    "thư mục này đã có trong giao diện dưới một tên khác (một liên kết tới nó); hãy xóa liên kết"
                ),
            ]),

        // MARK: Attachments
        .litter: Entry(
            [.value],
            [
                "": (
                    "{value} is a temporary or system file; it is not published",
                    "{value} là tệp tạm hoặc tệp hệ thống; tệp này không được xuất bản"
                )
            ]),
        .attachmentRefused: Entry(
            [.value, .detail],
            [
                "": (
                    "{value} cannot be published: a guidance folder holds Markdown pages and attachments of these kinds only: {detail} (web pages, SVG images and scripts could run in the site; write the page in Markdown, or save an SVG as PNG)",
                    "không xuất bản được {value}: thư mục hướng dẫn chỉ chứa trang Markdown và tệp đính kèm thuộc các loại: {detail} (trang web, ảnh SVG và mã lệnh có thể chạy trong trang; hãy viết trang bằng Markdown, hoặc lưu ảnh SVG thành PNG)"
                )
            ]),
        .attachmentMislabelled: Entry(
            [.value, .detail],
            [
                "": (
                    "{value} is not what its name says: {detail}; save it again in that format or give it the right extension",
                    "{value} không đúng như tên tệp: {detail}; hãy lưu lại đúng định dạng đó hoặc đặt đúng phần mở rộng"
                )
            ]),

        // MARK: YAML
        .yamlSyntax: Entry(
            [.value, .other, .count, .field, .detail],
            [
                "quoteLeftOpen": (
                    "this quoted text is never closed on its line: it runs on to line {count}, where a {value} (in a comment or another value) ends it; add the closing {value} here (text over several lines is written after `|`, on the lines below)",
                    "đoạn văn bản trong ngoặc này không được đóng ngay trên dòng của nó: nó kéo dài tới dòng {count}, nơi một dấu {value} (trong chú thích hoặc trong giá trị khác) đóng nó lại; hãy thêm dấu {value} đóng ở đây (văn bản nhiều dòng được viết sau `|`, ở các dòng bên dưới)"
                ),
                "quoteNeverClosed": (
                    "this quoted text is never closed: add the closing {value} (it runs on to {other}, line {count})",
                    "đoạn văn bản trong ngoặc này không được đóng: hãy thêm dấu {value} đóng (nó kéo dài tới {other}, dòng {count})"
                ),
                "flowUnclosed": (
                    "this {value} is never closed, or a comma is missing between its items: a `,` or {other} was expected at {detail}",
                    "dấu {value} này không được đóng, hoặc thiếu dấu phẩy giữa các mục: cần một dấu `,` hoặc {other} ở {detail}"
                ),
                "bracketUnclosed": (
                    "this {value} is never closed: add the {other} (the text ends at {detail} without it)",
                    "dấu {value} này không được đóng: hãy thêm dấu {other} (văn bản kết thúc ở {detail} mà không có dấu này)"
                ),
                "valueExpected": ("a value is expected here", "cần có một giá trị ở đây"),
                "tooDeep": (
                    "lists or mappings are nested too deeply here ({count} levels or more); content files need only a few",
                    "danh sách hoặc nhóm khóa ở đây lồng nhau quá sâu (từ {count} tầng trở lên); tệp nội dung chỉ cần vài tầng"
                ),
                "colon": (
                    "this `:` starts a second `key:` inside a value; put the value in quotes, e.g. title: \"Quy định: ...\", or indent this line like the key above",
                    "dấu `:` này mở một `khóa:` thứ hai bên trong một giá trị; hãy đặt giá trị trong ngoặc kép, ví dụ title: \"Quy định: ...\", hoặc thụt lề dòng này như khóa ở trên"
                ),
                "tab": (
                    "a tab is used for indentation here; YAML indents with spaces only",
                    "dòng này thụt lề bằng phím tab; YAML chỉ thụt lề bằng dấu cách"
                ),
                "cannotStart": (
                    "{value} cannot start a value in YAML; put the value in quotes",
                    "trong YAML, giá trị không được bắt đầu bằng {value}; hãy đặt giá trị trong ngoặc kép"
                ),
                "anchor": (
                    "a value cannot start with {value} in YAML (it marks an {detail}); put the value in quotes",
                    "trong YAML, giá trị không được bắt đầu bằng {value} (dấu này đánh dấu một {detail}); hãy đặt giá trị trong ngoặc kép"
                ),
                "escape": (
                    "this \\ escape is not one YAML knows in double-quoted text; use single quotes, or write \\\\ for a backslash",
                    "mã thoát \\ này không có trong văn bản đặt trong ngoặc kép của YAML; hãy dùng ngoặc đơn, hoặc viết \\\\ cho một dấu gạch chéo ngược"
                ),
                "closesNothing": (
                    "this {value} closes nothing: remove it, or add the {other} it closes",
                    "dấu {value} này không đóng gì cả: hãy xóa nó, hoặc thêm dấu {other} mà nó đóng"
                ),
                "expectedKey": (
                    "expected another `key: value` line of the mapping above{detail}; check this line's indentation (spaces, lined up with the keys above) and put a value holding `: ` or ` #` in quotes",
                    "cần thêm một dòng `khóa: giá trị` của nhóm ở trên{detail}; hãy kiểm tra thụt lề của dòng này (bằng dấu cách, thẳng hàng với các khóa ở trên) và đặt giá trị có chứa `: ` hoặc ` #` trong ngoặc kép"
                ),
                "expectedItem": (
                    "expected another `- ` item of the list above; line this line up with the list's `-` items",
                    "cần thêm một mục `- ` của danh sách ở trên; hãy cho dòng này thẳng hàng với các mục `-` của danh sách"
                ),
                "noColon": (
                    "this line is not a `key: value` line: the `:` after the key is missing",
                    "dòng này không phải là dòng `khóa: giá trị`: thiếu dấu `:` sau khóa"
                ),
                "secondDocument": (
                    "a `---` line here starts a second YAML document; a file holds one: remove it",
                    "dòng `---` ở đây mở một văn bản YAML thứ hai; mỗi tệp chỉ chứa một văn bản: hãy xóa dòng này"
                ),
                "keysTwice": (
                    "the key {field} is given twice in one mapping; keep one",
                    "khóa {field} được ghi hai lần trong cùng một nhóm; hãy giữ một"
                ),
                "other": ("invalid YAML: {detail}", "YAML không hợp lệ: {detail}"),
            ]),
        .wrongShape: Entry(
            [.detail, .field, .value],
            [
                "mapping": (
                    "{detail} must be a mapping of `key: value` lines",
                    "{detail} phải là một nhóm các dòng `khóa: giá trị`"
                ),
                "text": (
                    "{field} must be text, not a list or mapping",
                    "{field} phải là văn bản, không phải danh sách hay nhóm khóa"
                ),
                "words": ("{field} must be a list of words", "{field} phải là một danh sách từ"),
                "single": ("{field} must be a single value", "{field} phải là một giá trị đơn"),
                "items": (
                    "{detail} must be a list of `- key: value` items",
                    "{detail} phải là một danh sách các mục `- khóa: giá trị`"
                ),
                "uiStrings": (
                    "the UI strings must be a mapping of `key: text`",
                    "các chuỗi hiển thị phải là một nhóm các dòng `khóa: văn bản`"
                ),
                "criteria": ("{field} must be a list of {value}", "{field} phải là một danh sách các {value}"),
                "ratings": (
                    "{field} must be a list of {value}, best first",
                    "{field} phải là một danh sách các {value}, mức cao nhất trước"
                ),
                "requireFull": (
                    "`require_full` must be a list of criterion ids, e.g. [1, 2, 4, 5]",
                    "`require_full` phải là một danh sách mã tiêu chí, ví dụ [1, 2, 4, 5]"
                ),
                "requireMin": (
                    "`require_min` must map criterion ids to points, e.g. {value}",
                    "`require_min` phải ghi mỗi mã tiêu chí với số điểm tối thiểu, ví dụ {value}"
                ),
                "lines": (
                    "{field} must be a list of lines (`[Như trên, Lưu VP]`) or one line of text",
                    "{field} phải là một danh sách dòng (`[Như trên, Lưu VP]`) hoặc một dòng văn bản"
                ),
                "restricted": (
                    "`restricted` must be a mapping such as {value}",
                    "`restricted` phải là một nhóm khóa, ví dụ {value}"
                ),
                "restrictedPaths": (
                    "`restricted.paths` must be a list of folders ({value})",
                    "`restricted.paths` phải là một danh sách thư mục ({value})"
                ),
                "sessions": (
                    "{field} must be a list of sessions", "{field} phải là một danh sách các buổi sinh hoạt"
                ),
            ]),
        .unknownKey: Entry(
            [.field, .detail, .name, .value],
            [
                "": ("unknown key {field} is ignored", "khóa {field} không được dùng nên bị bỏ qua"),
                "of": (
                    "unknown {detail} key {field} is ignored", "khóa {field} của {detail} không được dùng nên bị bỏ qua"
                ),
                "in": (
                    "unknown key {field} in {name} is ignored",
                    "khóa {field} trong {name} không được dùng nên bị bỏ qua"
                ),
                "inKnown": (
                    "unknown key {field} in {name} is ignored; the keys are {value}",
                    "khóa {field} trong {name} không được dùng nên bị bỏ qua; các khóa dùng được là {value}"
                ),
                "section": (
                    "unknown section key {field} in _index.md is ignored",
                    "khóa {field} của mục trong _index.md không được dùng nên bị bỏ qua"
                ),
            ]),
        .duplicateKey: Entry(
            [.field],
            [
                "": (
                    "the key {field} is given twice in one mapping; keep one",
                    "khóa {field} được ghi hai lần trong cùng một nhóm; hãy giữ một"
                ),
                "short": ("duplicate key {field}", "khóa {field} bị lặp"),
            ]),
        .yamlAlias: Entry(
            [.field, .name],
            [
                "": (
                    "{field} is a YAML alias (a repeat of the value marked {name}); chibo's files do not use anchors and aliases: write the value out in full (text that starts with * must be in quotes)",
                    "{field} là một bí danh YAML (lặp lại giá trị được đánh dấu {name}); tệp của chibo không dùng neo và bí danh: hãy viết đầy đủ giá trị (văn bản bắt đầu bằng * phải đặt trong ngoặc kép)"
                ),
                "star": (
                    "a value cannot start with `*` in YAML; put the value in quotes",
                    "trong YAML, giá trị không được bắt đầu bằng `*`; hãy đặt giá trị trong ngoặc kép"
                ),
            ]),

        // MARK: Guidance
        .frontMatter: Entry(
            [],
            [
                "none": (
                    "a guidance document starts with front matter: a `---` line, `title: ...`, and a closing `---` line",
                    "văn bản hướng dẫn phải bắt đầu bằng phần đầu trang: một dòng `---`, `title: ...`, và một dòng `---` đóng lại"
                ),
                "empty": ("the front matter is empty; it needs `title:`", "phần đầu trang trống; cần có `title:`"),
            ]),
        .brokenLink: Entry(
            [.value, .detail, .name],
            [
                "empty": ("the link has no destination", "liên kết không có đích"),
                "query": (
                    "the link {value} names no page, only a query; write the file it goes to, e.g. ke-hoach.md",
                    "liên kết {value} không chỉ tới trang nào, chỉ có phần truy vấn; hãy ghi tệp cần tới, ví dụ ke-hoach.md"
                ),
                "hash": (
                    "the link {value} ends in # with no heading after it; write the heading's anchor (e.g. #buoc-2) or remove {detail}",
                    "liên kết {value} kết thúc bằng # mà không có tiêu đề sau đó; hãy ghi neo của tiêu đề (ví dụ #buoc-2) hoặc xóa {detail}"
                ),
                "heading": (
                    "the link names the heading #{value} that this page does not have",
                    "liên kết nêu tiêu đề #{value} mà trang này không có"
                ),
                "otherHeading": (
                    "the link names the heading #{value} that {name} does not have",
                    "liên kết nêu tiêu đề #{value} mà {name} không có"
                ),
                "outside": (
                    "the link {value} leads outside the guidance folder",
                    "liên kết {value} dẫn ra ngoài thư mục hướng dẫn"
                ),
                "draft": (
                    "the link goes to {value}, a draft (`draft: true`) that is not published",
                    "liên kết dẫn tới {value}, một bản nháp (`draft: true`) chưa được xuất bản"
                ),
                "missing": (
                    "the link names {value}, which does not exist; write the path of a file under guidance/, relative to this file",
                    "liên kết nêu {value}, tệp này không tồn tại; hãy ghi đường dẫn của một tệp trong guidance/, tính từ tệp này"
                ),
            ]),
        .badTable: Entry([.detail], ["": ("csv table: {detail}", "bảng csv: {detail}")]),
        .duplicateNumber: Entry(
            [.value, .name],
            [
                "": (
                    "the number {value} is already used by {name}; each document number belongs to one page",
                    "số {value} đã được dùng ở {name}; mỗi số văn bản chỉ thuộc về một trang"
                )
            ]),
        .unknownNumber: Entry(
            [.field, .value],
            [
                "": (
                    "{field} names {value}, but no guidance document has that number",
                    "{field} nêu {value}, nhưng không có văn bản hướng dẫn nào mang số này"
                )
            ]),
        .markdownTooDeep: Entry(
            [.count],
            [
                "": (
                    "block quotes, lists, emphasis or links are nested more than {count} levels deep here; what is nested deeper is left out, write it with less nesting",
                    "trích dẫn, danh sách, nhấn mạnh hoặc liên kết ở đây lồng nhau quá {count} tầng; phần lồng sâu hơn bị bỏ qua, hãy viết ít tầng hơn"
                )
            ]),

        // MARK: Names and URLs
        .badURLName: Entry(
            [.count, .value, .highest, .name],
            [
                "partTooLong": (
                    "the name gives a URL part of {count} bytes (`{value}...`), longer than the {highest} a file name on the server can take; shorten it",
                    "tên này cho một phần URL dài {count} byte (`{value}...`), quá {highest} byte mà tên tệp trên máy chủ chấp nhận; hãy rút ngắn"
                ),
                "tooLong": (
                    "the URL of this page would be {count} bytes long (folders nested too deep or names too long); the longest is {highest}: shorten the names or nest fewer folders",
                    "URL của trang này sẽ dài {count} byte (thư mục lồng quá sâu hoặc tên quá dài); dài nhất là {highest}: hãy rút ngắn tên hoặc bớt tầng thư mục"
                ),
                "emptyName": (
                    "the name {name} gives an empty URL; rename it with letters or digits",
                    "tên {name} cho một URL rỗng; hãy đặt tên có chữ cái hoặc chữ số"
                ),
                "planFile": (
                    "the file name gives the plan no URL; rename it with letters or digits",
                    "tên tệp không cho kế hoạch một URL nào; hãy đặt tên có chữ cái hoặc chữ số"
                ),
            ]),
        .urlTaken: Entry(
            [.value, .name, .other, .count, .total, .detail],
            [
                "listPage": (
                    "the URL {value} is that of a page of its section's list of documents ({count} documents, {total} a page); rename it or give it another `slug`",
                    "URL {value} trùng với một trang của danh sách văn bản trong mục ({count} văn bản, mỗi trang {total}); hãy đổi tên hoặc đặt `slug` khác"
                ),
                "owned": (
                    "this page's URL {value} is already {name}'s; change its `slug`",
                    "URL {value} của trang này đã thuộc về {name}; hãy đổi `slug`"
                ),
                "sameSlug": (
                    "{name} and {other} both become the URL {value}; rename {name}{detail}",
                    "{name} và {other} cùng thành URL {value}; hãy đổi tên {name}{detail}"
                ),
                "plan": (
                    "{name} and {other} both become the plan page {value}; rename one of them",
                    "{name} và {other} cùng thành trang kế hoạch {value}; hãy đổi tên một trong hai"
                ),
            ]),

        // MARK: Values
        .notADate: Entry(
            [.value, .field],
            [
                "": (
                    "{value} is not a valid date; write DD/MM/YYYY or YYYY-MM-DD",
                    "{value} không phải là ngày hợp lệ; hãy viết ngày/tháng/năm (DD/MM/YYYY) hoặc YYYY-MM-DD"
                ),
                "key": (
                    "{field} must be a date written YYYY-MM-DD or DD/MM/YYYY",
                    "{field} phải là một ngày, viết YYYY-MM-DD hoặc DD/MM/YYYY"
                ),
            ]),
        .notANumber: Entry(
            [.value, .field],
            [
                "": ("{field} must be a whole number, not {value}", "{field} phải là số nguyên, không phải {value}"),
                "whole": ("{field} must be a whole number", "{field} phải là số nguyên"),
                "number": ("{field} must be a number", "{field} phải là một số"),
            ]),
        .notYesOrNo: Entry(
            [.field],
            [
                "": (
                    "{field} must be yes or no (có/không, x or empty, 1/0)",
                    "{field} phải là có hoặc không (có/không, x hoặc để trống, 1/0)"
                ),
                "yaml": (
                    "{field} must be true or false (yes/no, có/không)",
                    "{field} phải là đúng hoặc sai (true/false, yes/no, có/không)"
                ),
            ]),
        .outOfRange: Entry(
            [.field, .value, .lowest, .highest, .detail],
            [
                "": (
                    "{field} must be from {lowest} to {highest}{detail}",
                    "{field} phải từ {lowest} đến {highest}{detail}"
                ),
                "atLeast": ("{field} must be {lowest} or more", "{field} phải từ {lowest} trở lên"),
                "negative": ("{field} cannot be negative ({value})", "{field} không được là số âm ({value})"),
                "members": (
                    "{field} must be a whole number of members, from {lowest} to {highest}",
                    "{field} phải là số đảng viên, một số nguyên từ {lowest} đến {highest}"
                ),
                "share": (
                    "{field} is a share from 0 to 1, e.g. 0.30 for 30%",
                    "{field} là một tỉ lệ từ 0 đến 1, ví dụ 0.30 cho 30%"
                ),
            ]),

        .valueMissing: Entry(
            [.field, .detail, .value, .name],
            [
                "empty": ("{field} is empty: {detail}", "{field} đang trống: {detail}"),
                "required": ("{field} is required: {detail}", "cần có {field}: {detail}"),
                "members": ("a branch needs {field} (số đảng viên)", "chi bộ cần có {field} (số đảng viên)"),
                "sector": (
                    "{value} is directly under the bloc, so it needs a {field} ({detail})",
                    "{value} trực thuộc Đảng ủy Khối nên cần có {field} ({detail})"
                ),
                "topic": (
                    "a thematic meeting needs its {field} (chủ đề)",
                    "buổi sinh hoạt chuyên đề cần ghi {field} (chủ đề)"
                ),
                "unitsList": ("{name} needs a `units:` list", "{name} cần có danh sách `units:`"),
                "rubricID": ("the rubric needs an `id`", "thang điểm cần có `id`"),
                "rubricKind": (
                    "the rubric needs `applies_to: regular` or `applies_to: thematic`",
                    "thang điểm cần có `applies_to: regular` hoặc `applies_to: thematic`"
                ),
                "rubricCriteria": (
                    "the rubric needs `criteria`, numbered 1 to N", "thang điểm cần có `criteria`, đánh số từ 1 đến N"
                ),
                "rubricRating": ("the rubric needs at least one rating", "thang điểm cần có ít nhất một mức xếp loại"),
                "rubricRatings": (
                    "the rubric needs `ratings`, best first", "thang điểm cần có `ratings`, mức cao nhất trước"
                ),
                "criterion": ("each criterion needs `id` and `max`", "mỗi tiêu chí cần có `id` và `max`"),
                "rating": ("each rating needs a `name`", "mỗi mức xếp loại cần có `name`"),
                "frontTitle": (
                    "the front matter needs `title:` (the page title)", "phần đầu trang cần có `title:` (tiêu đề trang)"
                ),
                "emptyTitle": ("`title` must not be empty", "`title` không được để trống"),
                "siteTitle": ("site.yaml needs `title:` (the site's title)", "site.yaml cần có `title:` (tên trang)"),
                "siteOrganization": (
                    "site.yaml needs `organization:` (the bloc's full name)",
                    "site.yaml cần có `organization:` (tên đầy đủ của Đảng bộ Khối)"
                ),
                "periodDates": (
                    "`period` needs both `from:` and `to:` dates", "`period` cần có cả ngày `from:` và `to:`"
                ),
                "restrictedEmpty": (
                    "`restricted` is empty; name the folders to restrict ({value}) or remove the key",
                    "`restricted` đang trống; hãy liệt kê các thư mục cần hạn chế ({value}) hoặc xóa khóa này"
                ),
                "restrictedPaths": (
                    "`restricted` needs `paths:`, a list of the folders to restrict ({value})",
                    "`restricted` cần có `paths:`, danh sách các thư mục cần hạn chế ({value})"
                ),
                "restrictedItem": (
                    "an item of `restricted.paths` is empty; name a folder ({value})",
                    "một mục của `restricted.paths` đang trống; hãy ghi tên một thư mục ({value})"
                ),
                "restrictedNone": (
                    "`restricted.paths` lists no folder; name the folders to restrict ({value}) or remove `restricted`",
                    "`restricted.paths` không liệt kê thư mục nào; hãy ghi các thư mục cần hạn chế ({value}) hoặc xóa `restricted`"
                ),
                "realmEmpty": (
                    "`restricted.realm` is empty; name who may sign in",
                    "`restricted.realm` đang trống; hãy ghi ai được đăng nhập"
                ),
                "restrictedNoFolder": (
                    "`restricted.paths` names no folder to restrict ({value})",
                    "`restricted.paths` không nêu thư mục nào để hạn chế ({value})"
                ),
                "planNumber": (
                    "the plan needs its `number`, e.g. 114-KH/ĐUK",
                    "kế hoạch cần có `number` (số kế hoạch), ví dụ 114-KH/ĐUK"
                ),
                "planTitle": ("the plan needs a `title`", "kế hoạch cần có `title`"),
                "committeeRule": (
                    "`committee_rule` needs `threshold`, `below` and `at_or_above`",
                    "`committee_rule` cần có `threshold`, `below` và `at_or_above`"
                ),
                "session": ("the session needs {field}", "buổi sinh hoạt cần có {field}"),
                "sampleTopic": (
                    "a thematic sample meeting needs its `topic`", "buổi sinh hoạt mẫu chuyên đề cần ghi `topic`"
                ),
                "audienceLevel": (
                    "`audience` needs `level`: grassroots, subordinate or all",
                    "`audience` cần có `level`: grassroots (cơ sở), subordinate (trực thuộc) hoặc all (tất cả)"
                ),
            ]),
        .badForm: Entry(
            [.field, .value, .other, .count, .limit],
            [
                "sign": (
                    "{field} is a count: write {count}, with no sign, not {value}",
                    "{field} là một số đếm: hãy viết {count}, không có dấu, không phải {value}"
                ),
                "leadingZero": (
                    "{field} is written without leading zeros: {count}, not {other}",
                    "{field} được viết không có số 0 ở đầu: {count}, không phải {other}"
                ),
                "slug": (
                    "`slug` is the last part of the page's URL: lowercase ASCII letters, digits and - only (no / or ..), e.g. {value}",
                    "`slug` là phần cuối của địa chỉ trang: chỉ gồm chữ thường không dấu, chữ số và dấu - (không có / hay ..), ví dụ {value}"
                ),
                "time": (
                    "`time` is HH:MM in 24 hours, e.g. \"08:00\" (in quotes)",
                    "`time` là giờ:phút theo 24 giờ (HH:MM), ví dụ \"08:00\" (trong ngoặc kép)"
                ),
                "basePath": (
                    "`base_path` must be a URL path such as /so-tay/ (letters, digits, -, _, . and /; no `..`)",
                    "`base_path` phải là một đường dẫn URL như /so-tay/ (chữ cái, chữ số, -, _, . và /; không có `..`)"
                ),
                "baseURL": (
                    "`base_url` must be the site's address, http:// or https://, a host name and optionally a port and a path, e.g. https://intranet.example:8443/so-tay (no spaces, quotes, line ends, user names, ? or #)",
                    "`base_url` phải là địa chỉ của trang, http:// hoặc https://, tên máy chủ, có thể thêm cổng và đường dẫn, ví dụ https://intranet.example:8443/so-tay (không có dấu cách, ngoặc kép, xuống dòng, tên người dùng, ? hay #)"
                ),
                "realmControl": (
                    "`restricted.realm` must be one line without control characters",
                    "`restricted.realm` phải là một dòng, không có ký tự điều khiển"
                ),
                "realmSyntax": (
                    "`restricted.realm` must not hold `$`, `\"` or `\\` (the web server reads them as its own syntax)",
                    "`restricted.realm` không được chứa `$`, `\"` hay `\\` (máy chủ web đọc các ký tự này theo cú pháp riêng)"
                ),
                "realmOff": (
                    "`restricted.realm` cannot be `off`, which the web server reads as no sign-in at all",
                    "`restricted.realm` không được là `off`, vì máy chủ web hiểu đó là không cần đăng nhập"
                ),
                "realmLong": (
                    "`restricted.realm` is {count} bytes long; keep it under {limit}",
                    "`restricted.realm` dài {count} byte; hãy giữ dưới {limit} byte"
                ),
                "unitName": (
                    "the name {value} is {count} characters long; a unit's name is at most {limit} characters",
                    "tên {value} dài {count} ký tự; tên đơn vị dài nhất {limit} ký tự"
                ),
                "unitID": (
                    "the id {value} may hold only lowercase ASCII letters, digits and -",
                    "mã {value} chỉ được gồm chữ thường không dấu, chữ số và dấu -"
                ),
                "unitIDExample": (
                    "the id {value} may hold only lowercase ASCII letters, digits and -; for example {other}",
                    "mã {value} chỉ được gồm chữ thường không dấu, chữ số và dấu -; ví dụ {other}"
                ),
                "separator": (
                    "the first line `sep={value}` names a separator that cannot be read; write `sep=,` or `sep=;`, or delete the line",
                    "dòng đầu `sep={value}` nêu một dấu phân cách không đọc được; hãy viết `sep=,` hoặc `sep=;`, hoặc xóa dòng này"
                ),
                "cellType": (
                    "the cell's value {value} is not what its type ({other}) says",
                    "giá trị {value} của ô không đúng với kiểu dữ liệu ({other}) ghi trong tệp"
                ),
            ]),
        .unknownWord: Entry(
            [.field, .value, .name, .detail],
            [
                "": ("unknown {field} {value}; use {detail}", "{field} {value} không hợp lệ; hãy dùng {detail}"),
                "rating": (
                    "{value} is not a rating of {name}; use one of {detail}",
                    "{value} không phải là mức xếp loại của {name}; hãy dùng một trong các mức {detail}"
                ),
                "appliesTo": (
                    "`applies_to` is regular (thường kỳ) or thematic (chuyên đề)",
                    "`applies_to` là regular (thường kỳ) hoặc thematic (chuyên đề)"
                ),
                "level": (
                    "`audience.level` is grassroots, subordinate or all",
                    "`audience.level` là grassroots (cơ sở), subordinate (trực thuộc) hoặc all (tất cả)"
                ),
                "oneOf": (
                    "unknown {field} {value}; use one of {detail}",
                    "{field} {value} không hợp lệ; hãy dùng một trong {detail}"
                ),
                "findingCode": (
                    "unknown finding code {value}; the codes are {detail}",
                    "mã phát hiện {value} không có; các mã là {detail}"
                ),
            ]),

        // MARK: Units
        .duplicateID: Entry(
            [.value, .count, .name, .field],
            [
                "": ("the id {value} is already used on line {count}", "mã {value} đã được dùng ở dòng {count}"),
                "rubric": (
                    "the rubric id {value} is already used by {name}", "mã thang điểm {value} đã được dùng ở {name}"
                ),
                "plan": (
                    "the plan number {value} is already used by {name}", "số kế hoạch {value} đã được dùng ở {name}"
                ),
                "folder": ("{value} is listed twice in {field}", "{value} được liệt kê hai lần trong {field}"),
            ]),
        .duplicateName: Entry(
            [.value, .other, .count],
            [
                "": (
                    "{value} is the same name as {other} on line {count} under the same parent (apart from accents or case); is it entered twice?",
                    "{value} trùng tên với {other} ở dòng {count} trong cùng đơn vị cấp trên (chỉ khác dấu hoặc chữ hoa); có phải nhập hai lần không?"
                )
            ]),
        .unknownUnit: Entry(
            [.value],
            [
                "parent": (
                    "the parent {value} is not a unit id of this file",
                    "đơn vị cấp trên {value} không phải là mã đơn vị nào trong tệp này"
                ),
                "branch": (
                    "unknown branch {value}; it must be an id from the units file",
                    "chi bộ {value} không có trong danh sách đơn vị; hãy dùng mã chi bộ trong tệp danh sách đơn vị"
                ),
                "host": (
                    "unknown host {value}; it must be a branch id from the units file",
                    "đơn vị chủ trì {value} không có trong danh sách đơn vị; hãy dùng mã một chi bộ trong tệp danh sách đơn vị"
                ),
            ]),
        .wrongLevel: Entry(
            [.value, .field, .name],
            [
                "nested": (
                    "a grassroots committee cannot be under another unit (committees do not nest); leave {field} empty",
                    "đảng bộ cơ sở không thể trực thuộc một đơn vị khác; hãy để trống {field}"
                ),
                "parentBranch": (
                    "the parent {value} is a branch; a branch can only be under a committee",
                    "đơn vị cấp trên {value} là một chi bộ; chi bộ chỉ có thể trực thuộc một đảng bộ cơ sở"
                ),
                "committeeMeeting": (
                    "{value} is a grassroots committee; meetings are recorded for its branches",
                    "{value} là đảng bộ cơ sở; biên bản sinh hoạt được ghi cho các chi bộ trực thuộc"
                ),
                "hostCommittee": (
                    "the host {value} is a committee; a sample meeting is hosted by a branch",
                    "đơn vị chủ trì {value} là đảng bộ; buổi sinh hoạt mẫu do một chi bộ chủ trì"
                ),
                "hostNotGrassroots": (
                    "a bloc sample meeting is hosted by a grassroots branch (chi bộ cơ sở); {value} is under {name}",
                    "buổi sinh hoạt mẫu của Khối do một chi bộ cơ sở chủ trì; {value} trực thuộc {name}"
                ),
                "notCommittee": (
                    "{value} is not a grassroots committee of the units file",
                    "{value} không phải là đảng bộ cơ sở trong danh sách đơn vị"
                ),
            ]),
        .reservedID: Entry(
            [.value, .name, .count, .total],
            [
                "page": (
                    "the id {value} is the name of a page of the units directory (/don-vi/{name}/, which lists {count} units, {total} a page); choose another",
                    "mã {value} trùng tên một trang của danh mục đơn vị (/don-vi/{name}/, danh mục có {count} đơn vị, mỗi trang {total}); hãy chọn mã khác"
                ),
                "ratings": (
                    "the id {value} is the name of the units directory's lists by rating (/don-vi/{name}/); choose another",
                    "mã {value} trùng tên danh sách xếp loại của danh mục đơn vị (/don-vi/{name}/); hãy chọn mã khác"
                ),
            ]),

        // MARK: Rubrics
        .rubricKind: Entry(
            [.name, .detail],
            [
                "twice": (
                    "{name} already applies to {detail} meetings; keep one rubric per meeting kind",
                    "{name} đã áp dụng cho sinh hoạt {detail}; mỗi loại sinh hoạt chỉ giữ một thang điểm"
                ),
                "none": (
                    "no rubric in rubrics/ applies to {detail} meetings",
                    "không có thang điểm nào trong rubrics/ áp dụng cho sinh hoạt {detail}"
                ),
            ]),
        .rubricInconsistent: Entry(
            [.field, .value, .count, .highest, .name, .lowest],
            [
                "unknownCriterion": (
                    "{field} names criterion {value}, which the rubric does not have",
                    "{field} nêu tiêu chí {value}, nhưng thang điểm không có tiêu chí này"
                ),
                "aboveMax": (
                    "{field} asks {count} points of criterion {value}, more than its max {highest}",
                    "{field} đòi {count} điểm ở tiêu chí {value}, vượt điểm tối đa {highest}"
                ),
                "lastRating": (
                    "the last rating ({name}) must match any total: give it `min_total: 0` and no required criteria",
                    "mức xếp loại cuối ({name}) phải ứng với mọi tổng điểm: hãy ghi `min_total: 0` và không đòi tiêu chí nào"
                ),
                "ratingTwice": (
                    "the rating name {name} is used twice", "tên mức xếp loại {name} được dùng hai lần"
                ),
                "order": (
                    "criteria are numbered 1 to N in order: expected id {lowest}, found {value}",
                    "các tiêu chí được đánh số từ 1 đến N theo thứ tự: cần id {lowest}, nhưng có {value}"
                ),
            ]),

        // MARK: Periods
        .periodRange: Entry(
            [.from, .to, .count, .date, .field],
            [
                "records": (
                    "the meeting records span {from} to {to}, more than {count} years; is the year of this one ({date}) mistyped? (or set {field} in site.yaml)",
                    "các biên bản trải từ {from} đến {to}, quá {count} năm; năm của biên bản này ({date}) có gõ nhầm không? (hoặc đặt {field} trong site.yaml)"
                ),
                "beyond": (
                    "the period {from} to {to} reaches {count} months beyond the meeting records ({date}); every month without a record is reported as missing",
                    "kỳ báo cáo {from} đến {to} vượt {count} tháng so với các biên bản ({date}); mỗi tháng không có biên bản đều bị báo là thiếu"
                ),
                "backwards": (
                    "{field} ends ({to}) before it starts ({from})",
                    "{field} kết thúc ({to}) trước khi bắt đầu ({from})"
                ),
                "long": (
                    "{field} spans {count} years ({from} to {to}); a reporting period is at most {date} years: is a year mistyped?",
                    "{field} kéo dài {count} năm ({from} đến {to}); một kỳ báo cáo dài nhất {date} năm: có gõ nhầm năm không?"
                ),
            ]),

        // MARK: Sample-meeting plans
        .planRule: Entry(
            [.field, .name, .value],
            [
                "": (
                    "{field} are checked against {name} ({value}); add it",
                    "{field} được đối chiếu với {name} ({value}); hãy thêm mục này"
                )
            ]),

        // MARK: Meeting records
        .impossibleFigures: Entry(
            [.count, .total, .name, .detail, .value, .highest],
            [
                "speakers": (
                    "{count} speakers but only {total} members present",
                    "{count} người phát biểu nhưng chỉ có {total} đảng viên có mặt"
                ),
                "present": (
                    "{count} members present but the branch has {total} members (units file)",
                    "{count} đảng viên có mặt nhưng chi bộ chỉ có {total} đảng viên (theo danh sách đơn vị)"
                ),
                "points": (
                    "criterion {value} ({name}) has {count} points, more than its max {highest}",
                    "tiêu chí {value} ({name}) được {count} điểm, vượt điểm tối đa {highest}"
                ),
            ]),
        .duplicateMeeting: Entry(
            [.detail, .name, .date, .other],
            [
                "": (
                    "a second {detail} meeting of {name} on {date}; the first is at {other}",
                    "buổi sinh hoạt {detail} thứ hai của {name} ngày {date}; buổi thứ nhất ở {other}"
                )
            ]),
        .futureMeeting: Entry(
            [.count, .date, .other],
            [
                "": (
                    "{count} meeting records are dated after the build date {date} (this one {other}); is the year right?",
                    "{count} biên bản có ngày sau ngày dựng trang {date} (biên bản này ngày {other}); năm có đúng không?"
                ),
                "one": (
                    "{count} meeting record is dated after the build date {date} (this one {other}); is the year right?",
                    "{count} biên bản có ngày sau ngày dựng trang {date} (biên bản này ngày {other}); năm có đúng không?"
                ),
            ]),
        .uncheckedRecords: Entry(
            [.name],
            [
                "": (
                    "meeting records and plans are not checked against the units, because {name} could not be read",
                    "biên bản và kế hoạch chưa được đối chiếu với danh sách đơn vị, vì không đọc được {name}"
                )
            ]),

        // MARK: CSV
        .unclosedQuote: Entry(
            [.count, .value],
            [
                "": (
                    "this quoted cell runs over {count} lines and holds the separator ({value}): a closing quote \" is probably missing, so the rows after it were read as part of it",
                    "ô có ngoặc kép này kéo dài {count} dòng và chứa dấu phân cách ({value}): có lẽ thiếu dấu \" đóng, nên các hàng sau bị đọc vào ô này"
                ),
                "never": (
                    "this quoted cell is never closed; add the closing \" (a quote inside a cell is written \"\")",
                    "ô có ngoặc kép này không được đóng; hãy thêm dấu \" đóng (dấu ngoặc kép bên trong ô viết là \"\")"
                ),
            ]),
        .rowWidth: Entry(
            [.count, .total, .value],
            [
                "": (
                    "this row has {count} cells but the header names {total} columns; check for a separator ({value}) inside a value and put that value in quotes",
                    "hàng này có {count} ô nhưng hàng tiêu đề chỉ có {total} cột; hãy xem có dấu phân cách ({value}) nằm trong một giá trị không, rồi đặt giá trị đó trong ngoặc kép"
                )
            ]),
        .missingColumn: Entry(
            [.field, .detail, .name, .count, .value],
            [
                "": ("the header has no {field} column ({detail})", "hàng tiêu đề thiếu cột {field} ({detail})"),
                "names": (
                    "the header has no {field} column (write one of: {value})",
                    "hàng tiêu đề thiếu cột {field} (hãy viết một trong các tên: {value})"
                ),
                "criteria": (
                    "the rubric {name} ({detail} meetings) scores criteria 1 to {count}, but the header has no column {value}",
                    "thang điểm {name} (sinh hoạt {detail}) chấm các tiêu chí từ 1 đến {count}, nhưng hàng tiêu đề thiếu cột {value}"
                ),
            ]),
        .duplicateColumn: Entry(
            [.value, .field, .count],
            [
                "": (
                    "the column {value} repeats {field} (already at column {count})",
                    "cột {value} lặp lại {field} (đã có ở cột {count})"
                )
            ]),
        .unknownColumn: Entry(
            [.value],
            [
                "": (
                    "unknown column {value} is ignored",
                    "cột {value} không có trong mẫu nên được bỏ qua"
                )
            ]),

        // MARK: Workbooks
        .workbookUnreadable: Entry(
            [.name, .detail, .value, .other, .count, .limit],
            [
                "encrypted": (
                    "the workbook is protected by a password; save it again without one (File, Info, Protect Workbook, Encrypt with Password: leave it empty)",
                    "tệp Excel đang được đặt mật khẩu; hãy lưu lại không có mật khẩu (File, Info, Protect Workbook, Encrypt with Password: để trống)"
                ),
                "xls": (
                    "this is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) and use that file",
                    "đây là tệp Excel 97-2003 (.xls); hãy lưu thành Excel Workbook (.xlsx) rồi dùng tệp đó"
                ),
                "notZip": (
                    "the file is not an Excel workbook (.xlsx): it is not a zip archive",
                    "tệp này không phải là tệp Excel (.xlsx): không phải tệp nén zip"
                ),
                "cutShort": (
                    "the workbook is damaged or cut short: its zip directory cannot be read",
                    "tệp Excel bị hỏng hoặc bị cắt cụt: không đọc được mục lục zip của tệp"
                ),
                "sheet": ("the sheet {name} cannot be read: {detail}", "không đọc được trang tính {name}: {detail}"),
                "parts": (
                    "the workbook holds {count} parts, more than the {limit} chibo reads; it is not a workbook Excel or LibreOffice saves",
                    "tệp Excel có {count} phần, quá {limit} phần mà chibo đọc; đây không phải tệp do Excel hay LibreOffice lưu"
                ),
                "partTwice": (
                    "the workbook holds the part {value} twice; save it again from Excel or LibreOffice",
                    "tệp Excel chứa phần {value} hai lần; hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
                ),
                "noPart": (
                    "the workbook has no part {value}; save it again from Excel or LibreOffice",
                    "tệp Excel thiếu phần {value}; hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
                ),
                "inflates": (
                    "the workbook inflates to more than {limit} MB (at its part {value}); it is not a workbook chibo reads (a zip bomb?). Split the records over several workbooks",
                    "tệp Excel khi giải nén lớn hơn {limit} MB (ở phần {value}); chibo không đọc tệp như vậy (có thể là tệp nén độc hại). Hãy chia biên bản ra nhiều tệp Excel"
                ),
                "damagedPart": (
                    "the part {value} of the workbook is damaged: it cannot be inflated",
                    "phần {value} của tệp Excel bị hỏng: không giải nén được"
                ),
                "method": (
                    "the part {value} of the workbook is compressed in a way Excel never uses (method {other}); save the workbook again from Excel or LibreOffice",
                    "phần {value} của tệp Excel được nén theo cách Excel không bao giờ dùng (phương thức {other}); hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
                ),
                "spanned": (
                    "the workbook is split over several files (a spanned zip); save it again as one workbook",
                    "tệp Excel bị chia thành nhiều tệp (zip nhiều phần); hãy lưu lại thành một tệp"
                ),
                "sheets": (
                    "the workbook has more than {limit} sheets, more than chibo reads in one workbook; split it into several workbooks",
                    "tệp Excel có hơn {limit} trang tính, quá số trang tính chibo đọc trong một tệp; hãy chia thành nhiều tệp"
                ),
                "sheetName": (
                    "a sheet's name is longer than {limit} characters; give the sheet a short name",
                    "tên một trang tính dài hơn {limit} ký tự; hãy đặt tên ngắn hơn"
                ),
                "samePart": (
                    "the sheets {name} and {other} are the same part of the workbook; save it again from Excel or LibreOffice",
                    "hai trang tính {name} và {other} là cùng một phần của tệp Excel; hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
                ),
                "texts": (
                    "the workbook holds more than {limit} texts, more than chibo reads in one workbook; split it into several workbooks",
                    "tệp Excel có hơn {limit} đoạn văn bản, quá số chibo đọc trong một tệp; hãy chia thành nhiều tệp"
                ),
                "textLength": (
                    "{detail} is longer than {limit} characters, the most Excel keeps in a cell; it is not a workbook Excel saves",
                    "{detail} dài hơn {limit} ký tự, mức Excel giữ được trong một ô; đây không phải tệp do Excel lưu"
                ),
                "textBytes": (
                    "the workbook holds more than {limit} MB of text, more than chibo reads in one workbook; split it into several workbooks",
                    "tệp Excel chứa hơn {limit} MB văn bản, quá mức chibo đọc trong một tệp; hãy chia thành nhiều tệp"
                ),
                "styles": (
                    "the workbook has more than {limit} cell styles, more than Excel allows; save it again from Excel",
                    "tệp Excel có hơn {limit} kiểu định dạng ô, nhiều hơn Excel cho phép; hãy mở tệp bằng Excel rồi lưu lại"
                ),
                "rowNumber": (
                    "a row is numbered past Excel's last row (1,048,576) or is not a number; it is not a sheet Excel or LibreOffice saves",
                    "một hàng được đánh số quá hàng cuối của Excel (1.048.576) hoặc không phải là số; đây không phải trang tính do Excel hay LibreOffice lưu"
                ),
                "column": (
                    "a cell of row {count} stands past Excel's last column (XFD, 16,384) or its reference is not a cell's; it is not a sheet Excel or LibreOffice saves",
                    "một ô ở hàng {count} nằm quá cột cuối của Excel (XFD, 16.384) hoặc tên ô không hợp lệ; đây không phải trang tính do Excel hay LibreOffice lưu"
                ),
                "styleIndex": (
                    "a cell of row {count} names a style that is not a number of the workbook's styles; save the workbook again from Excel or LibreOffice",
                    "một ô ở hàng {count} dùng một kiểu định dạng không có trong tệp; hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
                ),
                "cells": (
                    "the workbook holds more than {limit} cells, more than chibo reads in one workbook; split it into several workbooks",
                    "tệp Excel có hơn {limit} ô, quá số ô chibo đọc trong một tệp; hãy chia thành nhiều tệp"
                ),
                "xml": (
                    "the part {value} of the workbook is not well-formed XML; save the workbook again",
                    "phần {value} của tệp Excel không phải XML hợp lệ; hãy lưu lại tệp"
                ),
                "noWorkbookPart": (
                    "the workbook names no workbook part; save it again",
                    "tệp Excel không nêu phần workbook nào; hãy lưu lại tệp"
                ),
            ]),
        .cellErrorValue: Entry(
            [.value],
            [
                "": (
                    "the cell holds the error {value}; correct its formula or type the value",
                    "ô này chứa lỗi {value}; hãy sửa công thức hoặc gõ giá trị vào"
                )
            ]),
        .noCachedValue: Entry(
            [],
            [
                "": (
                    "the formula of this cell has no saved value; open the workbook in Excel or LibreOffice and save it again",
                    "công thức của ô này chưa có giá trị được lưu; hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
                )
            ]),
        .hiddenSheet: Entry(
            [.name],
            [
                "": (
                    "the sheet {name} is hidden and is not read; show it (or name it with a leading _ to keep it as notes)",
                    "trang tính {name} đang bị ẩn nên không được đọc; hãy bỏ ẩn (hoặc đặt tên bắt đầu bằng _ nếu chỉ để ghi chú)"
                )
            ]),

        // MARK: Restricted folders
        .restrictedFolder: Entry(
            [.value, .other, .detail],
            [
                "home": (
                    "the home page cannot be restricted: it is where every reader starts",
                    "không thể hạn chế trang chủ: mọi người đọc đều bắt đầu từ trang này"
                ),
                "assets": (
                    "{value} cannot be restricted: every page, the public ones too, needs its styles and scripts",
                    "không thể hạn chế {value}: mọi trang, kể cả các trang công khai, đều cần kiểu trình bày và mã lệnh trong thư mục này"
                ),
                "search": (
                    "the search ({value}, {other}) cannot be restricted: it stays public and finds the restricted pages only for readers who have signed in",
                    "không thể hạn chế phần tìm kiếm ({value}, {other}): phần này vẫn công khai, và chỉ tìm thấy các trang hạn chế cho người đọc đã đăng nhập"
                ),
                "nested": (
                    "{value} is not a top-level folder; `restricted` takes whole folders of the site ({detail})",
                    "{value} không phải là thư mục cấp đầu; `restricted` chỉ nhận cả thư mục của trang ({detail})"
                ),
                "unknown": (
                    "unknown folder {value}; the folders that can be restricted are {detail}",
                    "không có thư mục {value}; các thư mục có thể hạn chế là {detail}"
                ),
            ]),
        .restrictedLeak: Entry(
            [.field, .other, .detail],
            [
                "data": (
                    "{field} is restricted but `data` is not, and `data/` holds {detail} for anyone to download: add `data` to `restricted.paths`",
                    "{field} được hạn chế nhưng `data` thì không, mà `data/` chứa {detail}, ai cũng tải về được: hãy thêm `data` vào `restricted.paths`"
                ),
                "public": (
                    "{field} is restricted but {other} is not: {detail} for anyone to read; add {other} to `restricted.paths` unless that is meant",
                    "{field} được hạn chế nhưng {other} thì không: {detail}, ai cũng đọc được; hãy thêm {other} vào `restricted.paths`, trừ khi chủ ý như vậy"
                ),
            ]),

        // MARK: Theme
        .templateSyntax: Entry(
            [],
            [
                "endsInTag": (
                    "template syntax error: the template ends inside a tag",
                    "mẫu giao diện sai cú pháp: mẫu kết thúc khi một thẻ chưa đóng"
                ),
                "closeName": (
                    "template syntax error: this closing tag does not match the open section",
                    "mẫu giao diện sai cú pháp: thẻ đóng này không khớp với khối (section) đang mở"
                ),
                "unfinishedName": (
                    "template syntax error: the tag is not closed by `}}`, or its name has characters a name cannot have",
                    "mẫu giao diện sai cú pháp: thẻ không được đóng bằng `}}`, hoặc tên trong thẻ có ký tự không được dùng"
                ),
                "sectionEnd": (
                    "template syntax error: a section is not closed before the end of the template",
                    "mẫu giao diện sai cú pháp: một khối (section) chưa được đóng khi hết mẫu"
                ),
                "setDelimiter": (
                    "template syntax error: the set-delimiter tag is malformed",
                    "mẫu giao diện sai cú pháp: thẻ đổi dấu mở và đóng thẻ viết sai"
                ),
                "blockTransform": (
                    "template syntax error: a block cannot have a transform",
                    "mẫu giao diện sai cú pháp: một khối thay thế (block) không được có phép biến đổi (transform)"
                ),
                "parentBody": (
                    "template syntax error: inside `{{<parent}}...{{/parent}}` only `{{$block}}` overrides and text may stand",
                    "mẫu giao diện sai cú pháp: bên trong `{{<parent}}...{{/parent}}` chỉ được có các khối thay thế `{{$block}}` và văn bản"
                ),
                "pragma": (
                    "template syntax error: the pragma is malformed; write `{{% CONTENT_TYPE: HTML }}`",
                    "mẫu giao diện sai cú pháp: chỉ thị (pragma) viết sai; hãy viết `{{% CONTENT_TYPE: HTML }}`"
                ),
            ]),
        .templateTooDeep: Entry(
            [.count],
            [
                "parse": (
                    "template syntax error: sections, blocks and parents are nested more than {count} levels deep here; a theme needs a few",
                    "mẫu giao diện sai cú pháp: các khối (section, block, mẫu cha) ở đây lồng nhau quá {count} tầng; một bộ giao diện chỉ cần vài tầng"
                ),
                "compile": (
                    "sections, blocks and partials are nested more than {count} levels deep here, counting those of the templates that include this one; a theme needs a few",
                    "các khối và mẫu con ở đây lồng nhau quá {count} tầng, kể cả các tầng của những mẫu chèn mẫu này; một bộ giao diện chỉ cần vài tầng"
                ),
            ]),
        .templateUnsupported: Entry(
            [.value, .other],
            [
                "setDelimiters": (
                    "this tag sets other delimiters; chibo's templates do not support set delimiters, keep {value} and {other}",
                    "thẻ này đổi dấu mở và đóng thẻ; mẫu giao diện của chibo không hỗ trợ việc đổi này, hãy giữ {value} và {other}"
                ),
                "dynamicPartial": (
                    "{value} is a dynamic partial; chibo's templates do not support partials named by a value, name the template: {other}",
                    "{value} là mẫu con động; mẫu giao diện của chibo không hỗ trợ mẫu con gọi theo một giá trị, hãy ghi tên mẫu: {other}"
                ),
                "dynamicParent": (
                    "{value} names its parent by a value; chibo's templates do not support dynamic parents, name the template: {other}",
                    "{value} gọi mẫu cha theo một giá trị; mẫu giao diện của chibo không hỗ trợ mẫu cha động, hãy ghi tên mẫu: {other}"
                ),
                "sequence": (
                    "{value} is swift-mustache's position in a list; chibo's templates do not support sequence context names, give the model a field for it",
                    "{value} là vị trí trong danh sách theo cách của swift-mustache; mẫu giao diện của chibo không hỗ trợ các tên này, hãy thêm một trường cho giá trị đó vào mô hình trang"
                ),
                "transform": (
                    "{value} applies a transform; chibo's templates do not support transforms, give the model a field with the value",
                    "{value} dùng một phép biến đổi (transform); mẫu giao diện của chibo không hỗ trợ phép biến đổi, hãy thêm một trường có sẵn giá trị đó vào mô hình trang"
                ),
                "contentType": (
                    "the content type {value} is unknown; chibo's templates support `HTML` and `TEXT`",
                    "kiểu nội dung {value} không có; mẫu giao diện của chibo chỉ hỗ trợ `HTML` và `TEXT`"
                ),
                "pragma": (
                    "the pragma {value} is unknown; chibo's templates support only `CONTENT_TYPE`",
                    "chỉ thị (pragma) {value} không có; mẫu giao diện của chibo chỉ hỗ trợ `CONTENT_TYPE`"
                ),
                "invertedDot": (
                    "{value} here names the empty list of the inverted section around it; chibo's templates do not support naming it",
                    "{value} ở đây chỉ danh sách rỗng của khối đảo ngược bao quanh nó; mẫu giao diện của chibo không hỗ trợ việc này"
                ),
                "recursive": (
                    "the partial {value} includes itself ({other}); chibo's templates compile partials in place and do not support recursive partials",
                    "mẫu con {value} tự chèn chính nó ({other}); mẫu giao diện của chibo chèn mẫu con vào chỗ nên không hỗ trợ mẫu con đệ quy"
                ),
            ]),
        .missingTemplate: Entry(
            [.value, .other],
            [
                "": ("the theme has no template {value}", "bộ giao diện không có mẫu {value}"),
                "partial": (
                    "the template names the partial {value}, but there is no templates/{other}.mustache",
                    "mẫu giao diện gọi mẫu con {value}, nhưng không có tệp templates/{other}.mustache"
                ),
            ]),
        .unknownName: Entry(
            [.value, .name],
            [
                "": (
                    "the template names {value}, which the page {name} does not have",
                    "mẫu giao diện dùng tên {value}, nhưng trang {name} không có tên này"
                )
            ]),
        .templateMisuse: Entry(
            [.value, .other, .detail],
            [
                "table": (
                    "{value} is a table of strings, not text; name one of them: {other}",
                    "{value} là một bảng chuỗi, không phải văn bản; hãy gọi một chuỗi trong đó: {other}"
                ),
                "textHasNoFields": (
                    "{value} goes through {other}, which is text; it has no fields",
                    "{value} đi qua {other}, vốn là văn bản nên không có trường nào"
                ),
                "through": (
                    "{value} goes through {other}, which is {detail}", "{value} đi qua {other}, vốn là {detail}"
                ),
                "dotModel": (
                    "{value} names the current value, which is a model without text of its own",
                    "{value} chỉ giá trị hiện tại, là một mô hình không có văn bản riêng"
                ),
                "selfOverride": (
                    "the block {value} is expanded inside its own override; it would never end",
                    "khối {value} được mở rộng bên trong chính phần thay thế của nó; việc này sẽ không bao giờ dừng"
                ),
                "flag": (
                    "{value} is a flag (true or false); test it with {other} or {detail}",
                    "{value} là một cờ (đúng hoặc sai); hãy kiểm tra bằng {other} hoặc {detail}"
                ),
                "list": (
                    "{value} is a list; show its items with {other}",
                    "{value} là một danh sách; hãy hiện các mục bằng {other}"
                ),
                "model": (
                    "{value} is {detail} without text of its own; name one of its fields",
                    "{value} là {detail} không có văn bản riêng; hãy gọi một trường của nó"
                ),
                "textSection": (
                    "{value} is text; a section {other} needs a flag, an optional value, a model or a list",
                    "{value} là văn bản; khối {other} cần một cờ, một giá trị có thể trống, một mô hình hoặc một danh sách"
                ),
            ]),
        .missingString: Entry(
            [.value, .other],
            [
                "": (
                    "the theme has no UI string {value}; add {other} to i18n/vi.yaml",
                    "bộ giao diện không có chuỗi giao diện {value}; hãy thêm {other} vào i18n/vi.yaml"
                ),
                "required": (
                    "the theme has no UI string {value}; add {other}",
                    "bộ giao diện không có chuỗi giao diện {value}; hãy thêm {other}"
                ),
            ]),
        .templateTooLarge: Entry(
            [.name, .limit],
            [
                "": (
                    "the page {name} comes to more than {limit} tags and texts with its partials included in place (a partial included many times, in a partial included many times); use a section over a list instead of repeating partials",
                    "trang {name} có hơn {limit} thẻ và đoạn văn bản khi các mẫu con được chèn vào chỗ (một mẫu con được chèn nhiều lần, trong một mẫu con cũng được chèn nhiều lần); hãy dùng một section duyệt danh sách thay cho việc lặp lại mẫu con"
                )
            ]),

        // MARK: Preview
        .buildStopped: Entry(
            [.detail],
            [
                "": (
                    "the build stopped ({detail}) after this file changed, the last one to change; the last good site is served, and the build runs again when a file changes",
                    "lần dựng trang bị dừng ({detail}) sau khi tệp này thay đổi (tệp thay đổi sau cùng); bản dựng tốt gần nhất vẫn được hiển thị, và trang sẽ được dựng lại khi có tệp thay đổi"
                )
            ]),
    ]
}

// MARK: - The messages, typed

extension DiagnosticMessage {
    /// A file or folder that the content or the theme needs, missing; `variant` says which (see the
    /// catalogue's entry), `name` a path when the message names one.
    public static func fileMissing(_ variant: String, name: String = "") -> Self {
        Self(.fileMissing, variant, name.isEmpty ? [:] : [.name: .plain(name)])
    }

    /// A file that cannot be read: `reason` the system's.
    public static func fileUnreadable(reason: String) -> Self {
        Self(.fileUnreadable, "", [.detail: .plain(reason)])
    }

    /// A pipe or a device where a file should be.
    public static var notARegularFile: Self { Self(.fileUnreadable, "pipe") }

    /// A folder where a file should be.
    public static var folderNotFile: Self { Self(.fileUnreadable, "folder") }

    /// An empty file: `variant` the kind (`csv`, `workbook`, `rubric`, `plan`, `site`).
    public static func fileEmpty(_ variant: String) -> Self { Self(.fileEmpty, variant) }

    /// A file that is not UTF-8.
    public static func notUTF8(byte: String, offset: Int) -> Self {
        Self(.fileNotUTF8, "", [.value: .plain(byte), .count: .number(offset)])
    }

    /// A folder inside a data folder; `records` whether it holds records, which would be missed.
    public static func folderNotRead(
        _ folder: String, holds: (en: String, vi: String), records: Bool
    ) -> Self {
        Self(
            .fileNotRead, records ? "folderRecords" : "folder",
            [.name: .plain(folder), .detail: .phrase(en: holds.en, vi: holds.vi)])
    }

    /// A spreadsheet of a kind chibo does not read; `how` what it is and what to do.
    public static func spreadsheetNotRead(_ how: (en: String, vi: String)) -> Self {
        Self(.fileNotRead, "spreadsheet", [.detail: .phrase(en: how.en, vi: how.vi)])
    }

    /// A data file whose extension is in capitals.
    public static func extensionInCapitals(_ ext: String) -> Self {
        Self(.fileNotRead, "capitals", [.value: .plain("." + ext)])
    }

    /// A file a data folder does not read.
    public static func fileNotRead(in folder: String, holds: (en: String, vi: String)) -> Self {
        Self(.fileNotRead, "other", [.name: .plain(folder), .detail: .phrase(en: holds.en, vi: holds.vi)])
    }

    /// A `units` file of a name chibo does not read.
    public static func unitsFileNotRead(names: String) -> Self {
        Self(.fileNotRead, "units", [.value: .plain(names)])
    }

    /// Two units files.
    public static func twoUnitsFiles(_ first: String, _ second: String) -> Self {
        Self(.fileTwice, "", [.value: .plain(first), .other: .plain(second)])
    }

    /// How a message names a refused scalar: `the control character U+001B` / `ký tự điều khiển U+001B`.
    static func refused(_ scalar: Unicode.Scalar) -> FieldValue {
        .phrase(
            en: scalar.refusedName,
            vi: (scalar.isNoncharacter ? "mã không phải ký tự " : "ký tự điều khiển ") + scalar.codePoint)
    }

    /// A cell holding a control character or a noncharacter.
    public static func controlInCell(_ scalar: Unicode.Scalar) -> Self {
        Self(.controlCharacter, "cell", [.detail: refused(scalar)])
    }

    /// A YAML key whose value holds one, written as an escape.
    public static func controlInKey(_ key: String, _ scalar: Unicode.Scalar) -> Self {
        Self(.controlCharacter, "key", [.field: .code(key), .detail: refused(scalar)])
    }

    /// A guidance text holding one.
    public static func controlInText(_ scalar: Unicode.Scalar) -> Self {
        Self(.controlCharacter, "text", [.detail: refused(scalar)])
    }

    /// A sheet's name holding a control character.
    public static func controlInSheetName(_ name: String, _ scalar: Unicode.Scalar) -> Self {
        Self(.controlCharacter, "sheet", [.name: .quoted(name), .value: .plain(scalar.codePoint)])
    }

    /// A scalar YAML cannot hold.
    public static func refusedInYAML(_ scalar: Unicode.Scalar) -> Self {
        switch scalar.value {
        case 0x2028, 0x2029:
            let paragraph = scalar.value == 0x2029
            return Self(
                .controlCharacter, "yamlSeparator",
                [
                    .detail: .phrase(en: paragraph ? "paragraph" : "line", vi: paragraph ? "đoạn" : "dòng"),
                    .value: .plain(scalar.codePoint),
                ])
        default:
            return Self(
                .controlCharacter, scalar.isNoncharacter ? "yamlNoncharacter" : "yamlControl",
                [.value: .plain(scalar.codePoint)])
        }
    }

    /// A file that is a link out of its folder; `theme` whether the folder is the theme's.
    public static func fileLinkOutside(to target: String, theme: Bool) -> Self {
        Self(
            .linkOutside, "file",
            [
                .value: .plain(target),
                .name: theme
                    ? .phrase(en: "the theme folder", vi: "thư mục giao diện")
                    : .phrase(en: "the content folder", vi: "thư mục nội dung"),
            ])
    }

    /// A guidance file or folder that is a link out of the content folder.
    public static func linkOutsideContent(to target: String, isFolder: Bool) -> Self {
        Self(.linkOutside, "content", [.value: .plain(target), .detail: fileOrFolder(isFolder)])
    }

    /// A guidance folder that is a link out of `guidance/`.
    public static func linkOutsideGuidance(to target: String) -> Self {
        Self(.linkOutside, "guidance", [.value: .plain(target)])
    }

    /// A theme folder that is a link out of the theme.
    public static func linkOutsideTheme(to target: String) -> Self {
        Self(.linkOutside, "theme", [.value: .plain(target)])
    }

    /// A link that cannot be followed; `reason` the system's.
    public static func linkBroken(isFolder: Bool, reason: String) -> Self {
        Self(.linkBroken, "", [.detail: fileOrFolder(isFolder), .value: .plain(reason)])
    }

    /// A folder reached a second time through a link; `theme` whether in the theme.
    public static func linkedTwice(theme: Bool) -> Self { Self(.linkedTwice, theme ? "theme" : "guidance") }

    static func fileOrFolder(_ isFolder: Bool) -> FieldValue {
        isFolder ? .phrase(en: "folder", vi: "thư mục") : .phrase(en: "file", vi: "tệp")
    }

    /// A temporary or system file beside the guidance.
    public static func litter(_ name: String) -> Self { Self(.litter, "", [.value: .code(name)]) }

    /// A file of a kind the guidance may not publish; `kinds` the extensions it may.
    public static func attachmentRefused(_ name: String, kinds: String) -> Self {
        Self(.attachmentRefused, "", [.value: .code(name), .detail: .plain(kinds)])
    }

    /// A file whose bytes are not what its extension says; `signature` what they should be.
    public static func attachmentMislabelled(_ name: String, signature: (en: String, vi: String)) -> Self {
        Self(.attachmentMislabelled, "", [.value: .code(name), .detail: .phrase(en: signature.en, vi: signature.vi)])
    }

    /// A key chibo does not read, ignored.
    public static func unknownKey(_ key: String) -> Self { Self(.unknownKey, "", [.field: .code(key)]) }

    /// A key of a rubric, a criterion, a rating, a plan, a session or a front matter chibo does not read.
    public static func unknownKey(_ key: String, of what: (en: String, vi: String)) -> Self {
        Self(.unknownKey, "of", [.field: .code(key), .detail: .phrase(en: what.en, vi: what.vi)])
    }

    /// A key of a mapping (`period`) or a file (site.yaml) chibo does not read; `known` the keys it does.
    public static func unknownKey(_ key: String, in place: FieldValue, known: String? = nil) -> Self {
        var fields: [MessageField: FieldValue] = [.field: .code(key), .name: place]
        if let known { fields[.value] = .plain(known) }
        return Self(.unknownKey, known == nil ? "in" : "inKnown", fields)
    }

    /// A key of a section's _index.md chibo does not read.
    public static func unknownSectionKey(_ key: String) -> Self { Self(.unknownKey, "section", [.field: .code(key)]) }

    /// A key given twice in one mapping.
    public static func duplicateKey(_ key: String, short: Bool = false) -> Self {
        Self(.duplicateKey, short ? "short" : "", [.field: .code(key)])
    }

    /// An alias (`*name`), or a value starting with `*` (`name` empty).
    public static func yamlAlias(_ name: String) -> Self {
        name.isEmpty
            ? Self(.yamlAlias, "star") : Self(.yamlAlias, "", [.field: .code("*" + name), .name: .code("&" + name)])
    }

    /// A guidance document without its front matter (`none`) or with an empty one (`empty`).
    public static func frontMatter(_ variant: String) -> Self { Self(.frontMatter, variant) }

    /// A link to no page, file or anchor: `variant` says which (see the catalogue's entry), `link` the
    /// link as written, `page` the page whose heading it names.
    public static func brokenLink(_ variant: String, link: String = "", page: String = "", removeLink: Bool = false)
        -> Self
    {
        var fields: [MessageField: FieldValue] = [.value: .plain(link)]
        if !page.isEmpty { fields[.name] = .plain(page) }
        if variant == "hash" {
            fields[.detail] = removeLink ? .phrase(en: "the link", vi: "liên kết") : .phrase(en: "the #", vi: "dấu #")
        }
        return Self(.brokenLink, variant, fields)
    }

    /// A `csv` table that does not read; `reason` the reader's, in both languages.
    public static func badTable(_ reason: (en: String, vi: String)) -> Self {
        Self(.badTable, "", [.detail: .phrase(en: reason.en, vi: reason.vi)])
    }

    /// A document number another page has.
    public static func duplicateNumber(_ number: String, other: String) -> Self {
        Self(.duplicateNumber, "", [.value: .plain(number), .name: .plain(other)])
    }

    /// A `finding_guidance` number no document has.
    public static func unknownNumber(_ number: String, key: String) -> Self {
        Self(.unknownNumber, "", [.field: .code(key), .value: .plain(number)])
    }

    /// Markdown nested deeper than chibo reads.
    public static func markdownTooDeep(levels: Int) -> Self { Self(.markdownTooDeep, "", [.count: .number(levels)]) }

    /// A name whose URL part is longer than a file name on the server can be.
    public static func urlPartTooLong(bytes: Int, start: String, limit: Int) -> Self {
        Self(.badURLName, "partTooLong", [.count: .number(bytes), .value: .plain(start), .highest: .number(limit)])
    }

    /// A page whose whole URL is too long.
    public static func urlTooLong(bytes: Int, limit: Int) -> Self {
        Self(.badURLName, "tooLong", [.count: .number(bytes), .highest: .number(limit)])
    }

    /// A guidance name that gives an empty URL.
    public static func emptyURLName(_ name: String) -> Self { Self(.badURLName, "emptyName", [.name: .code(name)]) }

    /// A plan file whose name gives no URL.
    public static var planFileWithoutURL: Self { Self(.badURLName, "planFile") }

    /// A guidance URL that is a page of its section's list.
    public static func urlIsListPage(_ url: String, listed: Int, perPage: Int) -> Self {
        Self(.urlTaken, "listPage", [.value: .plain(url), .count: .number(listed), .total: .number(perPage)])
    }

    /// A guidance URL another page has.
    public static func urlOwned(_ url: String, owner: String) -> Self {
        Self(.urlTaken, "owned", [.value: .plain(url), .name: .plain(owner)])
    }

    /// Two guidance names that become one URL; `lookAlike` when they differ only in NFC and NFD.
    public static func sameSlug(_ name: String, _ owner: String, slug: String, lookAlike: Bool) -> Self {
        Self(
            .urlTaken, "sameSlug",
            [
                .name: .code(name), .other: .code(owner), .value: .code(slug),
                .detail: lookAlike
                    ? .phrase(
                        en:
                            " (they look the same: one is spelt with separate accent marks, Unicode NFD, as some Mac and "
                            + "Windows tools save names; delete or rename one)",
                        vi:
                            " (hai tên trông giống nhau: một tên viết dấu tách rời, Unicode NFD, như một số công cụ trên "
                            + "Mac và Windows lưu tên; hãy xóa hoặc đổi tên một tệp)")
                    : .phrase(en: "", vi: ""),
            ])
    }

    /// Two plan files that become one page.
    public static func samePlanSlug(_ name: String, _ other: String, slug: String) -> Self {
        Self(.urlTaken, "plan", [.name: .code(name), .other: .code(other), .value: .code(slug)])
    }

    /// A cell that is not a date: `"31/02/2024" is not a valid date`.
    public static func notADate(_ value: String) -> Self { Self(.notADate, "", [.value: .quoted(value)]) }

    /// A key of a YAML file that is not a date.
    public static func notADate(key: String) -> Self { Self(.notADate, "key", [.field: .code(key)]) }

    /// A cell that is not a whole number: `` `present` must be a whole number, not "hai mươi" ``.
    public static func notAWholeNumber(field: String, value: String) -> Self {
        Self(.notANumber, "", [.field: .code(field), .value: .quoted(value)])
    }

    /// A key that is not a whole number.
    public static func notAWholeNumber(key: String) -> Self { Self(.notANumber, "whole", [.field: .code(key)]) }

    /// A key that is not a number.
    public static func notANumber(key: String) -> Self { Self(.notANumber, "number", [.field: .code(key)]) }

    /// A cell that is not yes or no.
    public static func notYesOrNo(field: String) -> Self { Self(.notYesOrNo, "", [.field: .code(field)]) }

    /// A YAML key that is not true or false.
    public static func notTrueOrFalse(key: String) -> Self { Self(.notYesOrNo, "yaml", [.field: .code(key)]) }

    /// A number outside `lowest...highest`; `unit` the words after the highest (` points`).
    public static func outOfRange(
        field: String, from lowest: Int, to highest: Int, unit: (en: String, vi: String) = ("", "")
    ) -> Self {
        Self(
            .outOfRange, "",
            [
                .field: .code(field), .lowest: .number(lowest), .highest: .number(highest),
                .detail: .phrase(en: unit.en, vi: unit.vi),
            ])
    }

    /// A number below `lowest`.
    public static func below(field: String, lowest: Int) -> Self {
        Self(.outOfRange, "atLeast", [.field: .code(field), .lowest: .number(lowest)])
    }

    /// A negative count.
    public static func negative(field: String, value: Int) -> Self {
        Self(.outOfRange, "negative", [.field: .code(field), .value: .number(value)])
    }

    /// A unit's members out of range.
    public static func membersOutOfRange(field: String, from lowest: Int, to highest: Int) -> Self {
        Self(.outOfRange, "members", [.field: .code(field), .lowest: .number(lowest), .highest: .number(highest)])
    }

    /// A share that is not from 0 to 1.
    public static func notAShare(field: String) -> Self { Self(.outOfRange, "share", [.field: .code(field)]) }

    /// More speakers than members present.
    public static func speakersAbovePresent(speakers: Int, present: Int) -> Self {
        Self(.impossibleFigures, "speakers", [.count: .number(speakers), .total: .number(present)])
    }

    /// More members present than the branch has.
    public static func presentAboveMembers(present: Int, members: Int) -> Self {
        Self(.impossibleFigures, "present", [.count: .number(present), .total: .number(members)])
    }

    /// More points than a criterion's maximum.
    public static func pointsAboveMax(criterion: Int, title: String, points: Int, max: Int) -> Self {
        Self(
            .impossibleFigures, "points",
            [.value: .plain(String(criterion)), .name: .plain(title), .count: .number(points), .highest: .number(max)])
    }

    /// A second meeting of one branch, date and kind.
    public static func duplicateMeeting(kind: MeetingKind, branch: String, date: Day, first: SourceLocation) -> Self {
        Self(
            .duplicateMeeting, "",
            [
                .detail: .phrase(en: kind.rawValue, vi: kind.vietnameseName),
                .name: .plain(branch), .date: .date(date),
                .other: .plain(first.description),
            ])
    }

    /// Meeting records dated after the build date.
    public static func futureMeetings(count: Int, buildDate: Day, first: Day) -> Self {
        Self(
            .futureMeeting, count == 1 ? "one" : "",
            [.count: .number(count), .date: .date(buildDate), .other: .date(first)])
    }

    /// Records not checked against an unreadable units file.
    public static func uncheckedRecords(unitsFile: String) -> Self {
        Self(.uncheckedRecords, "", [.name: .plain(unitsFile)])
    }

    /// A required cell left empty; `help` says what it holds, in both languages.
    public static func emptyCell(_ field: String, help: (en: String, vi: String)) -> Self {
        Self(.valueMissing, "empty", [.field: .code(field), .detail: .phrase(en: help.en, vi: help.vi)])
    }

    /// A required field of a units row left out.
    public static func requiredField(_ field: String, help: (en: String, vi: String)) -> Self {
        Self(.valueMissing, "required", [.field: .code(field), .detail: .phrase(en: help.en, vi: help.vi)])
    }

    /// A branch without its members.
    public static var branchNeedsMembers: Self { Self(.valueMissing, "members", [.field: .code("members")]) }

    /// A unit directly under the bloc without its sector; `words` the sectors.
    public static func needsSector(unit: String, words: String) -> Self {
        Self(.valueMissing, "sector", [.value: .quoted(unit), .field: .code("sector"), .detail: .plain(words)])
    }

    /// A thematic meeting without its topic.
    public static var thematicNeedsTopic: Self { Self(.valueMissing, "topic", [.field: .code("topic")]) }

    /// A word that is none of the field's words; `words` the words, as the content may write them.
    public static func unknownWord(_ field: String, _ value: String, words: String) -> Self {
        Self(.unknownWord, "", [.field: .plain(field), .value: .quoted(value), .detail: .plain(words)])
    }

    /// A rating the rubric does not have.
    public static func unknownRating(_ value: String, rubric: String, ratings: String) -> Self {
        Self(.unknownWord, "rating", [.value: .quoted(value), .name: .plain(rubric), .detail: .plain(ratings)])
    }

    /// A unit id used before, on `firstLine`.
    public static func duplicateID(_ id: String, firstLine: Int) -> Self {
        Self(.duplicateID, "", [.value: .quoted(id), .count: .number(firstLine)])
    }

    /// A rubric id another file uses.
    public static func duplicateRubric(_ id: String, other: String) -> Self {
        Self(.duplicateID, "rubric", [.value: .quoted(id), .name: .plain(other)])
    }

    /// A plan number another file uses.
    public static func duplicatePlan(_ number: String, other: String) -> Self {
        Self(.duplicateID, "plan", [.value: .plain(number), .name: .plain(other)])
    }

    /// A folder listed twice in `field`.
    public static func listedTwice(_ name: String, in field: String) -> Self {
        Self(.duplicateID, "folder", [.value: .code(name), .field: .code(field)])
    }

    /// Two units under one parent whose names differ only in accents or case.
    public static func duplicateName(_ name: String, first: String, firstLine: Int) -> Self {
        Self(.duplicateName, "", [.value: .quoted(name), .other: .quoted(first), .count: .number(firstLine)])
    }

    /// A parent that is no unit of the file.
    public static func unknownParent(_ id: String) -> Self { Self(.unknownUnit, "parent", [.value: .quoted(id)]) }

    /// A meeting's branch that is no unit.
    public static func unknownBranch(_ id: String) -> Self { Self(.unknownUnit, "branch", [.value: .quoted(id)]) }

    /// A sample meeting's host that is no unit.
    public static func unknownHost(_ id: String) -> Self { Self(.unknownUnit, "host", [.value: .quoted(id)]) }

    /// A committee given a parent.
    public static var nestedCommittee: Self { Self(.wrongLevel, "nested", [.field: .code("parent")]) }

    /// A branch given as a parent.
    public static func branchAsParent(_ id: String) -> Self {
        Self(.wrongLevel, "parentBranch", [.value: .quoted(id)])
    }

    /// Meetings recorded for a committee.
    public static func meetingOfCommittee(_ id: String) -> Self {
        Self(.wrongLevel, "committeeMeeting", [.value: .quoted(id)])
    }

    /// A committee hosting a sample meeting.
    public static func committeeHost(_ id: String) -> Self { Self(.wrongLevel, "hostCommittee", [.value: .quoted(id)]) }

    /// A bloc sample meeting hosted by a branch under a committee.
    public static func hostNotGrassroots(_ id: String, parent: String) -> Self {
        Self(.wrongLevel, "hostNotGrassroots", [.value: .quoted(id), .name: .plain(parent)])
    }

    /// A unit given as a committee that is not one.
    public static func notACommittee(_ id: String) -> Self { Self(.wrongLevel, "notCommittee", [.value: .quoted(id)]) }

    /// A unit id that is a page of the units directory.
    public static func reservedPageID(_ id: String, listed: Int, perPage: Int) -> Self {
        Self(
            .reservedID, "page",
            [.value: .quoted(id), .name: .plain(id), .count: .number(listed), .total: .number(perPage)])
    }

    /// A unit id that is the directory's lists by rating.
    public static func reservedRatingsID(_ id: String) -> Self {
        Self(.reservedID, "ratings", [.value: .quoted(id), .name: .plain(id)])
    }

    /// A second rubric for one meeting kind.
    public static func rubricKindTwice(other: String, kind: MeetingKind) -> Self {
        Self(
            .rubricKind, "twice", [.name: .plain(other), .detail: .phrase(en: kind.rawValue, vi: kind.vietnameseName)])
    }

    /// A meeting kind no rubric applies to.
    public static func noRubric(for kind: MeetingKind) -> Self {
        Self(.rubricKind, "none", [.detail: .phrase(en: kind.rawValue, vi: kind.vietnameseName)])
    }

    /// A rating's requirement naming a criterion the rubric does not have.
    public static func unknownCriterion(_ criterion: Int, in field: String) -> Self {
        Self(.rubricInconsistent, "unknownCriterion", [.field: .code(field), .value: .plain(String(criterion))])
    }

    /// A rating's minimum above a criterion's maximum.
    public static func minimumAboveMax(_ points: Int, criterion: Int, max: Int) -> Self {
        Self(
            .rubricInconsistent, "aboveMax",
            [
                .field: .code("require_min"), .count: .number(points), .value: .plain(String(criterion)),
                .highest: .number(max),
            ])
    }

    /// A last rating some total does not reach.
    public static func lastRatingNotForEveryTotal(_ name: String) -> Self {
        Self(.rubricInconsistent, "lastRating", [.name: .plain(name)])
    }

    /// A rating name given twice.
    public static func ratingTwice(_ name: String) -> Self {
        Self(.rubricInconsistent, "ratingTwice", [.name: .quoted(name)])
    }

    /// Criteria out of order.
    public static func criteriaOrder(expected: Int, found: Int) -> Self {
        Self(.rubricInconsistent, "order", [.lowest: .plain(String(expected)), .value: .plain(String(found))])
    }

    /// Meeting records spanning more than a period can; `date` the one that looks mistyped.
    public static func recordsSpan(from: Day, to: Day, years: Int, suspect: Day) -> Self {
        Self(
            .periodRange, "records",
            [
                .from: .isoDate(from), .to: .isoDate(to), .count: .number(years), .date: .isoDate(suspect),
                .field: .code("period"),
            ])
    }

    /// A period reaching far beyond the records.
    public static func periodBeyondRecords(from: Day, to: Day, months: Int, first: Day, last: Day) -> Self {
        Self(
            .periodRange, "beyond",
            [
                .from: .isoDate(from), .to: .isoDate(to), .count: .number(months),
                .date: .phrase(
                    en: "\(first) to \(last)",
                    vi: "\(FieldValue.date(first).text(in: .vi)) đến \(FieldValue.date(last).text(in: .vi))"),
            ])
    }

    /// A period that ends before it starts.
    public static func periodBackwards(from: Day, to: Day) -> Self {
        Self(.periodRange, "backwards", [.field: .code("period"), .from: .isoDate(from), .to: .isoDate(to)])
    }

    /// A period longer than a reporting period can be.
    public static func periodTooLong(years: Int, from: Day, to: Day, longest: Int) -> Self {
        Self(
            .periodRange, "long",
            [
                .field: .code("period"), .count: .number(years), .from: .isoDate(from), .to: .isoDate(to),
                .date: .number(longest),
            ])
    }

    /// Committee sessions without their rule.
    public static var committeeSessionsWithoutRule: Self {
        Self(
            .planRule, "",
            [
                .field: .code("committee_sessions"), .name: .code("committee_rule"),
                .value: .plain("{threshold, below, at_or_above}"),
            ])
    }

    /// A key or section a settings file needs, missing: `variant` says which (see the catalogue's
    /// entry); `field`, `name` and `value` the key, the file and the words it may hold, when the
    /// message names them.
    public static func needs(_ variant: String, field: String? = nil, name: String? = nil, value: String? = nil) -> Self
    {
        var fields: [MessageField: FieldValue] = [:]
        if let field { fields[.field] = .code(field) }
        if let name { fields[.name] = .plain(name) }
        if let value { fields[.value] = .plain(value) }
        return Self(.valueMissing, variant, fields)
    }

    /// A settings key holding none of its words: `variant` the key (`appliesTo`, `level`).
    public static func unknownWordOf(_ variant: String) -> Self { Self(.unknownWord, variant) }

    /// A word that is none of `words`, which the message lists.
    public static func unknownWordOneOf(_ field: String, _ value: String, words: String) -> Self {
        Self(.unknownWord, "oneOf", [.field: .code(field), .value: .quoted(value), .detail: .plain(words)])
    }

    /// A finding code chibo does not know.
    public static func unknownFindingCode(_ code: String, codes: String) -> Self {
        Self(.unknownWord, "findingCode", [.value: .code(code), .detail: .plain(codes)])
    }

    /// A quoted CSV cell that swallowed the rows after it.
    public static func swallowingQuote(lines: Int, separator: Character) -> Self {
        Self(.unclosedQuote, "", [.count: .number(lines), .value: .plain(String(separator))])
    }

    /// A quoted CSV cell never closed.
    public static var unclosedQuote: Self { Self(.unclosedQuote, "never") }

    /// A row wider than its header.
    public static func rowWidth(cells: Int, columns: Int, separator: Character) -> Self {
        Self(.rowWidth, "", [.count: .number(cells), .total: .number(columns), .value: .plain(String(separator))])
    }

    /// A header without a column the file needs; `names` the names it may have.
    public static func missingColumn(_ field: String, names: [String]) -> Self {
        let quoted = names.map { FieldValue.quoted($0).text(in: .en) }
        return Self(
            .missingColumn, "",
            [
                .field: .code(field),
                .detail: .phrase(en: quoted.joined(separator: " or "), vi: quoted.joined(separator: " hoặc ")),
            ])
    }

    /// A meetings header without a column the records need; `names` the names it may have.
    public static func missingColumn(_ field: String, oneOf names: [String]) -> Self {
        Self(.missingColumn, "names", [.field: .code(field), .value: .plain(names.joined(separator: ", "))])
    }

    /// A meetings header without the columns of a rubric's criteria.
    public static func missingCriteria(rubric: String, kind: MeetingKind, criteria: Int, absent: [String]) -> Self {
        Self(
            .missingColumn, "criteria",
            [
                .name: .plain(rubric), .detail: .phrase(en: kind.rawValue, vi: kind.vietnameseName),
                .count: .number(criteria), .value: .plain(absent.joined(separator: ", ")),
            ])
    }

    /// A header naming one field twice.
    public static func duplicateColumn(_ name: String, field: String, firstColumn: Int) -> Self {
        Self(.duplicateColumn, "", [.value: .quoted(name), .field: .code(field), .count: .number(firstColumn)])
    }

    /// A column chibo does not read.
    public static func unknownColumn(_ name: String) -> Self { Self(.unknownColumn, "", [.value: .quoted(name)]) }

    /// A workbook that cannot be read at all: `variant` says why (`encrypted`, `xls`, `notZip`, `cutShort`).
    public static func workbookUnreadable(_ variant: String) -> Self { Self(.workbookUnreadable, variant) }

    /// A workbook failure with the fields its message uses (see the catalogue's entry).
    public static func workbookUnreadable(_ variant: String, _ fields: [MessageField: FieldValue]) -> Self {
        Self(.workbookUnreadable, variant, fields)
    }

    /// A text of a workbook longer than a cell holds: `place` says which (`cellText`, `cellValue`,
    /// `sharedText`).
    public static func workbookTextTooLong(_ place: String, limit: Int) -> Self {
        let what: FieldValue =
            switch place {
            case "cellText": .phrase(en: "a cell's text", vi: "văn bản của một ô")
            case "cellValue": .phrase(en: "a cell's value", vi: "giá trị của một ô")
            default: .phrase(en: "a text of the workbook", vi: "một đoạn văn bản của tệp Excel")
            }
        return Self(.workbookUnreadable, "textLength", [.detail: what, .limit: .number(limit)])
    }

    /// A sheet that cannot be read; `reason` the workbook's failure, in both languages.
    public static func sheetUnreadable(_ name: String, reason: DiagnosticMessage) -> Self {
        Self(
            .workbookUnreadable, "sheet",
            [.name: .quoted(name), .detail: .phrase(en: reason.text(in: .en), vi: reason.text(in: .vi))])
    }

    /// A cell holding an error value.
    public static func cellErrorValue(_ value: String) -> Self { Self(.cellErrorValue, "", [.value: .quoted(value)]) }

    /// A formula cell without its saved value.
    public static var noCachedValue: Self { Self(.noCachedValue) }

    /// A hidden sheet, left out.
    public static func hiddenSheet(_ name: String) -> Self { Self(.hiddenSheet, "", [.name: .quoted(name)]) }

    /// A folder `restricted.paths` cannot name: `variant` says why (`home`, `assets`, `search`,
    /// `nested`, `unknown`); `name` the folder as written, `other` the search index's folder, `known`
    /// the folders that can be restricted.
    public static func restrictedFolder(_ variant: String, name: String = "", other: String = "", known: String = "")
        -> Self
    {
        var fields: [MessageField: FieldValue] = [:]
        if !name.isEmpty { fields[.value] = .code(name) }
        if !other.isEmpty { fields[.other] = .code(other) }
        if !known.isEmpty { fields[.detail] = .plain(known) }
        return Self(.restrictedFolder, variant, fields)
    }

    /// A restricted folder whose pages `data/` gives away for download: `what` it holds.
    public static func restrictedLeakData(_ folder: String, holds what: (en: String, vi: String)) -> Self {
        Self(.restrictedLeak, "data", [.field: .code(folder), .detail: .phrase(en: what.en, vi: what.vi)])
    }

    /// A restricted folder that the public folder `other` shows in part: `what` it shows.
    public static func restrictedLeak(_ folder: String, shownBy other: String, what: (en: String, vi: String)) -> Self {
        Self(
            .restrictedLeak, "public",
            [.field: .code(folder), .other: .code(other), .detail: .phrase(en: what.en, vi: what.vi)])
    }

    /// YAML that does not parse: `variant` says how (see the catalogue's entry), with the fields its
    /// message uses.
    public static func yamlSyntax(_ variant: String, _ fields: [MessageField: FieldValue] = [:]) -> Self {
        Self(.yamlSyntax, variant, fields)
    }

    /// A place in a YAML file as a message writes it: `line 3, column 5`, `dòng 3, cột 5`.
    public static func yamlPlace(line: Int, column: Int) -> FieldValue {
        .phrase(
            en: "line \(line), column \(column)",
            vi: "dòng \(FieldValue.number(line, in: .vi)), cột \(FieldValue.number(column, in: .vi))")
    }

    /// A YAML value of the wrong shape: `variant` says which (see the catalogue's entry); `what` the
    /// value in both languages, `field` its key, `value` an example.
    public static func wrongShape(
        _ variant: String, what: (en: String, vi: String)? = nil, field: String? = nil, value: String? = nil
    ) -> Self {
        var fields: [MessageField: FieldValue] = [:]
        if let what { fields[.detail] = .phrase(en: what.en, vi: what.vi) }
        if let field { fields[.field] = .code(field) }
        if let value { fields[.value] = .plain(value) }
        return Self(.wrongShape, variant, fields)
    }

    /// A page whose templates, their partials compiled in place, come to more than `limit` nodes.
    public static func templateTooLarge(page: String, limit: Int) -> Self {
        Self(.templateTooLarge, "", [.name: .code(page), .limit: .number(limit)])
    }

    /// A build of the preview stopped; `reason` in both languages.
    public static func buildStopped(reason: (en: String, vi: String)) -> Self {
        Self(.buildStopped, "", [.detail: .phrase(en: reason.en, vi: reason.vi)])
    }
}

extension MeetingKind {
    /// The kind as the committee's papers name it: `thường kỳ`, `chuyên đề`.
    public var vietnameseName: String {
        switch self {
        case .regular: "thường kỳ"
        case .thematic: "chuyên đề"
        }
    }
}

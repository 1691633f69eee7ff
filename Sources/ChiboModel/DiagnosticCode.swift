/// The kind of a problem, stable across changes of wording, as a compiler's diagnostic codes are:
/// tests match the kind, and a reader's tool may too. The message says the particulars. A new kind
/// of problem gets a new case; a code is never reused for another kind.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable {
    // MARK: Files and folders

    /// A file or folder that the content (or the theme) needs is not there.
    case fileMissing = "file.missing"
    /// A file that cannot be read: permissions, a read error, a folder where a file should be.
    case fileUnreadable = "file.unreadable"
    /// A file with no content where content is needed.
    case fileEmpty = "file.empty"
    /// Bytes that are not UTF-8.
    case fileNotUTF8 = "file.not-utf8"
    /// A control character (NUL, ESC, ...) or a noncharacter (U+FFFF, U+FDD0, ...) in the text of a
    /// file or a workbook's cell, or a character YAML cannot hold.
    case controlCharacter = "file.control-character"
    /// A file in a data folder (or a `units` file) that chibo does not read: a spreadsheet of another
    /// kind (an error: its records would be missing from every figure), or any other file (a warning).
    case fileNotRead = "file.not-read"
    /// Two files where one is allowed (units.csv and units.yaml).
    case fileTwice = "file.twice"
    /// A link that leads outside the folder, or that cannot be followed.
    case linkOutside = "file.link-outside"
    case linkBroken = "file.link-broken"
    /// A folder reached twice, through a link to it.
    case linkedTwice = "file.linked-twice"

    // MARK: Workbooks

    /// A workbook that cannot be read at all: not a zip, truncated, encrypted, an old binary `.xls`, a
    /// part that does not parse, or one that inflates past a sane size.
    case workbookUnreadable = "workbook.unreadable"
    /// A cell holding an error value (`#REF!`, `#VALUE!`...).
    case cellErrorValue = "workbook.error-value"
    /// A formula cell whose value Excel has not saved with it.
    case noCachedValue = "workbook.no-cached-value"
    /// A hidden sheet, left out (a warning).
    case hiddenSheet = "workbook.hidden-sheet"

    // MARK: Names and URLs

    /// A file or folder name, or a `slug`, that gives no URL or a URL not allowed.
    case badURLName = "url.bad-name"
    /// Two sources that become one URL.
    case urlTaken = "url.taken"

    // MARK: Attachments

    /// A temporary or system file beside the guidance, left out.
    case litter = "attachment.litter"
    /// A file of a kind the guidance may not publish (a web page, a script, ...).
    case attachmentRefused = "attachment.refused"
    /// A file whose bytes are not what its extension says.
    case attachmentMislabelled = "attachment.mislabelled"

    // MARK: YAML

    case yamlSyntax = "yaml.syntax"
    /// An alias (`*name`), which chibo does not read.
    case yamlAlias = "yaml.alias"
    /// The same key twice in one mapping.
    case duplicateKey = "yaml.duplicate-key"
    /// A key chibo does not know, ignored (a warning).
    case unknownKey = "yaml.unknown-key"
    /// A value of the wrong shape: a list where text is needed, text where a mapping is.
    case wrongShape = "yaml.wrong-shape"

    // MARK: Values

    /// A required key, field or cell that is absent or empty.
    case valueMissing = "value.missing"
    /// Text that is not a date in one of the accepted forms.
    case notADate = "value.not-a-date"
    /// Text that is not a whole number (or a number) where one is needed.
    case notANumber = "value.not-a-number"
    /// Text that is not yes or no.
    case notYesOrNo = "value.not-yes-or-no"
    /// A number outside its range.
    case outOfRange = "value.out-of-range"
    /// Text not in the form the key needs: an id, a path, an address, a time.
    case badForm = "value.bad-form"
    /// A word that is not one of the key's words: a kind, a sector, a rating, a finding code.
    case unknownWord = "value.unknown-word"

    // MARK: CSV

    /// A quoted cell that is never closed, or that swallows the rows after it.
    case unclosedQuote = "csv.unclosed-quote"
    /// A row with more or fewer cells than the header.
    case rowWidth = "csv.row-width"
    /// A header that lacks a column the file needs.
    case missingColumn = "csv.missing-column"
    /// A header naming one column twice (under two of its names).
    case duplicateColumn = "csv.duplicate-column"
    /// A column chibo does not know, ignored (a warning).
    case unknownColumn = "csv.unknown-column"

    // MARK: Units

    /// An id or number given to two things: two units, two rubrics, two plans.
    case duplicateID = "value.duplicate-id"
    /// Two units under one parent whose names differ only in accents or case (a warning).
    case duplicateName = "units.duplicate-name"
    /// A parent, branch or host that is no unit of the units file.
    case unknownUnit = "units.unknown-unit"
    /// A unit where the hierarchy does not allow it: a committee under a unit, a branch as a
    /// parent, meetings recorded for a committee, a committee hosting a sample meeting.
    case wrongLevel = "units.wrong-level"
    /// An id the units directory uses for a page of its own (`trang-2`, `xep-loai`).
    case reservedID = "units.reserved-id"

    // MARK: Rubrics

    /// Two rubrics for one meeting kind, or a meeting kind with none.
    case rubricKind = "rubric.kind"
    /// A rubric that contradicts itself: a rating that names a criterion it does not have, asks
    /// more than a criterion's maximum, criteria out of order, a last rating that not every total
    /// reaches, a rating name used twice.
    case rubricInconsistent = "rubric.inconsistent"

    // MARK: Meeting records

    /// The same branch, date and kind recorded twice.
    case duplicateMeeting = "meeting.duplicate"
    /// Figures of one record that cannot all be true: more speakers than present, more present than
    /// members, more points than a criterion's maximum.
    case impossibleFigures = "meeting.impossible-figures"
    /// A meeting dated after the build date (a warning).
    case futureMeeting = "meeting.future"
    /// Records that could not be checked against the units, the units file being unreadable.
    case uncheckedRecords = "meeting.unchecked"

    // MARK: Periods

    /// A period, or a span of records, that is backwards or longer than a reporting period can be.
    case periodRange = "period.range"

    // MARK: Restricted folders

    /// A folder `restricted` cannot name: the home page, the assets, the search, a nested or unknown one.
    case restrictedFolder = "restricted.folder"
    /// A restricted folder whose content a public one would give away (the units without `data`).
    case restrictedLeak = "restricted.leak"

    // MARK: Guidance

    /// A guidance document without its front matter, or with an empty one.
    case frontMatter = "guidance.front-matter"
    /// A link to no page, file or anchor of the site.
    case brokenLink = "guidance.broken-link"
    /// A `csv` table in the Markdown that does not read.
    case badTable = "guidance.bad-table"
    /// One document number given to two documents.
    case duplicateNumber = "guidance.duplicate-number"
    /// A `finding_guidance` number that no guidance document has.
    case unknownNumber = "guidance.unknown-number"
    /// Markdown nested deeper than chibo reads (`Markdown.maxDepth` levels of block quotes, lists,
    /// emphasis or links).
    case markdownTooDeep = "guidance.too-deep"

    // MARK: Sample-meeting plans

    /// `committee_sessions` without the `committee_rule` they are checked against.
    case planRule = "plan.rule"

    // MARK: Theme

    case templateSyntax = "theme.template-syntax"
    /// A Mustache feature chibo's templates do not support.
    case templateUnsupported = "theme.template-unsupported"
    /// A partial, parent or page template that the theme does not have.
    case missingTemplate = "theme.missing-template"
    /// A name in a template that the page's model does not have.
    case unknownName = "theme.unknown-name"
    /// A name used as what it is not: a list or a flag shown as text, text used as a section.
    case templateMisuse = "theme.wrong-use"
    /// A UI string the pages show that the theme does not have.
    case missingString = "theme.missing-string"
    /// Template sections, blocks and partials nested deeper than chibo compiles
    /// (`TemplateLibrary.maxDepth` levels).
    case templateTooDeep = "theme.too-deep"
    /// A page whose templates, with their partials compiled in place, come to more than chibo compiles
    /// (`TemplateLibrary.maxCompiledNodes`).
    case templateTooLarge = "theme.too-large"

    // MARK: Preview

    /// A build of `chibo serve` that crashed or passed its time limit, at the input changed last.
    case buildStopped = "preview.build-stopped"
}

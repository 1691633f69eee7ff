import ChiboModel
import ChiboSupport

/// How a build keeps the previous build's file of a page whose inputs did not change.
public struct PageReuse: Sendable {
    /// Stands for what every page depends on besides its model: the chibo binary, the build's options.
    public var salt: UInt64
    /// Keeps the previous file (and its compressed copies) at this path when it was made from these
    /// inputs; false when it was not, or cannot be kept.
    public var reuse: @Sendable (_ path: String, _ inputs: UInt64) -> Bool
    /// The paths under a folder that the previous build's manifest lists, with their inputs hashes.
    public var previous: @Sendable (_ folder: String) -> [(path: String, inputs: UInt64)]
    /// A hash of what the data files read of the content (its files outside `guidance/`); nil when
    /// unknown, and the data files are then made again.
    public var dataInputs: UInt64?

    /// Keeps the previous build's file at `path` whatever its inputs, and gives its inputs hash; nil
    /// when there is none. Given, the pages made from the data alone (the units, the reports, the
    /// schedule, the letters) are all kept, their models not even built, when what they are made
    /// from is the previous build's: `dataPagesKey` in the manifest holds its hash.
    public var keepAsBefore: (@Sendable (_ path: String) -> UInt64?)?

    /// The manifest's entry that holds the hash of what the data pages are made from; no file's path.
    public static let dataPagesKey = ":data-pages"

    /// Before a data page's path in the manifest: the page is one of them, in the sitemap (1) or not (0).
    public static let dataPageKey = ":data:"

    public init(
        salt: UInt64, dataInputs: UInt64? = nil,
        previous: @escaping @Sendable (String) -> [(path: String, inputs: UInt64)] = { _ in [] },
        reuse: @escaping @Sendable (String, UInt64) -> Bool
    ) {
        self.salt = salt
        self.dataInputs = dataInputs
        self.previous = previous
        self.reuse = reuse
    }

    /// Keeps every one of `paths` made from `inputs`; returns those kept. The others must be made.
    func keep(_ paths: [String], inputs: UInt64) -> Set<String> {
        Set(paths.filter { reuse($0, inputs) })
    }

    /// The file beside the output listing each page's inputs hash: `HEX PATH` per line.
    public static let manifest = SiteOutput.pageManifest.path()

    public static func manifestText(_ inputs: [String: UInt64]) -> String {
        inputs.sorted { $0.key < $1.key }.map { $0.value.hex16 + " " + $0.key + "\n" }.joined()
    }

    public static func parseManifest(_ text: String) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " "), let value = UInt64(line[..<space], radix: 16) else { continue }
            result[String(line[line.index(after: space)...])] = value
        }
        return result
    }

}

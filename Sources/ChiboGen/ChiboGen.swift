import ArgumentParser
import Foundation

// chibo-gen: writes the data files of a content folder (units, rubrics, meetings, plans), seeded,
// so that the same arguments give byte-identical files. `bundled` is the default content's data;
// `province` and `nation` are the benchmark's sizes. The last year of records is 2024; `--years` adds
// the years before it, each drawn from its own stream, so 2024's files are the same with any number.

@main
struct ChiboGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chibo-gen",
        abstract: "Writes the seeded data files of a content folder: the bundled site's or the benchmark's sizes."
    )

    @Option(name: .long, help: "What to generate.")
    var preset: PresetName

    @Option(name: .long, help: ArgumentHelp("The folder to write into, created if missing.", valueName: "dir"))
    var output: String

    @Option(
        name: .long, help: ArgumentHelp("The seed: the same seed and preset give byte-identical files.", valueName: "n")
    )
    var seed: UInt64 = 20_240_126

    @Option(name: .long, help: ArgumentHelp("The number of guidance pages (default: the preset's).", valueName: "n"))
    var guidancePages: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --preset nation: this many branches instead of 50,000, in the same shape.", valueName: "n"))
    var branches: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Years of meeting records, the last 2024 (default: the preset's: bundled and province 2, nation 5, "
                + "million 1).",
            valueName: "n"))
    var years: Int?

    func validate() throws {
        guard !output.isEmpty else { throw ValidationError("--output must name a folder") }
        if let branches {
            guard preset == .nation else { throw ValidationError("--branches goes with --preset nation") }
            guard branches >= 100 else { throw ValidationError("--branches must be 100 or more") }
        }
        if let years {
            guard preset != .corpus else { throw ValidationError("--years goes with a preset that has meetings") }
            guard (1...50).contains(years) else { throw ValidationError("--years must be from 1 to 50") }
        }
        if let guidancePages, guidancePages < 0 { throw ValidationError("--guidance-pages must be 0 or more") }
    }

    func run() throws {
        var generator = ContentGenerator(
            preset: Preset.named(preset, guidance: guidancePages, branches: branches, years: years), seed: seed)
        do {
            try generator.write(to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("chibo-gen: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

import Foundation

// chibo-gen: writes the data files of a content folder (units, rubrics, meetings, plans), seeded,
// so that the same arguments give byte-identical files. `bundled` is the default content's data;
// `province` and `nation` are the benchmark's sizes.

func usage() -> Never {
    FileHandle.standardError.write(
        Data(
            "usage: chibo-gen --preset bundled|province|nation|million|corpus --output DIR [--seed N] [--guidance-pages N]\n"
                .utf8))
    exit(2)
}

var arguments = CommandLine.arguments.dropFirst()
var presetName = ""
var output = ""
var seed: UInt64 = 20_240_126
var guidancePages: Int?
while let argument = arguments.popFirst() {
    switch argument {
    case "--preset": presetName = arguments.popFirst() ?? ""
    case "--output": output = arguments.popFirst() ?? ""
    case "--seed": seed = arguments.popFirst().flatMap { UInt64($0) } ?? seed
    case "--guidance-pages": guidancePages = arguments.popFirst().flatMap { Int($0) }
    default: usage()
    }
}
guard let preset = Preset.named(presetName, guidance: guidancePages), !output.isEmpty else { usage() }
var generator = ContentGenerator(preset: preset, seed: seed)
do {
    try generator.write(to: URL(fileURLWithPath: output))
} catch {
    FileHandle.standardError.write(Data("chibo-gen: \(error)\n".utf8))
    exit(1)
}

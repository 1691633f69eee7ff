// swift-tools-version:6.0
import PackageDescription

// chibo runs on Linux only: it swaps the output folder with renameat2(RENAME_EXCHANGE), finds its own
// binary through /proc/self/exe and reads st_mtim from stat. SwiftPM has no Linux entry for `platforms`,
// so none is declared; Sources/ChiboSupport/Syscalls.swift, with the libc calls beside it, stops the build
// with #error elsewhere.

let package = Package(
    name: "chibo",
    products: [
        .executable(name: "chibo", targets: ["chibo"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The zip container of the published .xlsx and .docx files (written only; workbooks are read by
        // ChiboContent's own WorkbookPackage over libdeflate).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Tests only: property-based checks of the rating rules.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CCompression",
            pkgConfig: "libbrotlienc",
            providers: [.apt(["libbrotli-dev"])]
        ),
        // gzip for the precompressed copies: libdeflate compresses smaller than zlib at a lower level; it also
        // inflates the parts of workbooks, whole and within a declared size.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        // `chibo htpasswd`: libxcrypt's crypt_gensalt and crypt, the library nginx checks the hashes with.
        .systemLibrary(
            name: "CCrypt",
            pkgConfig: "libxcrypt",
            providers: [.apt(["libcrypt-dev"])]
        ),
        // renameat2 through syscall(2), which Swift cannot call (it is variadic).
        .target(name: "CChiboSystem"),
        // Helpers every stage shares (text, hashing, parallel work, timings) and every libc call with its
        // error type (Syscalls, SystemError), `package` access only.
        // CHIBO_FAULTS (debug builds, which the tests are): the seam through which a test makes a system
        // call fail with a chosen errno (Syscalls.Faults, as swift-system's mocking); release has none.
        .target(
            name: "ChiboSupport", dependencies: ["CChiboSystem"],
            swiftSettings: [.define("CHIBO_FAULTS", .when(configuration: .debug))]),
        .target(name: "ChiboModel", dependencies: ["ChiboSupport"]),
        // Mustache templates compiled against typed page models; swift-mustache checks it in the tests.
        .target(name: "ChiboTemplate", dependencies: ["ChiboModel", "ChiboSupport"]),
        .target(
            name: "ChiboContent",
            dependencies: [
                "ChiboModel", "ChiboSupport", "CCmark", "CXML2", "CDeflate", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "ChiboRender",
            dependencies: [
                "ChiboModel", "ChiboSupport", "ChiboTemplate",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "ChiboSite",
            dependencies: [
                "ChiboModel", "ChiboSupport", "ChiboContent", "ChiboRender", "CCompression", "CDeflate", "CCrypt",
            ]),
        // chibo serve: its own bounded HTTP/1.1 server (PreviewServer), builds in a child process.
        .target(name: "ChiboPreview", dependencies: ["ChiboSite", "ChiboModel", "ChiboSupport"]),
        .executableTarget(
            name: "chibo",
            dependencies: [
                "ChiboSite", "ChiboModel", "ChiboSupport", "ChiboPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Seeded generator of content data: the bundled site's data and the benchmark's sizes.
        .executableTarget(
            name: "chibo-gen",
            dependencies: ["ChiboModel", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/ChiboGen"
        ),
        .target(name: "ChiboTestSupport", path: "Tests/ChiboTestSupport"),
        // Tests only: page models as swift-mustache reads them (the oracle's input).
        .target(name: "ChiboTemplateOracle", dependencies: ["ChiboTemplate"], path: "Tests/ChiboTemplateOracle"),
        .testTarget(
            name: "ChiboModelTests",
            dependencies: [
                "ChiboModel", "ChiboSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ChiboTemplateTests",
            dependencies: [
                "ChiboTemplate", "ChiboModel", "ChiboTestSupport", "ChiboTemplateOracle",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(
            name: "ChiboContentTests",
            dependencies: ["ChiboContent", "ChiboModel", "ChiboSupport", "ChiboTestSupport", "CDeflate"]),
        .testTarget(
            name: "ChiboRenderTests",
            dependencies: ["ChiboRender", "ChiboContent", "ChiboModel", "ChiboTemplate", "ChiboTestSupport"]
        ),
        .testTarget(
            name: "ChiboPreviewTests", dependencies: ["ChiboPreview", "ChiboSite", "ChiboModel", "ChiboTestSupport"]),
        // chibo-gen run as built: the bundled content's data files, the years of records.
        .testTarget(name: "ChiboGenTests", dependencies: ["ChiboContent", "ChiboModel", "ChiboTestSupport"]),
        .testTarget(
            name: "ChiboSiteTests",
            dependencies: [
                "ChiboSite", "ChiboModel", "ChiboRender", "ChiboSupport", "ChiboTemplate", "ChiboTestSupport",
                "ChiboTemplateOracle",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Snapshots"]
        ),
    ]
)

// `make fuzz`: libFuzzer harnesses of the readers (Tests/Fuzz), declared only when CHIBO_FUZZ is set, so
// that `swift build` and `swift test` never build them; they are built with -sanitize=fuzzer,address.
if Context.environment["CHIBO_FUZZ"] != nil {
    package.targets += [
        .target(name: "CChiboFuzzMeter", path: "Tests/Fuzz/CChiboFuzzMeter"),
        .executableTarget(
            name: "chibo-fuzz",
            dependencies: [
                "ChiboModel", "ChiboContent", "ChiboRender", "ChiboTemplate", "ChiboPreview", "CChiboFuzzMeter",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/Fuzz/chibo-fuzz"
        ),
    ]
}

// `make template-bench`: the compiled templates against swift-mustache on a large page, declared only when
// CHIBO_BENCH is set, so that `swift build` and `swift test` never build it.
if Context.environment["CHIBO_BENCH"] != nil {
    package.products += [.executable(name: "chibo-template-bench", targets: ["chibo-template-bench"])]
    package.targets += [
        .executableTarget(
            name: "chibo-template-bench",
            dependencies: [
                "ChiboTemplate", "ChiboModel", "ChiboTemplateOracle",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Tests/bench/template-bench"
        )
    ]
}

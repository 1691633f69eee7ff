// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "chibo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chibo", targets: ["chibo"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Tests only: property-based checks of the rating rules.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
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
        // gzip for the precompressed copies: libdeflate compresses smaller than zlib at a lower level.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .target(name: "CChiboSystem"),
        .target(name: "ChiboModel"),
        // Mustache templates compiled against typed page models; swift-mustache checks it in the tests.
        .target(name: "ChiboTemplate", dependencies: ["ChiboModel"]),
        .target(
            name: "ChiboContent",
            dependencies: ["ChiboModel", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ChiboRender",
            dependencies: [
                "ChiboModel", "ChiboTemplate", "CCmark",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "ChiboSite",
            dependencies: [
                "ChiboModel", "ChiboContent", "ChiboRender", "CChiboSystem", "CCompression", "CDeflate",
            ]),
        .executableTarget(
            name: "chibo",
            dependencies: ["ChiboSite", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Seeded generator of content data: the bundled site's data and the benchmark's sizes.
        .executableTarget(
            name: "chibo-gen",
            dependencies: ["ChiboModel", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/ChiboGen"
        ),
        .target(name: "ChiboTestSupport", path: "Tests/ChiboTestSupport"),
        .testTarget(
            name: "ChiboModelTests",
            dependencies: ["ChiboModel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ChiboTemplateTests",
            dependencies: ["ChiboTemplate", "ChiboModel", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(name: "ChiboContentTests", dependencies: ["ChiboContent", "ChiboTestSupport"]),
        .testTarget(
            name: "ChiboRenderTests",
            dependencies: ["ChiboRender", "ChiboContent", "ChiboTemplate", "ChiboTestSupport"]
        ),
        .testTarget(
            name: "ChiboSiteTests",
            dependencies: [
                "ChiboSite", "ChiboTemplate", "ChiboTestSupport", .product(name: "Mustache", package: "swift-mustache"),
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
                "ChiboModel", "ChiboContent", "ChiboRender", "CChiboFuzzMeter",
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
            dependencies: ["ChiboTemplate", "ChiboModel", .product(name: "Mustache", package: "swift-mustache")],
            path: "Tests/bench/template-bench"
        )
    ]
}

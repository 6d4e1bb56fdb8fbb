// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "debrief",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "debrief", targets: ["debrief"]),
        .library(name: "DebriefKit", targets: ["DebriefKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // zlib, for reading gzip-rotated logs as a stream.
        .systemLibrary(name: "CDeflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libxml2, for XML exports and HTML bodies (network and entity expansion off).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Process-level tuning for the command line (glibc's malloc trim threshold).
        .systemLibrary(name: "CPlatform"),
        // The engine: ingest → timeline → analysis → render. No command-line concerns.
        .target(
            name: "DebriefKit",
            dependencies: [
                "CDeflate",
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The thin command-line front end.
        .executableTarget(
            name: "debrief",
            dependencies: [
                "DebriefKit",
                "CPlatform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DebriefKitTests",
            dependencies: ["DebriefKit"],
            exclude: ["Fixtures"]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}

// swift-tools-version:6.2
import PackageDescription

// Dependencies are the packages this machine kind ships; each one costs CI build minutes,
// so every one listed here is used for something a hand-written version would do worse.
let package = Package(
    name: "pylon-kb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pylon-kb", targets: ["pylon-kb"]),
        .library(name: "PylonAPI", targets: ["PylonAPI"]),
        .library(name: "PylonKB", targets: ["PylonKB"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The emulator: an HTTP server and its on-disk store. Traits off: we need neither
        // swift-configuration nor the extra Foundation glue, and they cost build time.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Already built as Hummingbird's own dependency; named here so the emulator can stop
        // gracefully (a cancelled server can drop a just-accepted connection and trap in NIO).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The REST client's transport: one pooled, event-loop HTTP client per PylonClient, so
        // connections are reused and a waiting request costs no CPU (docs/api-client.md).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already built for Hummingbird and AsyncHTTPClient; named because PylonAPI imports it.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already built for Hummingbird; named because the emulator imports them (its logger
        // and the HTTP field types of its responder).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // cmark-gfm: Debian ships only libcmark-gfm.pc, so the module map links both libraries.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libxml2's HTML parser: raw-HTML allowlist, canonical HTML, HTML → Markdown.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // A small Swift DOM over libxml2's HTML parser, shared by the toolchain and the emulator.
        .target(name: "PylonHTML", dependencies: ["CLibXML2"]),
        // The preview site's frame (page, navigation, search, styles, script), shared by
        // `render` (static files) and the emulator's help-center pages so both look the same.
        .target(name: "PylonPreview", dependencies: ["PylonHTML"]),
        // The Pylon REST client: Foundation for values, AsyncHTTPClient (SwiftNIO) for the wire.
        .target(
            name: "PylonAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "PylonKB",
            dependencies: [
                "CCmarkGFM",
                "PylonHTML",
                "PylonPreview",
                "PylonAPI",
                // Also gives YAMLReader libyaml's event API (Yams' CYaml module, which Yams builds
                // but does not vend as a product, so it cannot be named here).
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The local Pylon: routes, store, rate limits, faults, sanitizer, preview pages.
        .target(
            name: "PylonEmulator",
            dependencies: [
                "PylonAPI",
                "PylonHTML",
                "PylonPreview",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Every command, the error policy and the console: testable in-process
        // (PylonKBCommandsTests). The executable is its @main only.
        .target(
            name: "PylonKBCommands",
            dependencies: [
                "PylonKB",
                "PylonAPI",
                "PylonEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `pylon-kb preview`'s server (the emulator already builds them).
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "pylon-kb", dependencies: ["PylonKBCommands"]),
        // What tests and benchmarks share and users never need: the generated corpus and the
        // state write benchmark. Not a product, so none of it is public API;
        // it reaches PylonKB's internals through `package` access only.
        .target(name: "PylonKBTestSupport", dependencies: ["PylonKB", "PylonAPI"]),
        // The same for tests of the client and the emulator, which need nothing of PylonKB: a
        // manual clock that both sides of a conversation can share, a loopback listener.
        .target(name: "PylonTestSupport"),
        // Benchmarks (Benchmarks/run.sh, docs/performance.md); not part of the product. It runs
        // the pylon-kb binary against an emulator in its own process.
        .executableTarget(
            name: "pylon-kb-bench",
            dependencies: ["PylonKB", "PylonAPI", "PylonEmulator", "PylonKBTestSupport"],
            path: "Benchmarks/PylonKBBench"),
        .testTarget(name: "PylonHTMLTests", dependencies: ["PylonHTML"]),
        .testTarget(
            name: "PylonAPITests",
            dependencies: [
                "PylonAPI", "PylonEmulator", "PylonTestSupport",
                // A test runs the transport on an event loop of its own to measure its CPU time.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(
            name: "PylonEmulatorTests",
            dependencies: ["PylonEmulator", "PylonAPI", "PylonHTML", "PylonPreview", "PylonTestSupport"]),
        // Runs the built pylon-kb binary against an in-process emulator.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "PylonEmulator", "PylonAPI", "PylonKB", "PylonHTML", "PylonKBTestSupport", "PylonTestSupport",
            ]),
        // Every command run in-process: exit codes and output held to the README's table.
        .testTarget(
            name: "PylonKBCommandsTests",
            dependencies: [
                "PylonKBCommands", "PylonKB", "PylonAPI", "PylonEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The preview test reads the server's event stream as a browser would.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "PylonKBTests",
            dependencies: [
                "PylonKB", "PylonAPI", "PylonEmulator", "PylonHTML", "PylonKBTestSupport", "PylonTestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Snapshots"]
        ),
    ]
)

// Zero warnings in our own code, held by the compiler: a warning in any of our targets fails
// the build (CI included). Dependencies are not affected; SwiftPM silences their warnings.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}

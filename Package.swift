// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "warta-engine",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "warta", targets: ["warta"]),
        .executable(name: "warta-fuzz", targets: ["warta-fuzz"]),
        .library(name: "WartaCore", targets: ["WartaCore"]),
        .library(name: "WartaPipeline", targets: ["WartaPipeline"]),
    ],
    traits: [
        .trait(
            name: "Crawl",
            description: "warta crawl, feeds and fetch (async-http-client); off for the clustering gates' release build"
        ),
        .trait(
            name: "Postgres",
            description:
                "the PostgreSQL store (postgres-nio) for --postgres; off for the clustering gates' release build"
        ),
        .default(enabledTraits: ["Crawl", "Postgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "WartaCore", swiftSettings: strictSettings),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "WartaHTML", dependencies: ["CLibXML2"], swiftSettings: strictSettings),
        .target(
            name: "WartaText",
            dependencies: ["WartaCore"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .target(
            name: "WartaIngest",
            dependencies: ["WartaCore", "WartaText", "WartaDates", "WartaHTML", "CZlib", "CLibDeflate", "CLibXML2"],
            swiftSettings: strictSettings),
        .target(
            name: "WartaFetch",
            dependencies: [
                "WartaCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaExtract",
            dependencies: ["WartaCore", "WartaText", "WartaHTML"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(name: "WartaDedup", dependencies: ["WartaCore", "WartaText"], swiftSettings: strictSettings),
        .target(name: "WartaCluster", dependencies: ["WartaCore", "WartaText"], swiftSettings: strictSettings),
        .target(name: "WartaDates", dependencies: ["WartaCore", "WartaText"], swiftSettings: strictSettings),
        .target(name: "WartaQuotes", dependencies: ["WartaCore", "WartaText"], swiftSettings: strictSettings),
        .target(
            name: "WartaEntities",
            dependencies: ["WartaCore", "WartaText"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(name: "WartaStore", dependencies: ["WartaCore"], swiftSettings: strictSettings),
        .target(
            name: "WartaStoreSQLite",
            dependencies: ["WartaCore", "WartaStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaStorePostgres",
            dependencies: [
                "WartaCore", "WartaDates", "WartaStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaPipeline",
            dependencies: [
                "WartaCore", "WartaText", "WartaIngest", "WartaExtract", "WartaStore", "WartaDedup", "WartaCluster",
                "WartaEntities", "WartaDates", "WartaQuotes",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaCrawl",
            dependencies: [
                "WartaCore", "WartaFetch", "WartaIngest", "WartaPipeline", "WartaStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaQuery",
            dependencies: ["WartaCore", "WartaStore", "WartaEntities", "WartaPipeline", "WartaDates", "WartaText"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaServer",
            dependencies: [
                "WartaCore", "WartaStore", "WartaQuery", "WartaPipeline", "WartaText", "WartaDates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "warta",
            dependencies: [
                "WartaCore", "WartaText", "WartaIngest", "WartaExtract", "WartaStore", "WartaStoreSQLite",
                "WartaPipeline", "WartaHTML", "WartaEntities", "WartaDedup", "WartaCluster", "WartaQuery",
                "WartaServer",
                .target(name: "WartaFetch", condition: .when(traits: ["Crawl"])),
                .target(name: "WartaCrawl", condition: .when(traits: ["Crawl"])),
                .target(name: "WartaStorePostgres", condition: .when(traits: ["Postgres"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Samples")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaFuzzTargets",
            dependencies: [
                "WartaCore", "WartaText", "WartaIngest", "WartaExtract", "WartaDates", "WartaQuotes", "WartaQuery",
                "WartaPipeline", "WartaStore",
            ],
            swiftSettings: strictSettings
        ),
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(
            name: "warta-fuzz",
            dependencies: ["WartaFuzzTargets", "CLibFuzzer"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaTestSupport",
            dependencies: ["WartaCore", "WartaStore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaTestSite",
            dependencies: [
                "WartaTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaFuzzTests",
            dependencies: ["WartaFuzzTargets", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "WartaCoreTests", dependencies: ["WartaCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "WartaDedupTests",
            dependencies: ["WartaCore", "WartaDedup", "WartaExtract", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaTextTests",
            dependencies: ["WartaCore", "WartaText"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaIngestTests",
            dependencies: ["WartaCore", "WartaIngest", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaFetchTests",
            dependencies: [
                "WartaCore", "WartaFetch", "WartaTestSite", "WartaTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaCrawlTests",
            dependencies: [
                "WartaCore", "WartaCrawl", "WartaFetch", "WartaPipeline", "WartaStore", "WartaStoreSQLite",
                "WartaTestSite", "WartaTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaExtractTests",
            dependencies: ["WartaCore", "WartaText", "WartaExtract", "WartaHTML", "WartaIngest", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaDatesTests",
            dependencies: ["WartaCore", "WartaText", "WartaExtract", "WartaDates", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaEntitiesTests",
            dependencies: ["WartaCore", "WartaText", "WartaEntities", "WartaExtract"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaQuotesTests",
            dependencies: ["WartaCore", "WartaText", "WartaExtract", "WartaQuotes", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaStoreTests",
            dependencies: ["WartaCore", "WartaStore", "WartaStoreSQLite", "WartaStorePostgres", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaPipelineTests",
            dependencies: [
                "WartaCore", "WartaText", "WartaExtract", "WartaEntities", "WartaQuotes", "WartaCluster",
                "WartaIngest", "WartaPipeline", "WartaQuery",
                "WartaStore",
                "WartaStoreSQLite", "WartaStorePostgres", "WartaTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaServerTests",
            dependencies: [
                "WartaCore", "WartaStore", "WartaStoreSQLite", "WartaQuery", "WartaServer", "WartaPipeline",
                "WartaTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaCLITests",
            dependencies: ["WartaCore", "WartaStore", "WartaStoreSQLite", "WartaTestSupport", "warta"],
            swiftSettings: strictSettings
        ),
    ]
)

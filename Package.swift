// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    // A file uses only the members of modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // Every other feature Swift 7 turns on, on now: existentials written `any`; an import is
    // internal unless it says `public`, so a module's API shows what it exposes of another;
    // conformances of isolated types are isolated; a nonisolated async function runs where it is
    // called (`@concurrent` where it must leave); weak captures that are never reassigned are `let`.
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("InferIsolatedConformances"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .enableUpcomingFeature("ImmutableWeakCaptures"),
]

let package = Package(
    name: "HiringPulse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hiringpulse", targets: ["HiringPulse"]),
        .executable(name: "hiringpulse-bench", targets: ["Benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The four YAML files (the configuration, alerts, feeds, companies) are read once each
        // through Yams' node tree, whose marks give every problem its line (ConfigFiles).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // AsyncHTTPClient's TLS: its errors are how a failed handshake is told apart.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The dashboard's HTML pages: logic-less templates that escape every value by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .executableTarget(
            name: "HiringPulse",
            dependencies: [
                "Daemon", "Bot", "Store", "Extraction", "Domain", "Analytics", "Alerts", "Discord", "JSONSchema", "JSON", "Support",
                "ConfigFiles", "Dashboard", "Exports", "Charts", "StatisticsCharts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "HiringPulseTesting", "Discord", "Daemon", "Bot", "Store", "Extraction", "Domain", "Analytics", "Alerts", "JSON", "Support",
                "Dashboard", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Daemon",
            dependencies: [
                "Bot", "Discord", "Extraction", "Domain", "Analytics", "Alerts", "Store", "JSON", "Transport", "Support", "Dashboard",
                "Charts",
                "StatisticsCharts",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Bot",
            dependencies: [
                "Discord", "Extraction", "Domain", "Alerts", "Store", "JSON", "Support", "ConfigFiles",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Discord",
            dependencies: [
                "JSON", "CZlib", "Transport", "Support",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // zlib for the gateway's zlib-stream transport compression: a few calls, so a module map
        // over the system library rather than another package.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl sends alert mail over SMTP (STARTTLS or TLS, AUTH): a few calls, through typed
        // wrappers of its variadic setters in the shim.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // librsvg (with cairo) rasterizes the charts' SVG into PNG for Discord: a few calls, so a
        // module map over the system library (its shim declares them; see shim.h for why).
        .systemLibrary(name: "CRsvg", providers: [.apt(["librsvg2-dev"])]),
        // Chart descriptions and their renderers: SVG by our own code (deterministic text), PNG through librsvg.
        .target(name: "Charts", dependencies: ["CRsvg"], swiftSettings: swiftSettings),
        // The statistics drawn: the charts the dashboard and the slash commands show, from the reports.
        .target(name: "StatisticsCharts", dependencies: ["Charts", "Analytics", "Domain", "Store"], swiftSettings: swiftSettings),
        // The primitives every module shares, with no dependency of their own: dates, Retry-After,
        // the seeded generator, durations in words.
        .target(name: "Support", swiftSettings: swiftSettings),
        // The YAML configuration files' one reader: each file parsed once, every problem one line
        // with its file and line.
        .target(
            name: "ConfigFiles", dependencies: ["Support", .product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        // The JSON value, its parser and its writer: what every module that speaks JSON shares.
        .target(name: "JSON", swiftSettings: swiftSettings),
        .target(name: "JSONSchema", dependencies: ["Support", "JSON"], swiftSettings: swiftSettings),
        // What the product is about, at the bottom of the graph: stages, the extraction contract
        // and its outcomes, job postings, company identity. No network, no storage, no YAML.
        .target(name: "Domain", dependencies: ["JSON", "Support"], swiftSettings: swiftSettings),
        // Outgoing HTTP: the client settings every request uses, and failures and waits in words.
        .target(
            name: "Transport",
            dependencies: [
                "Support",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Extraction",
            dependencies: [
                "Domain", "JSONSchema", "JSON", "Transport", "Support", "ConfigFiles",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Store",
            dependencies: [
                "Domain", "JSON", "Support",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, to bind the write path's statements without argument arrays.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Analytics", dependencies: ["Store", "Extraction", "Domain", "JSON"], swiftSettings: swiftSettings),
        // Stored records as CSV, JSON or JSON Lines, with spreadsheet formulas defused: the command
        // line's exports and the dashboard's downloads.
        .target(name: "Exports", dependencies: ["Store", "Domain", "JSON"], swiftSettings: swiftSettings),
        // The web dashboard: read-only pages and their JSON, from the rollups, with the privacy rule.
        .target(
            name: "Dashboard",
            dependencies: [
                "Analytics", "Store", "Domain", "Exports", "JSON", "Support", "Charts", "StatisticsCharts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Alerts",
            dependencies: [
                "Store", "Extraction", "Domain", "JSON", "Transport", "Support", "ConfigFiles", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "HiringPulseTesting",
            dependencies: [
                "Discord", "JSON", "Extraction", "Domain", "Support", "CZlib",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // FakeSMTP's STARTTLS and implicit TLS (NIOTLS: the handshake's completion event).
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExtractionTests",
            dependencies: [
                "JSONSchema", .product(name: "Logging", package: "swift-log"), "Extraction", "Domain", "JSON", "HiringPulseTesting",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Extraction", "JSON", "Store", "Domain", "HiringPulseTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AnalyticsTests", dependencies: ["Extraction", "Analytics", "Store", "Domain", "JSON", "Support", "HiringPulseTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BotTests",
            dependencies: [
                "Alerts", "Extraction", "JSON", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), "Daemon", "Bot", "Store", "Domain", "Discord",
                "HiringPulseTesting", "Support", "ConfigFiles",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DiscordTests",
            dependencies: [
                "Discord", "JSON", "Support", "HiringPulseTesting", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSON"], swiftSettings: swiftSettings),
        .testTarget(name: "SupportTests", dependencies: ["Support"], swiftSettings: swiftSettings),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StatisticsChartsTests", dependencies: ["StatisticsCharts", "Charts", "Analytics", "Domain", "Store"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "Analytics", "Charts", "StatisticsCharts", "Store", "Domain", "Extraction", "JSON", "HiringPulseTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HiringPulseTestingTests", dependencies: ["HiringPulseTesting", "Support"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "Transport", "HiringPulseTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AlertsTests",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"), "Alerts",
                "Store", "Extraction", "Domain", "JSON", "HiringPulseTesting", "ConfigFiles",
            ],
            // Read from the source tree by `RepositoryFile`, as a user's feed would be read.
            exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HiringPulseTests",
            // Depending on the executables makes `swift test` build them; the tests run them as processes.
            dependencies: [
                "Extraction", "HiringPulse", "Benchmarks", "HiringPulseTesting", "JSON", "Discord", "Store", "Domain", "Support", "Charts",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

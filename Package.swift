// swift-tools-version: 6.2
// Barbell: machine-learning trading research and production in one native Swift stack.
// Module order (data flows one way): BarbellData → BarbellStore → (features, quant, regimes)
// → (BarbellTorch, learning) → backtest → ops → serve → the `barbell` executable.
import PackageDescription

/// Debian's libtorch-dev 1.13 is built with the new libstdc++ ABI; the shim must match it.
let torchCxxSettings: [CXXSetting] = [
    .define("_GLIBCXX_USE_CXX11_ABI", to: "1"),
]

let package = Package(
    name: "Barbell",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "BarbellData", targets: ["BarbellData"]),
        .library(name: "BarbellStore", targets: ["BarbellStore"]),
        .library(name: "BarbellFeatures", targets: ["BarbellFeatures"]),
        .library(name: "BarbellQuant", targets: ["BarbellQuant"]),
        .library(name: "BarbellRegimes", targets: ["BarbellRegimes"]),
        .library(name: "BarbellTorch", targets: ["BarbellTorch"]),
        .library(name: "BarbellLearning", targets: ["BarbellLearning"]),
        .library(name: "BarbellBacktest", targets: ["BarbellBacktest"]),
        .executable(name: "barbell", targets: ["barbell"]),
        .executable(name: "barbell-bench", targets: ["barbell-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/davecom/SwiftGraph", from: "4.0.0"),
    ],
    targets: [
        // MARK: Native shims
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CXGBoost", path: "Sources/CXGBoost"),
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .systemLibrary(name: "CNLopt", path: "Sources/CNLopt"),
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW"),
        .target(
            name: "CTorch",
            path: "Sources/CTorch",
            cxxSettings: torchCxxSettings,
            linkerSettings: [
                .linkedLibrary("torch"),
                .linkedLibrary("torch_cpu"),
                .linkedLibrary("c10"),
            ]
        ),

        // MARK: Library modules
        .target(
            name: "BarbellData",
            dependencies: ["CZlib"]
        ),
        .target(
            name: "BarbellStore",
            dependencies: [
                "BarbellData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BarbellFeatures",
            dependencies: [
                "BarbellData",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "BarbellQuant",
            dependencies: ["BarbellData", "CLapack", "CNLopt", "CGLPK"]
        ),
        .target(
            name: "BarbellRegimes",
            dependencies: ["BarbellData", "BarbellQuant", "CFFTW", .product(name: "SwiftGraph", package: "SwiftGraph")]
        ),
        .target(
            name: "BarbellTorch",
            dependencies: ["CTorch", "BarbellData"]
        ),
        .target(
            name: "BarbellLearning",
            dependencies: ["BarbellData", "BarbellStore", "BarbellFeatures", "BarbellQuant", "BarbellRegimes", "BarbellTorch", "CXGBoost",
                           .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams")]
        ),

        .target(
            name: "BarbellBacktest",
            dependencies: ["BarbellData", "BarbellQuant", "BarbellRegimes", "BarbellLearning",
                           .product(name: "Yams", package: "Yams")]
        ),

        // MARK: Executables
        .executableTarget(
            name: "barbell",
            dependencies: [
                "BarbellData",
                "BarbellStore",
                "BarbellFeatures",
                "BarbellQuant",
                "BarbellRegimes",
                "BarbellTorch",
                "BarbellLearning",
                "BarbellBacktest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "barbell-bench",
            dependencies: [
                "BarbellData",
                "BarbellStore",
                "BarbellFeatures",
                "BarbellQuant",
                "BarbellRegimes",
                "BarbellTorch",
                "BarbellLearning",
                "BarbellBacktest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "BarbellDataTests", dependencies: ["BarbellData"]),
        .testTarget(name: "BarbellFeaturesTests", dependencies: ["BarbellFeatures", "BarbellData"]),
        .testTarget(name: "BarbellStoreTests", dependencies: ["BarbellStore", "BarbellData", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "BarbellQuantTests", dependencies: ["BarbellQuant", "BarbellData"]),
        .testTarget(name: "BarbellRegimesTests", dependencies: ["BarbellRegimes", "BarbellQuant", "BarbellData", "CFFTW"]),
        .testTarget(name: "NativeTests", dependencies: ["BarbellTorch", "CXGBoost"]),
        .testTarget(name: "BarbellLearningTests", dependencies: ["BarbellLearning", "BarbellData", "BarbellQuant", "BarbellFeatures", "BarbellStore", "BarbellRegimes", "BarbellTorch"]),
        .testTarget(name: "BarbellBacktestTests", dependencies: ["BarbellBacktest", "BarbellData", "BarbellLearning"]),
        .testTarget(name: "CLITests", dependencies: ["BarbellData", "BarbellStore"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

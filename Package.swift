// swift-tools-version:6.0
import PackageDescription

/// mindscope: a research shell for multi-layer SAEs, BrainScore and STARC reward metrics.
/// Dependence runs one way: mindscope → Shell → {Models, SAE, Brain, Rewards, Plot} → {Formats, Tensors}.
let package = Package(
    name: "mindscope",
    products: [
        .executable(name: "mindscope", targets: ["mindscope"]),
        .library(name: "MindscopeKit", targets: ["Tensors", "Formats", "Models", "SAE", "Brain", "Rewards", "Plot", "Shell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, each through a module.modulemap + shim.h.
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Libraries: science never imports the shell.
        .target(name: "Tensors", dependencies: ["COpenBLAS"]),
        .target(name: "Formats", dependencies: ["Tensors", "CZlib"]),
        .target(name: "Models", dependencies: ["Tensors", "Formats"]),
        .target(name: "SAE", dependencies: ["Tensors", "Formats", "Models"]),
        .target(name: "Brain", dependencies: ["Tensors", "Formats"]),
        .target(name: "Rewards", dependencies: ["Tensors", "Formats"]),
        .target(name: "Plot", dependencies: ["Tensors", "CPNG", "CFreeType", "CZlib"]),
        .target(name: "Shell", dependencies: ["Tensors", "Formats", "Models", "SAE", "Brain", "Rewards", "Plot", "CEditLine"]),
        .executableTarget(name: "mindscope", dependencies: [
            "Shell", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Release-build benchmarks run by `make bench` (peers are Python scripts in bench/).
        .executableTarget(name: "mindscope-bench", dependencies: ["Tensors", "Formats", "Models", "SAE", "Brain", "Rewards", "Plot", "Shell"],
                          path: "bench/Sources"),

        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "TestSupport"]),
        .testTarget(name: "SAETests", dependencies: ["SAE", "TestSupport"]),
        .testTarget(name: "BrainTests", dependencies: ["Brain", "TestSupport"]),
        .testTarget(name: "RewardsTests", dependencies: ["Rewards", "TestSupport"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "TestSupport"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "Tensors", "Formats", "Models", "SAE", "Brain", "Plot", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

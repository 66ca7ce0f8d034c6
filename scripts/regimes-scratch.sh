#!/usr/bin/env bash
# Like quant-scratch.sh, for BarbellRegimes: a scratch package building only BarbellData,
# BarbellQuant and BarbellRegimes with the regime tests of a checkout (main tree or worktree).
#
#   scripts/regimes-scratch.sh [CHECKOUT]        # prints /tmp/regimes-NAME
#   cd /tmp/regimes-NAME && swift build --build-tests && swift test --skip-build --filter Suite
set -euo pipefail
CHECKOUT="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
S="/tmp/regimes-$(basename "$CHECKOUT")"
mkdir -p "$S/Sources" "$S/Tests"
for t in CZlib BarbellData CLapack CNLopt CGLPK CFFTW BarbellQuant BarbellRegimes; do ln -sfn "$CHECKOUT/Sources/$t" "$S/Sources/$t"; done
ln -sfn "$CHECKOUT/Tests/BarbellRegimesTests" "$S/Tests/BarbellRegimesTests"
ln -sfn "$CHECKOUT/Tests/Fixtures" "$S/Tests/Fixtures"
ln -sfn "$CHECKOUT/Samples" "$S/Samples"
DEV=""
[[ -d "$S/Sources/regimes-dev" ]] && DEV='.executableTarget(name: "regimes-dev", dependencies: ["BarbellRegimes"]),'
cat > "$S/Package.swift" <<PKG
// swift-tools-version: 6.2
// Scratch package from scripts/regimes-scratch.sh: BarbellRegimes and its tests only.
import PackageDescription
let package = Package(
    name: "RegimesScratch",
    dependencies: [.package(url: "https://github.com/davecom/SwiftGraph", from: "4.0.0")],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .systemLibrary(name: "CNLopt", path: "Sources/CNLopt"),
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW"),
        .target(name: "BarbellData", dependencies: ["CZlib"]),
        .target(name: "BarbellQuant", dependencies: ["BarbellData", "CLapack", "CNLopt", "CGLPK"]),
        .target(name: "BarbellRegimes", dependencies: ["BarbellData", "BarbellQuant", "CFFTW", .product(name: "SwiftGraph", package: "SwiftGraph")]),
        $DEV
        .testTarget(name: "BarbellRegimesTests", dependencies: ["BarbellRegimes", "BarbellQuant", "BarbellData", "CFFTW"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
echo "$S"

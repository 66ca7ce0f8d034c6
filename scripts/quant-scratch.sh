#!/usr/bin/env bash
# Creates a scratch package that builds only BarbellData + BarbellQuant and the quant tests of a
# checkout (the main tree or a git worktree), so quant work iterates in seconds instead of
# rebuilding the feature engine and libtorch shims:
#
#   scripts/quant-scratch.sh [CHECKOUT]          # default: this checkout; prints the package path
#   cd /tmp/quant-$(basename CHECKOUT) && swift build --build-tests && swift test --skip-build --filter Suite
#
# Everything is symlinked, so edits in the checkout are what gets built. An optional
# `Sources/quant-dev` executable target in the scratch package (create it there yourself) is for
# release-mode timing while developing; the real benchmarks live in barbell-bench.
set -euo pipefail
CHECKOUT="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
S="/tmp/quant-$(basename "$CHECKOUT")"
mkdir -p "$S/Sources" "$S/Tests"
for t in CZlib BarbellData CLapack CNLopt CGLPK BarbellQuant; do ln -sfn "$CHECKOUT/Sources/$t" "$S/Sources/$t"; done
ln -sfn "$CHECKOUT/Tests/BarbellQuantTests" "$S/Tests/BarbellQuantTests"
ln -sfn "$CHECKOUT/Tests/Fixtures" "$S/Tests/Fixtures"
ln -sfn "$CHECKOUT/Samples" "$S/Samples"
DEV=""
[[ -d "$S/Sources/quant-dev" ]] && DEV='.executableTarget(name: "quant-dev", dependencies: ["BarbellQuant"]),'
cat > "$S/Package.swift" <<PKG
// swift-tools-version: 6.2
// Scratch package from scripts/quant-scratch.sh: BarbellQuant and its tests only.
import PackageDescription
let package = Package(
    name: "QuantScratch",
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .systemLibrary(name: "CNLopt", path: "Sources/CNLopt"),
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(name: "BarbellData", dependencies: ["CZlib"]),
        .target(name: "BarbellQuant", dependencies: ["BarbellData", "CLapack", "CNLopt", "CGLPK"]),
        $DEV
        .testTarget(name: "BarbellQuantTests", dependencies: ["BarbellQuant", "BarbellData"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
echo "$S"

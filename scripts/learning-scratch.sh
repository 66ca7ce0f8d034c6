#!/usr/bin/env bash
# A scratch package building only BarbellData, BarbellQuant and the BarbellLearning folders that
# need nothing more (Core, Labels, Validation, Evaluation, Models/Linear) with their tests, so that
# work rebuilds in seconds.
#
#   scripts/learning-scratch.sh [CHECKOUT]        # prints /tmp/learning-NAME
#   cd /tmp/learning-NAME && swift build --build-tests && swift test --skip-build --filter Suite
set -euo pipefail
CHECKOUT="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
S="/tmp/learning-$(basename "$CHECKOUT")"
mkdir -p "$S/Sources/BarbellLearning" "$S/Sources" "$S/Tests"
for t in CZlib BarbellData CLapack CNLopt CGLPK BarbellQuant; do ln -sfn "$CHECKOUT/Sources/$t" "$S/Sources/$t"; done
mkdir -p "$S/Sources/BarbellLearning/Models"
for d in Core Labels Validation Evaluation Models/Linear; do
    [[ -d "$CHECKOUT/Sources/BarbellLearning/$d" ]] && ln -sfn "$CHECKOUT/Sources/BarbellLearning/$d" "$S/Sources/BarbellLearning/$d"
done
# Test files one by one, leaving out those that need the feature engine (Dataset*).
mkdir -p "$S/Tests/BarbellLearningTests"
find "$S/Tests/BarbellLearningTests" -type l -delete
for f in "$CHECKOUT"/Tests/BarbellLearningTests/*.swift; do
    case "$(basename "$f")" in Dataset*) ;; *) ln -sfn "$f" "$S/Tests/BarbellLearningTests/$(basename "$f")" ;; esac
done
ln -sfn "$CHECKOUT/Tests/Fixtures" "$S/Tests/Fixtures"
cat > "$S/Package.swift" <<PKG
// swift-tools-version: 6.2
// Scratch package from scripts/learning-scratch.sh.
import PackageDescription
let package = Package(
    name: "LearningScratch",
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .systemLibrary(name: "CNLopt", path: "Sources/CNLopt"),
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(name: "BarbellData", dependencies: ["CZlib"]),
        .target(name: "BarbellQuant", dependencies: ["BarbellData", "CLapack", "CNLopt", "CGLPK"]),
        .target(name: "BarbellLearning", dependencies: ["BarbellData", "BarbellQuant"]),
        .testTarget(name: "BarbellLearningTests", dependencies: ["BarbellLearning", "BarbellData", "BarbellQuant"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
echo "$S"

#!/usr/bin/env bash
# A scratch package building only CTorch, BarbellData and BarbellTorch with the torch tests of a
# checkout (main tree or worktree), so a change to the NN engine rebuilds in seconds, not minutes.
# Re-run it after adding a test file (the test folder holds links to each file).
#
#   scripts/torch-scratch.sh [CHECKOUT]        # prints /tmp/torch-NAME
#   cd /tmp/torch-NAME && swift build --build-tests && swift test --skip-build --filter Suite
set -euo pipefail
CHECKOUT="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
S="/tmp/torch-$(basename "$CHECKOUT")"
mkdir -p "$S/Sources" "$S/Tests/TorchTests"
for t in CZlib CTorch BarbellData BarbellTorch; do ln -sfn "$CHECKOUT/Sources/$t" "$S/Sources/$t"; done
find "$S/Tests/TorchTests" -type l -delete
for f in "$CHECKOUT"/Tests/NativeTests/*.swift; do
    case "$(basename "$f")" in XGBoost*) ;; *) ln -sfn "$f" "$S/Tests/TorchTests/$(basename "$f")" ;; esac
done
ln -sfn "$CHECKOUT/Tests/Fixtures" "$S/Tests/Fixtures"
ln -sfn "$CHECKOUT/Samples" "$S/Samples"
DEV=""
[[ -d "$S/Sources/torch-dev" ]] && DEV='.executableTarget(name: "torch-dev", dependencies: ["BarbellTorch"]),'
cat > "$S/Package.swift" <<PKG
// swift-tools-version: 6.2
// Scratch package from scripts/torch-scratch.sh: BarbellTorch and its tests only.
import PackageDescription
let package = Package(
    name: "TorchScratch",
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "CTorch", path: "Sources/CTorch", cxxSettings: [.define("_GLIBCXX_USE_CXX11_ABI", to: "1")],
                linkerSettings: [.linkedLibrary("torch"), .linkedLibrary("torch_cpu"), .linkedLibrary("c10")]),
        .target(name: "BarbellData", dependencies: ["CZlib"]),
        .target(name: "BarbellTorch", dependencies: ["CTorch", "BarbellData"]),
        $DEV
        .testTarget(name: "TorchTests", dependencies: ["BarbellTorch"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
PKG
echo "$S"

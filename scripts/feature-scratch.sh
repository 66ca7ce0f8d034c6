#!/usr/bin/env bash
# Creates a private scratch package for developing one family of feature kernels without
# breaking the shared tree: /tmp/feat-NAME builds BarbellData + BarbellFeatures + its tests,
# with the shared core symlinked from the main tree and the owned folders copied privately.
#
#   scripts/feature-scratch.sh NAME "Catalog files owned" "Source dirs owned" "Test files owned"
#   e.g. scripts/feature-scratch.sh momentum "Momentum" "TALib/Momentum" "MomentumTests.swift"
#
# Publish back with:  scripts/feature-scratch.sh --publish NAME
set -euo pipefail
MAIN="$(cd "$(dirname "$0")/.." && pwd)"
F="$MAIN/Sources/BarbellFeatures"

if [[ "${1:-}" == "--publish" ]]; then
    NAME="$2"; S="/tmp/feat-$NAME"
    source "$S/.owned"
    for c in $CATALOGS; do cp "$S/Sources/BarbellFeatures/Catalog/FeatureCatalog+$c.swift" "$F/Catalog/"; done
    for d in $DIRS; do mkdir -p "$F/$d"; rm -rf "$F/$d"; cp -R "$S/Sources/BarbellFeatures/$d" "$F/$d"; done
    for t in $TESTS; do [[ -f "$S/Tests/BarbellFeaturesTests/$t" ]] && cp "$S/Tests/BarbellFeaturesTests/$t" "$MAIN/Tests/BarbellFeaturesTests/"; done
    echo "published $NAME into $MAIN"
    exit 0
fi

NAME="$1"; CATALOGS="$2"; DIRS="$3"; TESTS="${4:-}"
S="/tmp/feat-$NAME"
mkdir -p "$S/Sources/BarbellFeatures/Catalog" "$S/Sources/BarbellFeatures/TALib" "$S/Tests/BarbellFeaturesTests"
cat > "$S/.owned" <<OWN
CATALOGS="$CATALOGS"
DIRS="$DIRS"
TESTS="$TESTS"
OWN
ln -sfn "$MAIN/Sources/CZlib" "$S/Sources/CZlib"
ln -sfn "$MAIN/Sources/BarbellData" "$S/Sources/BarbellData"
ln -sfn "$F/Core" "$S/Sources/BarbellFeatures/Core"
ln -sfn "$F/Streaming" "$S/Sources/BarbellFeatures/Streaming"
ln -sfn "$F/Catalog/FeatureCatalog.swift" "$S/Sources/BarbellFeatures/Catalog/FeatureCatalog.swift"
ln -sfn "$MAIN/Tests/Fixtures" "$S/Tests/Fixtures"
for f in "$F"/Catalog/FeatureCatalog+*.swift; do
    base="$(basename "$f" .swift)"; group="${base#FeatureCatalog+}"
    dst="$S/Sources/BarbellFeatures/Catalog/$base.swift"
    if [[ " $CATALOGS " == *" $group "* ]]; then
        [[ -e "$dst" && ! -L "$dst" ]] || { rm -f "$dst"; cp "$f" "$dst"; }
    else
        ln -sfn "$f" "$dst"
    fi
done
# Other top-level folders of the module (Alpha, Sets, Panel, ...) link to the main tree unless owned.
for d in "$F"/*/; do
    rel="$(basename "$d")"
    case "$rel" in Catalog|TALib|Core|Streaming) continue ;; esac
    if [[ " $DIRS " == *" $rel "* ]]; then continue; fi
    ln -sfn "$F/$rel" "$S/Sources/BarbellFeatures/$rel"
done
# TA-Lib folders: owned ones are private copies; the rest link to the main tree (read-only use,
# e.g. the moving averages in TALib/Overlap).
for d in "$F"/TALib/*/; do
    rel="TALib/$(basename "$d")"
    if [[ " $DIRS " == *" $rel "* ]]; then continue; fi
    ln -sfn "$F/$rel" "$S/Sources/BarbellFeatures/$rel"
done
for d in $DIRS; do
    dst="$S/Sources/BarbellFeatures/$d"
    if [[ ! -d "$dst" || -L "$dst" ]]; then
        rm -f "$dst"; mkdir -p "$dst"
        [[ -d "$F/$d" ]] && cp -R "$F/$d/." "$dst/"
    fi
done
for t in "$MAIN"/Tests/BarbellFeaturesTests/*.swift; do
    b="$(basename "$t")"
    if [[ " $TESTS " == *" $b "* ]]; then
        [[ -e "$S/Tests/BarbellFeaturesTests/$b" && ! -L "$S/Tests/BarbellFeaturesTests/$b" ]] || { rm -f "$S/Tests/BarbellFeaturesTests/$b"; cp "$t" "$S/Tests/BarbellFeaturesTests/$b"; }
    else
        ln -sfn "$t" "$S/Tests/BarbellFeaturesTests/$b"
    fi
done
cat > "$S/Package.swift" <<'PKG'
// swift-tools-version: 6.2
// Scratch package made by scripts/feature-scratch.sh; not part of the repository.
import PackageDescription
let package = Package(
    name: "FeatureScratch",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "BarbellData", dependencies: ["CZlib"]),
        .target(name: "BarbellFeatures", dependencies: [
            "BarbellData", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
        ]),
        .testTarget(name: "BarbellFeaturesTests", dependencies: ["BarbellFeatures", "BarbellData"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
echo "scratch package ready: $S"

#!/usr/bin/env bash
# Installs Barbell's native dependencies from Debian/Ubuntu packages, only those missing.
# Idempotent and quiet: a second run checks dpkg and exits without touching apt.
set -euo pipefail

packages=(
  libtorch-dev        # PyTorch 1.13 C++ library (BarbellTorch / CTorch shim)
  libopenblas-dev     # BLAS for numeric kernels
  liblapacke-dev      # LAPACK C interface
  libxgboost-dev      # gradient boosting (CXGBoost)
  libnlopt-dev        # nonlinear optimisation (GARCH, portfolio fits)
  libfftw3-dev        # FFT (cycles, spectral features)
  libglpk-dev         # linear programming (portfolio constraints)
  libsqlite3-dev      # embedded store (GRDB)
  zlib1g-dev          # gzip-compressed market data
  postgresql          # production store and its tests
  chromium            # renders tearsheets headless in the report tests (and README screenshots)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test (unit, CLI and end-to-end under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure --parallel "$(nproc)" --timeout 900

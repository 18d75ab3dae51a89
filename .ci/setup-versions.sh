#!/usr/bin/env bash
# Installs git (>= 2.24 for --end-of-options), which the version and changelog tests run on real repositories
# built in temp folders (git fast-import for the large histories). Idempotent; run as root.
set -euo pipefail
if command -v git >/dev/null 2>&1; then
  echo "setup-versions: $(git --version) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends git ca-certificates
git --version

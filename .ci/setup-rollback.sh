#!/usr/bin/env bash
# Installs the real Prometheus server and promtool (Debian package "prometheus") that
# test/rollback/prometheus-server.test.ts starts on 127.0.0.1. Idempotent; run as root.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  echo "setup-rollback: $(prometheus --version 2>&1 | head -n 1) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends prometheus
# The package's service is not needed: the tests start their own server on a free port.
prometheus --version 2>&1 | head -n 1
command -v promtool

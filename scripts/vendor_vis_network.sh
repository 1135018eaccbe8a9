#!/usr/bin/env bash
# Re-vendor vis-network from the npm registry at a pinned version into plangraf/api/static.
set -euo pipefail
version=${1:-9.1.9}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
(cd "$tmp" && npm pack "vis-network@$version" >/dev/null && tar xzf "vis-network-$version.tgz")
cp "$tmp/package/standalone/umd/vis-network.min.js" "$root/plangraf/api/static/vis-network/"
cp "$tmp/package/LICENSE-MIT" "$root/plangraf/api/static/vis-network/"
rm -rf "$tmp"
echo "vendored vis-network $version"

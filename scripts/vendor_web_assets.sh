#!/usr/bin/env bash
# Re-vendor Swagger UI (for /docs) and YASGUI (for the /sparql editor) from the npm registry at
# pinned versions into plangraf/api/static, so the API pages work with no network.
set -euo pipefail
swagger=${1:-5.36.0}
yasgui=${2:-4.6.2}
root=$(cd "$(dirname "$0")/.." && pwd)
static="$root/plangraf/api/static"
tmp=$(mktemp -d)
(cd "$tmp" && npm pack "swagger-ui-dist@$swagger" "@zazuko/yasgui@$yasgui" >/dev/null)
mkdir -p "$tmp/s" "$tmp/y" "$static/swagger-ui" "$static/yasgui"
tar xzf "$tmp/swagger-ui-dist-$swagger.tgz" -C "$tmp/s"
tar xzf "$tmp/zazuko-yasgui-$yasgui.tgz" -C "$tmp/y"
cp "$tmp/s/package/"{swagger-ui-bundle.js,swagger-ui.css,LICENSE,NOTICE} "$static/swagger-ui/"
cp "$tmp/y/package/build/"{yasgui.min.js,yasgui.min.css} "$static/yasgui/"
# the source maps are left out; the bundles end with a sourceMappingURL comment the browser ignores offline
rm -rf "$tmp"
echo "vendored swagger-ui-dist $swagger and @zazuko/yasgui $yasgui"

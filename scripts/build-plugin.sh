#!/usr/bin/env bash
# Builds the resource provider plugin's tarball (npm run build:plugin):
#   dist-plugin/pulumi-resource-cloudflare-origin-cloud-regions-v<version>-linux-x64.tar.gz
# holding an executable `pulumi-resource-cloudflare-origin-cloud-regions` (a wrapper that runs node
# on the compiled plugin), the compiled code and its production node_modules. Install it with
#   pulumi plugin install resource cloudflare-origin-cloud-regions <version> --file <tarball>
# The content is plain JavaScript: for another platform, build on any machine and rename the file
# (…-darwin-arm64.tar.gz, …-windows-amd64.tar.gz; Windows needs a .cmd wrapper instead of the bash one).
# Needs node 22+ and npm on PATH, and the npm registry (the production dependencies are installed).
set -euo pipefail

NAME="cloudflare-origin-cloud-regions"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/dist-plugin"
cd "$ROOT"

VERSION="$(node -p 'require("./package.json").version')"
TARBALL="$OUT/pulumi-resource-$NAME-v$VERSION-linux-x64.tar.gz"

# PCOCR_PLUGIN_SKIP_BUILD=1 packs dist/ as it is (the e2e suite builds it once, before any test runs).
[ "${PCOCR_PLUGIN_SKIP_BUILD:-}" = 1 ] || npm run build >&2
[ -f dist/provider/plugin/main.js ] || { echo "dist/provider/plugin/main.js is missing: run npm run build" >&2; exit 1; }

STAGE="$OUT/stage"
rm -rf "$STAGE"
mkdir -p "$STAGE/dist"
cp -R dist/provider "$STAGE/dist/provider"

# The bundle's package.json: the package's runtime dependencies plus @pulumi/pulumi (a peer
# dependency of the npm package, but the plugin runs on its own and needs it).
node -e '
  const pkg = require("./package.json");
  const manifest = {
    name: "pulumi-resource-" + process.argv[1],
    version: pkg.version,
    private: true,
    license: pkg.license,
    dependencies: { ...pkg.dependencies, "@pulumi/pulumi": pkg.devDependencies["@pulumi/pulumi"] },
  };
  require("fs").writeFileSync(process.argv[2], JSON.stringify(manifest, null, 2) + "\n");
' "$NAME" "$STAGE/package.json"
cp LICENSE "$STAGE/" 2>/dev/null || true
(cd "$STAGE" && npm install --omit=dev --no-audit --no-fund --no-package-lock --loglevel=error >&2)

cat >"$STAGE/pulumi-resource-$NAME" <<'WRAPPER'
#!/usr/bin/env bash
# Runs the plugin with node from PATH; the engine passes its address as the argument.
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
exec node "$here/dist/provider/plugin/main.js" "$@"
WRAPPER
chmod 755 "$STAGE/pulumi-resource-$NAME"

rm -f "$TARBALL"
tar -czf "$TARBALL" -C "$STAGE" .
rm -rf "$STAGE"
echo "$TARBALL"

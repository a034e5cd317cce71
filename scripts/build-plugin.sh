#!/usr/bin/env bash
# Builds the resource provider plugin's tarball (npm run build:plugin [-- <os>-<arch>]):
#   dist-plugin/pulumi-resource-cloudflare-origin-cloud-regions-v<version>-<os>-<arch>.tar.gz
# holding the wrappers `pulumi-resource-cloudflare-origin-cloud-regions` (bash, for Linux and macOS) and
# `….cmd` (Windows), which run node from PATH on the compiled plugin, the compiled code and its
# production node_modules. Install it with
#   pulumi plugin install resource cloudflare-origin-cloud-regions <version> --file <tarball>
# The platform (default linux-amd64; os linux, darwin or windows, arch amd64 or arm64) only names the
# file, as Pulumi names plugin downloads: the content is plain JavaScript, the same for every platform
# (the production dependencies have no native code).
# Needs node 22+ and npm on PATH, and the npm registry (the production dependencies are installed).
set -euo pipefail

NAME="cloudflare-origin-cloud-regions"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/dist-plugin"
cd "$ROOT"

PLATFORM="${1:-linux-amd64}"
case "$PLATFORM" in
  linux-amd64 | linux-arm64 | darwin-amd64 | darwin-arm64 | windows-amd64 | windows-arm64) ;;
  *)
    echo "build-plugin: unknown platform \"$PLATFORM\"; give one of linux-amd64, linux-arm64, darwin-amd64, darwin-arm64, windows-amd64, windows-arm64" >&2
    exit 2
    ;;
esac
VERSION="$(node -p 'require("./package.json").version')"
TARBALL="$OUT/pulumi-resource-$NAME-v$VERSION-$PLATFORM.tar.gz"

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
# Windows runs plugins named .exe or .cmd.
printf '@echo off\r\nREM Runs the plugin with node from PATH; the engine passes its address as the argument.\r\nnode "%%~dp0dist\\provider\\plugin\\main.js" %%*\r\n' >"$STAGE/pulumi-resource-$NAME.cmd"

rm -f "$TARBALL"
tar -czf "$TARBALL" -C "$STAGE" .
rm -rf "$STAGE"
echo "$TARBALL"

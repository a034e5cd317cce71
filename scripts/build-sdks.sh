#!/usr/bin/env bash
# Generates the provider plugin's SDKs from its schema (npm run build:sdks):
#   dist-sdk/schema.json   the schema (what `pulumi package get-schema cloudflare-origin-cloud-regions` returns)
#   dist-sdk/nodejs/       TypeScript SDK (package cloudflare-origin-cloud-regions-plugin-sdk)
#   dist-sdk/python/       Python SDK (package pulumi_cloudflare_origin_cloud_regions)
#   dist-sdk/go/           Go SDK (module cloudflare-origin-cloud-regions/sdk/go: add a `replace` for it)
#   dist-sdk/dotnet/       C# SDK (project Pulumi.CloudflareOriginCloudRegions)
# The generator (scripts/sdkgen) is built from Go modules with Pulumi's codegen packages into the
# toolchain's cache: at the CLI's pinned version, and for C# at the last version that carries it.
# Needs Go (as scripts/toolchain.sh does) and node 22+.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${PCOCR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cloudflare-origin-cloud-regions}"
PULUMI_VERSION="$(sed -n 's/^PULUMI_VERSION="\(.*\)"$/\1/p' "$ROOT/scripts/toolchain.sh")"
GO="$(command -v go || echo /usr/local/go/bin/go)"
OUT="$ROOT/dist-sdk"
cd "$ROOT"

log() { printf '[build-sdks] %s\n' "$*" >&2; }

# The last pkg/v3 with the C# generator (later versions moved it out; the module proxy serves this one).
CSHARP_CODEGEN_VERSION="v3.206.0"

# build_generator <codegen version> <build tags>: builds scripts/sdkgen once per version and source
# digest into the cache, and prints the binary's path.
build_generator() {
  local version="$1" tags="$2" digest gen tmp
  digest="$(cat scripts/sdkgen/*.go | sha256sum | cut -c1-12)"
  gen="$CACHE/sdkgen-$version-$digest${tags:+-$tags}/sdkgen"
  if [ ! -x "$gen" ]; then
    log "building the SDK generator with Pulumi's codegen $version${tags:+ ($tags)} (first build: a few minutes)"
    mkdir -p "$CACHE"
    tmp="$(mktemp -d "$CACHE/.tmp-sdkgen.XXXXXX")"
    cp scripts/sdkgen/*.go "$tmp/"
    (
      cd "$tmp"
      export GOFLAGS=-mod=mod CGO_ENABLED=0 GOWORK=off
      "$GO" mod init local.invalid/sdkgen >/dev/null 2>&1
      "$GO" get "github.com/pulumi/pulumi/pkg/v3@$version" "github.com/pulumi/pulumi/sdk/v3@$version" >&2
      "$GO" build -trimpath ${tags:+-tags "$tags"} -o sdkgen . >&2
    ) || { rm -rf "$tmp"; exit 1; }
    mkdir -p "$(dirname "$gen")"
    mv -f "$tmp/sdkgen" "$gen"
    rm -rf "$tmp"
  fi
  echo "$gen"
}
GEN="$(build_generator "$PULUMI_VERSION" "")"
GEN_CSHARP="$(build_generator "$CSHARP_CODEGEN_VERSION" csharp)"

# PCOCR_PLUGIN_SKIP_BUILD=1 reads dist/ as it is (the e2e suite builds it once, before any test runs).
[ "${PCOCR_PLUGIN_SKIP_BUILD:-}" = 1 ] || npm run build >&2
VERSION="$(node -p 'require("./package.json").version')"
rm -rf "$OUT"
mkdir -p "$OUT"
node -e 'const { schema } = require("./dist/provider/plugin/schema.js");
  process.stdout.write(JSON.stringify(schema(process.argv[1]), null, 2) + "\n");' "$VERSION" >"$OUT/schema.json"
"$GEN" "$OUT/schema.json" "$OUT" >&2
"$GEN_CSHARP" "$OUT/schema.json" "$OUT" >&2

# What the generators leave to a publishing step: the npm and Python versions, the Go module's go.mod,
# and the C# project's version.txt (which it embeds).
# replace_in <file> <placeholder> <text>: the generator's placeholder, replaced once.
replace_in() {
  node -e 'const [f, from, to] = process.argv.slice(1); const fs = require("fs");
    fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace(from, () => to));' "$1" "$2" "$3"
}
replace_in "$OUT/nodejs/package.json" '${VERSION}' "$VERSION"
replace_in "$OUT/python/setup.py" 'VERSION = "0.0.0"' "VERSION = \"$VERSION\""
go_import="$(node -p 'require("./dist/provider/plugin/schema.js").GO_IMPORT_PATH')"
printf 'module %s\n\ngo 1.25\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n' "$(dirname "$go_import")" "$PULUMI_VERSION" >"$OUT/go/go.mod"
printf '%s\n' "$VERSION" >"$OUT/dotnet/version.txt"
echo "$OUT"

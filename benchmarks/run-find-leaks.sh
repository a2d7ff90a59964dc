#!/usr/bin/env bash
# Benchmark: `leaknb find-leaks` vs `memlab find-leaks --trace-all-objects` on the same three-snapshot series,
# in the same run (issue 3: three ≈100 MiB snapshots in ≤ 3 s on a 2-core machine).
#
#   benchmarks/run-find-leaks.sh [--runs N] [--memlab-runs M] [--skip-memlab] [--series DIR] [--regenerate]
#                                [--head | --cli-dll PATH] [--out FILE.md] [--wait-quiet S]
#   (also reachable as: benchmarks/run.sh --find-leaks [same options])
#
#   --runs N         runs of ours (default 5); the median wall time is reported, with that run's RSS and CPU
#   --memlab-runs M  runs of memlab (default 1; it takes ~30 s per run on the ≈100 MiB series)
#   --skip-memlab    time only ours (memlab need not be installed)
#   --series DIR     the series to use (default bench-data/series-100); made with benchmarks/gen-series.js
#                    (defaults: ≈94 / 100 / 106 MiB) when DIR has no final.heapsnapshot
#   --regenerate     make the series again even if it exists
#   --head           build the committed HEAD (a `git archive` export in a temp dir) instead of the working tree,
#                    for when other people's uncommitted edits under src/ do not build
#   --cli-dll PATH   time this leaknb.dll instead of building one (e.g. another commit's build)
#   --out FILE       also write the Markdown report to FILE
#   --wait-quiet S   before each timed run, wait up to S seconds (default 120; 0 = never) for a quiet CPU
#                    (PSI cpu "some avg10" < 20 %, else 1-min load < cores / 2): others share this machine
#
# Ours: `dotnet leaknb.dll find-leaks --baseline B --target T --final F --json` from a Release build of
# src/LeakNotebooks.Cli, copied to bench-data/bin-cli so concurrent builds cannot swap it mid-run. Exit codes 0
# and 3 (leak found) both count as a successful run.
# memlab: `memlab find-leaks --baseline B --target T --final F --trace-all-objects --work-dir <fresh temp dir>`
# from /work/shared/bench (install once: cd /work/shared/bench && PUPPETEER_SKIP_DOWNLOAD=1 npm install; that
# folder's package.json pins memlab 2.0.5), run as `node --expose-gc --max-old-space-size=20000 …/bin/memlab`
# like the single-snapshot benchmark runs its peers (memlab's own launcher would cap the heap at 4 GB).
# Every run is its own process under /usr/bin/time -v: wall = whole process (runtime start included),
# RSS = maximum resident set size, MB = 2^20 bytes; tools run one after another, never at once.
# Progress goes to stderr, the Markdown report to stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${BENCH_DATA:-$ROOT/bench-data}
PEERS=${BENCH_PEERS:-/work/shared/bench}
MEMLAB=$PEERS/node_modules/memlab/bin/memlab
GEN=$ROOT/benchmarks/gen-series.js

runs=5
memlab_runs=1
skip_memlab=0
series=$DATA/series-100
regenerate=0
from_head=0
cli_dll=
out=
wait_quiet=120
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --memlab-runs) memlab_runs=${2:?--memlab-runs needs a number}; shift 2 ;;
    --skip-memlab) skip_memlab=1; shift ;;
    --series) series=${2:?--series needs a directory}; shift 2 ;;
    --regenerate) regenerate=1; shift ;;
    --head) from_head=1; shift ;;
    --cli-dll) cli_dll=${2:?--cli-dll needs a path}; shift 2 ;;
    --out) out=${2:?--out needs a file}; shift 2 ;;
    --wait-quiet) wait_quiet=${2:?--wait-quiet needs seconds}; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-find-leaks.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "run-find-leaks.sh: --runs takes a positive number" >&2; exit 2; }
[[ $memlab_runs =~ ^[1-9][0-9]*$ ]] || { echo "run-find-leaks.sh: --memlab-runs takes a positive number" >&2; exit 2; }

log() { echo "[find-leaks bench $(date +%T)] $*" >&2; }
die() { echo "run-find-leaks.sh: error: $*" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ---- prerequisites ------------------------------------------------------------------------------------------
command -v node >/dev/null || die "node is not on PATH"
command -v dotnet >/dev/null || die "dotnet is not on PATH"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: install it with  apt-get install -y time"
if [[ $skip_memlab == 0 && ! -f $MEMLAB ]]; then
  die "memlab is not installed in $PEERS. Install it once with:  (cd $PEERS && PUPPETEER_SKIP_DOWNLOAD=1 npm install)
  (on a machine without that kit: npm install --prefix \$BENCH_PEERS memlab@2.0.5 with PUPPETEER_SKIP_DOWNLOAD=1), or pass --skip-memlab"
fi
mkdir -p "$DATA"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# timed NAME CMD...: runs CMD under /usr/bin/time -v; stdout in $tmp/NAME.out, stderr in $tmp/NAME.err.
# Sets WALL (s), RSS (MB of 2^20 bytes) and CPU (user + sys s). Returns the command's exit status.
timed() {
  local name=$1; shift
  local rc=0
  /usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/$name.time")
  RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/$name.time")
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$tmp/$name.time")
  return $rc
}

# ---- the series ---------------------------------------------------------------------------------------------
B=$series/baseline.heapsnapshot T=$series/target.heapsnapshot F=$series/final.heapsnapshot
if [[ $regenerate == 1 || ! -s $F || ! -s $T || ! -s $B ]]; then
  [[ -f $GEN ]] || die "no series generator at $GEN"
  log "series: generating with $(basename "$GEN") into $series (about 40 s) ..."
  rm -rf "$series.tmp"
  node --max-old-space-size=4000 "$GEN" --out "$series.tmp" >"$tmp/gen.log" 2>&1 || { cat "$tmp/gen.log" >&2; die "series generation failed"; }
  grep -v '^{' "$tmp/gen.log" >&2 || true
  rm -rf "$series"
  mv "$series.tmp" "$series"
fi
for f in "$B" "$T" "$F"; do [[ -s $f ]] || die "missing snapshot $f"; done
sizes="$(mib_of "$B") / $(mib_of "$T") / $(mib_of "$F") MiB"
# node and edge counts of final, from the snapshot's header (first 64 kB)
nodes=$(head -c 65536 "$F" | grep -o '"node_count":[0-9]*' | head -1 | cut -d: -f2)
edges=$(head -c 65536 "$F" | grep -o '"edge_count":[0-9]*' | head -1 | cut -d: -f2)
log "series: $series ($sizes; final has ${nodes:-?} nodes, ${edges:-?} edges)"

# ---- ours: build once in Release (unless --cli-dll), run a private copy ------------------------------------
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
BIN=$DATA/bin-cli
if [[ -n $cli_dll ]]; then
  [[ -f $cli_dll ]] || die "no such file: $cli_dll"
  cli_dir=$(cd "$(dirname "$cli_dll")" && pwd)
  code_note="$cli_dll (given with --cli-dll; the checkout is at commit $commit)"
else
  if [[ $from_head == 1 ]]; then
    src_root=$tmp/head
    mkdir -p "$src_root"
    git -C "$ROOT" archive HEAD | tar -x -C "$src_root"
    code_note="commit $commit (committed tree only, built from a git archive export)"
  else
    src_root=$ROOT
    dirty=$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -c . || true)
    code_note="commit $commit$([[ $dirty != 0 ]] && echo " plus $dirty uncommitted files under src/ (working tree)" || true)"
  fi
  CLI_PROJECT=$src_root/src/LeakNotebooks.Cli
  build_release "$CLI_PROJECT" "$([[ $from_head == 0 ]] && echo "; if others' uncommitted edits break it, try --head" || true)"
  cli_dir=$CLI_PROJECT/bin/Release/net10.0
fi
rm -rf "$BIN"
cp -r "$cli_dir" "$BIN"
OURS=(dotnet "$BIN/leaknb.dll")

# Until the verb exists, say so clearly, still run memlab, and fail at the end.
has_verb=1
if ! "${OURS[@]}" find-leaks --help >"$tmp/verb.out" 2>&1 || ! grep -q -- '--baseline' "$tmp/verb.out"; then
  has_verb=0
  log "leaknb has no find-leaks verb yet (at $code_note); timing memlab only"
fi

load_start=$(cat /proc/loadavg)
started=$(date -u +'%Y-%m-%d %H:%M')

# ---- ours ---------------------------------------------------------------------------------------------------
ours_all='' ours_cell="leaknb has no find-leaks verb yet" ours_cpu_cell="–" ours_find="–" ours_wall='' ours_rss=''
if [[ $has_verb == 1 ]]; then
  walls=() rsses=() cpus=() busys=()
  for ((r = 1; r <= runs; r++)); do
    wait_for_quiet
    busy=$(contention)
    rc=0
    timed "ours$r" "${OURS[@]}" find-leaks --baseline "$B" --target "$T" --final "$F" --json || rc=$?
    if [[ $rc != 0 && $rc != 3 ]]; then
      tail -5 "$tmp/ours$r.err" >&2
      die "leaknb find-leaks failed with exit code $rc"
    fi
    walls+=("$WALL") rsses+=("$RSS") cpus+=("$CPU") busys+=("$busy")
    log "ours   run $r/$runs: ${WALL} s wall, ${CPU} s CPU, ${RSS} MB ($busy at start)"
  done
  ours_wall=$(printf '%s\n' "${walls[@]}" | median)
  mr=1
  for ((r = 1; r <= runs; r++)); do if [[ ${walls[r - 1]} == "$ours_wall" ]]; then mr=$r; break; fi; done
  ours_rss=${rsses[mr - 1]}
  ours_cell="$(calc "%.2f" "$ours_wall") s / $ours_rss MB"
  ours_cpu_cell="${cpus[mr - 1]} s (${busys[mr - 1]})"
  ours_all="$(printf '%s s, ' "${walls[@]}")"
  # What ours found: leaked objects, then the suspects (class × objects).
  ours_find=$(node -e '
    const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = o.suspects.map((x) => `${x.className} ×${x.objectCount} (${x.pattern})`).join(", ");
    console.log(`${o.leakedObjects} leaked objects; ${o.suspects.length} suspects: ${s || "none"}`);' "$tmp/ours$mr.out")
fi

# ---- memlab -------------------------------------------------------------------------------------------------
mem_cell="not run" mem_cpu_cell="–" mem_find="–" mem_wall='' mem_rss=''
if [[ $skip_memlab == 0 ]]; then
  mwalls=() mrsses=() mcpus=() mbusys=()
  for ((r = 1; r <= memlab_runs; r++)); do
    wait_for_quiet
    busy=$(contention)
    wd=$tmp/memlab-work$r
    mkdir -p "$wd"
    log "memlab run $r/$memlab_runs (about 30 s) ..."
    if ! timed "memlab$r" node --expose-gc --max-old-space-size=20000 "$MEMLAB" find-leaks \
      --baseline "$B" --target "$T" --final "$F" --trace-all-objects --work-dir "$wd"; then
      tail -5 "$tmp/memlab$r.err" >&2
      die "memlab find-leaks failed"
    fi
    rm -rf "$wd"
    mwalls+=("$WALL") mrsses+=("$RSS") mcpus+=("$CPU") mbusys+=("$busy")
    log "memlab run $r/$memlab_runs: ${WALL} s wall, ${CPU} s CPU, ${RSS} MB ($busy at start)"
  done
  mem_wall=$(printf '%s\n' "${mwalls[@]}" | median)
  mr=1
  for ((r = 1; r <= memlab_runs; r++)); do if [[ ${mwalls[r - 1]} == "$mem_wall" ]]; then mr=$r; break; fi; done
  mem_rss=${mrsses[mr - 1]}
  mem_cell="$(calc "%.2f" "$mem_wall") s / $mem_rss MB"
  mem_cpu_cell="${mcpus[mr - 1]} s (${mbusys[mr - 1]})"
  # memlab prints a console.table of leaked objects (name, type, count, retained size) on stdout.
  mem_find=$(awk -F'│' 'NF >= 6 && $2 ~ /[0-9]/ {
      name = $3; cnt = $5; gsub(/^[ \047]+|[ \047]+$/, "", name); gsub(/ /, "", cnt)
      total += cnt; rows++
      if (rows <= 5) list = list (rows > 1 ? ", " : "") name " ×" cnt
    } END { printf "%d objects in %d rows: %s%s", total, rows, list, (rows > 5 ? ", …" : "") }' "$tmp/memlab$mr.out")
fi

ratio() { if [[ -n $1 && -n $2 ]]; then calc "%.1f" "$1 / $2"; else echo "–"; fi; }
speed=$(ratio "$mem_wall" "$ours_wall")
memory=$(ratio "$mem_rss" "$ours_rss")
small=
for f in "$B" "$T" "$F"; do if [[ $(mib_of "$f") -lt 80 ]]; then small=1; fi; done
if [[ -n $small ]]; then
  verdict="not applicable, this series is $sizes (ours $([[ -n $ours_wall ]] && calc "%.2f" "$ours_wall" || echo "–") s)"
elif [[ -n $ours_wall ]]; then
  verdict=$(awk "BEGIN { if ($ours_wall <= 3) print \"met\"; else printf \"missed by %.2f s (%.1f×)\", $ours_wall - 3, $ours_wall / 3 }")
else
  verdict="pending: leaknb has no find-leaks verb yet"
fi

# ---- report -------------------------------------------------------------------------------------------------
report() {
  echo "## find-leaks benchmark run $started UTC"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, .NET SDK $(dotnet --version), Node $(node --version)."
  echo "Code: $code_note."
  echo "Load average at start: $(echo "$load_start" | cut -d' ' -f1-3); at end: $(cut -d' ' -f1-3 /proc/loadavg) (other builds/tests share the cores)."
  echo
  echo "| series (baseline / target / final) | final nodes / edges | ours wall / RSS | memlab --trace-all-objects wall / RSS | speed-up × | memory ratio × |"
  echo "|---|---|---|---|---|---|"
  echo "| $sizes | $(calc "%.2fM" "${nodes:-0} / 1e6") / $(calc "%.1fM" "${edges:-0} / 1e6") | $ours_cell | $mem_cell | $speed | $memory |"
  echo
  echo "Wall = whole process under \`/usr/bin/time -v\` (runtime start included), RSS = its maximum resident set (MB = 2^20 bytes)."
  echo "Ours: median of $runs runs${ours_all:+ (${ours_all%, })}; memlab: median of $memlab_runs. Ratios = memlab / ours."
  echo
  echo "CPU time (user + sys) of the reported runs, and contention when each started: ours $ours_cpu_cell; memlab $mem_cpu_cell."
  echo
  echo "What each found (objects allocated between baseline and target, still alive in final):"
  echo
  echo "- ours: $ours_find"
  echo "- memlab: $mem_find"
  echo
  echo "Target (three ≈100 MiB snapshots in ≤ 3 s, process wall): $verdict."
}
report >"$tmp/report.md"
cat "$tmp/report.md"
if [[ -n $out ]]; then
  mkdir -p "$(dirname "$out")"
  cp "$tmp/report.md" "$out"
  log "report written to $out"
fi
[[ $has_verb == 1 ]] || die "leaknb has no find-leaks verb yet (at $code_note): only memlab was timed"

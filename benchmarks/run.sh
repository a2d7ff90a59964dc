#!/usr/bin/env bash
# Benchmark: our full analysis vs memlab vs Chrome DevTools' heap snapshot worker, same files, same run.
#
#   benchmarks/run.sh [--sizes 100,500,1280] [--skip-peers] [--out docs/benchmarks-run.md]
#                     [--runs N] [--no-check] [--wait-quiet S]
#   benchmarks/run.sh --find-leaks [OPTIONS]   three-snapshot `leaknb find-leaks` vs `memlab find-leaks`
#                                             (runs benchmarks/run-find-leaks.sh; see its --help)
#   benchmarks/run.sh --capture [OPTIONS]      live capture vs the target's own v8.writeHeapSnapshot (run-capture.sh)
#
#   --sizes       snapshot sizes in MiB (100, 500 and 1280 are calibrated; others use ~320 units per MiB)
#   --skip-peers  time only ours (memlab and DevTools need not be installed)
#   --out FILE    also write the Markdown report to FILE
#   --runs N      runs of ours per size (default: 3 up to 500 MiB, 1 above); the median is reported
#   --no-check    skip comparing our Summary/statistics with DevTools' output on each file
#   --wait-quiet S before each timed run, wait up to S seconds (default 120; 0 = never) for the CPU to be
#                 quiet (PSI cpu "some avg10" < 20%, else 1-min load < cores / 2): others share this machine
#
# Snapshots are generated with /work/shared/bench/gen-snapshot.js into bench-data/ (gitignored) only when
# absent. Every tool runs as its own process under /usr/bin/time -v: wall = process wall clock (startup
# included, for all three), RSS = maximum resident set size. Tools run one after another, never at once.
# Progress goes to stderr, the Markdown report to stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${BENCH_DATA:-$ROOT/bench-data}
PEERS=${BENCH_PEERS:-/work/shared/bench}
DEVTOOLS=${BENCH_DEVTOOLS:-/work/shared/oracles/devtools}
PROJECT=$ROOT/benchmarks/LeakNotebooks.Benchmarks/LeakNotebooks.Benchmarks.csproj

if [[ ${1:-} == --find-leaks ]]; then
  shift
  exec "$ROOT/benchmarks/run-find-leaks.sh" "$@"
fi
[[ ${1:-} == --capture ]] && { shift; exec "$ROOT/benchmarks/run-capture.sh" "$@"; }

sizes=100,500,1280
skip_peers=0
out=
runs_override=
check=1
wait_quiet=120
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) sizes=${2:?--sizes needs a value}; shift 2 ;;
    --skip-peers) skip_peers=1; shift ;;
    --out) out=${2:?--out needs a value}; shift 2 ;;
    --runs) runs_override=${2:?--runs needs a value}; shift 2 ;;
    --no-check) check=0; shift ;;
    --wait-quiet) wait_quiet=${2:?--wait-quiet needs seconds}; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

log() { echo "[bench $(date +%T)] $*" >&2; }
die() { echo "run.sh: error: $*" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ---- prerequisites ----------------------------------------------------------------------------------
command -v node >/dev/null || die "node is not on PATH"
command -v dotnet >/dev/null || die "dotnet is not on PATH"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: install it with  apt-get install -y time"
[[ -f $PEERS/gen-snapshot.js ]] || die "no snapshot generator at $PEERS/gen-snapshot.js (set BENCH_PEERS)"
if [[ $skip_peers == 0 ]]; then
  [[ -d $PEERS/node_modules/@memlab/core ]] ||
    die "memlab is not installed. Install it once with:  (cd $PEERS && PUPPETEER_SKIP_DOWNLOAD=1 npm install)  or pass --skip-peers"
  [[ -f $DEVTOOLS/oracle.bundle.mjs ]] ||
    die "DevTools' worker is not built. Build it once with:  (cd $DEVTOOLS && npm install && node build.mjs)  or pass --skip-peers"
fi
IFS=, read -r -a size_list <<<"$sizes"
for s in "${size_list[@]}"; do [[ $s =~ ^[0-9]+$ && $s -gt 0 ]] || die "--sizes takes MiB numbers like 100,500,1280 (got '$s')"; done
mkdir -p "$DATA"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# json FILE EXPR: evaluate a JS expression over the last JSON line of FILE (bound to o).
json() {
  node -e '
    const fs = require("fs");
    const lines = fs.readFileSync(process.argv[1], "utf8").split("\n").filter((l) => l.startsWith("{"));
    const o = JSON.parse(lines[lines.length - 1]);
    const v = eval(process.argv[2]);
    console.log(v === undefined ? "" : v);' "$1" "$2"
}

# timed NAME CMD...: runs CMD under /usr/bin/time -v; stdout in $tmp/NAME.out, stderr in $tmp/NAME.err.
# Sets WALL (s) and RSS (MB of 2^20 bytes). Returns the command's exit status.
timed() {
  local name=$1; shift
  local rc=0
  /usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/$name.time")
  RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/$name.time")
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$tmp/$name.time")
  return $rc
}

# ---- snapshots ----------------------------------------------------------------------------------------
units_for() {
  case $1 in
    100) echo 31500 ;;
    500) echo 163000 ;;
    1280) echo 410000 ;;
    *) echo $(($1 * 320)) ;;
  esac
}
snapshot_for() { echo "$DATA/synthetic-${1}mib.heapsnapshot"; }

for s in "${size_list[@]}"; do
  f=$(snapshot_for "$s")
  if [[ -s $f ]]; then
    log "snapshot ${s} MiB: cached ($f, $(($(stat -c %s "$f") / 1048576)) MiB)"
  else
    log "snapshot ${s} MiB: generating with --units $(units_for "$s") (1.28 GiB takes ~2 min) ..."
    node --max-old-space-size=12000 "$PEERS/gen-snapshot.js" --units "$(units_for "$s")" --out "$f.tmp" >&2 ||
      die "snapshot generation failed for ${s} MiB"
    mv "$f.tmp" "$f"
    log "snapshot ${s} MiB: $(($(stat -c %s "$f") / 1048576)) MiB written"
  fi
done

# ---- build ours once (Release), then run a private copy so concurrent builds cannot swap it ------------
build_release "$PROJECT" " (full log: dotnet build $PROJECT -c Release)"
BIN=$DATA/bin
rm -rf "$BIN"
cp -r "$(dirname "$PROJECT")/bin/Release/net10.0" "$BIN"
OURS=(dotnet "$BIN/LeakNotebooks.Benchmarks.dll")

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -c . || true)
load_start=$(cat /proc/loadavg)

# ---- run ----------------------------------------------------------------------------------------------
rows=()
phase_rows=()
cpu_rows=()
targets=()
fmt_s() { calc "%.2f" "$1"; }
# run_tool NAME CMD...: wait for a quiet CPU, then `timed`; sets WALL, RSS, CPU and BUSY (contention at start).
run_tool() { wait_for_quiet; BUSY=$(contention); timed "$@"; }
ratio() { if [[ -n $1 ]]; then calc "%.1f" "$1 / $2"; else echo "–"; fi; }

for s in "${size_list[@]}"; do
  f=$(snapshot_for "$s")
  mib=$(($(stat -c %s "$f") / 1048576))
  runs=${runs_override:-$([[ $s -le 500 ]] && echo 3 || echo 1)}

  walls=() rsses=() cpus=() busys=()
  for ((r = 1; r <= runs; r++)); do
    log "ours     ${mib} MiB run $r/$runs ..."
    run_tool "ours$r" "${OURS[@]}" "$f" || { cat "$tmp/ours$r.err" >&2; die "our benchmark failed on $f"; }
    walls+=("$WALL") rsses+=("$RSS") cpus+=("$CPU") busys+=("$BUSY")
    log "ours     ${mib} MiB run $r/$runs: ${WALL} s wall (in-process $(json "$tmp/ours$r.out" o.total) s), ${CPU} s CPU, ${RSS} MB ($BUSY at start)"
  done
  ours_wall=$(printf '%s\n' "${walls[@]}" | median)
  ours_rss=$(printf '%s\n' "${rsses[@]}" | median)
  # Phases, CPU and contention of the run whose wall time is the median.
  mr=1
  for ((r = 1; r <= runs; r++)); do if [[ ${walls[r - 1]} == "$ours_wall" ]]; then mr=$r; break; fi; done
  o=$tmp/ours$mr.out
  ours_cpu=${cpus[mr - 1]} ours_busy=${busys[mr - 1]}
  nodes=$(json "$o" o.nodes); edges=$(json "$o" o.edges)
  in_total=$(json "$o" o.total)
  phase_rows+=("| ${mib} MiB | $runs | $(json "$o" "o.parse.toFixed(2)") | $(json "$o" "o.analysis.toFixed(2)") | $(json "$o" "o.summary.toFixed(2)") | $(json "$o" "(o.path + o.top).toFixed(2)") | $(fmt_s "$in_total") | $(fmt_s "$ours_wall") | $(json "$o" "o.parse_mib_per_s.toFixed(0)") | ${ours_rss} | $(json "$o" o.gc.heap_mb) | $(json "$o" o.gc.allocated_mb) |")

  mem_cell="n/a" dev_cell="n/a" speed_cell="n/a" ratio_cell="n/a" agree="not checked"
  mem_cpu_cell="–" dev_cpu_cell="–"
  if [[ $skip_peers == 0 ]]; then
    log "memlab   ${mib} MiB (1.28 GiB takes ~2 min) ..."
    if run_tool memlab node --max-old-space-size=20000 "$PEERS/memlab-time.js" "$f"; then
      mem_wall=$WALL mem_rss=$RSS mem_cpu_cell="$CPU s ($BUSY)"
      mem_nodes=$(json "$tmp/memlab.out" o.nodes)
      [[ $mem_nodes == "$nodes" ]] || log "warning: memlab saw $mem_nodes nodes, we saw $nodes"
      mem_cell="$(fmt_s "$mem_wall") s / $mem_rss MB"
      log "memlab   ${mib} MiB: ${mem_wall} s wall (its own total $(json "$tmp/memlab.out" o.total) s), ${CPU} s CPU, ${mem_rss} MB ($BUSY at start)"
    else
      mem_wall='' mem_rss=''; mem_cell="failed"; tail -5 "$tmp/memlab.err" >&2; log "memlab failed on $f"
    fi
    log "DevTools ${mib} MiB (1.28 GiB takes ~2 min) ..."
    golden=$DATA/synthetic-${s}mib.devtools.json
    if run_tool devtools node --max-old-space-size=20000 "$DEVTOOLS/oracle.bundle.mjs" "$f"; then
      dev_wall=$WALL dev_rss=$RSS dev_cpu_cell="$CPU s ($BUSY)"
      cp "$tmp/devtools.out" "$golden"
      dev_nodes=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).nodeCount)' "$golden")
      [[ $dev_nodes == "$nodes" ]] || log "warning: DevTools saw $dev_nodes nodes, we saw $nodes"
      dev_cell="$(fmt_s "$dev_wall") s / $dev_rss MB"
      log "DevTools ${mib} MiB: ${dev_wall} s wall, ${CPU} s CPU, ${dev_rss} MB ($BUSY at start)"
    else
      dev_wall='' dev_rss=''; dev_cell="failed"; tail -5 "$tmp/devtools.err" >&2; log "DevTools failed on $f"
    fi
    speed_cell="$(ratio "$mem_wall" "$ours_wall") / $(ratio "$dev_wall" "$ours_wall")"
    ratio_cell="$(ratio "$mem_rss" "$ours_rss") / $(ratio "$dev_rss" "$ours_rss")"
    if [[ $check == 1 && -n $dev_wall ]]; then
      log "check    ${mib} MiB: our Summary and statistics vs DevTools' output (untimed) ..."
      if "${OURS[@]}" "$f" --compare "$golden" >"$tmp/check.out" 2>"$tmp/check.err"; then
        problems=$(grep -v '^{' "$tmp/check.out" | grep -c . || true)
        if [[ $problems == 0 ]]; then agree="agrees"; else agree="$problems differences"; grep -v '^{' "$tmp/check.out" | head -5 >&2; fi
      else
        agree="check failed"; tail -5 "$tmp/check.err" >&2
      fi
      log "check    ${mib} MiB: $agree"
    fi
  fi
  rows+=("| ${mib} MiB | $(calc "%.2fM" "$nodes / 1e6") / $(calc "%.1fM" "$edges / 1e6") | $(fmt_s "$ours_wall") s / $ours_rss MB | $mem_cell | $dev_cell | $speed_cell | $ratio_cell | $agree |")
  cpu_rows+=("| ${mib} MiB | $ours_cpu s ($ours_busy) | $mem_cpu_cell | $dev_cpu_cell |")

  # Targets from the issue: ~100 MiB in <= 0.6 s; ~1.28 GiB in <= 6 s with <= 2.0 GB peak RSS.
  verdict() { awk "BEGIN { if ($1 <= $2) print \"met\"; else printf \"missed by %.2f s (%.1f×)\", $1 - $2, $1 / $2 }"; }
  if [[ $s == 100 ]]; then
    targets+=("- ${mib} MiB: in-process $(fmt_s "$in_total") s (process $(fmt_s "$ours_wall") s) vs ≤ 0.6 s: $(verdict "$in_total" 0.6)")
  elif [[ $s == 1280 ]]; then
    targets+=("- ${mib} MiB: in-process $(fmt_s "$in_total") s (process $(fmt_s "$ours_wall") s) vs ≤ 6 s: $(verdict "$in_total" 6); peak RSS $ours_rss MB vs ≤ 2000 MB: $(awk "BEGIN { if ($ours_rss <= 2000) print \"met\"; else printf \"missed by %d MB (%.2f×)\", $ours_rss - 2000, $ours_rss / 2000 }")")
  fi
done

# ---- report ---------------------------------------------------------------------------------------------
report() {
  echo "## Benchmark run $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, .NET SDK $(dotnet --version), Node $(node --version)."
  echo "Code: commit $commit$([[ $dirty != 0 ]] && echo " plus $dirty uncommitted files under src/" || true)."
  echo "Load average at start: $(echo "$load_start" | cut -d' ' -f1-3); at end: $(cut -d' ' -f1-3 /proc/loadavg) (other builds/tests share the cores)."
  echo
  echo "| snapshot | nodes / edges | ours wall / RSS | memlab wall / RSS | DevTools wall / RSS | speed-up × (memlab / DevTools) | memory ratio × (memlab / DevTools) | vs DevTools output |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Wall = whole process under \`/usr/bin/time -v\` (runtime startup included for all three tools), RSS = its maximum resident set (MB = 2^20 bytes)."
  echo "Ours: median of the runs listed below; peers: one run each. Speed-up and memory ratio = peer / ours."
  echo
  echo "Ours per phase (seconds, in-process, from the median run):"
  echo
  echo "| snapshot | runs | parse | analysis | summary | path + top 10 | in-process total | process wall | parse MiB/s | peak RSS MB | GC heap MB at end | allocated MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${phase_rows[@]}"
  echo
  echo "CPU time (user + sys) and contention when each run started (load = 1-min load average; cpu psi = % of the last 10 s some task waited for a CPU):"
  echo
  echo "| snapshot | ours | memlab | DevTools |"
  echo "|---|---|---|---|"
  printf '%s\n' "${cpu_rows[@]}"
  if [[ ${#targets[@]} -gt 0 ]]; then
    echo
    echo "Targets:"
    echo
    printf '%s\n' "${targets[@]}"
  fi
}
report >"$tmp/report.md"
cat "$tmp/report.md"
if [[ -n $out ]]; then
  mkdir -p "$(dirname "$out")"
  cp "$tmp/report.md" "$out"
  log "report written to $out"
fi

#!/usr/bin/env bash
# Capture benchmark (issue 4): capturing a live ≈200 MB heap snapshot through the inspector with our library
# (NodeInspectorSession.CaptureSnapshotAsync: chunks streamed into a file and the streaming parser) against the
# target's own in-process v8.writeHeapSnapshot of the same heap, measured in the same run.
#
#   benchmarks/run-capture.sh [--mb 200] [--rounds 3] [--cli-runs 3] [--no-gc-variant] [--skip-cli]
#                             [--head] [--keep] [--out FILE.md] [--wait-quiet S]
#   (also: benchmarks/run.sh --capture [OPTIONS])
#
#   --mb N           approximate snapshot size in MiB (default 200)
#   --rounds N       alternating rounds of the harness (default 3): in-process, then ours; medians reported
#   --cli-runs N     end-to-end `leaknb capture` runs, each paired with an in-process snapshot (default 3; 0 = none)
#   --no-gc-variant  also time ours without the explicit HeapProfiler.collectGarbage in each round
#                    (V8 collects garbage itself before it builds a snapshot; adds ~30 s per round)
#   --skip-cli       same as --cli-runs 0
#   --head           build the committed tree (a git archive export) instead of the working tree
#   --keep           keep the snapshot files in bench-data/capture
#   --out FILE       also write the Markdown report to FILE (and the harness's JSON line next to it)
#   --wait-quiet S   before each timed step wait up to S seconds (default 30; 0 = never) for a quiet CPU
#                    (PSI cpu "some avg10" < 20 %, else 1-min load < cores / 2); other builds share the cores
#
# The target: benchmarks/capture-target.js under `node --expose-gc --max-old-space-size=4096
# --inspect=127.0.0.1:0` (a request-cache-like heap of --mb MiB of snapshot), started once; every measurement
# below is of that one process and heap, one at a time.
# 1. Harness (benchmarks/LeakNotebooks.Benchmarks --capture WS_URL, Release build, one inspector session):
#    an untimed warm-up in-process snapshot, then per round (a) the target's global.gc() + v8.writeHeapSnapshot
#    timed inside the target with performance.now(), asked through Runtime.evaluate, and (b) our
#    CaptureSnapshotAsync with CollectGarbageFirst and OutputPath, timed from the call until it returns the
#    parsed HeapGraph with the file renamed into place, with the client's peak RSS (VmHWM reset before each
#    capture) against its RSS before and the parsed graph's GC heap. Numeric values are captured by neither.
# 2. Fresh process: the harness's --load-graph on the captured file (parse only, from disk) under
#    /usr/bin/time -v, to compare the client memory of a capture with that of reading the same file.
# 3. End to end: per run, an in-process snapshot through a fresh session (the harness with --mode in-process),
#    then `leaknb capture --url WS_URL --out FILE --top 0 --json` (Release build of src/LeakNotebooks.Cli, which
#    also builds the full analysis) under /usr/bin/time -v; then once `leaknb summary FILE --top 0 --json` on a
#    captured file, the same analysis from disk, for its RSS.
# Verdicts: time = median(ours) / median(in-process) ≤ 1.10; memory = the largest "beyond the parsed graph"
# of the harness's captures ≤ 100 MB. MB = 2^20 bytes. Progress goes to stderr, the Markdown report to stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${BENCH_DATA:-$ROOT/bench-data}
NODE=${NODE:-node}

mb=200
rounds=3
cli_runs=3
no_gc_variant=0
from_head=0
keep=0
out=
wait_quiet=30
while [[ $# -gt 0 ]]; do
  case $1 in
    --mb) mb=${2:?--mb needs a number}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --cli-runs) cli_runs=${2:?--cli-runs needs a number}; shift 2 ;;
    --no-gc-variant) no_gc_variant=1; shift ;;
    --skip-cli) cli_runs=0; shift ;;
    --head) from_head=1; shift ;;
    --keep) keep=1; shift ;;
    --out) out=${2:?--out needs a file}; shift 2 ;;
    --wait-quiet) wait_quiet=${2:?--wait-quiet needs seconds}; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-capture.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $mb =~ ^[1-9][0-9]*$ ]] || { echo "run-capture.sh: --mb takes a positive number" >&2; exit 2; }
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "run-capture.sh: --rounds takes a positive number" >&2; exit 2; }
[[ $cli_runs =~ ^[0-9]+$ ]] || { echo "run-capture.sh: --cli-runs takes a number" >&2; exit 2; }

t_begin=$(date +%s)
log() { echo "[capture bench $(date +%T)] $*" >&2; }
die() { echo "run-capture.sh: error: $*" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ---- prerequisites ------------------------------------------------------------------------------------------
command -v "$NODE" >/dev/null || die "node is not on PATH (or set NODE)"
command -v dotnet >/dev/null || die "dotnet is not on PATH"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: install it with  apt-get install -y time"
WORK=$DATA/capture
mkdir -p "$WORK"
rm -f "$WORK"/*.heapsnapshot "$WORK"/*.heapsnapshot.partial-* 2>/dev/null || true
tmp=$(mktemp -d)
target_pid=
cleanup() {
  if [[ -n $target_pid ]] && kill -0 "$target_pid" 2>/dev/null; then
    kill "$target_pid" 2>/dev/null || true
    wait "$target_pid" 2>/dev/null || true
  fi
  [[ $keep == 1 ]] || rm -f "$WORK"/*.heapsnapshot "$WORK"/*.heapsnapshot.partial-* 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# timed NAME CMD...: runs CMD under /usr/bin/time -v; stdout in $tmp/NAME.out, stderr in $tmp/NAME.err (and on
# our stderr as it comes). Sets WALL (s), RSS (MB of 2^20 bytes) and CPU (user + sys s); returns CMD's status.
timed() {
  local name=$1; shift
  local rc=0
  /usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2> >(tee "$tmp/$name.err" >&2) || rc=$?
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/$name.time")
  RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/$name.time")
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$tmp/$name.time")
  return $rc
}

# ---- build once in Release, run private copies --------------------------------------------------------------
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $from_head == 1 ]]; then
  src_root=$tmp/head
  mkdir -p "$src_root"
  git -C "$ROOT" archive HEAD | tar -x -C "$src_root"
  code_note="commit $commit (committed tree only, built from a git archive export)"
else
  src_root=$ROOT
  dirty=$(git -C "$ROOT" status --porcelain -- src benchmarks 2>/dev/null | grep -c . || true)
  code_note="commit $commit$([[ $dirty != 0 ]] && echo " plus $dirty uncommitted files under src/ and benchmarks/ (working tree)" || true)"
fi
build_release "$src_root/benchmarks/LeakNotebooks.Benchmarks" "$([[ $from_head == 0 ]] && echo "; if others' uncommitted edits break it, try --head" || true)"
rm -rf "$DATA/bin-capture"
cp -r "$src_root/benchmarks/LeakNotebooks.Benchmarks/bin/Release/net10.0" "$DATA/bin-capture"
HARNESS=(dotnet "$DATA/bin-capture/LeakNotebooks.Benchmarks.dll")
if [[ $cli_runs -gt 0 ]]; then
  build_release "$src_root/src/LeakNotebooks.Cli" "$([[ $from_head == 0 ]] && echo "; if others' uncommitted edits break it, try --head" || true)"
  rm -rf "$DATA/bin-capture-cli"
  cp -r "$src_root/src/LeakNotebooks.Cli/bin/Release/net10.0" "$DATA/bin-capture-cli"
  LEAKNB=(dotnet "$DATA/bin-capture-cli/leaknb.dll")
fi

# ---- the target ---------------------------------------------------------------------------------------------
TARGET_JS=$src_root/benchmarks/capture-target.js
[[ -f $TARGET_JS ]] || die "no target script at $TARGET_JS"
log "starting the target: capture-target.js --mb $mb ..."
"$NODE" --expose-gc --max-old-space-size=4096 --inspect=127.0.0.1:0 "$TARGET_JS" --mb "$mb" \
  </dev/null >"$tmp/target.out" 2>"$tmp/target.err" &
target_pid=$!
for ((i = 0; i < 240; i++)); do
  grep -q '"ready":true' "$tmp/target.out" 2>/dev/null && break
  kill -0 "$target_pid" 2>/dev/null || { cat "$tmp/target.err" >&2; die "the target exited before it was ready"; }
  sleep 0.5
done
grep -q '"ready":true' "$tmp/target.out" || die "the target was not ready after 120 s"
URL=$(grep -m1 -o 'Debugger listening on ws://[^ ]*' "$tmp/target.err" | sed 's/^Debugger listening on //')
[[ -n $URL ]] || die "no inspector URL in the target's stderr"
ready=$(grep -m1 '"ready":true' "$tmp/target.out")
log "target pid $target_pid ready: $ready; inspector $URL"

load_start=$(cat /proc/loadavg)
started=$(date -u +'%Y-%m-%d %H:%M')
t_start=$(date +%s)

# ---- 1. harness: alternating in-process and ours over one session -------------------------------------------
wait_for_quiet
busy_harness=$(contention)
harness_args=(--capture "$URL" --dir "$WORK" --rounds "$rounds" --keep-last)
[[ $no_gc_variant == 1 ]] && harness_args+=(--ours-no-gc)
log "harness: warm-up, then $rounds rounds of in-process + ours$([[ $no_gc_variant == 1 ]] && echo " + ours without explicit GC" || true) ($busy_harness) ..."
timed harness "${HARNESS[@]}" "${harness_args[@]}" || die "the capture harness failed (see above)"
cp "$tmp/harness.out" "$tmp/harness.json"
harness_rss=$RSS harness_wall=$WALL
[[ -s $WORK/ours.heapsnapshot ]] || die "the harness left no ours.heapsnapshot"

# ---- 2. fresh process: parse the captured file from disk ----------------------------------------------------
wait_for_quiet
log "loading the captured file in a fresh process (parse only) ..."
timed load "${HARNESS[@]}" --load-graph "$WORK/ours.heapsnapshot" || die "--load-graph failed"
cp "$tmp/load.out" "$tmp/load.json"
load_rss=$RSS load_wall=$WALL

# ---- 3. end to end: leaknb capture, each paired with an in-process snapshot ---------------------------------
: >"$tmp/cli.tsv"
for ((r = 1; r <= cli_runs; r++)); do
  wait_for_quiet
  busy=$(contention)
  timed "w$r" "${HARNESS[@]}" --capture "$URL" --dir "$WORK" --mode in-process --rounds 1 || die "in-process snapshot $r failed"
  w_total=$("$NODE" -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(o.median["in-process"].total_s)' "$tmp/w$r.out")
  rc=0
  timed "cli$r" "${LEAKNB[@]}" capture --url "$URL" --out "$WORK/cli.heapsnapshot" --top 0 --json || rc=$?
  [[ $rc == 0 ]] || { tail -5 "$tmp/cli$r.err" >&2; die "leaknb capture failed with exit code $rc"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$w_total" "$WALL" "$RSS" "$CPU" "$busy" >>"$tmp/cli.tsv"
  log "end to end $r/$cli_runs: in-process ${w_total} s; leaknb capture ${WALL} s wall, ${CPU} s CPU, ${RSS} MB ($busy at start)"
done
summary_cell=
if [[ $cli_runs -gt 0 ]]; then
  wait_for_quiet
  timed summary "${LEAKNB[@]}" summary "$WORK/cli.heapsnapshot" --top 0 --json || die "leaknb summary failed"
  summary_cell="$WALL s / $RSS MB"
  log "leaknb summary of the captured file: $summary_cell"
fi

kill "$target_pid" 2>/dev/null || true
wait "$target_pid" 2>/dev/null || true
target_pid=
elapsed=$(($(date +%s) - t_start))
elapsed_all=$(($(date +%s) - t_begin))

# ---- report -------------------------------------------------------------------------------------------------
export R_DIR=$tmp R_READY=$ready R_STARTED=$started R_CODE=$code_note R_MB=$mb R_ELAPSED=$elapsed R_ELAPSED_ALL=$elapsed_all
export R_MACHINE="$(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, .NET SDK $(dotnet --version), Node $("$NODE" --version)"
export R_LOAD_START=$(echo "$load_start" | cut -d' ' -f1-3 | sed 's| | / |g') R_LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg | sed 's| | / |g')
export R_BUSY=$busy_harness R_HARNESS_RSS=$harness_rss R_LOAD_RSS=$load_rss R_SUMMARY=$summary_cell
cat >"$tmp/report.js" <<'JS'
const fs = require('fs');
const env = process.env, dir = env.R_DIR;
const h = JSON.parse(fs.readFileSync(dir + '/harness.json', 'utf8'));
const load = JSON.parse(fs.readFileSync(dir + '/load.json', 'utf8'));
const ready = JSON.parse(env.R_READY);
const cli = fs.readFileSync(dir + '/cli.tsv', 'utf8').split('\n').filter(Boolean).map((l) => {
  const [run, w, wall, rss, cpu, busy] = l.split('\t');
  return { run: +run, w: +w, wall: +wall, rss: +rss, cpu: +cpu, busy };
});
const f2 = (x) => x.toFixed(2), f0 = (x) => x.toFixed(0), mib = (b) => (b / 1048576).toFixed(0);
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[(s.length - 1) >> 1]; };
const of = (k) => h.rounds.filter((r) => r.kind === k);
const W = of('in-process'), C = of('ours'), N = of('ours-no-gc');
const wMed = h.median['in-process'], cMed = h.median['ours'], nMed = h.median['ours-no-gc'];
const ratio = cMed.total_s / wMed.total_s;
const maxBeyond = Math.max(...C.concat(N).map((r) => r.beyond_graph_mb));
const list = (a) => a.map((r) => f2(r.total_s)).join(', ');
const out = [];
const p = (s = '') => out.push(s);
p(`## Capture benchmark run ${env.R_STARTED} UTC`);
p();
p(`Machine: ${env.R_MACHINE}. Code: ${env.R_CODE}.`);
p(`Load average at start ${env.R_LOAD_START}, at end ${env.R_LOAD_END} (${env.R_BUSY} when the harness started); measurements ${env.R_ELAPSED} s (${env.R_ELAPSED_ALL} s with the builds and the target's start).`);
p(`Target: \`capture-target.js --mb ${env.R_MB}\`, ${mib(ready.heapUsed)} MB used heap after GC; our snapshots ${mib(cMed.bytes)} MiB, ` +
  `${(cMed.nodes / 1e6).toFixed(2)}M nodes, ${(cMed.edges / 1e6).toFixed(2)}M edges (in-process files ${mib(wMed.bytes)} MiB, ${(wMed.nodes / 1e6).toFixed(2)}M nodes).`);
p();
p(`One inspector session, alternating; medians of ${W.length}` + (h.warmup ? ` (after an untimed warm-up in-process snapshot, ${f2(h.warmup.total_s)} s)` : '') + ':');
p();
p('| capture | median wall | runs | target CPU (median run) | target peak RSS |');
p('|---|---|---|---|---|');
p(`| in-process: \`global.gc()\` + \`v8.writeHeapSnapshot(file)\` | ${f2(wMed.total_s)} s (gc ${f2(wMed.gc_s)} + write ${f2(wMed.write_s)}) | ${list(W)} | ${f2(wMed.target_cpu_s)} s | ${f0(wMed.target_peak_rss_mb)} MB |`);
p(`| ours: \`CaptureSnapshotAsync\` (GC first, file + parsed graph) | **${f2(cMed.total_s)} s** | ${list(C)} | ${f2(cMed.target_cpu_s)} s | ${f0(cMed.target_peak_rss_mb)} MB |`);
if (nMed) p(`| ours without the explicit \`collectGarbage\` | ${f2(nMed.total_s)} s | ${list(N)} | ${f2(nMed.target_cpu_s)} s | ${f0(nMed.target_peak_rss_mb)} MB |`);
p();
p(`Overhead ours / in-process: **${ratio.toFixed(2)}×** (+${((ratio - 1) * 100).toFixed(0)} %)` +
  (nMed ? `; without the explicit GC ${(nMed.total_s / wMed.total_s).toFixed(2)}×` : '') + '.');
p();
p('Where our capture\'s time goes (median run, seconds):');
p();
p('| kind | request → V8\'s first progress event (GCs) | graph build (progress events) | serialize + stream (to the last chunk) | tail (answer, parser end, rename) | MiB/s while streaming | client CPU |');
p('|---|---|---|---|---|---|---|');
for (const r of [cMed, nMed].filter(Boolean)) {
  p(`| ${r.kind} | ${f2(r.gc_s)} | ${f2(r.build_s)} | ${f2(r.stream_s)} | ${f2(r.tail_s)} | ${(r.bytes / 1048576 / r.stream_s).toFixed(1)} | ${f2(r.client_cpu_s)} s |`);
}
p();
p('Client memory per capture (MB; peak = VmHWM, reset just before the capture; graph = growth of the GC heap with the graph referenced, after a full GC):');
p();
p('| capture | RSS before | peak RSS | graph | beyond the graph | allocated during the capture | at the highest RSS sample: s / RSS / GC heap |');
p('|---|---|---|---|---|---|---|');
for (const r of C.concat(N)) {
  const k = r.at_peak_rss_sample;
  p(`| ${r.kind} ${r.round} | ${f0(r.rss_before_mb)} | ${f0(r.peak_rss_mb)} | ${f0(r.graph_mb)} | ${f0(r.beyond_graph_mb)} | ${f0(r.allocated_mb)} | ` +
    (k ? `${k.t_s.toFixed(1)} / ${f0(k.rss_mb)} / ${f0(k.gc_heap_mb)}` : '–') + ' |');
}
p();
p(`Fresh processes under \`/usr/bin/time -v\`: the harness (all its rounds) peaked at ${env.R_HARNESS_RSS} MB; parsing the captured file ` +
  `from disk (\`--load-graph\`, parse only) took ${f2(load.parse_s)} s and peaked at ${env.R_LOAD_RSS} MB (graph ${f0(load.graph_mb)} MB, ` +
  `${f0(load.beyond_graph_mb)} MB beyond it; ${f0(load.allocated_mb)} MB allocated).`);
if (cli.length) {
  p();
  p('End to end: `leaknb capture --url … --out FILE --top 0 --json` (a fresh process and session; it also builds the full analysis), each run right after an in-process snapshot through a fresh session:');
  p();
  p('| run | in-process | leaknb capture wall | ratio | RSS | CPU | contention at start |');
  p('|---|---|---|---|---|---|---|');
  for (const c of cli) p(`| ${c.run} | ${f2(c.w)} s | ${f2(c.wall)} s | ${(c.wall / c.w).toFixed(2)}× | ${c.rss} MB | ${f2(c.cpu)} s | ${c.busy} |`);
  p(`| median | ${f2(med(cli.map((c) => c.w)))} s | ${f2(med(cli.map((c) => c.wall)))} s | ${med(cli.map((c) => c.wall / c.w)).toFixed(2)}× | ${med(cli.map((c) => c.rss))} MB | | |`);
  p();
  p(`The same analysis of the captured file from disk (\`leaknb summary FILE --top 0 --json\`): ${env.R_SUMMARY}.`);
}
p();
const timeOk = ratio <= 1.10, memOk = maxBeyond <= 100;
p('Targets:');
p();
p(`- ≤ 10 % wall time over the target's own \`v8.writeHeapSnapshot\`: ${timeOk ? '**met**' : '**missed**'}: ours ${f2(cMed.total_s)} s against ` +
  `${f2(wMed.total_s)} s, +${((ratio - 1) * 100).toFixed(0)} %` + (timeOk ? '.' : ` (the budget is ${f2(wMed.total_s * 1.1)} s).`));
p(`- ≤ 100 MB client memory beyond the parsed graph: ${memOk ? '**met**' : '**missed**'}: at most ${f0(maxBeyond)} MB over ` +
  `${C.length + N.length} captures (the graph: ${f0(cMed.graph_mb)} MB).`);
console.log(out.join('\n'));
JS
"$NODE" "$tmp/report.js" >"$tmp/report.md" || die "could not write the report"
cat "$tmp/report.md"
if [[ -n $out ]]; then
  mkdir -p "$(dirname "$out")"
  cp "$tmp/report.md" "$out"
  cp "$tmp/harness.json" "${out%.md}.harness.json"
  log "report written to $out (the harness's JSON to ${out%.md}.harness.json)"
fi

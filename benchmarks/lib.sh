# Shell helpers shared by the benchmark scripts (sourced, not run). Each script defines its own log() and die()
# (they name the script), a wait_quiet variable (seconds; 0 = never wait) for wait_for_quiet, and a tmp folder
# for build_release's log.

load1() { cut -d' ' -f1 /proc/loadavg; }
# CPU contention right now: "load L, psi P%" (PSI = share of the last 10 s some task waited for a CPU).
pressure() { awk '/^some/ { sub("avg10=", "", $2); print $2 }' /proc/pressure/cpu 2>/dev/null || true; }
contention() { local p; p=$(pressure); echo "load $(load1)${p:+, cpu psi ${p}%}"; }
is_quiet() {
  local p; p=$(pressure)
  if [[ -n $p ]]; then awk "BEGIN { exit !($p < 20) }"; else awk "BEGIN { exit !($(load1) < $(nproc) / 2) }"; fi
}
# Waits up to $wait_quiet seconds for a quiet CPU: others share this machine.
wait_for_quiet() {
  [[ $wait_quiet -gt 0 ]] || return 0
  local waited=0
  while ! is_quiet && [[ $waited -lt $wait_quiet ]]; do
    [[ $waited == 0 ]] && log "waiting up to ${wait_quiet} s for a quiet CPU ($(contention)) ..."
    sleep 5; waited=$((waited + 5))
  done
  if ! is_quiet; then log "CPU still busy after ${wait_quiet} s ($(contention)); timing anyway"; fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
mib_of() { calc "%.0f" "$(stat -c %s "$1") / 1048576"; }
# build_release PROJECT [HINT]: dotnet build -c Release, retried while another build holds a file lock (others
# share this checkout); on a real failure prints the errors and dies with HINT appended to the message.
build_release() {
  local project=$1 hint=${2:-}
  log "building $project (Release) ..."
  for attempt in 1 2 3 4 5 6; do
    if dotnet build "$project" -c Release -nologo -v q >"$tmp/build.log" 2>&1; then
      return 0
    fi
    if grep -qiE 'being used by another process|MSB3021|MSB3026|MSB3027|lock' "$tmp/build.log" && [[ $attempt -lt 6 ]]; then
      log "build hit a file lock (another build running?); retrying in 20 s ($attempt/5)"
      sleep 20
      continue
    fi
    grep -E 'error|Error' "$tmp/build.log" | sort -u | head -20 >&2 || true
    die "build of $project failed$hint"
  done
}

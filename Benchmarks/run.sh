#!/usr/bin/env bash
# Debrief's throughput and memory benchmark against lnav, on the shared log-corpus generator.
#
#   Benchmarks/run.sh [SIZE_MB ...]        default: 100 1000
#
# For each size it generates the corpus once with ../shared/bench/gen_logs.py (4 files, one 6-hour
# window, mixed zones) into Benchmarks/data/<size>m, builds Debrief in release mode, then alternates
# runs of
#   debrief build DIR --format json        (ingest + merge + burst collapse + JSON report)
#   lnav -n -q FILES                       (lnav's headless load, detect, index and merge, with
#                                          Benchmarks/lnav-config so it parses app.jsonl as JSON too)
# in one session (RUNS rounds, default 3), and prints the median wall time, MB/s, lines/s, peak RSS
# and Debrief's speed-up over lnav, in wall time and in CPU time (user + system, which shared,
# noisy machines disturb less). Raw per-run numbers go to Benchmarks/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100 1000)
generator=${GEN_LOGS:-$repo/../shared/bench/gen_logs.py}
[ -f "$generator" ] || { echo "benchmark: $generator not found (set GEN_LOGS)" >&2; exit 1; }
command -v lnav >/dev/null || { echo "benchmark: lnav not installed (apt-get install lnav)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "benchmark: GNU time not installed (apt-get install time)" >&2; exit 1; }

swift build -c release --product debrief >&2
debrief="$repo/.build/release/debrief"
mkdir -p Benchmarks/data Benchmarks/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="Benchmarks/results/$stamp.txt"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/lnav-home"
lnav_cmd=(env HOME="$out/lnav-home" lnav -I "$repo/Benchmarks/lnav-config" -n -q)

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

printf '%-8s %-8s %9s %9s %11s %10s %8s %7s %9s\n' size tool wall_s MB/s lines/s peakRSS_MB ratio cpu_s cpu_ratio
for size in "${sizes[@]}"; do
  data="Benchmarks/data/${size}m"
  if [ ! -f "$data/nginx-access.log" ]; then
    python3 "$generator" --out "$data" --total-mb "$size" >&2
  fi
  files=("$data"/syslog-rfc3164.log "$data"/syslog-rfc5424.log "$data"/app.jsonl "$data"/nginx-access.log)
  bytes=$(cat "${files[@]}" | wc -c)
  lines=$(cat "${files[@]}" | wc -l)
  cat "${files[@]}" > /dev/null   # warm the page cache for both tools alike
  : > "$out/debrief.times"
  : > "$out/lnav.times"
  for round in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -o "$out/t" "$debrief" build "$data" --out "$out/report" --format json --quiet
    cat "$out/t" >> "$out/debrief.times"
    /usr/bin/time -f "%e %M %U %S" -o "$out/t" "${lnav_cmd[@]}" "${files[@]}" > /dev/null 2>&1 || true
    cat "$out/t" >> "$out/lnav.times"
  done
  {
    echo "size=${size}MB bytes=$bytes lines=$lines runs=$runs load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "debrief (wall_s maxRSS_KB user_s sys_s): $(tr '\n' '|' < "$out/debrief.times")"
    echo "lnav    (wall_s maxRSS_KB user_s sys_s): $(tr '\n' '|' < "$out/lnav.times")"
  } >> "$results"
  d_wall=$(cut -d' ' -f1 "$out/debrief.times" | median)
  l_wall=$(cut -d' ' -f1 "$out/lnav.times" | median)
  d_rss=$(cut -d' ' -f2 "$out/debrief.times" | sort -n | tail -1)
  l_rss=$(cut -d' ' -f2 "$out/lnav.times" | sort -n | tail -1)
  d_cpu=$(awk '{ print $3 + $4 }' "$out/debrief.times" | median)
  l_cpu=$(awk '{ print $3 + $4 }' "$out/lnav.times" | median)
  awk -v s="$size" -v b="$bytes" -v l="$lines" -v dw="$d_wall" -v lw="$l_wall" -v dr="$d_rss" -v lr="$l_rss" \
      -v dc="$d_cpu" -v lc="$l_cpu" 'BEGIN {
    printf "%-8s %-8s %9.2f %9.1f %11.0f %10.0f %7.2fx %7.2f %8.2fx\n", s "MB", "debrief", dw, b / 1e6 / dw, l / dw, dr / 1024, lw / dw, dc, lc / dc
    printf "%-8s %-8s %9.2f %9.1f %11.0f %10.0f %8s %7.2f %9s\n", s "MB", "lnav", lw, b / 1e6 / lw, l / lw, lr / 1024, "1.00x", lc, "1.00x"
  }'
done
echo "raw runs: $results" >&2

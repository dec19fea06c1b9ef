#!/usr/bin/env bash
# Start to first answer of two builds, in alternating starts:
#
#   bench/start/compare.sh DIR_A DIR_B [ROUNDS]      # ROUNDS starts of each (default 7)
#   JDK=/usr/lib/jvm/temurin-25-jdk-amd64 bench/start/compare.sh DIR_A DIR_B
#   RESTART=1 bench/start/compare.sh DIR_A DIR_B      # restarts: each side keeps one data directory, migrated untimed first
#
# DIR_A and DIR_B are checkouts with target/callgate.jar built (the same one twice compares JDKs with JDK=).
# Each start is `./callgate serve` on a fresh data directory, timed by bench/instances/LoadClient's `start`:
# from just before the launch to the first 200 of GET /_callgate/health, asked every 5 ms. Each launcher's
# class-data archive for the JDK is made first, outside the timings. Prints each build's starts and median, and on
# Linux the median CPU each server used until its first answer.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../lib.sh"
[ $# -ge 2 ] || { echo "usage: $0 DIR_A DIR_B [ROUNDS]" >&2; exit 2; }
a="$(cd "$1" && pwd)" b="$(cd "$2" && pwd)" rounds="${3:-7}" port="${PORT:-18490}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The client runs on the default JDK; only the launcher is given JDK=.
javac -d "$work/classes" "$here/../instances/LoadClient.java"
client_java="$(command -v java)"
[ -z "${JDK:-}" ] || export PATH="$JDK/bin:$PATH"
for dir in "$a" "$b"; do
  [ -f "$dir/target/callgate.jar" ] || { echo "$dir/target/callgate.jar is missing: build it (mvn -DskipTests package)" >&2; exit 2; }
done
for dir in "$a" "$b"; do "$dir/callgate" --help > /dev/null; done
# A build from before SIP (such as the one the performance work started from) has no --sip-port.
sip_a=() sip_b=()
! "$a/callgate" serve --help 2>&1 | grep -q -- --sip-port || sip_a=(--sip-port 0)
! "$b/callgate" serve --help 2>&1 | grep -q -- --sip-port || sip_b=(--sip-port 0)

# Prints LoadClient start's output for one start of side $1 on data directory $2.
timed_start() {
  local dir="$a" sip=(${sip_a[@]+"${sip_a[@]}"}); [ "$1" = a ] || { dir="$b"; sip=(${sip_b[@]+"${sip_b[@]}"}); }
  timeout 60 "$client_java" -XX:+UseSerialGC -cp "$work/classes" LoadClient start port="$port" path=/_callgate/health \
    log="$work/$1.log" -- "$dir/callgate" serve --port "$port" ${sip[@]+"${sip[@]}"} --data-dir "$2" --throttle off
}
if [ "${RESTART:-0}" = 1 ]; then
  for side in a b; do stop_process "$(started_pid "$(timed_start "$side" "$work/data-$side")")"; done
fi
for round in $(seq 1 "$rounds"); do
  for side in a b; do
    data="$work/data-$side-$round"; [ "${RESTART:-0}" != 1 ] || data="$work/data-$side"
    out="$(timed_start "$side" "$data")"
    stop_process "$(started_pid "$out")"
    echo "$side $(started_ms "$out") $(started_cpu "$out")" >> "$work/times"
  done
done
# The median of column $2 of side $1's lines, with the sorted values.
median_of() {
  awk -v side="$1" -v col="$2" '$1 == side { print $col }' "$work/times" | sort -n | awk '
    { t[++n] = $1; line = line " " $1 }
    END { printf "%.0f ms; sorted:%s", n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2, line }'
}
for side in a b; do
  dir="$a"; [ "$side" = a ] || dir="$b"
  echo "$side ($dir): median $(median_of "$side" 2)"
  # The server's CPU until its first answer (Linux only): steadier than the wall time on a busy machine.
  if awk -v side="$side" '$1 == side && $3 != "-" { found = 1 } END { exit !found }' "$work/times"; then
    echo "$side CPU to the first answer: median $(median_of "$side" 3)"
  fi
done
echo "servers on: $(java -version 2>&1 | head -1); client on: $("$client_java" -version 2>&1 | head -1)"

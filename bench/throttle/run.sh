#!/usr/bin/env bash
# The throttle bench: (1) JMH, the in-process cost of one decision against a bare Bucket4j bucket;
# (2) wrk end to end, Callgate against nginx limit_req on the same machine in the same run; with
# BASELINE=<git commit>, the Callgate of that commit too (built from git into a scratch directory).
# Bounded: about 3 minutes. Traffic goes to 127.0.0.1 only. Needs: JDK 17, Maven, wrk, nginx
# (Debian: apt-get install -y wrk nginx). Results go to bench/throttle/results/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RESULTS="$HERE/results"
WORK="$(mktemp -d /tmp/callgate-throttle-bench.XXXXXX)"
CALLGATE_PORT="${CALLGATE_PORT:-18599}"
NGINX_PORT="${NGINX_PORT:-18598}"
DURATION="${DURATION:-15}"           # seconds of each measured wrk run
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
export ACCOUNTS="${ACCOUNTS:-100}"
BASELINE="${BASELINE:-}"            # a commit to measure beside the working tree's Callgate, e.g. 77d6856
mkdir -p "$RESULTS"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build"
mvn -q -f "$ROOT/pom.xml" package -DskipTests
mvn -q -f "$HERE/jmh/pom.xml" package
if [ -n "$BASELINE" ]; then
  mkdir -p "$WORK/baseline"
  git -C "$ROOT" archive "$BASELINE" | tar -x -C "$WORK/baseline"
  mvn -q -f "$WORK/baseline/pom.xml" package -DskipTests
fi

{
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "nginx: $(nginx -v 2>&1)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "callgate: $(git -C "$ROOT" rev-parse --short HEAD)${BASELINE:+, baseline: $BASELINE}"
} > "$RESULTS/machine.txt"
cat "$RESULTS/machine.txt"

echo "== JMH: one decision in-process (ns/op)"
java -cp "$HERE/jmh/target/classes:$(cat "$HERE/jmh/target/classpath.txt")" org.openjdk.jmh.Main \
  -rf text -rff "$RESULTS/jmh.txt" ThrottleDecisionBenchmark > "$WORK/jmh.log"
cat "$RESULTS/jmh.txt"

wait_for() { # url
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "nothing answers at $1" >&2
  exit 1
}

load() { # name port first-account
  FIRST_ACCOUNT="$3" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION"s --latency -s "$HERE/accounts.lua" \
    "http://127.0.0.1:$2" > "$RESULTS/wrk-$1.txt"
}

warm() { # port first-account
  FIRST_ACCOUNT="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$HERE/accounts.lua" "http://127.0.0.1:$1" > /dev/null
}

eval "$(grep '^flags=' "$ROOT/callgate")"   # the launcher's JVM flags, so the bench measures what users run
export MALLOC_ARENA_MAX=2                    # as the launcher sets it

measure_callgate() { # name jar
  echo "== $1 ($2), --throttle faithful, $ACCOUNTS accounts, ${DURATION}s"
  java "${flags[@]}" -jar "$2" serve --port "$CALLGATE_PORT" --sip-port 0 --data-dir "$WORK/data-$1" --throttle faithful > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$CALLGATE_PORT/_callgate/health"
  warm "$CALLGATE_PORT" 900000000000     # JIT warm-up on accounts the measured run never uses
  warm "$CALLGATE_PORT" 910000000000     # a second one: C2 compiles the hot path only after several seconds
  load "$1" "$CALLGATE_PORT" 100000000000
  # Callgate's own per-account counts, so that the report can check every account against the bound.
  curl -s "http://127.0.0.1:$CALLGATE_PORT/_callgate/metrics" > "$RESULTS/metrics-$1.txt"
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
}

rm -f "$RESULTS"/wrk-*.txt "$RESULTS"/metrics-*.txt
measure_callgate callgate "$ROOT/target/callgate.jar"
if [ -n "$BASELINE" ]; then
  measure_callgate callgate-baseline "$WORK/baseline/target/callgate.jar"
fi

echo "== nginx limit_req rate=2r/s burst=5 nodelay, $ACCOUNTS accounts, ${DURATION}s"
mkdir -p "$WORK/nginx/www"
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/www"   # nginx's workers run as an unprivileged user
echo '{"InstanceSummaryList":[]}' > "$WORK/nginx/www/instance"
sed -e "s#@PREFIX@#$WORK/nginx#g" -e "s#@PORT@#$NGINX_PORT#g" "$HERE/nginx.conf.template" > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/instance"
warm "$NGINX_PORT" 900000000000
load nginx "$NGINX_PORT" 100000000000
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

python3 "$HERE/report.py" "$RESULTS" | tee "$RESULTS/summary.txt"

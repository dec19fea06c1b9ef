#!/usr/bin/env bash
# The throttle bench: (1) JMH, the in-process cost of one decision against a bare Bucket4j bucket;
# (2) wrk end to end, Callgate against nginx limit_req and a bare Netty server on the same machine, in
# alternating rounds of the same run; with
# BASELINE=<git commit>, the Callgate of that commit too (built from git into a scratch directory).
# Bounded: about 3 minutes. Traffic goes to 127.0.0.1 only. Needs: JDK 17, Maven, wrk, nginx
# (Debian: apt-get install -y wrk nginx). Results go to bench/throttle/results/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/../lib.sh"
RESULTS="$HERE/results"
WORK="$(mktemp -d /tmp/callgate-throttle-bench.XXXXXX)"
CALLGATE_PORT="${CALLGATE_PORT:-18599}"
NGINX_PORT="${NGINX_PORT:-18598}"
BARE_PORT="${BARE_PORT:-18597}"
BASELINE_PORT="${BASELINE_PORT:-18596}"
DURATION="${DURATION:-5}"            # seconds of each measured wrk run
ROUNDS="${ROUNDS:-5}"                # measured runs per server, taking turns
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

load() { # name port first-account round
  FIRST_ACCOUNT="$3" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION"s --latency -s "$HERE/accounts.lua" \
    "http://127.0.0.1:$2" > "$RESULTS/wrk-$1-r$4.txt"
}

warm() { # port first-account
  FIRST_ACCOUNT="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$HERE/accounts.lua" "http://127.0.0.1:$1" > /dev/null
}

read_launcher_flags "$ROOT"   # the launcher's JVM flags, so the bench measures what users run
export MALLOC_ARENA_MAX=2                    # as the launcher sets it

start_callgate() { # port jar name
  local sip=(--sip-port 0)   # a build from before SIP has no such option
  java -jar "$2" serve --help 2>&1 | grep -q -- --sip-port || sip=()
  java "${flags[@]}" -jar "$2" serve --port "$1" ${sip[@]+"${sip[@]}"} --data-dir "$WORK/data-$3" --throttle faithful > "$WORK/$3.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$1/_callgate/health"
  warm "$1" 900000000000     # JIT warm-up on accounts the measured runs never use
  warm "$1" 910000000000     # a second one: C2 compiles the hot path only after several seconds
}

rm -f "$RESULTS"/wrk-*.txt "$RESULTS"/metrics-*.txt
# Every server runs for the whole bench; the measured runs take turns, round after round, so that a slow
# minute of this shared machine falls on all of them alike (compare the ratios of one round).
declare -A port_of=([callgate]="$CALLGATE_PORT" [bare-netty]="$BARE_PORT" [nginx]="$NGINX_PORT")
echo "== callgate ($ROOT/target/callgate.jar), --throttle faithful"
start_callgate "$CALLGATE_PORT" "$ROOT/target/callgate.jar" callgate
if [ -n "$BASELINE" ]; then
  echo "== callgate-baseline ($BASELINE), --throttle faithful"
  start_callgate "$BASELINE_PORT" "$WORK/baseline/target/callgate.jar" callgate-baseline
  port_of[callgate-baseline]="$BASELINE_PORT"
fi

# The size of a refusal's body (the last of more calls than a burst), for the bare Netty server to answer.
for call in 1 2 3 4 5 6 7 8; do
  answer="$(curl -s --max-time 10 -o "$WORK/refusal" -w '%{http_code}' "http://127.0.0.1:$CALLGATE_PORT/instance" -H "X-Amz-Date: 20240101T000000Z" \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=990000000000/20240101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")"
done
if [ "$answer" != 429 ]; then
  echo "Callgate answered $answer, not 429, to the last of 8 calls at once: is --throttle faithful in effect?" >&2
  exit 1
fi
refusal_bytes="$(wc -c < "$WORK/refusal")"

# The framework's own ceiling: bench/front's bare Netty server (Callgate's Netty, one event loop per core,
# nothing else) answering every request with a 429 of a refusal's size.
echo "== bare Netty, a fixed 429 of $refusal_bytes bytes"
mkdir -p "$WORK/bare"
javac -cp "$ROOT/target/callgate.jar" -d "$WORK/bare" "$ROOT/bench/front/BareNetty.java"
java "${flags[@]}" -cp "$ROOT/target/callgate.jar:$WORK/bare" BareNetty "$BARE_PORT" "$refusal_bytes" "$refusal_bytes" 429 \
  > "$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$BARE_PORT/instance"
warm "$BARE_PORT" 900000000000
warm "$BARE_PORT" 910000000000

echo "== nginx limit_req rate=2r/s burst=5 nodelay"
mkdir -p "$WORK/nginx/www"
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/www"   # nginx's workers run as an unprivileged user
echo '{"InstanceSummaryList":[]}' > "$WORK/nginx/www/instance"
sed -e "s#@PREFIX@#$WORK/nginx#g" -e "s#@PORT@#$NGINX_PORT#g" "$HERE/nginx.conf.template" > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/instance"
warm "$NGINX_PORT" 900000000000

names=("${!port_of[@]}")
echo "== $ROUNDS rounds of ${DURATION}s each for ${names[*]}, $ACCOUNTS accounts per run (each run its own)"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!names[@]}"; do   # the order turns by one each round
    name="${names[$(((i + round) % ${#names[@]}))]}"
    load "$name" "${port_of[$name]}" $((100000000000 + round * 1000000)) "$round"
  done
done
# Callgate's own per-account counts, so that the report can check every account against the bound.
curl -s --max-time 30 "http://127.0.0.1:$CALLGATE_PORT/_callgate/metrics" > "$RESULTS/metrics-callgate.txt"
[ -z "$BASELINE" ] || curl -s --max-time 30 "http://127.0.0.1:$BASELINE_PORT/_callgate/metrics" > "$RESULTS/metrics-callgate-baseline.txt"

python3 "$HERE/report.py" "$RESULTS" | tee "$RESULTS/summary.txt"

#!/usr/bin/env bash
# Two builds of Callgate side by side, in alternating rounds: DescribeInstance at a fixed 1,000 req/s (latency),
# then DescribeInstance and ListInstances flat out with wrk (1 thread, 16 connections), with each build's CPU time
# per call. For a change whose gain is smaller than this machine's drift between two runs of one build.
#   bench/front/compare.sh A B                 # A and B: checkouts (git worktrees), each built (mvn package)
#   ROUNDS=3 bench/front/compare.sh A B        # default 6 rounds, about 12 minutes
# Each round starts a fresh server of each build, each with its own data directory; traffic goes to 127.0.0.1 only; the
# servers it starts are stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# = 2 ] || { echo "usage: bench/front/compare.sh CHECKOUT_A CHECKOUT_B (each with target/callgate.jar)" >&2; exit 2; }
ROUNDS="${ROUNDS:-6}"
HOST=127.0.0.1
AUTH="AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
say() { printf '[compare] %s\n' "$*" >&2; }
for tool in java javac curl wrk timeout; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is required (Debian: apt-get install -y wrk curl)"; exit 1; }
done
declare -A repo port path pid
repo[a]="$(cd "$1" && pwd)"; repo[b]="$(cd "$2" && pwd)"; port[a]=18701; port[b]=18702
for s in a b; do
  [ -f "${repo[$s]}/target/callgate.jar" ] || { say "${repo[$s]} has no target/callgate.jar: run mvn -DskipTests package there"; exit 1; }
done
results="$here/results/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results/classes"
javac -d "$results/classes" "$here/../instances/LoadClient.java"
for s in a b; do echo "$s: ${repo[$s]} $(git -C "${repo[$s]}" rev-parse --short HEAD 2>/dev/null || true)"; done | tee "$results/builds.txt"

cleanup() { for p in "${pid[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM
get() { curl -sS --max-time 10 "http://$HOST:${port[$1]}$2" -H "Authorization: $AUTH" "${@:3}"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(pgrep -f -- "--port ${port[$1]} " | head -1)/stat"; }
wrk_run() {  # build path seconds
  timeout $(($3 + 30)) wrk -t1 -c16 -d"$3s" -H "Authorization: $AUTH" -H "X-Amz-Date: 20260101T000000Z" "http://$HOST:${port[$1]}$2"
}
# A server of each build starts afresh for every round, with data of its own: the JIT compiles a server's hot path
# differently from one start to the next, and a median over rounds should span that, not one process's luck.
start() {  # build round
  local s="$1"
  "${repo[$s]}/callgate" serve --port "${port[$s]}" --sip-port $((port[$s] + 100)) --data-dir "$results/data-$s-$2" \
    --throttle off > "$results/server-$s-$2.log" 2>&1 &
  pid[$s]=$!
  for _ in $(seq 1 300); do get "$s" /_callgate/health -o /dev/null 2>/dev/null && break; sleep 0.1; done
  path[$s]=""
  for n in 1 2 3 4 5; do
    id="$(get "$s" /instance -X PUT -H 'Content-Type: application/json' \
      -d "{\"IdentityManagementType\":\"CONNECT_MANAGED\",\"InstanceAlias\":\"seed$n\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}" \
      | sed -n 's/.*"Id": *"\([^"]*\)".*/\1/p')"
    [ -n "$id" ] || { say "seeding $s failed"; exit 1; }
    [ -n "${path[$s]:-}" ] || path[$s]="/instance/$id"
  done
  for target in "${path[$s]}" /instance; do wrk_run "$s" "$target" 8 > /dev/null; done   # warm-up, discarded
  printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nAuthorization: %s\r\nX-Amz-Date: 20260101T000000Z\r\n\r\n' \
    "${path[$s]}" "$HOST" "${port[$s]}" "$AUTH" > "$results/describe-$s.http"
}
stop() { kill "${pid[$1]}" 2>/dev/null || true; wait "${pid[$1]}" 2>/dev/null || true; pid[$1]=""; }

for r in $(seq 1 "$ROUNDS"); do
  order="a b"; [ $((r % 2)) = 0 ] && order="b a"
  for s in $order; do start "$s" "$r"; done
  for s in $order; do
    rate="$(timeout 90 java -XX:+UseSerialGC -cp "$results/classes" LoadClient rate port="${port[$s]}" rate=1000 warmup=3 \
      duration=15 connections=16 request="$results/describe-$s.http")"
    line="round=$r build=$s"
    for key in p50_ms p99_ms p999_ms non2xx sender_max_lag_ms; do v="${rate##* $key=}"; line="$line at1k_$key=${v%% *}"; done
    for op in describe list; do
      target="${path[$s]}"; [ "$op" = list ] && target=/instance
      before="$(cpu_ticks "$s")"
      out="$(wrk_run "$s" "$target" 5)"
      after="$(cpu_ticks "$s")"
      calls="$(awk '/requests in/{print $1}' <<<"$out")"
      line="$line ${op}_rps=$(awk '/Requests\/sec/{print $2}' <<<"$out") ${op}_cpu_us=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / calls ))"
      grep -q "Non-2xx" <<<"$out" && line="$line ${op}_errors=yes"
    done
    echo "$line load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results/rounds.txt"
  done
  for s in a b; do stop "$s"; done
done
python3 - "$results/rounds.txt" <<'PY' | tee "$results/summary.txt"
import statistics, sys
rows = [dict(kv.split("=", 1) for kv in line.split()) for line in open(sys.argv[1])]
keys = ["at1k_p50_ms", "at1k_p99_ms", "at1k_p999_ms", "describe_rps", "describe_cpu_us", "list_rps", "list_cpu_us"]
print(f"{'median of ' + str(len(rows) // 2) + ' rounds':24}" + "".join(f"{b:>12}" for b in ("a", "b", "b/a")))
for key in keys:
    a, b = (statistics.median(float(r[key]) for r in rows if r["build"] == s) for s in ("a", "b"))
    print(f"{key:24}{a:12.2f}{b:12.2f}{b / a:12.2f}")
PY

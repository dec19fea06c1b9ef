#!/usr/bin/env bash
# Callgate's DescribeInstance and ListInstances against a bare Netty server (BareNetty.java: the same
# Netty jar, one event loop per core as Callgate, fixed bodies the size of Callgate's DescribeInstance and
# ListInstances answers), all with wrk, 1 thread, 16 connections, interleaved in the same run. Prints
# per-round figures and the median ratios Callgate/bare, each against the bare answer of the same size. Traffic goes to 127.0.0.1 only; the servers it starts are stopped on exit.
#   bench/front/run.sh                        # 10 s warm-ups, then 5 rounds of 5 s each: about 3 minutes
#   ROUNDS=3 DURATION=3 bench/front/run.sh    # a quick look
#   JFR=1 bench/front/run.sh                  # also records Callgate with Java Flight Recorder
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
. "$here/../lib.sh"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-5}"        # seconds measured per wrk run
WARMUP="${WARMUP:-10}"           # seconds of each server's warm-up, discarded (C2 compiles the hot path in that time)
CG_PORT="${CG_PORT:-18640}"
BARE_PORT="${BARE_PORT:-18641}"
HOST=127.0.0.1
AUTH="AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
say() { printf '[front] %s\n' "$*" >&2; }

for tool in java javac curl wrk timeout; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is required (Debian: apt-get install -y wrk curl)"; exit 1; }
done
if [ ! -f "$repo/target/callgate.jar" ] || [ "${BUILD:-0}" = 1 ]; then
  (cd "$repo" && mvn -q -DskipTests package) >&2
fi
"$repo/callgate" --help > /dev/null    # trains the launcher's class-data archive outside the timings

results="$here/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results/classes"
javac -cp "$repo/target/callgate.jar" -d "$results/classes" "$here/BareNetty.java"
read_launcher_flags "$repo"   # the launcher's JVM flags: the baseline runs with the same

pids=()
cleanup() { for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() {  # url
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  say "no answer from $1"; exit 1
}

opts="-Xlog:gc:file=$results/callgate-gc.log:uptime"
[ "${JFR:-0}" = 1 ] && opts="$opts -XX:StartFlightRecording=filename=$results/callgate.jfr,settings=profile"
CALLGATE_JAVA_OPTS="${CALLGATE_JAVA_OPTS:-} $opts" "$repo/callgate" serve --port "$CG_PORT" \
  --data-dir "$results/callgate-data" --throttle off > "$results/callgate.log" 2>&1 &
pids+=($!); cg_pid=$!
wait_for "http://$HOST:$CG_PORT/_callgate/health"
# The collections of the start end where Callgate says it listens; the bench's own load starts after.
for _ in $(seq 1 100); do grep -q "Callgate is listening" "$results/callgate.log" && break; sleep 0.1; done
start_pauses="$(grep -c Pause "$results/callgate-gc.log" || true)"
first=""
for n in 1 2 3 4 5; do
  id="$(curl -sS --max-time 10 -X PUT "http://$HOST:$CG_PORT/instance" -H "Authorization: $AUTH" \
    -H 'Content-Type: application/json' \
    -d "{\"IdentityManagementType\":\"CONNECT_MANAGED\",\"InstanceAlias\":\"seed$n\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}" \
    | sed -n 's/.*"Id": *"\([^"]*\)".*/\1/p')"
  [ -n "$id" ] || { say "seeding failed"; exit 1; }
  [ -n "$first" ] || first="$id"
done
size="$(curl -s "http://$HOST:$CG_PORT/instance/$first" -H "Authorization: $AUTH" | wc -c)"
list_size="$(curl -s "http://$HOST:$CG_PORT/instance" -H "Authorization: $AUTH" | wc -c)"
java "${flags[@]}" -cp "$repo/target/callgate.jar:$results/classes" BareNetty "$BARE_PORT" "$size" "$list_size" > "$results/bare.log" 2>&1 &
pids+=($!)
wait_for "http://$HOST:$BARE_PORT/"
say "DescribeInstance answer: $size bytes, ListInstances: $list_size; bare Netty answers the same sizes"

url_of() {
  case "$1" in
    bare) echo "http://$HOST:$BARE_PORT/instance/$first" ;;
    bare_list) echo "http://$HOST:$BARE_PORT/instance" ;;
    describe) echo "http://$HOST:$CG_PORT/instance/$first" ;;
    list) echo "http://$HOST:$CG_PORT/instance" ;;
  esac
}
measure() {  # target seconds out
  timeout $(($2 + 30)) wrk -t 1 -c 16 -d "${2}s" --latency --timeout 10s \
    -H "Authorization: $AUTH" -H 'X-Amz-Date: 20260101T000000Z' "$(url_of "$1")" > "$3"
  grep -q 'Non-2xx' "$3" && { say "$1: non-2xx answers"; cat "$3" >&2; exit 1; }
  awk '/^Requests\/sec:/ { print $2 }' "$3"
}
for t in bare describe bare_list list; do measure "$t" "$WARMUP" "$results/warmup-$t.wrk" > /dev/null; done

printf 'round\tload1\tbare_rps\tdescribe_rps\tbare_list_rps\tlist_rps\tdescribe/bare\tlist/bare_list\n' > "$results/rounds.tsv"
for round in $(seq 1 "$ROUNDS"); do
  order="bare describe bare_list list"; [ $((round % 2)) = 0 ] && order="list bare_list describe bare"
  declare -A rps=()
  load="$(cut -d' ' -f1 /proc/loadavg)"
  for t in $order; do rps[$t]="$(measure "$t" "$DURATION" "$results/round$round-$t.wrk")"; done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\n' "$round" "$load" "${rps[bare]}" "${rps[describe]}" "${rps[bare_list]}" "${rps[list]}" \
    "$(echo "${rps[describe]} / ${rps[bare]}" | bc -l)" "$(echo "${rps[list]} / ${rps[bare_list]}" | bc -l)" >> "$results/rounds.tsv"
  say "round $round: $(tail -1 "$results/rounds.tsv")"
  unset rps
done
echo "rss_after_mb $(awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$cg_pid/status")" > "$results/callgate-rss.txt"
{
  echo "commit $(git -C "$repo" rev-parse --short HEAD) ($(git -C "$repo" status --porcelain | grep -q . && echo 'with changes' || echo clean)), $(date -u +%FT%TZ), nproc $(nproc)"
  column -t "$results/rounds.tsv"
  awk -F'\t' 'NR > 1 { b[NR] = $3; d[NR] = $4; bl[NR] = $5; l[NR] = $6; rd[NR] = $7; rl[NR] = $8; n++ }
    function median(a,   k, m, i, j, t, v) { m = 0; for (k in a) v[++m] = a[k]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
    END { printf "median over %d rounds: bare %.0f req/s, DescribeInstance %.0f (%.2fx); bare at the list size %.0f, ListInstances %.0f (%.2fx)\n",
      n, median(b), median(d), median(rd), median(bl), median(l), median(rl) }' "$results/rounds.tsv"
  awk -v started="$start_pauses" '/Pause/ { n++; v = $NF; sub(/ms$/, "", v)
         if (n <= started) { if (v + 0 > smax) smax = v + 0 } else if (v + 0 > max) max = v + 0 }
       END { printf "callgate collector pauses: %d while starting, longest %.2f ms; %d while serving, longest %.2f ms\n",
               started, smax, n - started, max }' "$results/callgate-gc.log"
  cat "$results/callgate-rss.txt"
} | tee "$results/summary.txt"
say "raw output in $results"

#!/usr/bin/env bash
# Callgate vs moto on CreateInstance, DescribeInstance and ListInstances: the single entry point.
#
#   bench/run.sh                 # 3 runs, prints the summary table; raw output in bench/results/<stamp>/
#   RUNS=1 WRK_DURATION=5 bench/run.sh   # a quick look
#
# Every run starts both servers fresh (timing start to first answer), loads each with the same client,
# reads Callgate's resident memory, then stops them. Servers are loaded one at a time, in alternating
# order from run to run. Traffic goes to 127.0.0.1 only; every step is bounded in time; the processes
# this script starts are stopped on exit. See bench/README.md for what each figure means.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
repo="$(dirname "$here")"

RUNS="${RUNS:-3}"
CG_PORT="${CG_PORT:-18480}"
MOTO_PORT="${MOTO_PORT:-18481}"
BARE_PORT="${BARE_PORT:-18482}"
WRK_THREADS="${WRK_THREADS:-1}"          # the machine has 2 cores: one for the client, one for the server
WRK_CONNECTIONS="${WRK_CONNECTIONS:-16}"
WRK_WARMUP="${WRK_WARMUP:-3}"            # seconds, discarded
WRK_DURATION="${WRK_DURATION:-10}"       # seconds, measured
RATE="${RATE:-1000}"                     # fixed-rate DescribeInstance, requests per second
RATE_WARMUP="${RATE_WARMUP:-5}"
RATE_DURATION="${RATE_DURATION:-20}"
RATE_CONNECTIONS="${RATE_CONNECTIONS:-16}"
HOST=127.0.0.1
ACCOUNT=123456789012
AUTH="AWS4-HMAC-SHA256 Credential=${ACCOUNT}/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
CREATE_BODY='{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"bench","InboundCallsEnabled":true,"OutboundCallsEnabled":true}'

say() { printf '[bench] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "wrk is missing: installing Debian's wrk package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >&2
  else
    say "wrk is missing: install it with 'apt-get install wrk' (Debian package) and rerun"; exit 1
  fi
fi
for tool in java javac curl timeout; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is required"; exit 1; }
done
if [ ! -f "$repo/target/callgate.jar" ] || [ "${BUILD:-0}" = 1 ]; then
  say "building target/callgate.jar"
  (cd "$repo" && mvn -q -DskipTests package) >&2
fi

moto=""
if command -v pyenv >/dev/null 2>&1 && pyenv which moto_server >/dev/null 2>&1; then
  moto="$(pyenv which moto_server)"      # the real script, not pyenv's shim (the shim adds ~100 ms of bash)
elif command -v moto_server >/dev/null 2>&1; then
  moto="$(command -v moto_server)"
fi
servers="callgate"
if [ -n "$moto" ]; then
  servers="callgate moto"
else
  say "moto_server is not installed (pip install 'moto[server]'): measuring Callgate alone, no ratios"
fi

# The launcher trains its class-data archive once per jar build: do that now, outside the timings.
"$repo/callgate" --help > /dev/null
# A newer JDK (25 or later), when one is installed: the launcher gives it an ahead-of-time cache instead of the
# AppCDS archive, and every run also times a start on it (start_on_newer_jdk_ms). NEWER_JDK=<java home> picks
# one; NEWER_JDK=none skips it.
if [ -z "${NEWER_JDK:-}" ]; then
  NEWER_JDK=none
  for home in /usr/lib/jvm/*; do
    if "$home/bin/java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then NEWER_JDK="$home"; break; fi
  done
fi
if [ "$NEWER_JDK" != none ]; then
  [ -x "$NEWER_JDK/bin/java" ] || { say "NEWER_JDK=$NEWER_JDK has no bin/java"; exit 1; }
  PATH="$NEWER_JDK/bin:$PATH" "$repo/callgate" --help > /dev/null
fi

results="$here/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results/classes"
javac -d "$results/classes" "$here/instances/LoadClient.java"
client=(java -XX:+UseSerialGC -cp "$results/classes" LoadClient)

pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The floors on this machine: bench/front's bare Netty server (Callgate's jar on its class path) under the
# launcher's JVM flags and an AppCDS archive of its own, trained once here as the launcher trains Callgate's.
# In every run: its start to first answer (timed as Callgate's, before the others start), and its latency at
# the fixed rate with DescribeInstance's size.
read_launcher_flags "$repo"
mkdir -p "$results/bare"
javac -cp "$repo/target/callgate.jar" -d "$results/bare" "$here/front/BareNetty.java"
(cd "$results/bare" && jar cf "$results/bare-netty.jar" ./*.class)
bare=(java "${flags[@]}" -cp "$repo/target/callgate.jar:$results/bare-netty.jar")
if curl -s -o /dev/null --max-time 2 "http://$HOST:$BARE_PORT/"; then
  say "something already answers on port $BARE_PORT: stop it or set BARE_PORT"; exit 1
fi
"${bare[@]}" -XX:ArchiveClassesAtExit="$results/bare-netty.jsa" BareNetty "$BARE_PORT" 100 100 > "$results/bare-training.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null --max-time 2 "http://$HOST:$BARE_PORT/instance" && break; sleep 0.1; done
kill "${pids[-1]}" 2>/dev/null || true
wait "${pids[-1]}" 2>/dev/null || true
if [ -s "$results/bare-netty.jsa" ]; then
  bare+=(-XX:SharedArchiveFile="$results/bare-netty.jsa")   # mapped as the launcher maps its own
else
  say "the bare Netty server's AppCDS archive was not made ($results/bare-training.log): its start is timed without one"
fi


{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g | awk '/^Mem:/{print $2" GiB"}')"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "launcher flags: ${flags[*]} + -XX:SharedArchiveFile=target/callgate.jsa (CALLGATE_CDS=${CALLGATE_CDS:-on})"
  echo "newer JDK: $NEWER_JDK $( [ "$NEWER_JDK" = none ] || "$NEWER_JDK/bin/java" -version 2>&1 | head -1) (-XX:AOTCache=target/callgate.aot)"
  echo "moto: ${moto:-absent} $( [ -n "$moto" ] && "$(dirname "$moto")/python" -c 'import moto; print(moto.__version__)' 2>/dev/null)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "settings: RUNS=$RUNS WRK_THREADS=$WRK_THREADS WRK_CONNECTIONS=$WRK_CONNECTIONS WRK_WARMUP=$WRK_WARMUP WRK_DURATION=$WRK_DURATION RATE=$RATE RATE_WARMUP=$RATE_WARMUP RATE_DURATION=$RATE_DURATION RATE_CONNECTIONS=$RATE_CONNECTIONS"
} > "$results/machine.txt"
cat "$results/machine.txt" >&2

port_of() { case "$1" in callgate) echo "$CG_PORT" ;; bare-netty) echo "$BARE_PORT" ;; *) echo "$MOTO_PORT" ;; esac; }

metric() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$run_dir/metrics.tsv"; }

# wrk's figures (Requests/sec, 50% and 99% latency, errors) as metrics, latencies in ms.
wrk_metrics() {
  local server="$1" op="$2" out="$3"
  awk -v s="$server" -v op="$op" '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(/,/, ""); sock = $4 + $6 + $8 + $10 }
    END {
      printf "%s\t%s_rps\t%s\n", s, op, rps
      printf "%s\t%s_p50_ms\t%s\n", s, op, p50
      printf "%s\t%s_p99_ms\t%s\n", s, op, p99
      printf "%s\t%s_errors\t%d\n", s, op, non2xx + sock
    }' "$out" >> "$run_dir/metrics.tsv"
}

rss_mb() { awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo ""; }

# The bare Netty server answering GET /instance/... with $1 bytes; prints LoadClient start's "pid=... start_ms=...".
launch_bare() {
  timeout 60 "${client[@]}" start port="$BARE_PORT" path=/instance log="$run_dir/bare-netty.log" \
    -- "${bare[@]}" BareNetty "$BARE_PORT" "$1" 100
}

# The floor of the fixed-rate latency: the bare server answering DescribeInstance's size ($1 bytes).
bare_rate() {
  local out b
  out="$(launch_bare "$1")"
  b="$(started_pid "$out")"
  pids+=("$b")
  run_rate bare-netty /instance/any
  stop_process "$b"
}

# A variant of Callgate's start, timed and stopped (start time only): $1 names its log and data dir, $2 its metric,
# $3 what to say; the rest is the command that runs the launcher in that variant's environment (the client itself
# stays on the default JDK and environment).
time_start_alone() {
  local name="$1" metric_name="$2" label="$3" out
  shift 3
  out="$(timeout 60 "${client[@]}" start port="$CG_PORT" path=/_callgate/health log="$run_dir/$name.log" \
    -- "$@" "$repo/callgate" serve --port "$CG_PORT" --data-dir "$run_dir/$name-data" --throttle off)"
  stop_process "$(started_pid "$out")"
  local t
  t="$(started_ms "$out")"
  say "$label: first answer after $t ms"
  metric callgate "$metric_name" "$t"
}

start_server() {
  local server="$1" port out
  port="$(port_of "$server")"
  if [ "$server" = bare-netty ]; then   # the floor of a start: start time only
    out="$(launch_bare 100)"
    stop_process "$(started_pid "$out")"
    local t
    t="$(started_ms "$out")"
    say "bare Netty with its own AppCDS archive: first answer after $t ms"
    metric bare-netty start_ms "$t"
    return
  elif [ "$server" = callgate-nocds ]; then   # the same launcher without its AppCDS archive
    time_start_alone callgate-nocds start_without_appcds_ms "callgate without AppCDS" env CALLGATE_CDS=off
    return
  elif [ "$server" = callgate-newer-jdk ]; then   # the same launcher on the newer JDK, with its AOT cache
    time_start_alone callgate-newer-jdk start_on_newer_jdk_ms "callgate on $NEWER_JDK" env PATH="$NEWER_JDK/bin:$PATH"
    return
  elif [ "$server" = callgate ]; then
    # GC pauses go to a file (no measurable cost), to tell a collector's pause from a busy machine.
    out="$(CALLGATE_JAVA_OPTS="${CALLGATE_JAVA_OPTS:-} -Xlog:gc:file=$run_dir/callgate-gc.log:uptime" timeout 60 "${client[@]}" start port="$port" path=/_callgate/health log="$run_dir/callgate.log" \
      -- "$repo/callgate" serve --port "$port" --data-dir "$run_dir/callgate-data" --throttle off)"
  else
    out="$(timeout 60 "${client[@]}" start port="$port" path=/instance auth="$AUTH" log="$run_dir/moto.log" \
      -- "$moto" -H "$HOST" -p "$port")"
  fi
  local pid ms
  pid="$(started_pid "$out")"
  pids+=("$pid")
  eval "pid_$server=$pid"
  ms="$(started_ms "$out")"
  say "$server: pid $pid, first answer after $ms ms"
  metric "$server" start_ms "$ms"
  if [ "$server" = callgate ]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" > "$run_dir/callgate.cmdline" 2>/dev/null || true
    metric callgate start_self_reported_ms "$(sed -n 's/.*ready in \([0-9]*\) ms.*/\1/p' "$run_dir/callgate.log" | head -1)"
    [ "$(started_cpu "$out")" = - ] || metric callgate start_cpu_ms "$(started_cpu "$out")"
  fi
}

# Five instances in one account (Callgate's quota), the same on both; prints the first Id.
seed() {
  local port first=""
  port="$(port_of "$1")"
  for n in 1 2 3 4 5; do
    local body id
    body="$(curl -sS --max-time 10 -X PUT "http://$HOST:$port/instance" -H "Authorization: $AUTH" \
      -H 'X-Amz-Date: 20260101T000000Z' -H 'Content-Type: application/json' \
      -d "{\"IdentityManagementType\":\"CONNECT_MANAGED\",\"InstanceAlias\":\"seed$n\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}")"
    id="$(printf '%s' "$body" | sed -n 's/.*"Id": *"\([^"]*\)".*/\1/p')"
    [ -n "$id" ] || { say "seeding $1 failed: $body"; exit 1; }
    [ -n "$first" ] || first="$id"
  done
  echo "$first"
}

run_wrk() {  # server op path-or-script out
  local server="$1" op="$2" target="$3" out="$4" port
  port="$(port_of "$server")"
  local args=(-t "$WRK_THREADS" -c "$WRK_CONNECTIONS" --latency --timeout 10s)
  if [ "$op" = create ]; then
    CG_ACCOUNT_PREFIX=1 timeout $((WRK_WARMUP + 30)) wrk "${args[@]}" -d "${WRK_WARMUP}s" -s "$here/instances/create.lua" "http://$HOST:$port/instance" > "$out.warmup"
    CG_ACCOUNT_PREFIX=2 timeout $((WRK_DURATION + 30)) wrk "${args[@]}" -d "${WRK_DURATION}s" -s "$here/instances/create.lua" "http://$HOST:$port/instance" > "$out"
  else
    local headers=(-H "Authorization: $AUTH" -H 'X-Amz-Date: 20260101T000000Z')
    timeout $((WRK_WARMUP + 30)) wrk "${args[@]}" -d "${WRK_WARMUP}s" "${headers[@]}" "http://$HOST:$port$target" > "$out.warmup"
    timeout $((WRK_DURATION + 30)) wrk "${args[@]}" -d "${WRK_DURATION}s" "${headers[@]}" "http://$HOST:$port$target" > "$out"
  fi
  wrk_metrics "$server" "$op" "$out"
  say "$server $op: $(grep -E 'Requests/sec' "$out" | tr -s ' ')"
}

run_rate() {  # server path
  local server="$1" path="$2" port req="$run_dir/$1-describe.http" out
  port="$(port_of "$server")"
  printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nAuthorization: %s\r\nX-Amz-Date: 20260101T000000Z\r\n\r\n' \
    "$path" "$HOST" "$port" "$AUTH" > "$req"
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  out="$(timeout $((RATE_WARMUP + RATE_DURATION + 60)) "${client[@]}" rate port="$port" rate="$RATE" \
    warmup="$RATE_WARMUP" duration="$RATE_DURATION" connections="$RATE_CONNECTIONS" request="$req")"
  echo "$out" > "$run_dir/$server-describe-at-rate.txt"
  say "$server describe at $RATE/s: $out"
  local key
  # How late the client's own sender ran: large values mean the machine, not the server, was busy.
  metric "$server" "describe_at_${RATE}_client_lag_ms" "$(sed 's/.*sender_max_lag_ms=\([0-9.]*\).*/\1/' <<<"$out")"
  metric "$server" "describe_at_${RATE}_machine_load1" "$load"
  for key in achieved_rps p50_ms p99_ms p999_ms max_ms; do
    local v="${out##* $key=}"; v="${v%% *}"
    metric "$server" "describe_at_${RATE}_${key}" "$v"
  done
  local bad
  bad=$(( $(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"$out") + $(sed 's/.*io_errors=\([0-9]*\).*/\1/' <<<"$out") + $(sed 's/.*incomplete=\([0-9]*\).*/\1/' <<<"$out") ))
  metric "$server" "describe_at_${RATE}_errors" "$bad"
}

for run in $(seq 1 "$RUNS"); do
  run_dir="$results/run$run"
  mkdir -p "$run_dir"
  : > "$run_dir/metrics.tsv"
  # alternate who goes first, so drift in the machine's load does not favour one server
  order="$servers"
  if [ $((run % 2)) = 0 ] && [ -n "$moto" ]; then order="moto callgate"; fi
  say "run $run/$RUNS (order: $order)"

  [ "${CALLGATE_CDS:-on}" = off ] || start_server callgate-nocds
  [ "${CALLGATE_CDS:-on}" = off ] || [ "$NEWER_JDK" = none ] || start_server callgate-newer-jdk
  start_server bare-netty
  for s in $order; do start_server "$s"; done
  declare -A describe_path=()
  for s in $order; do describe_path[$s]="/instance/$(seed "$s")"; done

  for op in describe list; do
    for s in $order; do
      target="/instance"; [ "$op" = describe ] && target="${describe_path[$s]}"
      run_wrk "$s" "$op" "$target" "$run_dir/$s-$op.wrk"
    done
  done
  for s in $order; do run_rate "$s" "${describe_path[$s]}"; done
  bare_rate "$(curl -s --max-time 10 "http://$HOST:$CG_PORT${describe_path[callgate]}" -H "Authorization: $AUTH" | wc -c)"
  for s in $order; do eval "p=\$pid_$s"; metric "$s" rss_after_reads_mb "$(rss_mb "$p")"; done

  for s in $order; do run_wrk "$s" create "" "$run_dir/$s-create.wrk"; done
  for s in $order; do eval "p=\$pid_$s"; metric "$s" rss_after_creates_mb "$(rss_mb "$p")"; done
  awk '/Pause/ { n++; v = $NF; sub(/ms$/, "", v); if (v + 0 > max) max = v + 0 }
       END { printf "callgate\tgc_pauses\t%d\ncallgate\tgc_max_pause_ms\t%.2f\n", n, max }' \
    "$run_dir/callgate-gc.log" >> "$run_dir/metrics.tsv" 2>/dev/null || true

  cleanup
  pids=()
  unset describe_path
done

"${client[@]}" summary "$results" | tee "$results/summary.md"
say "raw output in $results"

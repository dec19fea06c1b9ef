#!/usr/bin/env bash
# The calls bench (bench/README.md, "Calls"): call attempts per second through SIP admission, Callgate
# against Kamailio's dialog module in front of a sipp UAS, at rising rates, with exact counts.
#
#   bench/calls/run.sh                         # both systems, rates 100..1600, 8 s of calls each: ~5 minutes
#   RATES="200 800" DURATION=5 bench/calls/run.sh
#   SYSTEMS=callgate bench/calls/run.sh        # Callgate alone (no Kamailio needed)
#   JFR=1 bench/calls/run.sh                   # also records Callgate with JFR (settings=profile)
#   RETRANS=off bench/calls/run.sh             # sipp -nr: no retransmissions
#
# Every rate offers the same load, OFFERED calls in progress (rate x hold time), against a concurrent
# calls limit of LIMIT, so that part of the calls are refused with 503 at every rate.
# Needs: java 17, sipp (apt-get install -y sip-tester), kamailio (apt-get install -y kamailio), curl, python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

RATES="${RATES:-100 200 400 800 1200 1600}"
DURATION="${DURATION:-8}"          # seconds of call attempts per rate
WARMUP="${WARMUP:-10}"             # seconds of calls at 200/s before the first rate, not reported
LIMIT="${LIMIT:-150}"              # concurrent calls limit, Callgate's instance and Kamailio's profile alike
OFFERED="${OFFERED:-200}"          # calls in progress offered (rate x hold): above LIMIT, so some are refused
SYSTEMS="${SYSTEMS:-callgate kamailio}"
BASE_PORT="${BASE_PORT:-18700}"
KAMAILIO_CHILDREN="${KAMAILIO_CHILDREN:-4}"
# sipp retransmits over UDP as any caller does (a datagram lost on a busy machine costs a retransmission,
# not the call); a provisional response repeated after the 200 OK is then ignored rather than aborting the
# call. RETRANS=off: sipp's -nr, every lost datagram a failed call.
if [ "${RETRANS:-on}" = off ]; then retrans=(-nr); else retrans=(-default_behaviors all,-abortunexp); fi

say() { printf '%s\n' "$*" >&2; }
for tool in java curl python3 sipp; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is required (Debian: apt-get install -y openjdk-17-jdk-headless curl python3 sip-tester)"; exit 1; }
done
if [[ " $SYSTEMS " == *" kamailio "* ]] && ! command -v kamailio >/dev/null 2>&1; then
  say "kamailio is required for the anchor (Debian: apt-get install -y kamailio), or run with SYSTEMS=callgate"; exit 1
fi
if [ ! -f "$root/target/callgate.jar" ] || [ "${BUILD:-0}" = 1 ]; then
  (cd "$root" && mvn -q -o -DskipTests package)
fi

stamp="$(date -u +%Y%m%d-%H%M%S)"
results="$here/results/$stamp"
mkdir -p "$results"
http_port=$BASE_PORT; cg_sip=$((BASE_PORT + 10)); kam_sip=$((BASE_PORT + 20)); uas_port=$((BASE_PORT + 30)); uac_port=$((BASE_PORT + 40))
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# ---- Callgate: its real launcher, an edition whose concurrent calls limit is LIMIT, one instance, one number
sed -e 's/"name": "2019-09-30"/"name": "callbench"/' -e "s/\"CONCURRENT_CALLS\": [0-9]*/\"CONCURRENT_CALLS\": $LIMIT/" \
  "$root/src/main/resources/dev/callgate/editions/2019-09-30.json" > "$results/edition.json"
cg="http://127.0.0.1:$http_port"
auth="AWS4-HMAC-SHA256 Credential=111122223333/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
api() { curl -sf -X "$1" "$cg$2" -H "Authorization: $auth" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
if [[ " $SYSTEMS " == *" callgate "* ]]; then
  jfr=()
  [ "${JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$results/callgate.jfr,settings=profile")
  CALLGATE_JAVA_OPTS="${jfr[*]:-} ${CALLGATE_JAVA_OPTS:-}" "$root/callgate" serve --port "$http_port" --sip-port "$cg_sip" \
    --data-dir "$results/callgate-data" --throttle off --editions-file "$results/edition.json" --edition callbench \
    > "$results/callgate.log" 2>&1 < /dev/null &
  cg_pid=$!; pids+=($cg_pid)
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$cg/_callgate/health" && break; sleep 0.1; done
  instance="$(api PUT /instance '{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"callbench","InboundCallsEnabled":true,"OutboundCallsEnabled":false}' | json "['Id']")"
  number="$(api POST /phone-number/search-available "{\"InstanceId\":\"$instance\",\"PhoneNumberCountryCode\":\"US\",\"PhoneNumberType\":\"DID\",\"MaxResults\":1}" \
    | json "['AvailableNumbersList'][0]['PhoneNumber']")"
  api POST /phone-number/claim "{\"InstanceId\":\"$instance\",\"PhoneNumber\":\"$number\"}" > /dev/null
  say "Callgate: instance $instance, number $number, SIP on 127.0.0.1:$cg_sip"
fi

# ---- Kamailio: a stateful proxy with a dialog profile of LIMIT, in front of a sipp UAS that answers every call
if [[ " $SYSTEMS " == *" kamailio "* ]]; then
  mkdir -p "$results/kamailio"
  (cd "$results/kamailio" && exec sipp -sn uas -i 127.0.0.1 -p "$uas_port" -nostdin > uas.log 2>&1) &
  uas_pid=$!; pids+=($uas_pid)
  kamailio -f "$here/kamailio.cfg" -A "LISTEN=udp:127.0.0.1:$kam_sip" -A "UAS=\"sip:127.0.0.1:$uas_port\"" -A "LIMIT=$LIMIT" \
    -A "CTL=\"unix:$results/kamailio/ctl\"" -A "CHILDREN=$KAMAILIO_CHILDREN" -Y "$results/kamailio" -m 256 -M 16 -DD -E \
    > "$results/kamailio/kamailio.log" 2>&1 &
  kam_pid=$!; pids+=($kam_pid)
  for _ in $(seq 1 100); do [ -S "$results/kamailio/ctl" ] && break; sleep 0.1; done
fi

# Callgate's admitted and refused totals for the instance, from /_callgate/metrics. Refused counts both the calls
# refused at the instance's quota and the INVITEs refused at once for congestion (more waiting for a decision than
# the endpoint queues: 503 with Q.850 cause 42), which no instance was asked about.
callgate_counts() {
  curl -sf "$cg/_callgate/metrics" | awk -v i="instance=\"$instance\"" '
    index($0, i) && /^callgate_calls_admitted_total/ {a=$NF} index($0, i) && /^callgate_calls_breaching_quota_total/ {r=$NF}
    /^callgate_calls_congested_total/ {g=$NF}
    END {printf "%d %d\n", a, r + g}'
}
# Calls in progress once the run is over: Callgate's CONCURRENT_CALLS usage, Kamailio's active dialogs. Waits up
# to 45 s for 0: a call answered after sipp gave up on it is never acknowledged, and holds its slot until the
# ACK timeout (64 x T1, 32 s) ends it.
in_progress() {
  local n=""
  for _ in $(seq 1 450); do
    if [ "$1" = callgate ]; then
      n="$(curl -sf "$cg/_callgate/instances/$instance/quotas" \
        | python3 -c "import json,sys; print([q['usage'] for q in json.load(sys.stdin) if q['quota']=='CONCURRENT_CALLS'][0])")"
    else
      n="$(kamcmd -s "unix:$results/kamailio/ctl" stats.get_statistics all | awk '/dialog:active_dialogs/ {print $NF}')"
    fi
    [ "$n" = 0 ] && break
    sleep 0.1
  done
  echo "$n"
}
kamailio_counts() {
  kamcmd -s "unix:$results/kamailio/ctl" stats.get_statistics all | awk '
    /dialog:processed_dialogs/ {a=$NF} /tmx:5xx_transactions/ {r=$NF} END {printf "%d %d\n", a, r}'
}

# CPU time (user + system, clock ticks) of what serves the calls: Callgate's JVM; Kamailio's processes and the UAS
cpu_ticks() {
  local p list total=0
  if [ "$1" = callgate ]; then list="$cg_pid"; else list="$kam_pid $(ps -o pid= --ppid "$kam_pid") $uas_pid"; fi
  for p in $list; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

run_one() { # system rate [run name]
  local system=$1 rate=$2 port dir hold before after
  port=$([ "$system" = callgate ] && echo "$cg_sip" || echo "$kam_sip")
  dir="$results/${3:-$system-$rate}"; mkdir -p "$dir"
  hold=$(( OFFERED * 1000 / rate ))
  before="$("${system}_counts")"
  local cpu0; cpu0="$(cpu_ticks "$system")"
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  (cd "$dir" && timeout $((DURATION * 4 + 60)) sipp "127.0.0.1:$port" -sf "$here/uac.xml" -s "${number:-12015550100}" \
    -i 127.0.0.1 -p "$uac_port" -r "$rate" -m $((rate * DURATION)) -l $((OFFERED * 20)) -d "$hold" -nostdin "${retrans[@]}" \
    -recv_timeout 10000 -timeout $((DURATION * 4 + 30))s -timeout_error \
    -trace_stat -fd 1 -trace_counts -trace_rtt -rtt_freq 1 -trace_err > sipp.out 2>&1) || true
  local cpu_ms=$(( ($(cpu_ticks "$system") - cpu0) * 1000 / $(getconf CLK_TCK) ))
  local left; left="$(in_progress "$system")"
  after="$("${system}_counts")"
  [ -n "${3:-}" ] && return 0
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$system" "$rate" "$hold" "$load" "$before" "$after" "$left" "$cpu_ms" | tr ' ' '\t' >> "$results/runs.tsv"
}

say "Results in $results"
printf 'system\trate\thold_ms\tload1\tadmitted_before\trefused_before\tadmitted_after\trefused_after\tin_progress_after\tcpu_ms\n' > "$results/runs.tsv"
for system in $SYSTEMS; do  # warm-up, not reported: Callgate's JIT compiles the call path
  say "$system: warm-up, $WARMUP s at 200 calls/s ..."
  DURATION=$WARMUP run_one "$system" 200 "$system-warmup"
done
n=0
for rate in $RATES; do
  order="$SYSTEMS"
  [ $((n % 2)) = 1 ] && order="$(echo "$SYSTEMS" | tr ' ' '\n' | tac | tr '\n' ' ')"
  for system in $order; do
    say "$system at $rate calls/s ..."
    run_one "$system" "$rate"
  done
  n=$((n + 1))
done
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1); $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*')$(command -v kamailio >/dev/null && echo "; $(kamailio -v | head -1)")"
  echo "Commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (with local changes)'); limit $LIMIT, offered $OFFERED calls in progress, $DURATION s of calls per rate"
  python3 "$here/report.py" "$results"
} | tee "$results/summary.md"

#!/usr/bin/env bash
# Several Callgate nodes on one PostgreSQL behind nginx, all on loopback (bench/README.md, "Scaling out"):
#   1. races CreateInstance for one account through the balancer: exactly the quota (5) succeed;
#   2. races ListInstances for one account with a throttle override (rate 1/s, burst 10) through the
#      balancer: the admitted count stays within burst + rate x elapsed however the nodes share it;
#   3. creates instances through the balancer for a while, kills one node with -9 in the middle, and
#      checks every acknowledged instance is in the database;
#   4. measures DescribeInstance and CreateInstance through the balancer with 1, 2 and 3 nodes.
# It starts its own PostgreSQL (Debian's binaries, initdb/pg_ctl in a temp dir, as the `postgres` or
# `nobody` user when run as root) and its own nginx; everything is stopped on exit.
#   bench/cluster/run.sh                     # about 2 minutes
#   NODES=2 DURATION=3 bench/cluster/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
NODES="${NODES:-3}"
DURATION="${DURATION:-5}"          # seconds per throughput figure
BASE_PORT="${BASE_PORT:-18700}"    # nodes on BASE_PORT+1.., PostgreSQL on BASE_PORT, balancers on BASE_PORT+11..
PG_PORT="$BASE_PORT"
say() { printf '[cluster] %s\n' "$*" >&2; }

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pg_bin/initdb" ] || { say "PostgreSQL is required (Debian: apt-get install -y postgresql)"; exit 1; }
for tool in nginx wrk curl java psql; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is required (Debian: apt-get install -y nginx-light wrk curl postgresql-client)"; exit 1; }
done
[ -f "$repo/target/callgate.jar" ] || (cd "$repo" && mvn -q -DskipTests package) >&2
"$repo/callgate" --help > /dev/null

for port in $(seq "$PG_PORT" $((BASE_PORT + 10 + NODES))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then say "port $port is taken: set BASE_PORT"; exit 1; fi
done
work="$(mktemp -d /tmp/callgate-cluster.XXXXXX)"
chmod 755 "$work"
results="$here/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  pg_user=postgres; id postgres >/dev/null 2>&1 || pg_user=nobody
  as_pg=(runuser -u "$pg_user" --)
  mkdir -p "$work/pg"; chown "$pg_user" "$work/pg"
fi
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -d "$work/pg/data" ] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') in $work/pg"
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U callgate --auth=trust > "$results/initdb.log"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $PG_PORT -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start > /dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U callgate -d postgres -qc 'create database callgate'
store="jdbc:postgresql://127.0.0.1:$PG_PORT/callgate?user=callgate"
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U callgate -d callgate -tAc "$1"; }

declare -A node_pid=()
start_node() {  # n
  local port=$((BASE_PORT + $1))
  # Each node its own SIP port: they share the host, and SIP's default is 5060 for all.
  "$repo/callgate" serve --port "$port" --sip-port "$((BASE_PORT + 20 + $1))" --store "$store" --data-dir "$work/node$1" --throttle faithful \
    > "$results/node$1.log" 2>&1 &
  node_pid[$1]=$!; pids+=($!)
}
wait_for() { for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; say "no answer from $1"; exit 1; }
for n in $(seq 1 "$NODES"); do start_node "$n"; wait_for "http://127.0.0.1:$((BASE_PORT + n))/_callgate/health"; done
say "$NODES nodes up on ports $((BASE_PORT + 1))..$((BASE_PORT + NODES))"

# One balancer per cluster size: port BASE_PORT+10+k spreads over nodes 1..k (round robin, kept-alive).
{
  echo "pid $work/nginx.pid; worker_processes 1; error_log $work/nginx-error.log;"
  echo "events { worker_connections 1024; }"
  echo "http { access_log off; client_body_temp_path $work/nginx-body; proxy_temp_path $work/nginx-proxy;"
  echo "  fastcgi_temp_path $work/f; uwsgi_temp_path $work/u; scgi_temp_path $work/s;"
  for k in $(seq 1 "$NODES"); do
    echo "  upstream nodes$k { keepalive 32;"
    for n in $(seq 1 "$k"); do echo "    server 127.0.0.1:$((BASE_PORT + n)) max_fails=1 fail_timeout=30s;"; done
    echo "  }"
    echo "  server { listen 127.0.0.1:$((BASE_PORT + 10 + k)); location / { proxy_pass http://nodes$k;"
    echo "    proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host; } }"
  done
  echo "}"
} > "$work/nginx.conf"
nginx -c "$work/nginx.conf"
lb="http://127.0.0.1:$((BASE_PORT + 10 + NODES))"

auth() { echo "AWS4-HMAC-SHA256 Credential=$1/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"; }
create() {  # account alias -> prints "status id" in one write (callers run in parallel)
  local status
  status="$(curl -s -o "$work/body.$2" -w '%{http_code}' -X PUT "$lb/instance" -H "Authorization: $(auth "$1")" -H 'Content-Type: application/json' \
    -d "{\"IdentityManagementType\":\"CONNECT_MANAGED\",\"InstanceAlias\":\"$2\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}")"
  printf '%s %s\n' "$status" "$(sed -n 's/.*"Id": *"\([^"]*\)".*/\1/p' "$work/body.$2")"
}
export -f create auth; export lb work

# Sections run in this shell (not a pipeline's subshell), so a node restarted below is stopped on exit too.
exec > >(tee "$results/summary.txt")
echo "# Callgate cluster: $NODES nodes, one PostgreSQL, nginx round robin ($(date -u +%FT%TZ), commit $(git -C "$repo" rev-parse --short HEAD), nproc $(nproc), load $(cut -d' ' -f1 /proc/loadavg))"

# The quota race's account gets a throttle far above what the race sends, so only the quota refuses it.
curl -s -o /dev/null -X PUT "http://127.0.0.1:$((BASE_PORT + 1))/_callgate/accounts/444455556666/throttle" \
  -H 'Content-Type: application/json' -d '{"operation":"*","rate":1000000,"burst":1000000}'

# 1. Quota: 40 creates for one account, 20 at a time, spread over the nodes.
seq 1 40 | xargs -P 20 -I{} bash -c 'create 444455556666 race{}' > "$work/race.txt"
ok=$(grep -c '^200 ' "$work/race.txt" || true)
echo "quota race: 40 concurrent CreateInstance for one account through the balancer: $ok created (quota 5), $(grep -vc '^200 ' "$work/race.txt" || true) refused ($(cut -d' ' -f1 "$work/race.txt" | grep -v 200 | sort | uniq -c | tr -s ' ' | tr '\n' ' '))"
echo "  rows in PostgreSQL for the account: $(sql "select count(*) from instance where account_id = '444455556666'")"

# 1b. Concurrent calls: 150 simulated inbound calls of 60 s for one instance (limit 100), 30 at a time over the nodes.
curl -s -o /dev/null -X PUT "http://127.0.0.1:$((BASE_PORT + 1))/_callgate/accounts/555566667777/throttle" \
  -H 'Content-Type: application/json' -d '{"operation":"*","rate":1000000,"burst":1000000}'
call_instance=$(create 555566667777 calls | cut -d' ' -f2)
place_call() { curl -s -o /dev/null -w '%{http_code}\n' -X POST "$lb/_callgate/instances/$1/calls" -H "Authorization: $(auth 555566667777)" \
  -H 'Content-Type: application/json' -d '{"durationSeconds":60}'; }
export -f place_call
seq 1 150 | xargs -P 30 -I{} bash -c "place_call $call_instance" > "$work/calls.txt"
echo "calls race: 150 concurrent simulated calls to one instance (limit 100) through the balancer: $(grep -c '^201' "$work/calls.txt" || true) admitted, refused: $(grep -v '^201' "$work/calls.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
echo "  live call leases in PostgreSQL for the instance: $(sql "select count(*) from call_lease where instance_id = '$call_instance'"), held by $(sql "select count(distinct node_id) from call_lease where instance_id = '$call_instance'") nodes"

# 2. Throttle: an override of 1/s, burst 10 (set through node 1), then 120 ListInstances in parallel through the balancer.
curl -s -o /dev/null -X PUT "http://127.0.0.1:$((BASE_PORT + 1))/_callgate/accounts/777788889999/throttle" \
  -H 'Content-Type: application/json' -d '{"operation":"ListInstances","rate":1,"burst":10}'
t0=$(date +%s.%N)
seq 1 120 | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$lb/instance" -H "Authorization: $(auth 777788889999)" > "$work/throttle.txt"
t1=$(date +%s.%N)
admitted=$(grep -c '^200' "$work/throttle.txt" || true)
echo "throttle race: 120 concurrent ListInstances for one account (override rate 1/s, burst 10) over $(printf '%.2f' "$(echo "$t1 - $t0" | bc -l)") s: $admitted admitted, $(grep -c '^429' "$work/throttle.txt" || true) throttled (429); bound burst + rate x t = $(printf '%.1f' "$(echo "10 + ($t1 - $t0)" | bc -l)")"

# 3. Kill -9 one node while creates go through the balancer; every acknowledged create must be stored.
if [ "$NODES" -ge 2 ]; then
  : > "$work/acks.txt"
  worker() { local w=$1 end=$(( $(date +%s) + 8 )) i=0; while [ "$(date +%s)" -lt "$end" ]; do i=$((i+1)); create "3000000${w}$(printf '%04d' $i)" "kill-$w-$i"; done; }
  export -f worker
  for w in 1 2 3 4; do bash -c "worker $w" >> "$work/acks.txt" & pids+=($!); done
  sleep 3
  kill -9 "${node_pid[$NODES]}"; wait "${node_pid[$NODES]}" 2>/dev/null || true
  for pid in "${pids[@]: -4}"; do wait "$pid" 2>/dev/null || true; done
  acked=$(grep -c '^200 ' "$work/acks.txt" || true)
  ids=$(awk '$1 == 200 { printf "%s\x27%s\x27", (n++ ? "," : ""), $2 }' "$work/acks.txt")
  stored=$(sql "select count(*) from instance where id in ($ids)")
  echo "kill -9 of node $NODES after 3 s of 8 s of creates (4 clients through the balancer): $acked acknowledged, $stored of them in PostgreSQL; answers: $(cut -d' ' -f1 "$work/acks.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
  start_node "$NODES"; wait_for "http://127.0.0.1:$((BASE_PORT + NODES))/_callgate/health"
  echo "  node $NODES restarted on the same database"
fi

# 4. Throughput through the balancer with 1..NODES nodes (wrk 1 thread, 16 connections).
id=$(sed -n 's/^200 //p' "$work/race.txt" | head -1)
for k in $(seq 1 "$NODES"); do
  url="http://127.0.0.1:$((BASE_PORT + 10 + k))"
  wrk -t1 -c16 -d2s -H "Authorization: $(auth 444455556666)" "$url/instance/$id" > /dev/null
  d=$(wrk -t1 -c16 -d"${DURATION}s" -H "Authorization: $(auth 444455556666)" "$url/instance/$id" | awk '/Requests\/sec/{print $2}')
  c=$(CG_ACCOUNT_PREFIX=$((k + 4)) wrk -t1 -c16 -d"${DURATION}s" -s "$repo/bench/instances/create.lua" "$url/instance" | awk '/Requests\/sec/{print $2}')
  echo "nodes=$k DescribeInstance ${d} req/s, CreateInstance ${c} req/s (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo "(2 shared cores: more nodes share the same CPUs with PostgreSQL, nginx and wrk, so this is the cost of sharing, not scaling)"
say "raw output in $results"

#!/usr/bin/env bash
# Shows that an acknowledged write is on disk before its acknowledgment: runs `./callgate serve` on a
# fresh data dir under `strace -f -e trace=fsync,fdatasync,write,writev`, sends one CreateInstance,
# and prints the fsyncs and the HTTP answer in the order the server made them.
# Usage: bench/durability/fsync.sh            (installs strace with apt-get when missing and root)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if ! command -v strace >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q strace; else echo "Install strace (apt-get install strace)." >&2; exit 1; fi
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/callgate-fsync.XXXXXX")"
port="${CG_PORT:-18490}"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$here/callgate" serve --port "$port" --data-dir "$work/data" --throttle off > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'listening on' "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }
java_pid="$(pgrep -P "$pid" java || echo "$pid")"   # the launcher execs java; either way this is the JVM

# -y names each descriptor's file; -tt stamps each call; -s 24 keeps the start of what is written.
timeout 60 strace -qq -f -tt -y -s 24 -e trace=fsync,fdatasync,write,writev -p "$java_pid" -o "$work/strace.log" &
tracer=$!
sleep 1   # strace attaches to every thread
body='{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"fsync-demo","InboundCallsEnabled":true,"OutboundCallsEnabled":true}'
auth="AWS4-HMAC-SHA256 Credential=111122223333/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=x"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'PUT /instance HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
  "$port" "$auth" "${#body}" "$body" >&3
answer="$(timeout 10 cat <&3 | head -1)"
exec 3>&-
sleep 1
kill "$tracer" 2>/dev/null || true
wait "$tracer" 2>/dev/null || true

echo "Answer: $answer"
echo "System calls of the server while it handled the CreateInstance (fsyncs, and its write of the answer):"
grep -E 'fsync|fdatasync|HTTP/1\.1' "$work/strace.log" | sed -E 's/^[0-9]+ +//'

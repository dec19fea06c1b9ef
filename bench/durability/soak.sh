#!/usr/bin/env bash
# The durability torture test, for longer: CYCLES cycles (default 100) of concurrent writes, resets,
# refused second starts and a SIGKILL, SIGTERM or SIGINT at a random moment, each followed by a restart
# and a check that every acknowledged write is there. The test prints the seed of its random choices;
# SEED=N makes the same choices again (the moments the stops land still vary with timing).
# Usage: CYCLES=300 bench/durability/soak.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
args=(-Dtest=DurabilityTortureTest -Dsurefire.failIfNoSpecifiedTests=false -Dcallgate.torture.cycles="${CYCLES:-100}")
if [ -n "${SEED:-}" ]; then args+=(-Dcallgate.torture.seed="$SEED"); fi
exec mvn -q test "${args[@]}"

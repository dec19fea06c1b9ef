"""Reads the wrk outputs of run.sh and prints throughput, p99, admitted counts and the ratios."""
import collections
import os
import re
import sys

RATE, BURST = 2, 5
FIRST_ACCOUNT = 100000000000  # the measured run's accounts (run.sh)


def admitted_per_account(path, first):
    """How many measured accounts Callgate admitted n calls for, by n, from its own metrics."""
    counts = collections.Counter()
    for account, n in re.findall(r'^callgate_api_calls_total\{account="(\d+)",[^}]*outcome="admitted"[^}]*\} ([\d.]+)$',
                                 open(path).read(), re.M):
        if first <= int(account) < first + accounts:
            counts[int(float(n))] += 1
    return ", ".join(f"{k} accounts got {n}" for n, k in sorted(counts.items()))


def read(path):
    text = open(path).read()
    statuses = {int(code): int(n) for code, n in re.findall(r"^STATUS (\d+) (\d+)$", text, re.M)}
    seconds = float(re.search(r"^SECONDS ([\d.]+)$", text, re.M).group(1))
    p99 = float(re.search(r"^P99_MS ([\d.]+)$", text, re.M).group(1))
    return statuses, seconds, p99


results = sys.argv[1]
accounts = int(os.environ.get("ACCOUNTS", "100"))
rows = {}
for name in ("callgate", "callgate-baseline", "nginx"):
    if not os.path.exists(os.path.join(results, f"wrk-{name}.txt")):
        continue  # the baseline is measured only with BASELINE=<commit>
    statuses, seconds, p99 = read(os.path.join(results, f"wrk-{name}.txt"))
    throttled = statuses.get(429, 0)
    admitted = statuses.get(200, 0)
    exact = accounts * (BURST + RATE * seconds)
    rows[name] = dict(throttled_rps=throttled / seconds, p99=p99, admitted=admitted, exact=exact,
                      other=sum(n for code, n in statuses.items() if code not in (200, 429)))
    print(f"{name:17s} throttled req/s {throttled / seconds:10.0f}   p99 {p99:8.2f} ms   admitted {admitted:6d}"
          f" (burst + rate x t over {accounts} accounts = {exact:.0f}; per account {admitted / accounts:.2f}"
          f" vs {BURST + RATE * seconds:.2f})   other statuses {rows[name]['other']}")
    metrics = os.path.join(results, f"metrics-{name}.txt")
    if os.path.exists(metrics):
        print(f"{'':17s} per account (Callgate's metrics): {admitted_per_account(metrics, FIRST_ACCOUNT)};"
              f" bound burst + rate x t <= {BURST + RATE * seconds:.2f}")
n = rows["nginx"]
for name in ("callgate", "callgate-baseline"):
    if name in rows:
        c = rows[name]
        print(f"ratio {name}/nginx: throttled req/s {c['throttled_rps'] / n['throttled_rps']:.2f}x, p99 {c['p99'] / n['p99']:.2f}x")

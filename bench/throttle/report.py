"""Reads the wrk outputs of run.sh (one per server and round) and prints, per round and as medians, the
throttled calls per second, the p99, whether every account's admitted calls stayed within the bound, and
the ratios of the servers measured in the same round."""
import collections
import os
import re
import statistics
import sys

RATE, BURST = 2, 5
FIRST_ACCOUNT = 100000000000  # run.sh: round r's accounts start at FIRST_ACCOUNT + r * ROUND_STRIDE
ROUND_STRIDE = 1000000
NAMES = ("callgate", "callgate-baseline", "bare-netty", "nginx")


def read(path):
    text = open(path).read()
    statuses = {int(code): int(n) for code, n in re.findall(r"^STATUS (\d+) (\d+)$", text, re.M)}
    seconds = float(re.search(r"^SECONDS ([\d.]+)$", text, re.M).group(1))
    p99 = float(re.search(r"^P99_MS ([\d.]+)$", text, re.M).group(1))
    return statuses, seconds, p99


def admitted_by_account(path):
    """Callgate's own count of admitted calls per account, from its metrics."""
    pattern = r'^callgate_api_calls_total\{account="(\d+)",[^}]*outcome="admitted"[^}]*\} ([\d.]+)$'
    return {int(account): int(float(n)) for account, n in re.findall(pattern, open(path).read(), re.M)}


def spread(values):
    return f"{statistics.median(values):.2f}x (rounds {min(values):.2f}-{max(values):.2f})"


results = sys.argv[1]
accounts = int(os.environ.get("ACCOUNTS", "100"))
assert accounts <= ROUND_STRIDE, "each round's accounts must not reach into the next round's"
runs = collections.defaultdict(dict)  # round -> name -> figures
for entry in sorted(os.listdir(results)):
    match = re.fullmatch(r"wrk-(.+)-r(\d+)\.txt", entry)
    if match and match.group(1) in NAMES:
        statuses, seconds, p99 = read(os.path.join(results, entry))
        runs[int(match.group(2))][match.group(1)] = dict(
            rps=statuses.get(429, 0) / seconds, p99=p99, admitted=statuses.get(200, 0), seconds=seconds,
            other=sum(n for code, n in statuses.items() if code not in (200, 429)))

counts = {name: admitted_by_account(os.path.join(results, f"metrics-{name}.txt"))
          for name in ("callgate", "callgate-baseline") if os.path.exists(os.path.join(results, f"metrics-{name}.txt"))}
for round_, by_name in sorted(runs.items()):
    print(f"round {round_}")
    for name in NAMES:
        if name not in by_name:
            continue
        run = by_name[name]
        bound = BURST + RATE * run["seconds"]
        line = f"  {name:17s} 429s/s {run['rps']:8.0f}   p99 {run['p99']:6.2f} ms   other statuses {run['other']}"
        if name == "bare-netty":
            line += "   (answers every call 429: no throttle)"
        elif name in counts:
            first = FIRST_ACCOUNT + round_ * ROUND_STRIDE
            per_account = collections.Counter(n for account, n in counts[name].items() if first <= account < first + accounts)
            over = sum(k for n, k in per_account.items() if n > bound)
            missing = accounts - sum(per_account.values())
            verdict = f"{over} OVER" if over else (f"{missing} accounts missing from the metrics" if missing else "all within")
            line += (f"   admitted per account (its metrics): " + ", ".join(f"{k} got {n}" for n, k in sorted(per_account.items()))
                     + f"; bound burst + rate x t = {bound:.2f}: {verdict}")
        else:
            line += f"   admitted {run['admitted'] / accounts:.2f} per account against a bound of {bound:.2f}"
        print(line)

print("medians over the rounds")
for name in NAMES:
    rates = [by_name[name]["rps"] for by_name in runs.values() if name in by_name]
    if rates:
        p99s = [by_name[name]["p99"] for by_name in runs.values() if name in by_name]
        print(f"  {name:17s} 429s/s {statistics.median(rates):8.0f}   p99 {statistics.median(p99s):6.2f} ms")
for top, bottom in (("callgate", "nginx"), ("callgate-baseline", "nginx"), ("bare-netty", "nginx"), ("callgate", "bare-netty")):
    ratios = [by_name[top]["rps"] / by_name[bottom]["rps"] for by_name in runs.values() if top in by_name and bottom in by_name]
    if ratios:
        print(f"ratio {top}/{bottom}, throttled calls per second, same round: {spread(ratios)}")

#!/usr/bin/env python3
"""The calls bench's table, from what run.sh left in a results directory (runs.tsv and each run's sipp files).

Per run: offered and achieved call attempts/s (sipp's OutgoingCall over the seconds it was still sending),
admission decisions/s (final responses to INVITE, 200 or 503, from the first to the last), setup latency
p50/p99 (sipp's -trace_rtt: INVITE sent to its final response, every call), and the exact counts: sipp's
INVITEs, 200s and 503s, its failed calls, the server's own admitted/refused counters over the run, and
the calls still in progress once it is over; and the CPU time the server used per call attempt (Callgate's
JVM; Kamailio's processes plus its UAS), whatever else the machine was doing.
"""
import csv
import glob
import os
import sys


def last_row(path):
    with open(path) as f:
        rows = [r for r in csv.reader(f, delimiter=';') if r]
    return dict(zip(rows[0], rows[-1])), rows


def epoch(cell):  # CurrentTime is "date<TAB>time<TAB>epoch"
    return float(cell.split('\t')[-1])


def run(results, row):
    d = os.path.join(results, f"{row['system']}-{row['rate']}")
    counts, _ = last_row(glob.glob(os.path.join(d, '*_counts.csv'))[0])
    stat_last, stat_rows = last_row(glob.glob(os.path.join(d, '*_.csv'))[0])
    attempts = int(counts['0_INVITE_Sent'])
    refused = int(next(v for k, v in counts.items() if k.endswith('_503_Recv')))
    admitted = int(next(v for k, v in counts.items() if k.endswith('_200_Recv')))
    failed = int(stat_last['FailedCall(C)'])

    head = stat_rows[0]
    series = [(epoch(r[head.index('CurrentTime')]), int(r[head.index('OutgoingCall(C)')])) for r in stat_rows[1:]]
    start = epoch(stat_rows[1][head.index('StartTime')])
    sending = [p for p in series if p[1] < attempts]
    if len(sending) >= 2:
        achieved = (sending[-1][1] - sending[0][1]) / (sending[-1][0] - sending[0][0])
    else:
        done = next(t for t, c in series if c >= attempts)
        achieved = attempts / max(done - start, 1e-3)

    times, latencies = [], []
    for path in glob.glob(os.path.join(d, '*_rtt.csv')):  # none when no call got a final response
        with open(path) as f:
            for r in csv.reader(f, delimiter=';'):
                if r and r[0] != 'Date_ms':
                    times.append(float(r[0]))
                    latencies.append(float(r[1]))
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float('nan')
    decisions = (len(times) - 1) * 1000.0 / (max(times) - min(times)) if len(times) > 1 else float('nan')

    server_admitted = int(row['admitted_after']) - int(row['admitted_before'])
    server_refused = int(row['refused_after']) - int(row['refused_before'])
    exact = (admitted + refused == attempts and failed == 0 and server_admitted == admitted
             and server_refused == refused and row['in_progress_after'] == '0')
    return dict(system=row['system'], rate=int(row['rate']), hold=int(row['hold_ms']), load=row['load1'],
                achieved=achieved, decisions=decisions, p50=pct(0.50), p99=pct(0.99), attempts=attempts,
                admitted=admitted, refused=refused, failed=failed, server=f"{server_admitted}/{server_refused}",
                left=row['in_progress_after'], exact='yes' if exact else 'NO',
                cpu_us=int(row['cpu_ms']) * 1000.0 / attempts if attempts and row.get('cpu_ms') else float('nan'))


def main(results):
    with open(os.path.join(results, 'runs.tsv')) as f:
        runs = [run(results, r) for r in csv.DictReader(f, delimiter='\t')]
    print()
    print('| system | offered/s | hold ms | load1 | achieved attempts/s | decisions/s | setup p50 / p99 ms '
          '| INVITEs | 200 | 503 | failed | server admitted/refused | in progress after | exact | server CPU µs/attempt |')
    print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |')
    for r in runs:
        print(f"| {r['system']} | {r['rate']} | {r['hold']} | {r['load']} | {r['achieved']:.0f} | {r['decisions']:.0f} "
              f"| {r['p50']:.0f} / {r['p99']:.0f} | {r['attempts']} | {r['admitted']} | {r['refused']} | {r['failed']} "
              f"| {r['server']} | {r['left']} | {r['exact']} | {r['cpu_us']:.0f} |")
    by = {(r['system'], r['rate']): r for r in runs}
    rates = sorted({r['rate'] for r in runs})
    if any(s == 'kamailio' for s, _ in by) and any(s == 'callgate' for s, _ in by):
        print()
        print('| offered/s | Callgate decisions/s | Kamailio decisions/s | Callgate/Kamailio | setup p99 ms, Callgate / Kamailio '
              '| CPU µs/attempt, Callgate / Kamailio+UAS |')
        print('| ---: | ---: | ---: | ---: | ---: | ---: |')
        for rate in rates:
            c, k = by.get(('callgate', rate)), by.get(('kamailio', rate))
            if c and k:
                print(f"| {rate} | {c['decisions']:.0f} | {k['decisions']:.0f} | {c['decisions'] / k['decisions']:.2f}x "
                      f"| {c['p99']:.0f} / {k['p99']:.0f} | {c['cpu_us']:.0f} / {k['cpu_us']:.0f} |")


if __name__ == '__main__':
    main(sys.argv[1])

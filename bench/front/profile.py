#!/usr/bin/env python3
"""Turns a JFR recording's execution samples into a flame graph (SVG) and a top-frames table.

    profile.py RECORDING.jfr OUT_PREFIX [THREAD_PREFIX...]

Writes OUT_PREFIX.collapsed (one "frame;frame;... count" line per stack, the format flame graph tools
read), OUT_PREFIX.svg (a self-contained flame graph) and OUT_PREFIX-top.txt (frames by self and by total
share of the samples). Only threads whose name starts with a THREAD_PREFIX count (default: Callgate's
request threads, callgate-http and callgate-io). Needs `jfr` (in the JDK) and Python 3.
"""
import collections
import html
import re
import subprocess
import sys

recording, prefix = sys.argv[1], sys.argv[2]
threads = tuple(sys.argv[3:]) or ("callgate-http", "callgate-io")
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", recording],
                      check=True, capture_output=True, text=True).stdout

stacks = collections.Counter()
for event in text.split("jdk.ExecutionSample {")[1:]:
    thread = re.search(r'sampledThread = "([^"]*)"', event)
    if not thread or not thread.group(1).startswith(threads):
        continue
    frames = [re.sub(r"\s+line:.*$", "", line.strip()) for line in event.split("stackTrace = [", 1)[1].split("]\n", 1)[0].splitlines()]
    frames = [re.sub(r"\(.*\)$", "", f) for f in frames if f and f != "..."]
    stacks[";".join(reversed(frames))] += 1

total = sum(stacks.values())
with open(prefix + ".collapsed", "w") as out:
    for stack, n in stacks.most_common():
        out.write(f"{stack} {n}\n")

self_count, total_count = collections.Counter(), collections.Counter()
for stack, n in stacks.items():
    frames = stack.split(";")
    self_count[frames[-1]] += n
    for frame in set(frames):
        total_count[frame] += n
with open(prefix + "-top.txt", "w") as out:
    out.write(f"{total} samples on threads {', '.join(threads)}\n\nself%   frame (where the samples were)\n")
    for frame, n in self_count.most_common(30):
        out.write(f"{100 * n / total:5.1f}  {frame}\n")
    out.write("\ntotal%  frame (samples with it on the stack), Callgate's and the libraries' it calls\n")
    for frame, n in total_count.most_common(400):
        if frame.startswith(("dev.callgate", "software.amazon", "org.h2", "com.zaxxer", "com.fasterxml", "io.netty.handler")):
            out.write(f"{100 * n / total:5.1f}  {frame}\n")

# A flame graph: one box per frame, its width the share of samples, callers below callees.
tree = {}
for stack, n in stacks.items():
    node = tree
    for frame in stack.split(";"):
        child = node.setdefault(frame, {"n": 0, "c": {}})
        child["n"] += n
        node = child["c"]
width, row = 1600.0, 16
boxes, depth_max = [], [0]
def place(children, x, depth):
    for frame, child in sorted(children.items()):
        w = width * child["n"] / total
        if w >= 0.3:
            boxes.append((x, depth, w, frame, child["n"]))
            depth_max[0] = max(depth_max[0], depth)
            place(child["c"], x, depth + 1)
        x += w
place(tree, 0.0, 0)
height = (depth_max[0] + 2) * row
with open(prefix + ".svg", "w") as out:
    out.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(width)}" height="{height + 20}" font-family="monospace" font-size="11">\n')
    out.write(f'<text x="4" y="14">{html.escape(recording.split("/")[-1])}: {total} samples, hover a box for its frame and share</text>\n')
    for x, depth, w, frame, n in boxes:
        y = height - depth * row
        hue = 20 + (hash(frame.split(".")[0]) % 40)
        label = html.escape(frame.split(".")[-2] + "." + frame.split(".")[-1] if "." in frame else frame)
        out.write(f'<g><title>{html.escape(frame)} ({n} samples, {100 * n / total:.1f}%)</title>'
                  f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 1}" fill="hsl({hue},80%,60%)"/>')
        if w > 40:
            out.write(f'<text x="{x + 2:.1f}" y="{y + 11}">{label[: int(w / 7)]}</text>')
        out.write("</g>\n")
    out.write("</svg>\n")
print(f"{total} samples -> {prefix}.svg, {prefix}.collapsed, {prefix}-top.txt")

#!/usr/bin/env python3
"""Generates the member tables Callgate checks requests against, from botocore's service models.

The AWS SDK for Java carries neither required members nor constraints at run time, so the server reads
them from two generated, committed tables per service (under src/main/resources/dev/callgate/):

  *required-members.properties   Shape=Member,Member      members the model marks required
  *constraints.properties        Shape.Member=rule;rule   length, range, pattern and enum of each member
                                 Shape.Member.member / .key / .value for list elements and map entries

Every shape reachable from every operation's input is listed, so an operation Callgate adds later is
covered without regenerating. An input shape is keyed by the Java SDK's class name (<Operation>Request);
the server compares shape names without case (GetAWSDefault... is GetAwsDefault... in Java).

Usage: python3 tools/generate-constraints.py   (needs botocore: pip install botocore)
"""
import gzip
import json
import re
import os

import botocore

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "dev", "callgate")
SERVICES = [
    # (botocore model, required-members table, constraints table)
    ("connect/2017-08-08", "aws/connect-required-members.properties", "aws/connect-constraints.properties"),
    ("service-quotas/2019-06-24", "servicequotas/required-members.properties", "servicequotas/constraints.properties"),
]


def load(model):
    path = os.path.join(os.path.dirname(botocore.__file__), "data", model, "service-2.json")
    opener = (lambda: gzip.open(path + ".gz", "rt")) if not os.path.exists(path) else (lambda: open(path))
    with opener() as f:
        return json.load(f)


def escape(text):
    """Java Properties escaping: backslashes, and anything outside printable ASCII as \\uXXXX."""
    out = []
    for ch in text.replace("\\", "\\\\"):
        if ch in "\n\r\t\f" or not (0x20 <= ord(ch) < 0x7F):
            out.extend("\\u%04x" % unit for unit in utf16_units(ch))
        else:
            out.append(ch)
    return "".join(out)


def utf16_units(ch):
    encoded = ch.encode("utf-16-be")
    return [int.from_bytes(encoded[i:i + 2], "big") for i in range(0, len(encoded), 2)]


def rules(shape, opaque):
    """The rules of one shape, as 'kind=value' strings. An opaque member (a page token, which Callgate
    issues in its own authenticated form) keeps its length but not the model's pattern."""
    out = []
    kind = shape["type"]
    if "min" in shape or "max" in shape:
        name = {"string": "length", "blob": "length", "list": "size", "map": "size"}.get(kind, "range")
        out.append("%s=%s..%s" % (name, fmt(shape.get("min", "")), fmt(shape.get("max", ""))))
    if "enum" in shape:
        out.append("enum=" + "|".join(shape["enum"]))
    if "pattern" in shape and not opaque:
        out.append("pattern=" + java_regex(shape["pattern"]))
    return out


def java_regex(pattern):
    """A few models write a pattern as /regex/, or escape its escapes twice (\\\\d for \\d): both as AWS reads them."""
    if len(pattern) > 1 and pattern.startswith("/") and pattern.endswith("/"):
        pattern = pattern[1:-1]
    return re.sub(r"\\\\(?=[^\\])", r"\\", pattern)


def fmt(bound):
    return str(int(bound)) if isinstance(bound, (int, float)) and float(bound).is_integer() else str(bound)


def tables(model):
    shapes = model["shapes"]
    required, constraints, seen = {}, {}, set()

    def member_rules(key, target):
        shape = shapes[target]
        found = rules(shape, key.lower().endswith(".nexttoken"))
        if found:
            constraints[key] = ";".join(found)
        if shape["type"] == "list":
            member_rules(key + ".member", shape["member"]["shape"])
            visit(shape["member"]["shape"], None)
        elif shape["type"] == "map":
            member_rules(key + ".key", shape["key"]["shape"])
            member_rules(key + ".value", shape["value"]["shape"])
            visit(shape["value"]["shape"], None)
        elif shape["type"] == "structure":
            visit(target, None)

    def visit(name, java_name):
        shape = shapes[name]
        if shape["type"] != "structure" or (name, java_name) in seen:
            return
        seen.add((name, java_name))
        key = java_name or name
        if shape.get("required"):
            required[key] = ",".join(wire_name(shape, m) for m in shape["required"])
        for member, ref in shape.get("members", {}).items():
            member_rules(key + "." + wire_name(shape, member), ref["shape"])

    for operation in model["operations"].values():
        if "input" in operation:
            visit(operation["input"]["shape"], operation["name"] + "Request")
    return required, constraints


def wire_name(shape, member):
    """The member's name where the codec finds it: the JSON key, query parameter, header or path label."""
    return shape["members"][member].get("locationName", member)


def write(path, header, rows):
    with open(os.path.join(ROOT, path), "w", encoding="ascii") as f:
        f.write(header)
        for key in sorted(rows):
            f.write("%s=%s\n" % (key, escape(rows[key])))


def main():
    for model_name, required_path, constraints_path in SERVICES:
        model = load(model_name)
        required, constraints = tables(model)
        source = "# Generated by tools/generate-constraints.py from botocore %s %s: do not edit.\n" % (botocore.__version__, model_name)
        write(required_path, source + "# Shape=the wire names of the members the model marks required (the Java SDK checks none).\n", required)
        write(constraints_path, source + "# Shape.Member=rules of length, size, range, enum and pattern; .member, .key and .value for elements.\n",
              constraints)


if __name__ == "__main__":
    main()

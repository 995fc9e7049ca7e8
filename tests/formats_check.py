#!/usr/bin/env python3
"""Reads one connlint run's output in every format and checks that each is
well formed (JSON, JSON lines, XML, SARIF against the official schema) and
that all of them carry the same diagnostics as the json format: file, line,
column, rule, severity and message.

usage: tests/formats_check.py DIR
    DIR holds one file per format, named after it (gcc, pretty, json, ...),
    from runs over the same files in the same order.

Prints one line per failed check, then "N passed, N failed".  The SARIF
schema check needs the jsonschema module; without it, it is skipped with a
note (a failure when REQUIRE_TEST_TOOLS=1).
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

SCHEMA = os.path.join(os.path.dirname(__file__), "conformance",
                      "sarif-schema-2.1.0.json")
passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)


def read(d, fmt):
    with open(os.path.join(d, fmt), "rb") as f:
        return f.read().decode("utf-8")


def char_column(path, line, col):
    """A byte column as a code point column, as SARIF counts it."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = re.split(rb"\r\n|\r|\n", data)
    text = lines[line - 1] if line - 1 < len(lines) else b""
    return len(text[:col - 1].decode("utf-8", errors="replace")) + 1


def main():
    d = sys.argv[1]
    out = {}
    for fmt in ("gcc", "pretty", "json", "jsonl", "sarif", "github",
                "checkstyle", "junit"):
        out[fmt] = read(d, fmt)
        if fmt != "pretty":
            check("\x1b" not in out[fmt], fmt + ": has an ANSI escape")

    doc = json.loads(out["json"])
    want = [(x["file"], x["line"], x["column"], x["ruleId"], x["severity"],
             x["message"]) for x in doc["diagnostics"]]
    check(len(want) > 0, "json: no diagnostics to compare")
    notes = [(x["file"], n["line"], n["column"], n["message"])
             for x in doc["diagnostics"] for n in x.get("notes", [])]

    # jsonl: json's diagnostics, one a line, the same objects.
    lines = [json.loads(l) for l in out["jsonl"].splitlines()]
    check(lines == doc["diagnostics"], "jsonl: differs from json's list")

    # gcc and pretty: the heading lines.
    gcc_re = re.compile(r"^(.*?):(\d+):(\d+): (error|warning|note): (.*?)"
                        r"(?: \[([a-z0-9-]+)\])?$")
    for fmt in ("gcc", "pretty"):
        got, got_notes = [], []
        for l in out[fmt].splitlines():
            m = gcc_re.match(l)
            if not m:
                continue
            f, ln, col, sev, msg, rule = m.groups()
            if rule is None:
                got_notes.append((f, int(ln), int(col), msg))
            else:
                got.append((f, int(ln), int(col), rule, sev, msg))
        check(got == want, fmt + ": diagnostics differ from json's:\n  %r\n  %r"
              % (got, want))
        check(got_notes == notes, fmt + ": notes differ from json's")
    check(re.search(r"^\d+ errors?, \d+ warnings? in \d+ files?$",
                    out["pretty"], re.M) is not None,
          "pretty: no closing count line")

    # github: workflow commands, unescaped.
    def unescape(s, prop):
        if prop:
            s = s.replace("%2C", ",").replace("%3A", ":")
        return s.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    sev_of = {"error": "error", "warning": "warning", "notice": "note"}
    got = []
    for l in out["github"].splitlines():
        m = re.match(r"^::(error|warning|notice) (.*?)::(.*)$", l)
        check(m is not None, "github: not a workflow command: " + l)
        if not m:
            continue
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        check(list(props) == ["file", "line", "col", "endLine", "endColumn",
                              "title"], "github: properties " + l)
        msg = unescape(m.group(3), False).split("\nnote: ")[0]
        got.append((unescape(props["file"], True), int(props["line"]),
                    int(props["col"]), unescape(props["title"], True),
                    sev_of[m.group(1)], msg))
    check(got == want, "github: diagnostics differ from json's")

    # checkstyle and junit: well-formed XML with the same findings.
    cs_sev = {"error": "error", "warning": "warning", "info": "note"}
    try:
        root = ET.fromstring(out["checkstyle"].encode("utf-8"))
        got = [(f.get("name"), int(e.get("line")), int(e.get("column")),
                e.get("source").split(".", 1)[1], cs_sev[e.get("severity")],
                e.get("message").split("\nnote: ")[0])
               for f in root.iter("file") for e in f.iter("error")]
        check(root.tag == "checkstyle", "checkstyle: root element")
        check(got == want, "checkstyle: diagnostics differ from json's")
        check(len(root.findall("file")) == doc["summary"]["files"],
              "checkstyle: not one <file> per linted file")
    except ET.ParseError as e:
        check(False, "checkstyle: not XML: %s" % e)
    try:
        root = ET.fromstring(out["junit"].encode("utf-8"))
        cases = root.findall("./testsuite/testcase")
        got = []
        for c in cases:
            for fl in c.findall("failure"):
                m = gcc_re.match(fl.text.split("\n")[0])
                f, ln, col, sev, msg, rule = m.groups()
                check(fl.get("type") == sev, "junit: failure type")
                check(fl.get("message") == "%s [%s]" % (msg, rule),
                      "junit: failure message")
                got.append((f, int(ln), int(col), rule, sev, msg))
        check(got == want, "junit: diagnostics differ from json's")
        check(len(cases) == doc["summary"]["files"],
              "junit: not one test case per file")
        check(root.get("tests") == str(len(cases)) and
              root.get("failures") == str(
                  len([c for c in cases if c.find("failure") is not None])),
              "junit: counts")
    except ET.ParseError as e:
        check(False, "junit: not XML: %s" % e)

    # sarif: the same results, columns in code points, and the schema.
    sarif = json.loads(out["sarif"])
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    check(run.get("columnKind") == "unicodeCodePoints", "sarif: columnKind")
    got = []
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        check(rules[r["ruleIndex"]]["id"] == r["ruleId"], "sarif: ruleIndex")
        got.append((uri, loc["region"]["startLine"],
                    loc["region"]["startColumn"], r["ruleId"], r["level"],
                    r["message"]["text"]))
    want_chars = [(f, ln, char_column(f, ln, col), rule, sev, msg)
                  for (f, ln, col, rule, sev, msg) in want]
    check(got == want_chars, "sarif: results differ from json's:\n  %r\n  %r"
          % (got, want_chars))
    for r in rules:
        for k in ("id", "name", "shortDescription", "fullDescription",
                  "defaultConfiguration", "help"):
            check(k in r, "sarif: rule %s has no %s" % (r.get("id"), k))
    try:
        import jsonschema
    except ImportError:
        if os.environ.get("REQUIRE_TEST_TOOLS") == "1":
            check(False, "sarif-schema: no jsonschema module")
        else:
            print("note: sarif-schema skipped: no jsonschema module "
                  "(apt-get install python3-jsonschema)")
            check(True, "")
        jsonschema = None
    if jsonschema is not None:
        with open(SCHEMA) as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        errors = list(cls(schema, format_checker=jsonschema.FormatChecker())
                      .iter_errors(sarif))
        check(not errors, "sarif-schema: %s" % "; ".join(
            "%s at %s" % (e.message, "/".join(map(str, e.absolute_path)))
            for e in errors[:5]))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/bin/sh
# Checks the JSON Schemas of schemas/ against what connlint does:
#
# - connlint loads every example config (examples/*.connlint.json and each
#   examples/**/.connlint.json) without an error;
# - each schema is a valid draft-07 schema;
# - every rule file (rules/*.json, examples/**/rules/*.json) validates
#   against rule.schema.json, every example config against
#   config.schema.json, and every clean connection file (fixtures/**/clean-*
#   .json, a fixture whose .gcc is empty or absent, examples/**/
#   connection.json, each rule's good example) against
#   connection.schema.json;
# - known-bad inputs do not validate, and connlint rejects them too: rule
#   files and configs with each kind of mistake, the fixtures connlint finds
#   contract errors in, and the bad examples of the contract rules.
#
# The schema checks need python3 and its jsonschema module (Debian:
# python3-jsonschema); without them they are counted as skipped.
#
# usage: tests/schemas.sh path/to/connlint   (from the repository root)
set -u

bin=${1:?usage: tests/schemas.sh path/to/connlint}
case $bin in
*/*) ;;
*) bin=./$bin ;;
esac
passed=0
failed=0
skipped=0

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$*"
}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# --- connlint loads every example config ------------------------------------
configs=$(find examples -name '*.connlint.json' -o -name .connlint.json |
    LC_ALL=C sort)
if [ -n "$configs" ]; then
	pass
else
	fail "example-configs-exist: no examples/*.connlint.json"
fi
for f in $configs; do
	if "$bin" --config "$f" --list-rules >"$tmp/out" 2>"$tmp/err" &&
	    [ ! -s "$tmp/err" ]; then
		pass
	else
		fail "config-loads: connlint --config $f --list-rules:"
		sed 's/^/    /' "$tmp/err"
	fi
done

# --- the schemas ------------------------------------------------------------
if ! command -v python3 >/dev/null 2>&1 ||
    ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
	echo "note: python3 with the jsonschema module not found" \
	    "(Debian: apt-get install python3-jsonschema); schema checks skipped"
	skipped=1
else
	python3 - "$bin" "$tmp" >"$tmp/py.out" 2>&1 <<'EOF'
import glob
import json
import os
import subprocess
import sys

import jsonschema

connlint, tmp = sys.argv[1], sys.argv[2]


def report(ok, name, why=""):
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))


def strict_load(text):
    """JSON as connlint reads it: no NaN, no repeated key."""
    def pairs(items):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate key")
        return dict(items)

    def constant(name):
        raise ValueError(name)

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)


def load(path):
    with open(path, "rb") as f:
        return strict_load(f.read().decode("utf-8"))


schemas = {}
for name in ("rule", "config", "connection"):
    path = "schemas/%s.schema.json" % name
    try:
        schema = load(path)
        jsonschema.Draft7Validator.check_schema(schema)
        schemas[name] = jsonschema.Draft7Validator(schema)
        report(True, path)
    except Exception as e:  # a broken schema fails every check below
        report(False, "schema-valid: " + path, str(e).splitlines()[0])
        sys.exit(0)


def first_error(kind, doc):
    err = jsonschema.exceptions.best_match(schemas[kind].iter_errors(doc))
    if err is None:
        return None
    where = "/".join(str(p) for p in err.absolute_path)
    return "at /%s: %s" % (where, err.message[:200])


def expect_valid(kind, name, doc):
    err = first_error(kind, doc)
    report(err is None, "valid against %s.schema.json: %s" % (kind, name),
           err or "")


def expect_invalid(kind, name, doc):
    report(first_error(kind, doc) is not None,
           "not valid against %s.schema.json: %s" % (kind, name),
           "the schema accepts it")


def run(*args, stdin=None):
    return subprocess.run((connlint,) + args, input=stdin,
                          capture_output=True)


def rules_of(path):
    """--list-rules of a config: {id: (severity, [tags])}."""
    out = run("--config", path, "--list-rules").stdout.decode()
    rules = {}
    for line in out.splitlines():
        words = line.split()
        rules[words[0]] = (words[1], words[2].split(","))
    return rules


# Rule files.
rule_files = sorted(glob.glob("rules/*.json"))
rule_files += sorted(glob.glob("examples/**/rules/*.json", recursive=True))
for path in rule_files:
    expect_valid("rule", path, load(path))

# Example configs.
configs = sorted(glob.glob("examples/**/*.connlint.json", recursive=True) +
                 glob.glob("examples/**/.connlint.json", recursive=True))
for path in configs:
    expect_valid("config", path, load(path))

# Clean connection files.
clean = set(glob.glob("fixtures/**/clean-*.json", recursive=True))
clean.add("fixtures/demo/acme-apikey/connection.json")
clean |= set(glob.glob("examples/**/connection.json", recursive=True))
for path in glob.glob("fixtures/**/*.json", recursive=True):
    gcc = path[:-len(".json")] + ".gcc"
    if not os.path.exists(gcc) or os.path.getsize(gcc) == 0:
        clean.add(path)
for path in sorted(clean):
    expect_valid("connection", path, load(path))

# Fixtures with errors of the contract rules: the schema must see them too.
empty = os.path.join(tmp, "empty.connlint.json")
with open(empty, "w") as f:
    f.write("{}\n")
builtin = rules_of(empty)
contract = {r for r, (sev, tags) in builtin.items()
            if sev == "error" and "contract" in tags}
report(bool(contract), "contract-rules-listed",
       "connlint --list-rules lists no error rule tagged contract")
for path in sorted(glob.glob("fixtures/**/*.json", recursive=True)):
    gcc = path[:-len(".json")] + ".gcc"
    if not os.path.exists(gcc):
        continue
    with open(gcc) as f:
        found = {line.rsplit("[", 1)[-1].rstrip("]\n")
                 for line in f if ": error: " in line}
    if not found & contract or "json-syntax" in found:
        continue
    try:
        doc = load(path)
    except ValueError:
        continue  # a repeated key or a BOM: no JSON Schema can see that
    expect_invalid("connection", "%s (%s)" % (path,
                   ", ".join(sorted(found & contract))), doc)

# Each rule's examples: every good one is a clean connection file, and the
# bad one of a contract rule is not.
for path in rule_files:
    rule = load(path)
    for which in ("good", "bad"):
        doc = rule.get("examples", {}).get(which)
        if doc is None:
            continue
        if isinstance(doc, str):
            try:
                doc = strict_load(doc)
            except ValueError:
                continue  # its point is that it is not JSON
        name = "%s example of %s" % (which, rule["id"])
        if which == "good":
            expect_valid("connection", name, doc)
        elif rule["id"] in contract:
            expect_invalid("connection", name, doc)

# Known-bad rule files and configs: the schema and connlint both refuse
# each one.
RULE = {
    "id": "team-rule", "severity": "warning", "summary": "s",
    "description": "d", "given": "$fields",
    "then": {"function": "defined", "field": "description"},
    "message": "property \"{key}\" has no description",
}


def rule_with(**changes):
    r = dict(RULE)
    for k, v in changes.items():
        if v is None:
            r.pop(k, None)
        else:
            r[k] = v
    return r


bad_rules = {
    "unknown key": rule_with(extra=1),
    "id not kebab-case": rule_with(id="Team_Rule"),
    "id with a trailing dash": rule_with(id="team-"),
    "unknown severity": rule_with(severity="fatal"),
    "no summary": rule_with(summary=None),
    "no then": rule_with(then=None),
    "empty then": rule_with(then=[]),
    "no given": rule_with(given=None),
    "no message": rule_with(message=None),
    "selector without a root": rule_with(given="form.properties"),
    "selector with a bad step": rule_with(given="$form/properties"),
    "unterminated quoted name": rule_with(given="$form['a]"),
    "unknown function": rule_with(then={"function": "exists"}),
    "unknown placeholder": rule_with(message="no {name}"),
    "type without types": rule_with(then={"function": "type"}),
    "unknown type name": rule_with(then={"function": "type",
                                         "types": ["text"]}),
    "enum with no values": rule_with(then={"function": "enum",
                                           "values": []}),
    "pattern without match": rule_with(then={"function": "pattern"}),
    "option of another function": rule_with(then={"function": "defined",
                                                  "match": "x"}),
    "negative min": rule_with(then={"function": "length", "min": -1}),
    "tag not kebab-case": rule_with(tags=["Team Style"]),
    "unknown examples key": rule_with(examples={"ugly": {}}),
    "core function with given": rule_with(then={"function": "syntax"}),
    "core function with field": rule_with(
        given=None, message=None,
        then={"function": "bom", "field": "x"}),
    "when not an array": rule_with(when={"field": "@key", "match": "x"}),
    "empty when": rule_with(when=[]),
    "condition that tests nothing": rule_with(when=[{"field": "title"}]),
    "condition with a check's option": rule_with(
        unless=[{"field": "type", "types": ["string"]}]),
    "condition with an empty field": rule_with(
        when=[{"field": "", "values": [1]}]),
    "condition pattern not a string": rule_with(
        when=[{"field": "title", "match": 1}]),
    "core function with when": rule_with(
        given=None, message=None, then={"function": "bom"},
        when=[{"field": "@key", "match": "x"}]),
    "not-credential with match": rule_with(
        then={"function": "not-credential", "match": "x"}),
}
rule_dir = os.path.join(tmp, "rule")
os.mkdir(rule_dir)
for what, doc in bad_rules.items():
    expect_invalid("rule", what, doc)
    path = os.path.join(rule_dir, "rule.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    r = run("--no-config", "--rules", path, "--list-rules")
    report(r.returncode == 2, "connlint refuses the rule too: " + what,
           "exit status %d" % r.returncode)
expect_valid("rule", "the rule the bad ones start from", RULE)
expect_valid("rule", "a rule with when and unless", rule_with(
    when=[{"field": "@key", "match": "(?i)key$"}, {"values": [1, "a"]}],
    unless=[{"field": "type", "notMatch": "^string$"}]))

bad_configs = {
    "unknown key": {"rulez": {}},
    "severity misspelt": {"rules": {"form-title": "warn"}},
    "rule id not kebab-case": {"rules": {"Form_Title": "error"}},
    "unknown option": {"rules": {"form-type": {"options": {"value": []}}}},
    "json-syntax lowered": {"rules": {"json-syntax": "warning"}},
    "json-syntax off": {"rules": {"json-syntax": {"severity": "off"}}},
    "select not an array": {"select": "all"},
    "ignore with a number": {"ignore": [1]},
    "ruleFiles not an array": {"ruleFiles": "rules/"},
    "absolute glob": {"exclude": ["/vendor"]},
    "'**' inside a component": {"exclude": ["vendor**"]},
    "unclosed class": {"exclude": ["[ab"]},
    "override without files": {"overrides": [{"rules": {}}]},
    "override with options": {"overrides": [{"files": ["a"], "rules": {
        "form-type": {"options": {"values": ["object"]}}}}]},
    "override with an unknown key": {"overrides": [{"files": ["a"],
                                                    "exclude": ["b"]}]},
    "pointer without '/'": {"overrides": [{"files": ["a#properties"]}]},
}
config_dir = os.path.join(tmp, "config")
os.mkdir(config_dir)
for what, doc in bad_configs.items():
    expect_invalid("config", what, doc)
    path = os.path.join(config_dir, "bad.connlint.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    r = run("--config", path, "--list-rules")
    report(r.returncode == 2, "connlint refuses the config too: " + what,
           "exit status %d" % r.returncode)
EOF
	status=$?
	# Failures, and whatever else python3 said: not the passes.
	grep -v '^PASS ' "$tmp/py.out"
	p=$(grep -c '^PASS ' "$tmp/py.out")
	f=$(grep -c '^FAIL ' "$tmp/py.out")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$status" -ne 0 ] || [ "$p" -eq 0 ]; then
		fail "schema-checks-ran: python3 exited with $status"
	fi
fi

[ "$skipped" -eq 0 ] ||
    echo "schemas: the schema checks were skipped, not passed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# Threads: -j 4 on a few hundred files with findings, a custom rule with a
# pattern and one with values, must print what -j 1 prints.  Run with a
# ThreadSanitizer build (.ci/run does), it must also report no race.
#
# usage: tests/threads.sh CONNLINT
set -u
connlint=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

cat >"$tmp/rule.json" <<'JSON'
{
  "id": "field-name-lower",
  "severity": "warning",
  "summary": "field names are lower-case",
  "description": "A team's rule, here to run a pattern on threads.",
  "given": "$form.properties",
  "then": { "function": "pattern", "field": "@key", "match": "^[a-z_]+$" },
  "message": "property \"{key}\" is not lower-case"
}
JSON
cat >"$tmp/rule2.json" <<'JSON'
{
  "id": "format-table",
  "severity": "note",
  "summary": "the format is table",
  "description": "A team's rule, here to run an enum on threads.",
  "given": "$form",
  "then": { "function": "enum", "field": "format", "values": ["grid", "tabs"] },
  "message": "\"format\" is {value}; expected {expected}"
}
JSON
i=0
for f in fixtures/contract/*.json; do
	j=0
	while [ $j -lt 12 ]; do
		mkdir -p "$tmp/tree/$i-$j"
		cp "$f" "$tmp/tree/$i-$j/connection.json"
		j=$((j + 1))
	done
	i=$((i + 1))
done
"$connlint" --no-config --rules "$tmp/rule.json" --rules "$tmp/rule2.json" \
    -j 1 "$tmp/tree" >"$tmp/one" 2>"$tmp/one.err"
"$connlint" --no-config --rules "$tmp/rule.json" --rules "$tmp/rule2.json" \
    -j 4 "$tmp/tree" >"$tmp/four" 2>"$tmp/four.err"
if cmp -s "$tmp/one" "$tmp/four" && [ -s "$tmp/one" ]; then
	passed=$((passed + 1))
else
	echo "FAIL -j 4 prints other bytes than -j 1"
	failed=$((failed + 1))
fi
if grep -q "ThreadSanitizer\|AddressSanitizer\|runtime error" \
    "$tmp/one.err" "$tmp/four.err"; then
	echo "FAIL a sanitizer reported a problem:"
	cat "$tmp/four.err"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
echo "threads: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

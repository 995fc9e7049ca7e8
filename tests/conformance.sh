#!/bin/sh
# JSONTestSuite (tests/conformance/JSONTestSuite, MIT licence): every file
# of test_parsing is linted alone.
#   y_*  valid JSON: no json-syntax finding, exit 0 or 1 (contract findings)
#   n_*  not JSON: exactly one json-syntax finding, exit 1, and its place is
#        the one recorded in tests/conformance/n_positions.expected
#   i_*  either way, but exit 0 or 1 within 10 seconds: never a crash
# test_transform files have their whole output recorded in
# tests/conformance/transform.expected: each is a deliberate behaviour.
#
# usage: tests/conformance.sh CONNLINT     UPDATE=1 rewrites the .expected
set -u
connlint=$1
suite=tests/conformance/JSONTestSuite
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

for f in "$suite"/test_parsing/*.json; do
	name=$(basename "$f")
	timeout 10 "$connlint" "$f" >"$tmp/out" 2>&1
	status=$?
	syntax=$(grep -c '\[json-syntax\]$' "$tmp/out")
	case $name in
	y_*)
		if [ "$syntax" -ne 0 ] || [ "$status" -gt 1 ]; then
			fail "$name" "valid JSON rejected (exit $status)"
			cat "$tmp/out"
			continue
		fi ;;
	n_*)
		if [ "$syntax" -ne 1 ] || [ "$status" -ne 1 ]; then
			fail "$name" "invalid JSON not rejected (exit $status)"
			cat "$tmp/out"
			continue
		fi
		sed -n "s|^$f:\(.*\) \[json-syntax\]\$|$name:\1|p" "$tmp/out" \
			>>"$tmp/positions" ;;
	i_*)
		if [ "$status" -gt 1 ]; then
			fail "$name" "exit $status"
			cat "$tmp/out"
			continue
		fi ;;
	esac
	passed=$((passed + 1))
done

# compare NAME EXPECTED ACTUAL
compare() {
	[ "${UPDATE:-}" = 1 ] && cp "$3" "$2"
	if cmp -s "$2" "$3"; then
		passed=$((passed + 1))
	else
		fail "$1" "differs from $2"
		diff "$2" "$3"
	fi
}

compare "n_ positions" tests/conformance/n_positions.expected "$tmp/positions"
for f in "$suite"/test_transform/*.json; do
	echo "== $(basename "$f")"
	timeout 10 "$connlint" "$f" 2>&1 | sed "s|^$suite/||"
done >"$tmp/transform"
compare "test_transform" tests/conformance/transform.expected "$tmp/transform"
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

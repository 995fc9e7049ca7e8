#!/bin/sh
# Golden tests: every fixtures/**/NAME.json is linted alone, and the output
# must be exactly NAME.gcc beside it (an empty NAME.gcc: no output; a
# missing one is a failure, so that no fixture goes unchecked).  Where NAME.expected-json exists, the --format=json output must
# be exactly that too.  The exit status must be 1 when the expected output
# holds an error, else 0.
#
# usage: tests/golden.sh CONNLINT      UPDATE=1 rewrites the expected files
set -u
connlint=$1
passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# check NAME EXPECTED-FILE STATUS: compares $out with the expected file.
check() {
	[ "${UPDATE:-}" = 1 ] && cp "$out" "$2"
	want=1
	if [ ! -f "$2" ] || ! grep -q ': error: \|"severity": "error"' "$2"; then
		want=0
	fi
	if [ ! -f "$2" ]; then
		echo "FAIL $1: no $2 (UPDATE=1 writes it; review it)"
		failed=$((failed + 1))
		return
	fi
	if cmp -s "$out" "$2"; then
		if [ "$3" -eq "$want" ]; then
			passed=$((passed + 1))
			return
		fi
		echo "FAIL $1: exit status $3, expected $want"
	else
		echo "FAIL $1: output differs from $2:"
		diff "$2" "$out"
	fi
	failed=$((failed + 1))
}

for f in $(find fixtures -name '*.json' | LC_ALL=C sort); do
	base=${f%.json}
	"$connlint" "$f" >"$out" 2>&1
	check "$f" "$base.gcc" $?
	if [ -f "$base.expected-json" ] || [ "${UPDATE:-}" = json ]; then
		"$connlint" --format=json "$f" >"$out" 2>&1
		status=$?
		[ "${UPDATE:-}" = json ] && cp "$out" "$base.expected-json"
		check "$f (json)" "$base.expected-json" $status
	fi
done
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

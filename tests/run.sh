#!/bin/sh
# Runs every test of connlint: the cmocka unit binaries, then the golden,
# CLI and conformance scripts.  Each prints its own results; this adds them
# up and ends with one line: "check: N passed, N failed".
#
# usage: tests/run.sh BUILD_DIR
set -u
build=${1:-build}
passed=0
failed=0
broken=""

# Adds the counts from a test's output to the totals.
count() {
	name=$1 log=$2 status=$3
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^\([a-z_-]*: \)\{0,1\}\([0-9][0-9]*\) passed, [0-9]* failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^\([a-z_-]*: \)\{0,1\}[0-9][0-9]* passed, \([0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# it died before it could say
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -eq 0 ] || broken="$broken $name"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$build"/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	status=$?
	cat "$log"
	count "$(basename "$t")" "$log" "$status"
done
for s in tests/golden.sh tests/formats.sh tests/cli.sh tests/config.sh \
    tests/baseline.sh tests/editors.sh tests/precommit.sh tests/conformance.sh \
    tests/scale.sh tests/man.sh tests/rules-man.sh tests/schemas.sh \
    tests/examples.sh tests/bench.sh tests/threads.sh tests/hostile.sh; do
	[ -f "$s" ] || continue
	sh "$s" "$build/connlint" >"$log" 2>&1
	status=$?
	cat "$log"
	count "$(basename "$s")" "$log" "$status"
done
echo
[ -z "$broken" ] || echo "failing:$broken"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# Runs every unit test binary, and connlint in the golden, format, CLI,
# config and baseline tests, under valgrind's memcheck: any memory error
# or any leak (definite, indirect or possible) fails.  Memory that is
# still reachable at exit is not a leak (json-c and PCRE2 keep some).
#
# connlint runs through a wrapper that starts it under valgrind, so the
# test scripts run unchanged; each process writes its own log.  A test
# that fails under valgrind (an error makes connlint exit 99) counts, and
# so does every log that reports an error or a leak.
#
# usage: tests/leakcheck.sh BUILD_DIR     (make leakcheck; not with SANITIZE)
set -u
build=${1:-build}
case $build in
/*) ;;
*) build=$PWD/$build ;;
esac
passed=0
failed=0

if ! command -v valgrind >/dev/null 2>&1; then
	echo "leakcheck: valgrind is not installed (apt-get install valgrind)"
	exit 2
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
mkdir "$tmp/logs" "$tmp/bin"

# tests/valgrind.supp: only PCRE2's JIT code, which memcheck cannot follow
vg="valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 --suppressions=$PWD/tests/valgrind.supp"

# Under "ulimit -f 0" (a cli.sh case about failed writes) valgrind could
# not write its log: that one run is native.
cat >"$tmp/bin/connlint" <<EOF
#!/bin/sh
[ "\$(ulimit -f)" = 0 ] && exec "$build/connlint" "\$@"
exec $vg --log-file=$tmp/logs/connlint.%p.log "$build/connlint" "\$@"
EOF
chmod +x "$tmp/bin/connlint"

# log_bad LOG: does a valgrind log report an error or a leak?
log_bad() {
	[ -s "$1" ] && grep -q 'ERROR SUMMARY: [1-9]\|definitely lost: [1-9]\|indirectly lost: [1-9]\|possibly lost: [1-9]\|Invalid \|uninitialised\|Mismatched' "$1"
}

for t in "$build"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	# shellcheck disable=SC2086
	$vg --log-file="$tmp/logs/$name.log" "$t" >"$tmp/out" 2>&1
	status=$?
	if [ "$status" -eq 0 ] && ! log_bad "$tmp/logs/$name.log"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name: exit $status"
		cat "$tmp/logs/$name.log"
		tail -5 "$tmp/out"
	fi
done

for s in tests/golden.sh tests/formats.sh tests/cli.sh tests/config.sh \
    tests/baseline.sh; do
	name=$(basename "$s")
	rm -f "$tmp/logs"/connlint.*.log
	SANITIZE=valgrind sh "$s" "$tmp/bin/connlint" >"$tmp/out" 2>&1
	status=$?
	runs=$(find "$tmp/logs" -name 'connlint.*.log' | wc -l)
	bad=
	for log in "$tmp/logs"/connlint.*.log; do
		[ -f "$log" ] || continue
		if log_bad "$log"; then
			bad=$log
			break
		fi
	done
	if [ "$status" -eq 0 ] && [ -z "$bad" ] && [ "$runs" -gt 0 ]; then
		echo "$name: $runs runs of connlint, no error, no leak"
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name: exit $status, $runs runs of connlint"
		grep '^FAIL' "$tmp/out" | head -10
		[ -n "$bad" ] && cat "$bad"
	fi
done
echo "leakcheck: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

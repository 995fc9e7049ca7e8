#!/bin/sh
# A smoke test of the benchmark's tools (make bench), so that they keep
# working: bench-gen writes the same small corpus twice, connlint finds
# exactly the defects it planted, and the floor reads every file (and
# the index.js beside it).
#
# usage: tests/bench.sh CONNLINT   (the tools are beside it)
set -u
connlint=$1
build=$(dirname "$connlint")
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL $2"
		failed=$((failed + 1))
	fi
}

"$build/bench-gen" files "$tmp/a" 50 7 && "$build/bench-gen" files "$tmp/b" 50 7 &&
	diff -r "$tmp/a" "$tmp/b" >/dev/null
check $? "bench-gen: the same seed must write the same corpus"

[ "$(find "$tmp/a" -name connection.json | wc -l)" -eq 50 ] &&
	[ -s "$tmp/a/manifest" ]
check $? "bench-gen: 50 files and a manifest of their defects"

"$connlint" "$tmp/a" >"$tmp/out" 2>&1
[ $? -le 1 ] && sh tools/bench/defects.sh "$tmp/a" "$tmp/out"
check $? "connlint finds exactly the defects planted in 50 files"

"$build/bench-gen" big "$tmp/big" 300 7 &&
	"$connlint" "$tmp/big/connection.json" >"$tmp/out" 2>&1
[ $? -le 1 ] && sh tools/bench/defects.sh "$tmp/big" "$tmp/out"
check $? "connlint finds the defect planted in a 300-property file"

"$build/bench-floor" -v "$tmp/a" "$tmp/big/connection.json" 2>"$tmp/err" &&
	grep -q '^bench-floor: 51 files, .*, 51 index.js read$' "$tmp/err"
check $? "bench-floor reads all 51 files and their index.js: $(cat "$tmp/err")"

"$build/bench-measure" "$tmp/out" "$build/bench-floor" "$tmp/a" >"$tmp/m" &&
	awk 'NF != 4 || $1 <= 0 || $3 <= 0 || $4 != 0 { exit 1 }' "$tmp/m"
check $? "bench-measure prints wall time, CPU time, peak RSS and status: $(cat "$tmp/m")"

echo "$passed passed, $failed failed (bench tools)"
[ "$failed" -eq 0 ]

#!/bin/sh
# make bench: connlint against the parse floor (bench-floor: the same
# files, read the same way, parsed by json-c, nothing else), on the
# corpora bench-gen wrote under BUILD/bench.  BENCH_RUNS rounds (7) each
# run every case, connlint then the floor (the one-file case 4 times a
# round), so that a load the machine has at one moment weighs on every
# case and on both programs alike; medians are reported.  Fails when
# connlint does not find exactly the planted defects; timings that miss
# their targets are reported, not failed, as they depend on the machine.
#
# usage: tools/bench/bench.sh BUILD
set -u
build=${1:-build}
corpora=$build/bench
runs=${BENCH_RUNS:-7}
connlint=$build/connlint
floor=$build/bench-floor
measure=$build/bench-measure
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0

# run NAME TIMES PATH [JOBS]: runs connlint on JOBS threads (1 if not
# given), then the floor, on PATH, TIMES times; with JOBS, the floor is
# not run (it has one thread).  Lines "TOOL WALL_MS CPU_MS MAXRSS_KB
# STATUS" go to $tmp/NAME; connlint's first output is kept in
# $tmp/NAME.out.
run() {
	name=$1 times=$2 path=$3 jobs=${4:-}
	k=0
	while [ "$k" -lt "$times" ]; do
		printf 'connlint ' >>"$tmp/$name"
		"$measure" "$tmp/out" "$connlint" -j "${jobs:-1}" "$path" \
		    >>"$tmp/$name"
		[ -f "$tmp/$name.out" ] || mv "$tmp/out" "$tmp/$name.out"
		if [ -z "$jobs" ]; then
			printf 'floor ' >>"$tmp/$name"
			"$measure" /dev/null "$floor" "$path" >>"$tmp/$name"
		fi
		k=$((k + 1))
	done
}

# failed NAME: whether a run of case NAME failed (says so).
failed() {
	if awk '$1 == "connlint" && $5 > 1 || $1 == "floor" && $5 != 0 \
	    { bad = 1 } END { exit !bad }' "$tmp/$1"; then
		echo "bench: $1: a run failed:"
		head -3 "$tmp/$1.out"
		return 0
	fi
	return 1
}

# median NAME TOOL FIELD: the median of a column (2 wall, 3 cpu, 4 rss).
median() {
	awk -v tool="$2" -v f="$3" '$1 == tool { print $f }' "$tmp/$1" |
		sort -n | awk '{ v[NR] = $1 }
			END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

calc() {
	awk "BEGIN { printf \"$1\", $2 }"
}

bytes() {
	find "$1" -name connection.json -printf '%s\n' | awk '{ s += $1 } END { print s }'
}

# row LABEL NAME FILES BYTES [FLOOR]: one line of the table (FILES "-":
# no files per second); FLOOR names the case whose floor runs compare.
row() {
	fl=${5:-$2}
	c=$(median "$2" connlint 2) f=$(median "$fl" floor 2)
	cr=$(median "$2" connlint 4) fr=$(median "$fl" floor 4)
	cc=$(median "$2" connlint 3) fc=$(median "$fl" floor 3)
	rate=-
	[ "$3" = - ] || rate=$(calc '%.0f' "$3 / $c * 1000")
	printf '%-24s %9s %9s %6s %6s %9s %7s %8s %9s %6s\n' "$1" \
		"$(calc '%.1f' "$c")" "$(calc '%.1f' "$f")" \
		"$(calc '%.2f' "$c / $f")" "$(calc '%.2f' "$cc / $fc")" "$rate" \
		"$(calc '%.1f' "$4 / 1048576 / $c * 1000")" \
		"$(calc '%.1f' "$cr / 1024")" "$(calc '%.1f' "$fr / 1024")" \
		"$(calc '%.2f' "$cr / $fr")"
}

# ratio NAME1 TOOL1 NAME2 TOOL2 FIELD: median 1 / median 2.
ratio() {
	calc '%.2f' "$(median "$1" "$2" "$5") / $(median "$3" "$4" "$5")"
}

# target LABEL VALUE LIMIT [SPREAD]: whether VALUE is at most LIMIT; with
# SPREAD, a value within LIMIT * (1 + SPREAD) is within run-to-run noise.
target() {
	verdict=$(awk -v v="$2" -v l="$3" -v s="${4:-0}" 'BEGIN {
		print v <= l ? "met" : v <= l * (1 + s) ? "within noise" : "missed" }')
	printf '  %-40s %6s  at most  %-4s %s\n' "$1" "$2" "$3" "$verdict"
}

# target_min LABEL VALUE LIMIT: whether VALUE is at least LIMIT.
target_min() {
	verdict=$(awk -v v="$2" -v l="$3" 'BEGIN { print (v >= l ? "met" : "missed") }')
	printf '  %-40s %6s  at least %-4s %s\n' "$1" "$2" "$3" "$verdict"
}

small=$corpora/files-10000
small2=$corpora/files-20000
big=$corpora/big-100000
big2=$corpora/big-200000
for d in "$small" "$small2" "$big" "$big2"; do
	if [ ! -f "$d/manifest" ]; then
		echo "bench: $d/manifest is missing: run make bench" >&2
		exit 2
	fi
done
# The one-file case: the first file without a planted defect.
one=$(cd "$small" && ls | grep -v manifest | while read -r n; do
	grep -q "^$n/" manifest || { echo "$n"; break; }; done)
one=$small/$one/connection.json

round=0
while [ "$round" -lt "$runs" ]; do
	run one 4 "$one"
	run files 1 "$small"
	run files_j 1 "$small" "$(nproc)"
	run files2 1 "$small2"
	run big 1 "$big/connection.json"
	run big2 1 "$big2/connection.json"
	round=$((round + 1))
done
for name in one files files_j files2 big big2; do
	failed "$name" && status=1
done

echo "connlint $(cat VERSION) against the parse floor (json-c $(pkg-config --modversion json-c 2>/dev/null))"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(uname -sr)"
echo "build: ${CC:-cc} ($(${CC:-cc} -dumpfullversion 2>/dev/null || echo '?')) ${CFLAGS:-}"
echo "medians of $runs rounds (one file: $((4 * runs)) runs), connlint and the floor in turn; times (wall) in ms, RSS in MiB"
echo "connlint runs on one thread (-j 1) but in the -j $(nproc) row, which compares with the floor's one thread"
echo
printf '%-24s %9s %9s %6s %6s %9s %7s %8s %9s %6s\n' case connlint floor ratio \
	"(cpu)" files/s MiB/s RSS "floor RSS" ratio
row "one small file" one 1 "$(wc -c <"$one")"
row "10,000 files" files 10000 "$(bytes "$small")"
row "10,000 files, -j $(nproc)" files_j 10000 "$(bytes "$small")" files
row "20,000 files" files2 20000 "$(bytes "$small2")"
row "big file, 100,000 props" big - "$(bytes "$big")"
row "big file, 200,000 props" big2 - "$(bytes "$big2")"
echo
echo "sizes: 10,000 files $(calc '%.1f' "$(bytes "$small") / 1048576") MiB, big file $(calc '%.1f' "$(bytes "$big") / 1048576") MiB"
echo
echo "targets (connlint / floor, and growth when the input doubles):"
target "one small file, time" "$(ratio one connlint one floor 2)" 1.5
target "10,000 files, time" "$(ratio files connlint files floor 2)" 1.3
target "big file, time" "$(ratio big connlint big floor 2)" 1.2
target "big file, peak RSS" "$(ratio big connlint big floor 4)" 1.2
target "20,000 / 10,000 files, time" "$(ratio files2 connlint files connlint 2)" 2 0.05
target "200,000 / 100,000 props, time" "$(ratio big2 connlint big connlint 2)" 2 0.05
[ "$(nproc)" -ge 2 ] &&
    target_min "10,000 files, -j 1 / -j $(nproc), time" "$(ratio files connlint files_j connlint 2)" 1.7
echo "  (the floor's own growth: $(ratio files2 floor files floor 2) for the files, $(ratio big2 floor big floor 2) for the big file;"
echo "  \"within noise\": within 5%, the spread between runs on a shared machine)"
echo
if cmp -s "$tmp/files.out" "$tmp/files_j.out"; then
	echo "-j $(nproc) output: the same bytes as -j 1"
else
	echo "bench: -j $(nproc) output differs from -j 1"
	status=1
fi
for pair in "$small files" "$small2 files2" "$big big" "$big2 big2"; do
	set -- $pair
	sh tools/bench/defects.sh "$1" "$tmp/$2.out" || status=1
done
exit $status

#!/bin/sh
# Runs libFuzzer targets built by `make fuzz`: first each target's
# regression inputs (fuzz/regressions/TARGET/, every crash ever found,
# each run once), then SECONDS of fuzzing from the seed corpus
# (fuzz/seed.sh) and the corpus earlier runs kept (FUZZ_DIR/corpus/TARGET).
# A crash, a leak, a broken invariant, a timeout or running out of memory
# fails the run; the input is kept as FUZZ_DIR/crashes/TARGET-*.
#
# usage: fuzz/run.sh FUZZ_DIR SECONDS TARGET...     (from the repository root)
#   FUZZ_DIR  where make fuzz put the targets (build/fuzz)
#   FUZZ_ARGS more libFuzzer options, e.g. FUZZ_ARGS=-jobs=2
# `make fuzz-smoke` runs every target for 15 seconds.  A long campaign:
#   nice -n 19 fuzz/run.sh build/fuzz 1800 scan lint
set -u
fdir=${1:?usage: fuzz/run.sh FUZZ_DIR SECONDS TARGET...}
seconds=${2:?usage: fuzz/run.sh FUZZ_DIR SECONDS TARGET...}
shift 2
passed=0
failed=0

sh fuzz/seed.sh "$fdir/seeds" || exit 2
mkdir -p "$fdir/crashes" "$fdir/logs"
for t in "$@"; do
	bin=$fdir/$t
	log=$fdir/logs/$t.log
	if [ ! -x "$bin" ]; then
		echo "FAIL $t: no $bin (make fuzz builds it)"
		failed=$((failed + 1))
		continue
	fi
	# Every input that ever crashed a target, once.
	if [ -d "fuzz/regressions/$t" ] &&
	    [ -n "$(ls "fuzz/regressions/$t")" ]; then
		if "$bin" -runs=1 "fuzz/regressions/$t"/* >"$log" 2>&1; then
			passed=$((passed + 1))
		else
			echo "FAIL $t: a regression input fails again:"
			grep -E '^(invariant violated|==[0-9]+==ERROR|SUMMARY|Running:)' \
			    "$log" | tail -5
			failed=$((failed + 1))
		fi
	fi
	mkdir -p "$fdir/corpus/$t"
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=65536 -dict=fuzz/json.dict -print_final_stats=1 \
	    -artifact_prefix="$fdir/crashes/$t-" ${FUZZ_ARGS:-} \
	    "$fdir/corpus/$t" "$fdir/seeds/$t" >"$log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ "$status" -eq 0 ]; then
		echo "$t: ${runs:-?} runs in ${seconds}s, no crash"
		passed=$((passed + 1))
	else
		echo "FAIL $t: exit $status after ${runs:-?} runs; the input" \
		    "is in $fdir/crashes/, the log in $log:"
		grep -E '^(invariant violated|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit)' \
		    "$log" | tail -6
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# A fuzzing campaign measured in CPU time, not wall time: runs one target
# built by `make fuzz` until its process has used CPU_SECONDS of CPU, so a
# campaign at `nice -n 19` on a busy machine does the same work as one on
# a quiet machine.  (libFuzzer's -max_total_time counts wall time.)
#
# usage: fuzz/campaign.sh FUZZ_DIR CPU_SECONDS TARGET   (from the repository root)
#
# The corpus grows in FUZZ_DIR/corpus/TARGET, from the seeds (fuzz/seed.sh);
# a crash is kept as FUZZ_DIR/crashes/TARGET-*; the log is
# FUZZ_DIR/logs/TARGET.campaign.log.  Prints the executions and the CPU
# time used; exits non-zero when the target found something.
set -u
fdir=${1:?usage: fuzz/campaign.sh FUZZ_DIR CPU_SECONDS TARGET}
cpu=${2:?usage: fuzz/campaign.sh FUZZ_DIR CPU_SECONDS TARGET}
t=${3:?usage: fuzz/campaign.sh FUZZ_DIR CPU_SECONDS TARGET}
bin=$fdir/$t
log=$fdir/logs/$t.campaign.log
[ -x "$bin" ] || { echo "no $bin (make fuzz builds it)" >&2; exit 2; }
# Seeds of its own: campaigns of two targets may start together.
seeds=$fdir/seeds.$t
sh fuzz/seed.sh "$seeds" || exit 2
mkdir -p "$fdir/crashes" "$fdir/logs" "$fdir/corpus/$t"

"$bin" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -dict=fuzz/json.dict \
    -print_final_stats=1 -artifact_prefix="$fdir/crashes/$t-" \
    "$fdir/corpus/$t" "$seeds/$t" >"$log" 2>&1 &
pid=$!
ticks=$(getconf CLK_TCK)
used=0
# Fields 14 and 15 of /proc/PID/stat are user and system time in ticks;
# the command name (field 2) has no spaces here.
while kill -0 "$pid" 2>/dev/null; do
	used=$(awk -v t="$ticks" '{ print int(($14 + $15) / t) }' \
	    "/proc/$pid/stat" 2>/dev/null || echo "$used")
	if [ "$used" -ge "$cpu" ]; then
		kill -INT "$pid"
		break
	fi
	sleep 5
done
wait "$pid"
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
# libFuzzer exits 72 when interrupted: the campaign's normal end.
if [ "$status" -eq 0 ] || [ "$status" -eq 72 ]; then
	echo "$t: ${runs:-?} executions in ${used} CPU-seconds, nothing found"
	exit 0
fi
echo "$t: exit $status after ${runs:-?} executions; the input is in" \
    "$fdir/crashes/, the log in $log" >&2
exit 1

#!/bin/sh
# Checks that connlint found exactly the defects bench-gen planted: the
# gcc output OUT of a run over DIR, reduced to "PATH:LINE RULE-ID" lines
# (PATH relative to DIR; only errors: the planted defects are errors, and a
# file may draw a warning or a note beside one), must be
# DIR/manifest, line for line.  Prints one summary line; on a mismatch,
# the first differences too, and exits 1.
#
# usage: tools/bench/defects.sh DIR OUT
set -u
dir=$1
out=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

awk -v prefix="$dir/" '
	index($0, prefix) == 1 && / error: / && match($0, / \[[a-z0-9-]+\]$/) {
		rule = substr($0, RSTART + 2, RLENGTH - 3)
		split(substr($0, length(prefix) + 1), part, ":")
		print part[1] ":" part[2] " " rule
	}' "$out" | LC_ALL=C sort >"$tmp/found"
LC_ALL=C sort "$dir/manifest" >"$tmp/planted"
found=$(wc -l <"$tmp/found")
planted=$(wc -l <"$tmp/planted")
if cmp -s "$tmp/found" "$tmp/planted"; then
	echo "planted defects in $dir: $planted, found exactly"
	exit 0
fi
echo "planted defects in $dir: $planted planted, $found found; they differ:"
diff "$tmp/planted" "$tmp/found" | head -20
exit 1

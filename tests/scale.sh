#!/bin/sh
# Scale: a 2,000-property file with one defect gets exactly one finding,
# at that property's key; 10,000 small files lint in one run, in well
# under a second (the time limit is skipped for sanitizer builds, which
# are several times slower by design).
#
# usage: tests/scale.sh CONNLINT
set -u
connlint=$1
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

# Property i is on line 6 + i; p1234 has no description.
awk 'BEGIN {
	print "{\n  \"type\": \"object\",\n  \"title\": \"Big\",\n  \"format\": \"table\",\n  \"properties\": {"
	for (i = 0; i < 2000; i++)
		printf "    \"p%d\": { \"type\": \"string\", \"title\": \"P%d\"%s }%s\n", i, i,
		    i == 1234 ? "" : ", \"description\": \"field " i "\"", i < 1999 ? "," : ""
	print "  }\n}"
}' >"$tmp/big.json"
"$connlint" "$tmp/big.json" >"$tmp/out" 2>&1
status=$?
want="$tmp/big.json:1240:5: error: property \"p1234\" has no \"description\"; Flow shows it as the field's help text [property-description]"
if [ "$status" -eq 1 ] && [ "$(cat "$tmp/out")" = "$want" ]; then
	passed=$((passed + 1))
else
	fail "2,000 properties, one defect: exit $status, output:"
	head -5 "$tmp/out"
fi

# Each file in a folder named after its connection, as the Flow CLI
# lays them out: a clean file's "name" is its folder's.
mkdir "$tmp/many"
i=0
while [ $i -lt 100 ]; do
	mkdir "$tmp/many/c$i"
	j=0
	while [ $j -lt 100 ]; do
		mkdir -p "$tmp/many/c$i/conn$j/acme-apikey"
		cp fixtures/contract/clean-wrapper.json "$tmp/many/c$i/conn$j/acme-apikey/connection.json"
		cp fixtures/demo/acme-apikey/index.js "$tmp/many/c$i/conn$j/acme-apikey/index.js"
		j=$((j + 1))
	done
	i=$((i + 1))
done
# CPU time (user and system) where GNU time is there: on a machine busy
# with other work, wall time says more about the others than connlint.
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%U %S' -o "$tmp/time" "$connlint" -j 1 "$tmp/many" \
	    >"$tmp/out" 2>&1
	status=$?
	ms=$(tail -1 "$tmp/time" | awk '{ printf "%d", ($1 + $2) * 1000 }')
	what="CPU time"
else
	start=$(date +%s%N)
	"$connlint" -j 1 "$tmp/many" >"$tmp/out" 2>&1
	status=$?
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	what="wall time"
fi
echo "10,000 files: ${ms} ms ($what)"
if [ "$status" -ne 0 ] || [ -s "$tmp/out" ]; then
	fail "10,000 clean files: exit $status"
	head -5 "$tmp/out"
elif [ -z "${SANITIZE:-}${SLOW_BUILD:-}" ] && [ "$ms" -ge 1000 ]; then
	fail "10,000 files took $ms ms of $what; expected well under a second"
else
	passed=$((passed + 1))
fi
# Threads change the speed, never the output: a tenth of the files have a
# finding, a seventh of the index.js files a stub validate, and -j 1 and
# -j 2 must print the same bytes.
i=0
for d in "$tmp"/many/c*/conn*; do
	i=$((i + 1))
	[ $((i % 7)) -ne 0 ] ||
	    cp fixtures/index-js/validate-stub/index.js "$d/acme-apikey/index.js"
	[ $((i % 10)) -eq 0 ] || continue
	sed 's/"description": "acme:conn_apikey_access_key/"descripton": "/' \
	    fixtures/contract/clean-wrapper.json >"$d/acme-apikey/connection.json"
done
start=$(date +%s%N)
"$connlint" -j 1 "$tmp/many" >"$tmp/one" 2>&1
one=$?
mid=$(date +%s%N)
"$connlint" -j 2 "$tmp/many" >"$tmp/two" 2>&1
two=$?
end=$(date +%s%N)
echo "10,000 files, 1,000 with a finding: -j 1 $(( (mid - start) / 1000000 )) ms, -j 2 $(( (end - mid) / 1000000 )) ms"
if [ "$one" -eq 1 ] && [ "$two" -eq 1 ] && cmp -s "$tmp/one" "$tmp/two" &&
    [ "$(grep -c 'property-description' "$tmp/one")" -eq 1000 ] &&
    [ "$(grep -c '/index.js:.*index-js-validate-stub' "$tmp/one")" -eq 1428 ]
then
	passed=$((passed + 1))
else
	fail "-j 1 and -j 2 differ (exit $one and $two), or the findings are not 1,000 and 1,428"
	diff "$tmp/one" "$tmp/two" | head -5
fi
echo "scale: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

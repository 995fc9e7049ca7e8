#!/bin/sh
# Hostile input: each case feeds connlint something a careless or
# malicious commit could hold, or an environment that fights back, and
# checks for one clear outcome.  Every run is time-bounded (timeout), so
# a hang fails its case instead of the suite.  The README's "Hostile
# input" table lists the same cases and outcomes.
#
# The large cases print their time and peak memory (with /usr/bin/time
# -v, when it is there) and fail past a bound, so a regression in either
# shows.  Sanitizer and coverage builds (SANITIZE or SLOW_BUILD set) are
# several times slower and bigger by design: their bounds are wider.
#
# usage: tests/hostile.sh path/to/connlint   (from the repository root)
# Prints one line for each failing case, then "N passed, N failed".
set -u

bin=${1:?usage: tests/hostile.sh path/to/connlint}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
fixtures=$PWD/fixtures
passed=0
failed=0

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
w=$tmp/w		# connlint runs here
mkdir "$w"
clean=$fixtures/contract/clean-bare.json
bad=$fixtures/contract/missing-description-bare.json
# the index.js that a connection.json found by a walk has beside it
index_js=$fixtures/demo/acme-apikey/index.js

if [ ! -x /usr/bin/time ]; then
	if [ -n "${REQUIRE_TEST_TOOLS:-}" ]; then
		echo "FAIL: no /usr/bin/time (Debian's time) to measure memory"
		failed=$((failed + 1))
	else
		echo "note: no /usr/bin/time: peak memory is not checked"
	fi
fi
if [ -n "${SANITIZE:-}${SLOW_BUILD:-}" ]; then
	slow=8		# bounds multiply by this under sanitizers
else
	slow=1
fi

# --- the case machinery -----------------------------------------------------

begin() {
	name=$1
	why=
}

bad() {
	why="${why:+$why; }$*"
}

end() {
	if [ -z "$why" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL %s: %s\n' "$name" "$why"
	fi
}

# run SECONDS ARGS...: runs connlint in $w, killed after SECONDS of wall
# time, times $slow (status 124 then), with standard input from
# /dev/null; sets
# $status, $tmp/out, $tmp/err, and $secs and $kb (CPU time, or wall time
# without /usr/bin/time; peak resident memory, empty without it).
run() {
	limit=$(( $1 * slow ))	# a hang, not a slow build, must fail
	shift
	kb= cpu=
	start=$(date +%s%N)
	if [ -x /usr/bin/time ]; then
		(cd "$w" && timeout "$limit" /usr/bin/time -v -o "$tmp/time" \
		    "$bin" "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
		status=$?
		kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' \
		    "$tmp/time" 2>/dev/null)
		cpu=$(awk -F': ' '/User time|System time/ { s += $2 }
		    END { printf "%d.%03d", s, (s - int(s)) * 1000 }' \
		    "$tmp/time" 2>/dev/null)
		# time(1) reports a signal as its own failure; keep connlint's
		grep -q '^Command terminated by signal' "$tmp/time" 2>/dev/null &&
		    status=$((128 + $(sed -n 's/^Command terminated by signal //p' \
		    "$tmp/time")))
	else
		(cd "$w" && timeout "$limit" "$bin" "$@") </dev/null \
		    >"$tmp/out" 2>"$tmp/err"
		status=$?
	fi
	end_ns=$(date +%s%N)
	ms=$(( (end_ns - start) / 1000000 ))
	secs=$(( ms / 1000 )).$(printf '%03d' $(( ms % 1000 )))
	# The bounds are on CPU time where GNU time measures it: wall time
	# on a busy machine says more about the other jobs than connlint.
	[ -n "$kb" ] && [ -n "$cpu" ] && secs=$cpu
}

status_is() {
	[ "$status" -eq "$1" ] || bad "exit status $status, expected $1"
}

out_is() {
	[ "$(cat "$tmp/out")" = "$1" ] ||
	    bad "output: $(head -c 300 "$tmp/out"), expected: $1"
}

err_is() {
	[ "$(cat "$tmp/err")" = "$1" ] ||
	    bad "stderr: $(head -c 300 "$tmp/err"), expected: $1"
}

out_lines() {
	n=$(wc -l <"$tmp/out")
	[ "$n" -eq "$1" ] || bad "$n output lines, expected $1"
}

# bounded SECONDS MEGABYTES: the last run took at most that much time
# ($secs) and memory (times $slow); prints what it took.
bounded() {
	max_s=$(( $1 * slow ))
	max_mb=$(( $2 * slow ))
	printf '%s: %s s' "$name" "$secs"
	[ -n "$kb" ] && printf ', peak RSS %s MiB' $(( kb / 1024 ))
	printf '\n'
	[ "${secs%.*}" -lt "$max_s" ] || bad "took $secs s; the bound is $max_s s"
	if [ -n "$kb" ] && [ $(( kb / 1024 )) -gt "$max_mb" ]; then
		bad "peak RSS $(( kb / 1024 )) MiB; the bound is $max_mb MiB"
	fi
}

# repeat COUNT TEXT: TEXT, COUNT times (COUNT a power of two is fastest).
repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN {
		out = s; k = 1
		while (2 * k <= n) { out = out out; k *= 2 }
		printf "%s", out
		for (; k < n; k++) printf "%s", s
	}'
}

# --- nesting, size, count -----------------------------------------------------

begin "nesting 100,000 deep"
{ repeat 100000 '['; repeat 100000 ']'; } >"$w/deep.json"
run 10 deep.json
status_is 1
out_is "deep.json:1:513: error: nesting is deeper than the limit of 512 arrays and objects [json-syntax]"
bounded 2 100
end

begin "nesting 100,000 deep, --max-depth=100000"
run 30 --max-depth=100000 deep.json
status_is 1
out_is 'deep.json:1:1: error: the file holds an array; expected an object: the form schema, or a wrapper with the form schema in "input" [root-object]'
bounded 5 300
end

begin "objects nested 100,000 deep, --max-depth=100000"
{ repeat 99999 '{"a":'; printf '{}'; repeat 99999 '}'; } >"$w/deep-objects.json"
run 30 --max-depth=100000 deep-objects.json
status_is 1
grep -q '^deep-objects.json:1:1: error: the form schema has no "type"' \
    "$tmp/out" || bad "no form-type finding: $(head -c 200 "$tmp/out")"
bounded 5 300
end

begin "a 60 MiB file of one string"
{ printf '"'; dd if=/dev/zero bs=1048576 count=60 2>/dev/null | tr '\0' a |
    tail -c +3; printf '"'; } >"$w/string.json"
size=$(wc -c <"$w/string.json")
[ "$size" -eq 62914560 ] || echo "note: string.json is $size bytes"
run 60 string.json
status_is 1
out_is 'string.json:1:1: error: the file holds a string; expected an object: the form schema, or a wrapper with the form schema in "input" [root-object]'
bounded 10 400
end
rm -f "$w/string.json"

begin "an array of 10 million elements"
{ printf '['; yes '0,' | head -n 9999999; printf '0]'; } >"$w/array.json"
run 120 array.json
status_is 1
out_is 'array.json:1:1: error: the file holds an array; expected an object: the form schema, or a wrapper with the form schema in "input" [root-object]'
bounded 15 1600
end
rm -f "$w/array.json"

begin "a key of 1 MiB"
{ printf '{ "type": "object", "title": "T", "format": "table", "properties": { "'
  repeat 1048576 k
  printf '": { "type": "string", "title": "K" } } }\n'; } >"$w/key.json"
run 30 key.json
status_is 1
out_lines 1
# the message names the key, cut after 77 bytes: it does not copy it whole
grep -q '^key.json:1:70: error: property "k\{77\}\.\.\." has no "description"; Flow shows it as the field.s help text \[property-description\]$' \
    "$tmp/out" || bad "no property-description finding at 1:70"
bounded 5 100
end
rm -f "$w/key.json"

begin "100,000 properties, each without a description"
awk 'BEGIN {
	print "{ \"type\": \"object\", \"title\": \"T\", \"format\": \"table\", \"properties\": {"
	for (i = 0; i < 100000; i++)
		printf "  \"p%d\": { \"type\": \"string\", \"title\": \"P\" }%s\n", i, i < 99999 ? "," : ""
	print "} }"
}' >"$w/props.json"
run 60 props.json
status_is 1
out_lines 100000
[ "$(sed -n '100000p' "$tmp/out")" = "props.json:100001:3: error: property \"p99999\" has no \"description\"; Flow shows it as the field's help text [property-description]" ] ||
    bad "the last finding is $(tail -1 "$tmp/out")"
bounded 10 400
end
rm -f "$w/props.json"

begin "100,000 fields with a propertyOrder each, and a \"required\" naming each"
awk 'BEGIN {
	print "{ \"type\": \"object\", \"title\": \"T\", \"format\": \"table\", \"properties\": {"
	for (i = 0; i < 100000; i++)
		printf "  \"p%d\": { \"type\": \"string\", \"title\": \"P\", \"description\": \"D\", \"propertyOrder\": %d },\n", i, i
	print "  \"last\": { \"type\": \"string\", \"title\": \"P\", \"description\": \"D\", \"propertyOrder\": 99999 }"
	printf "}, \"required\": ["
	for (i = 0; i < 100000; i++)
		printf "\"p%d\", ", i
	print "\"nope\"] }"
}' >"$w/order.json"
run 60 order.json
status_is 1
out_lines 2
grep -q '^order.json:100002:82: warning: the form schema: fields "p99999" and "last" have the same "propertyOrder", 99999; give each field its own \[schema-property-order\]$' \
    "$tmp/out" || bad "no propertyOrder finding: $(head -c 300 "$tmp/out")"
grep -q '^order.json:100003:.*"required" names "nope", which is not a key of "properties"' \
    "$tmp/out" || bad "no required finding: $(tail -c 300 "$tmp/out")"
bounded 5 400
end
rm -f "$w/order.json"

begin "an enum of a million distinct numbers, then a repeat"
awk 'BEGIN {
	printf "{ \"type\": \"object\", \"title\": \"T\", \"format\": \"table\", \"properties\": { \"n\": { \"type\": \"integer\", \"title\": \"N\", \"description\": \"D\", \"enum\": ["
	for (i = 0; i < 1000000; i++)
		printf "%d,", i
	print "999999] } } }"
}' >"$w/enum.json"
run 60 enum.json
status_is 1
out_lines 1
grep -q '^enum.json:1:[0-9]*: error: property "n": "enum" lists 999999 twice (item 1000000 repeats item 999999); list each value once \[schema-enum\]$' \
    "$tmp/out" || bad "no schema-enum finding: $(head -c 300 "$tmp/out")"
bounded 5 400
end
rm -f "$w/enum.json"

# Each finding below carries a JSON Pointer through the 1 MiB key: 600 of
# them would take 600 MiB.  The findings stop at 64 MiB, and say so.
long_key_fields() {
	printf '{ "type": "object", "title": "T", "format": "table", "properties": { "'
	repeat 1048576 k
	printf '": { "type": "object", "title": "K", "description": "D", "properties": {'
	awk -v m="$1" 'BEGIN { for (i = 0; i < 200; i++) printf "%s\"a%s\": {}", i ? "," : "", m ? "" : i }'
	printf '} } } }\n'
}

begin "findings past 64 MiB: 200 fields under a key of 1 MiB"
long_key_fields 0 >"$w/budget.json"
run 30 --format=jsonl budget.json
status_is 1
out_lines 65
tail -1 "$tmp/out" | grep -q '"message":"connlint stopped checking this file here: its findings passed 64 MiB; fix those first"' ||
    bad "the last finding is not the stop: $(tail -1 "$tmp/out" | tail -c 300)"
bounded 5 500
end

begin "findings past 64 MiB: 200 repeated keys under a key of 1 MiB"
long_key_fields 1 >"$w/budget.json"
run 30 --format=jsonl budget.json
status_is 1
tail -1 "$tmp/out" | grep -q '"message":"connlint stopped reporting repeated keys here: its findings passed 64 MiB; fix those first"' ||
    bad "the last finding is not the stop: $(tail -1 "$tmp/out" | tail -c 300)"
[ "$(wc -l <"$tmp/out")" -lt 100 ] || bad "$(wc -l <"$tmp/out") findings"
bounded 5 500
end
rm -f "$w/budget.json"

begin "a file over --max-file-size, next to one under it"
cp "$bad" "$w/small.json"
repeat 2048 ' ' >"$w/big.json"
cat "$clean" >>"$w/big.json"
run 10 --max-file-size=2K big.json small.json
status_is 2
err_is "connlint: big.json: file is larger than the 2048-byte limit"
out_is 'small.json:6:5: error: property "username" has no "description"; Flow shows it as the field'"'"'s help text [property-description]'
end

begin "a file over the default 64 MiB cap (sparse: not read)"
dd if=/dev/zero of="$w/huge.json" bs=1 count=0 seek=65M 2>/dev/null
run 10 huge.json
status_is 2
err_is "connlint: huge.json: file is larger than the 67108864-byte limit"
end
rm -f "$w/huge.json"

# --- bytes ------------------------------------------------------------------

begin "an empty file"
: >"$w/empty.json"
run 10 empty.json
status_is 1
out_is "empty.json:1:1: error: empty input; expected a JSON value [json-syntax]"
end

begin "a NUL byte between tokens"
printf '{ "type": \000 }' >"$w/nul.json"
run 10 nul.json
status_is 1
out_is "nul.json:1:11: error: expected a value, not NUL byte [json-syntax]"
end

begin "a NUL byte in a string"
printf '{ "title": "a\000b" }' >"$w/nul-string.json"
run 10 nul-string.json
status_is 1
out_is "nul-string.json:1:14: error: unescaped control character U+0000 in a string; write it as \\u0000 [json-syntax]"
end

begin "invalid UTF-8"
printf '{ "title": "caf\351" }' >"$w/latin1.json"
run 10 latin1.json
status_is 1
out_is "latin1.json:1:16: error: invalid UTF-8 in a string: truncated UTF-8 sequence (byte 0xE9) [json-syntax]"
end

begin "a byte that is never UTF-8, outside a string"
printf '{ \377 }' >"$w/ff.json"
run 10 ff.json
status_is 1
out_is "ff.json:1:3: error: expected a string key after '{', not byte 0xFF [json-syntax]"
end

begin "an overlong encoding of '/'"
printf '{ "title": "\300\257" }' >"$w/overlong.json"
run 10 overlong.json
status_is 1
out_is "overlong.json:1:13: error: invalid UTF-8 in a string: overlong UTF-8 encoding (byte 0xC0) [json-syntax]"
end

begin "a 3-byte overlong encoding"
printf '{ "title": "\340\200\257" }' >"$w/overlong3.json"
run 10 overlong3.json
status_is 1
grep -q '^overlong3.json:1:13: error: invalid UTF-8 in a string: .*(byte 0xE0) \[json-syntax\]$' \
    "$tmp/out" || bad "output: $(cat "$tmp/out")"
end

begin "a UTF-16 surrogate encoded as UTF-8"
printf '{ "title": "\355\240\200" }' >"$w/surrogate-utf8.json"
run 10 surrogate-utf8.json
status_is 1
grep -q '^surrogate-utf8.json:1:13: error: invalid UTF-8 in a string: .*(byte 0xED) \[json-syntax\]$' \
    "$tmp/out" || bad "output: $(cat "$tmp/out")"
end

begin "lone surrogates in \\u escapes: valid JSON, read as U+FFFD"
sed 's/"title": "Acme API"/"title": "\\ud800 \\udfff \\udc00\\ud800"/' "$clean" \
    >"$w/lone.json"
grep -q 'ud800' "$w/lone.json" || bad "the fixture changed: no title to edit"
run 10 lone.json
status_is 0
out_is ""
end

begin "two keys of lone surrogates are one key (U+FFFD)"
printf '{ "\\ud800": 1, "\\udc00": 2 }\n' >"$w/lone-keys.json"
run 10 --select=json-duplicate-key lone-keys.json
status_is 1
out_is "$(printf 'lone-keys.json:1:16: error: duplicate key "\357\277\275"; only the last one counts (written "\\udc00") [json-duplicate-key]\nlone-keys.json:1:3: note: the first one is here (written "\\ud800")')"
end

begin "a byte order mark: reported, and the rest still linted"
printf '\357\273\277' >"$w/bom.json"
cat "$bad" >>"$w/bom.json"
run 10 bom.json
status_is 1
out_is "bom.json:1:1: error: the file starts with a UTF-8 byte order mark; JSON text must not have one [json-bom]
bom.json:6:5: error: property \"username\" has no \"description\"; Flow shows it as the field's help text [property-description]"
end

begin "CR-only line ends count as lines"
tr '\n' '\r' <"$bad" >"$w/cr.json"
run 10 cr.json
status_is 1
out_is "cr.json:6:5: error: property \"username\" has no \"description\"; Flow shows it as the field's help text [property-description]"
end

# --- what the paths name ------------------------------------------------------

begin "a FIFO named on the command line is read as cat(1) would"
mkfifo "$w/fifo.json"
# The writer comes after connlint waits for it.  (A writer that is there
# first can lose its data: source_read opens a FIFO once without blocking,
# to see what it is, and closes it, which can discard what was written.)
(sleep "$slow"; cat "$bad" >"$w/fifo.json") &
writer=$!
run 20 fifo.json
status_is 1
out_is "fifo.json:6:5: error: property \"username\" has no \"description\"; Flow shows it as the field's help text [property-description]"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
end

begin "a FIFO named connection.json in a walked directory is skipped"
mkdir -p "$w/walk-fifo/a" "$w/walk-fifo/b"
mkfifo "$w/walk-fifo/a/connection.json"
cp "$bad" "$w/walk-fifo/b/connection.json"
cp "$index_js" "$w/walk-fifo/b/index.js"
run 10 walk-fifo
status_is 1
out_is "walk-fifo/b/connection.json:6:5: error: property \"username\" has no \"description\"; Flow shows it as the field's help text [property-description]"
end

begin "/dev/zero with a small --max-file-size"
run 10 --max-file-size=1K /dev/zero
status_is 2
err_is "connlint: /dev/zero: file is larger than the 1024-byte limit"
end

begin "/dev/null: an empty file"
run 10 /dev/null
status_is 1
out_is "/dev/null:1:1: error: empty input; expected a JSON value [json-syntax]"
end

begin "a device linked as connection.json in a walked directory is skipped"
mkdir -p "$w/walk-dev/a" "$w/walk-dev/b"
ln -s /dev/zero "$w/walk-dev/a/connection.json"
cp "$clean" "$w/walk-dev/b/connection.json"
cp "$index_js" "$w/walk-dev/b/index.js"
run 10 walk-dev
status_is 0
out_is ""
end

begin "a symbolic link loop in a walked directory"
mkdir -p "$w/loop/a" "$w/loop/b/c"
cp "$bad" "$w/loop/a/connection.json"
cp "$clean" "$w/loop/b/c/connection.json"
cp "$index_js" "$w/loop/a/index.js"
cp "$index_js" "$w/loop/b/c/index.js"
ln -s .. "$w/loop/b/c/up"
ln -s ../b "$w/loop/b/self"
ln -s loop2 "$w/loop/loop1"
ln -s loop1 "$w/loop/loop2"
run 10 loop
status_is 1
out_is "loop/a/connection.json:6:5: error: property \"username\" has no \"description\"; Flow shows it as the field's help text [property-description]"
err_is ""
end

begin "a symbolic link loop named connection.json"
mkdir -p "$w/loop-file/a"
ln -s connection.json "$w/loop-file/a/connection.json"
cp "$clean" "$w/loop-file/connection.json"
run 10 loop-file
status_is 2
err_is "connlint: loop-file/a/connection.json: Too many levels of symbolic links"
end

begin "a directory named connection.json, walked"
mkdir -p "$w/dir-named/a/connection.json" "$w/dir-named/b"
cp "$clean" "$w/dir-named/b/connection.json"
cp "$index_js" "$w/dir-named/b/index.js"
run 10 dir-named
status_is 0
out_is ""
err_is ""
end

begin "a directory named connection.json, named"
run 10 dir-named/a/connection.json
status_is 2
err_is "connlint: dir-named/a/connection.json: no connection.json below this directory"
end

begin "a file that cannot be read"
if [ "$(id -u)" -eq 0 ]; then
	# root reads anything; /proc/self/mem fails at offset 0 with EIO
	unreadable=/proc/self/mem
	want="connlint: /proc/self/mem: cannot read: Input/output error"
else
	unreadable=secret.json
	cp "$clean" "$w/secret.json"
	chmod 000 "$w/secret.json"
	want="connlint: secret.json: cannot open: Permission denied"
fi
cp "$bad" "$w/readable.json"
run 10 "$unreadable" readable.json
status_is 2
err_is "$want"
out_is "readable.json:6:5: error: property \"username\" has no \"description\"; Flow shows it as the field's help text [property-description]"
end

# The walk finds a/connection.json; while the config of a/ is loading, its
# rule file (a FIFO) holds connlint until the file has been removed.
begin "a file that vanishes between the walk and the read"
mkdir -p "$w/vanish/a" "$w/vanish/b"
cp "$clean" "$w/vanish/a/connection.json"
cp "$bad" "$w/vanish/b/connection.json"
cp "$index_js" "$w/vanish/b/index.js"
echo '{ "ruleFiles": ["pause.json"] }' >"$w/vanish/a/.connlint.json"
mkfifo "$w/vanish/a/pause.json"
(
	# opening the FIFO waits for connlint to open it
	exec 3>"$w/vanish/a/pause.json"
	rm "$w/vanish/a/connection.json"
	cat >&3 <<'EOF'
{ "id": "a-rule", "severity": "error", "summary": "s", "description": "d",
  "given": "$form", "then": { "function": "defined", "field": "title" },
  "message": "no title" }
EOF
) &
helper=$!
# should connlint never open the FIFO, the helper would wait forever
( sleep 15; kill "$helper" 2>/dev/null ) &
watchdog=$!
run 10 vanish
wait "$helper" 2>/dev/null
kill "$watchdog" 2>/dev/null
status_is 2
err_is "connlint: vanish/a/connection.json: cannot open: No such file or directory"
out_is "vanish/b/connection.json:6:5: error: property \"username\" has no \"description\"; Flow shows it as the field's help text [property-description]"
end

# Components of 200 bytes: a path of about 3,800 bytes still works, one
# past PATH_MAX (4096) is a clear error, and the other files still lint.
seg=$(repeat 200 d)
long=.
while [ ${#long} -lt 3800 ]; do
	long=$long/$seg
done

begin "a path of $(( ${#long} + 16 )) bytes"
mkdir -p "$w/$long"
cp "$bad" "$w/$long/connection.json"
run 10 "$long/connection.json"
status_is 1
grep -q '^\./d*/.*/connection.json:6:5: error: property "username" has no "description"' \
    "$tmp/out" || bad "no finding: $(head -c 100 "$tmp/out")"
end

begin "a path longer than PATH_MAX"
(cd "$w/$long" && mkdir -p "$seg/$seg" && cp "$bad" "$seg/$seg/connection.json")
run 10 "$long/$seg/$seg/connection.json" readable.json
status_is 2
grep -q '^connlint: \./d*/.*/connection.json: cannot open: File name too long$' \
    "$tmp/err" || bad "stderr: $(head -c 100 "$tmp/err")"
grep -q '^readable.json:6:5: ' "$tmp/out" || bad "readable.json not linted"
end

begin "a walk below which paths pass PATH_MAX"
run 10 .
status_is 2
grep -q ': File name too long$' "$tmp/err" ||
    bad "stderr: $(head -c 100 "$tmp/err")"
grep -q '^\./d*/.*/connection.json:6:5: ' "$tmp/out" ||
    bad "the file below PATH_MAX not linted"
grep -q '^\./readable.json' "$tmp/out" && bad "a file not named connection.json"
end
rm -rf "$w/d"*

# --- where the output goes ----------------------------------------------------

# Enough output that the pipe fills after head has gone.
awk 'BEGIN {
	print "{ \"type\": \"object\", \"title\": \"T\", \"format\": \"table\", \"properties\": {"
	for (i = 0; i < 20000; i++)
		printf "  \"p%d\": { \"type\": \"string\", \"title\": \"P\" }%s\n", i, i < 19999 ? "," : ""
	print "} }"
}' >"$w/many.json"

begin "output to a closed pipe"
first=$( { (cd "$w" && timeout 20 "$bin" many.json; echo $? >"$tmp/status") |
    head -1; } 2>"$tmp/err")
status=$(cat "$tmp/status")
[ "$status" -eq 124 ] && bad "it hung"
[ "$status" -ne 0 ] || bad "exit status 0"
[ "$status" -le 2 ] || [ "$status" -eq 141 ] ||
    bad "exit status $status: neither an error nor SIGPIPE"
[ "$first" = "many.json:2:3: error: property \"p0\" has no \"description\"; Flow shows it as the field's help text [property-description]" ] ||
    bad "first line: $first"
end

begin "output to a closed pipe, SIGPIPE ignored"
( trap '' PIPE
  { (cd "$w" && timeout 20 "$bin" many.json; echo $? >"$tmp/status") |
      head -1 >/dev/null; } 2>"$tmp/err" )
status=$(cat "$tmp/status")
[ "$status" -eq 2 ] || bad "exit status $status, expected 2"
grep -q '^connlint: cannot write the output: Broken pipe$' "$tmp/err" ||
    bad "stderr: $(head -c 200 "$tmp/err")"
end

begin "output to a full disk (/dev/full)"
(cd "$w" && timeout 10 "$bin" many.json) >/dev/full 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || bad "exit status $status, expected 2"
grep -q '^connlint: cannot write the output: No space left on device$' \
    "$tmp/err" || bad "stderr: $(head -c 200 "$tmp/err")"
end

begin "json output to a full disk (/dev/full)"
(cd "$w" && timeout 10 "$bin" --format=json bom.json) >/dev/full 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || bad "exit status $status, expected 2"
end

begin "an --output report that cannot be written"
run 10 --format=json --output=no/such/dir/report.json readable.json
status_is 2
grep -q '^connlint: no/such/dir/report.json: cannot create: No such file or directory$' \
    "$tmp/err" || bad "stderr: $(head -c 200 "$tmp/err")"
end

# --- rules --------------------------------------------------------------------

begin "a catastrophic pattern against a long value"
cat >"$w/redos.json" <<'EOF'
{
  "id": "title-letters",
  "severity": "warning",
  "summary": "titles are letters",
  "description": "A title is made of letters.",
  "given": "$fields",
  "then": { "function": "pattern", "field": "title", "match": "^(a+)+$" },
  "message": "property \"{key}\": the title {value} is not letters"
}
EOF
{ printf '{ "type": "object", "title": "T", "format": "table", "properties": {\n'
  printf '  "p": { "type": "string", "description": "d", "title": "'
  repeat 100000 a
  printf '!" } } }\n'; } >"$w/redos-doc.json"
run 30 --no-config --rules=redos.json redos-doc.json
status_is 1
out_is "redos-doc.json:2:57: error: the value was not checked: matching /^(a+)+\$/ stopped: match limit exceeded [title-letters]"
bounded 5 200
end

# The built-in rules' own patterns read every title, name and default:
# long ones that nearly match must be decided in linear time, never left
# undecided.
begin "the built-in patterns against long near misses"
{ printf '{ "type": "object", "title": "T", "format": "table", "properties": {\n'
  printf '  "a": { "type": "string", "description": "d", "title": "token'
  repeat 131072 ' '
  printf 'x" },\n  "b": { "type": "string", "description": "d", "title": "B", "default": "'
  repeat 131072 'eyJaaaaaaaaa-'
  printf '" },\n  "c": { "type": "string", "description": "d", "title": "C", "default": "-----BEGIN '
  repeat 131072 'A '
  printf '" },\n  "url": { "type": "string", "description": "d", "title": "URL", "default": "'
  repeat 131072 ' '
  printf 'https://x" },\n  "token'
  repeat 131072 1
  printf 'x": { "type": "string", "description": "d", "title": "D" } } }\n'; } >"$w/near.json"
run 30 --no-config near.json
status_is 0
out_is ""
bounded 5 200
end

# --- the companion index.js ------------------------------------------------------

# A connection.json with nothing to say, so that each case shows what
# its index.js gives.
js_case() {
	mkdir -p "$w/$1"
	cp "$clean" "$w/$1/connection.json"
}

# The scanner and the patterns on 60 MiB that open what never closes:
# template literals nested 10 million deep, a regular expression class on
# every '/', objects and parameter lists.  Linear: each is blanked or
# walked once.
begin "an index.js of 60 MiB that never closes what it opens"
js_case js-open
{ printf 'module.exports = { validate('
  repeat 5242880 '`${'; repeat 5242880 '=/['; repeat 5242880 '({ '
  repeat 5242880 '/*'; } >"$w/js-open/index.js"
run 60 js-open/connection.json
status_is 1
out_is 'js-open/index.js:1:1: error: index.js does not export "connect"; add connect(input, output) to module.exports: Flow calls it to open the connection [index-js-exports]'
bounded 5 400
end
rm -f "$w/js-open/index.js"

# Each assignment of a name is looked up in the file, at most 16 times in
# all: after that, the exports are unknown and nothing is reported.
begin "two million assignments of module.exports in index.js"
js_case js-assign
repeat 2097152 'module.exports = conn;
' >"$w/js-assign/index.js"
run 60 js-assign/connection.json
status_is 0
out_is ""
bounded 5 400
end
rm -f "$w/js-assign/index.js"

begin "a FIFO named index.js beside a connection.json in a walk"
js_case js-fifo/a
mkfifo "$w/js-fifo/a/index.js"
run 10 js-fifo
status_is 2
out_is ""
err_is "connlint: js-fifo/a/index.js: not a regular file"
end

begin "an index.js over --max-file-size"
js_case js-big
repeat 2048 '// a comment
' >"$w/js-big/index.js"
run 10 --max-file-size=16K js-big/connection.json
status_is 2
out_is ""
err_is "connlint: js-big/index.js: file is larger than the 16384-byte limit"
end

# --- nothing lost ---------------------------------------------------------------

# connlint only reads what it lints: the fixtures are the same, byte for
# byte and in their modes, after a full run over them in every format.
begin "nothing lost: the fixtures are unchanged by a full run"
sums() {
	(cd "$fixtures/.." && find fixtures -type f -exec cksum {} + | LC_ALL=C sort
	 find fixtures -exec ls -ld {} + | awk '{ print $1, $NF }' | LC_ALL=C sort)
}
sums >"$tmp/before"
for f in gcc pretty json jsonl sarif github checkstyle junit; do
	(cd "$fixtures/.." && timeout 60 "$bin" --format="$f" fixtures) \
	    >/dev/null 2>&1
	[ $? -le 1 ] || bad "--format=$f: exit status above 1"
done
(cd "$fixtures/.." && timeout 60 "$bin" --write-baseline="$tmp/baseline.json" \
    --output="$tmp/report.sarif" --format=sarif fixtures) >/dev/null 2>&1
sums >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" ||
    bad "the fixtures changed: $(diff "$tmp/before" "$tmp/after" | head -5)"
[ -n "$(cat "$tmp/before")" ] || bad "no fixtures found"
end

echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# The baseline flow, end to end: --write-baseline records the findings,
# --baseline suppresses exactly those and reports new ones, stale entries
# are noted (errors under --strict-baseline), and a malformed baseline is
# a clear exit-2 error with its position.
#
# usage: tests/baseline.sh path/to/connlint   (from the repository root)
#
# Prints one line for each failing case, then "N passed, N failed".
set -u

bin=${1:?usage: tests/baseline.sh path/to/connlint}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
passed=0
failed=0

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
w=$tmp/w
mkdir "$w"

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

# run ARGS...: runs connlint in $w; sets $status, $tmp/out and $tmp/err.
run() {
	(cd "$w" && "$bin" "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
}

status_is() {
	[ "$status" -eq "$1" ] ||
	    bad "exit status $status, expected $1 (stderr: $(sed -n 1p "$tmp/err"))"
}

out_empty() {
	[ ! -s "$tmp/out" ] || bad "stdout not empty: $(sed -n 1p "$tmp/out")"
}

# out_lines N: stdout has N lines.
out_lines() {
	n=$(wc -l <"$tmp/out")
	[ "$n" -eq "$1" ] || bad "$n lines on stdout, expected $1: $(cat "$tmp/out")"
}

out_has() {
	grep -Fq -- "$1" "$tmp/out" || bad "stdout lacks '$1'"
}

err_has() {
	grep -Fq -- "$1" "$tmp/err" || bad "stderr lacks '$1': $(cat "$tmp/err")"
}

err_lacks() {
	! grep -Fq -- "$1" "$tmp/err" || bad "stderr has '$1'"
}

# --- fixtures -----------------------------------------------------------------

mkdir -p "$w/conn/acme" "$w/conn/globex"
cat >"$w/conn/acme/connection.json" <<'EOF'
{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "url": {"title": "URL", "type": "string"},
    "key": {"title": "Key", "type": "text", "description": "the API key"}
  }
}
EOF
# "title" three times: the same finding (rule, pointer, message) twice.
cat >"$w/conn/globex/connection.json" <<'EOF'
{
  "type": "object",
  "title": "Globex",
  "title": "Globex 2",
  "title": "Globex 3",
  "format": "table",
  "properties": {}
}
EOF
# Each has its index.js, clean.
for d in acme globex; do
	cat >"$w/conn/$d/index.js" <<'EOF'
module.exports = {
  connect(input, output) {
    output(null, { handle: { url: input.url, key: input.key } });
  },
  validate(input, options, output) {
    ping(input.url, input.key, (err) => output(err, !err));
  }
};
EOF
done
cp -r "$w/conn" "$w/orig"

# restore: puts the original files back.
restore() {
	rm -rf "$w/conn"
	cp -r "$w/orig" "$w/conn"
}

# --- recording ------------------------------------------------------------------

begin write-records-and-suppresses
run --write-baseline=base.json conn
status_is 0
out_empty
err_has 'connlint: base.json: recorded 4 findings'
grep -q '"version": 1' "$w/base.json" || bad "no version in base.json"
grep -q '"file": "conn/globex/connection.json", "ruleId": "json-duplicate-key", "pointer": "/title", "messageHash": "[0-9a-f]\{16\}", "count": 2 }' \
    "$w/base.json" || bad "the repeated finding is not one entry of count 2"
grep -q '"line"' "$w/base.json" && bad "base.json holds line numbers"
[ -z "$(find "$w" -maxdepth 1 -name 'base.json.tmp.*')" ] ||
    bad "a temporary file was left"
end

begin write-is-stable
cp "$w/base.json" "$tmp/first"
run --write-baseline=base.json ./conn/acme/connection.json conn/globex
status_is 0
cmp -s "$w/base.json" "$tmp/first" ||
    bad "the same findings by other paths give another file"
end

begin write-quiet
run -q --write-baseline="$tmp/q.json" conn
status_is 0
[ ! -s "$tmp/err" ] || bad "stderr not empty with -q: $(cat "$tmp/err")"
end

# --- applying -------------------------------------------------------------------

begin baseline-suppresses-exactly
run --baseline=base.json conn
status_is 0
out_empty
[ ! -s "$tmp/err" ] || bad "stderr not empty: $(cat "$tmp/err")"
run --format=json --baseline=base.json conn
status_is 0
out_has '"diagnostics": ['
out_has '"errors": 0,'
out_has '"files": 4,'	# two connection.json, each with its index.js
end

begin baseline-survives-edits-elsewhere
# New lines above the findings and a changed value elsewhere: every
# finding moves, none changes.
sed -i 's/^{$/{\n  "$comment": "moved",\n/' "$w/conn/acme/connection.json"
sed -i 's/"Globex 3"/"Globex Three"/' "$w/conn/globex/connection.json"
run conn
status_is 1
run --baseline=base.json conn
status_is 0
out_empty
restore
end

begin baseline-reports-new-findings
sed -i 's/"title": "Key", //' "$w/conn/acme/connection.json"
run --baseline=base.json conn
status_is 1
out_lines 1
out_has 'conn/acme/connection.json:7:5: error: property "key" has no "title"'
restore
end

begin baseline-counts-repeated-findings
# A fourth "title": three findings where two are recorded.
sed -i 's/"title": "Globex 3",/"title": "Globex 3",\n  "title": "Globex 4",/' \
    "$w/conn/globex/connection.json"
run --baseline=base.json conn
status_is 1
out_lines 2
out_has 'conn/globex/connection.json:6:3: error: duplicate key "title"'
out_has 'conn/globex/connection.json:3:3: note: the first one is here'
restore
end

begin baseline-stale-note
# One "title" less: one of the two recorded findings is gone.
sed -i '/"Globex 3"/d' "$w/conn/globex/connection.json"
run --baseline=base.json conn
status_is 0
out_empty
err_has 'connlint: base.json: note: stale entry: conn/globex/connection.json: json-duplicate-key at "/title": recorded 2, found 1; rewrite the baseline with --write-baseline'
end

begin strict-baseline-stale-is-an-error
run --baseline=base.json --strict-baseline conn
status_is 1
out_empty
err_has 'connlint: base.json: error: stale entry: conn/globex/connection.json: json-duplicate-key'
restore
run --baseline=base.json --strict-baseline conn
status_is 0
end

begin stale-only-for-files-looked-at
sed -i '/"Globex 3"/d' "$w/conn/globex/connection.json"
run --baseline=base.json --strict-baseline conn/acme/connection.json
status_is 0
err_lacks 'stale'
restore
end

begin stale-when-a-walked-file-is-gone
rm "$w/conn/acme/connection.json"
run --baseline=base.json conn
status_is 0
err_has 'note: stale entry: conn/acme/connection.json: property-description'
err_has 'note: stale entry: conn/acme/connection.json: property-type at "/properties/key/type": recorded 1, found 0'
restore
end

begin baseline-stdin-filename
(cd "$w" && "$bin" --baseline=base.json \
    --stdin-filename=./conn/acme/connection.json -) \
    <"$w/conn/acme/connection.json" >"$tmp/out" 2>"$tmp/err"
status=$?
status_is 0
out_empty
end

begin baseline-other-formats
for f in sarif junit checkstyle github jsonl; do
	run --format=$f --baseline=base.json conn
	status_is 0
	# SARIF lists the rules that ran, the others name only findings.
	pat=property-description
	[ $f = sarif ] && pat='"ruleId"'
	grep -q "$pat" "$tmp/out" &&
	    bad "$f: a suppressed finding is in the output"
done
end

# --- index.js ---------------------------------------------------------------------
# An index.js's findings are a file's own: recorded under its path, with no
# JSON Pointer, and suppressed there.
mkdir -p "$w/js/acme"
cp "$w/orig/acme/connection.json" "$w/js/acme/connection.json"
cat >"$w/js/acme/index.js" <<'EOF'
module.exports = {
  connect(input, output) { output(null, { handle: input }); },
  validate(input, options, output) { output(null, true); }
};
EOF

begin index-js-recorded
run --write-baseline=js.json js
status_is 0
err_has 'connlint: js.json: recorded 3 findings'
grep -q '"file": "js/acme/index.js", "ruleId": "index-js-validate-stub", "pointer": null, "messageHash": "[0-9a-f]\{16\}", "count": 1 }' \
    "$w/js.json" || bad "no entry for the index.js finding: $(cat "$w/js.json")"
end

begin index-js-suppressed
run --baseline=js.json js
status_is 0
out_empty
[ ! -s "$tmp/err" ] || bad "stderr not empty: $(cat "$tmp/err")"
run --baseline=js.json js/acme/connection.json
status_is 0
out_empty
end

# Gone: the file's absence is a new finding, in connection.json, and the
# entry of index.js is stale, even with only connection.json named.
begin index-js-gone-is-new-and-stale
mv "$w/js/acme/index.js" "$tmp/index.js"
run --baseline=js.json --strict-baseline js/acme/connection.json
status_is 1
out_has 'js/acme/connection.json:1:1: error: no index.js beside this connection.json'
err_has 'error: stale entry: js/acme/index.js: index-js-validate-stub: recorded 1, found 0'
mv "$tmp/index.js" "$w/js/acme/index.js"
end

# --- usage and malformed baselines ----------------------------------------------

begin usage-errors
run --baseline=base.json --write-baseline=other.json conn
status_is 2
err_has 'give one of --baseline and --write-baseline'
run --strict-baseline conn
status_is 2
err_has '--strict-baseline goes with --baseline'
run --baseline=missing.json conn
status_is 2
err_has 'connlint: missing.json: cannot open: '
out_empty
run --write-baseline=no/dir/base.json conn
status_is 2
err_has 'connlint: no/dir/base.json: cannot create: '
out_empty
end

# malformed NAME TEXT EXPECTED: a baseline holding TEXT is exit 2 with
# "connlint: NAME.json:EXPECTED" on stderr and nothing linted.
malformed() {
	begin "malformed-$1"
	printf '%s\n' "$2" >"$w/$1.json"
	run --baseline="$1.json" conn
	status_is 2
	err_has "connlint: $1.json:$3"
	out_empty
	end
}

malformed syntax '{ "version": 1, "findings": [ ], }' \
    "1:34: expected a key after ',', not '}'"
malformed empty '' '2:1: empty input'
malformed not-object '[]' '1:1: a baseline is a JSON object'
malformed version '{ "version": 2, "findings": [] }' \
    '1:14: unknown "version"; this connlint reads version 1'
malformed no-findings '{ "version": 1 }' '1:1: the baseline has no "findings"'
malformed unknown-key '{ "version": 1, "findings": [], "extra": 1 }' \
    '1:33: unknown key in the baseline: "extra"'
malformed duplicate-key '{ "version": 1, "version": 1, "findings": [] }' \
    '1:17: duplicate key "version"'
malformed findings-type '{ "version": 1, "findings": {} }' \
    '1:29: "findings" must be an array'
malformed finding-type '{ "version": 1, "findings": [ 3 ] }' \
    '1:31: a finding must be an object'
malformed count "{ \"version\": 1, \"findings\": [
  { \"file\": \"a\", \"ruleId\": \"r\", \"pointer\": null,
    \"messageHash\": \"0123456789abcdef\", \"count\": 0 } ] }" \
    '3:49: "count" must be a whole number from 1 to 1000000000'
malformed count-float "{ \"version\": 1, \"findings\": [
  { \"file\": \"a\", \"ruleId\": \"r\", \"pointer\": null,
    \"messageHash\": \"0123456789abcdef\", \"count\": 1.5 } ] }" \
    '3:49: "count" must be a whole number'
malformed hash "{ \"version\": 1, \"findings\": [
  { \"file\": \"a\", \"ruleId\": \"r\", \"pointer\": null,
    \"messageHash\": \"0123\", \"count\": 1 } ] }" \
    '3:20: "messageHash" must be 16 lower-case hex digits'
malformed missing-member "{ \"version\": 1, \"findings\": [
  { \"file\": \"a\", \"ruleId\": \"r\", \"messageHash\": \"0123456789abcdef\",
    \"count\": 1 } ] }" \
    '2:3: a finding has no "pointer"'
malformed file-type "{ \"version\": 1, \"findings\": [
  { \"file\": 7, \"ruleId\": \"r\", \"pointer\": \"/a\",
    \"messageHash\": \"0123456789abcdef\", \"count\": 1 } ] }" \
    '2:13: "file" must be a string'
malformed finding-key "{ \"version\": 1, \"findings\": [
  { \"file\": \"a\", \"ruleId\": \"r\", \"pointer\": \"/a\", \"line\": 3,
    \"messageHash\": \"0123456789abcdef\", \"count\": 1 } ] }" \
    '2:50: unknown key in a finding: "line"'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

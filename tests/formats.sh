#!/bin/sh
# Golden tests of every output format.  The same fixtures are linted in
# one run per format, and the output must be exactly
# tests/formats/expected.FORMAT (expected.pretty-color: pretty with
# --color=always).  Then tests/formats_check.py reads all the outputs and
# checks that they are well formed (the SARIF against the official
# schema) and carry the same diagnostics.
#
# usage: tests/formats.sh CONNLINT      UPDATE=1 rewrites the expected files
#
# Without python3 the cross-format check is skipped with a note; with
# REQUIRE_TEST_TOOLS=1 (CI) that is a failure.
set -u
connlint=$1
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# Findings of every kind: several per file, a note, a note-severity rule,
# a clean file, non-ASCII text (byte and code point columns differ), a
# long line, tabs and CR LF, a BOM, a syntax error, bytes that are not
# UTF-8, markup and escape characters in messages, and findings without
# a JSON Pointer in an index.js and about a missing one.
files="fixtures/demo/globex-basic/connection.json
fixtures/index-js/validate-stub/connection.json
fixtures/index-js/missing-file/connection.json
fixtures/contract/clean-wrapper.json
fixtures/contract/unicode.json
fixtures/contract/crlf-tabs.json
fixtures/formats/escapes.json
fixtures/formats/long-line.json
fixtures/json/bom.json
fixtures/json/invalid-utf8.json
fixtures/json/raw-tab.json
fixtures/json/trailing-comma.json"

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$*"
}

# golden NAME: compares $tmp/NAME with tests/formats/expected.NAME.
golden() {
	want=tests/formats/expected.$1
	[ "${UPDATE:-}" = 1 ] && cp "$tmp/$1" "$want"
	if cmp -s "$want" "$tmp/$1"; then
		pass
	else
		fail "$1: output differs from $want:"
		diff "$want" "$tmp/$1" | head -n 40
	fi
}

# shellcheck disable=SC2086
for fmt in gcc pretty json jsonl sarif github checkstyle junit; do
	NO_COLOR= FORCE_COLOR= "$connlint" --format=$fmt $files \
	    >"$tmp/$fmt" 2>"$tmp/$fmt.err"
	status=$?
	if [ "$status" -eq 1 ] && [ ! -s "$tmp/$fmt.err" ]; then
		pass
	else
		fail "$fmt: exit status $status, expected 1; stderr:" \
		    "$(cat "$tmp/$fmt.err")"
	fi
	golden "$fmt"
done

# shellcheck disable=SC2086
"$connlint" --format=pretty --color=always $files >"$tmp/pretty-color" 2>&1
golden pretty-color

# No format but pretty writes an escape, whatever the colour settings.
# shellcheck disable=SC2086
for fmt in gcc json jsonl sarif github checkstyle junit; do
	FORCE_COLOR=1 "$connlint" --format=$fmt --color=always $files \
	    >"$tmp/forced" 2>&1
	if grep -q "$(printf '\033')" "$tmp/forced"; then
		fail "$fmt: an ANSI escape with FORCE_COLOR=1 --color=always"
	else
		pass
	fi
done

echo "$passed passed, $failed failed"

if command -v python3 >/dev/null 2>&1; then
	# Debian's python3 first: python3-jsonschema installs there.
	py=python3
	if [ -x /usr/bin/python3 ] &&
	    /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
		py=/usr/bin/python3
	fi
	"$py" tests/formats_check.py "$tmp" || failed=$((failed + 1))
elif [ "${REQUIRE_TEST_TOOLS:-}" = 1 ]; then
	echo "FAIL formats-check: python3 not found"
	echo "0 passed, 1 failed"
	failed=$((failed + 1))
else
	echo "note: formats-check skipped: python3 not found"
fi
[ "$failed" -eq 0 ]

#!/bin/sh
# Checks man/connlint-rules.7: it is what tools/rules-man.c makes of the
# built-in rules today (so it is not out of date), it renders without groff
# warnings, and it has every rule of `connlint --list-rules`.
#
# usage: tests/rules-man.sh path/to/connlint   (from the repository root)
# The generator, rules-man, is looked for beside connlint; this script
# builds nothing.
set -u

bin=${1:?usage: tests/rules-man.sh path/to/connlint}
case $bin in
*/*) ;;
*) bin=./$bin ;;
esac
gen=$(dirname "$bin")/rules-man
page=man/connlint-rules.7
passed=0
failed=0

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$*"
}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

if [ ! -f "$page" ]; then
	fail "page-exists: $page not found (run from the repository root)"
	echo "$passed passed, $failed failed"
	exit 1
fi

# --- up to date -------------------------------------------------------------
if [ ! -x "$gen" ]; then
	fail "generator-built: $gen not found; run: make $gen"
elif ! "$gen" >"$tmp/page" 2>"$tmp/gen.err"; then
	fail "generator-runs: $gen failed: $(cat "$tmp/gen.err")"
elif cmp -s "$tmp/page" "$page"; then
	pass
else
	fail "up-to-date: $page is out of date: run make $page"
	diff "$page" "$tmp/page" | head -20 | sed 's/^/    /'
fi

# --- the same page again, written to a file ---------------------------------
if [ -s "$tmp/page" ]; then
	if "$gen" "$tmp/again" 2>/dev/null && cmp -s "$tmp/again" "$tmp/page"
	then
		pass
	else
		fail "deterministic: $gen OUT differs from $gen > OUT"
	fi
fi

# --- renders without warnings -----------------------------------------------
if command -v groff >/dev/null 2>&1; then
	if groff -man -ww -z "$page" >"$tmp/groff.out" 2>&1 &&
	    [ ! -s "$tmp/groff.out" ]; then
		pass
	else
		fail "groff-no-warnings: groff -man -ww -z $page printed:"
		sed 's/^/    /' "$tmp/groff.out"
	fi
else
	echo "note: groff not found; groff-no-warnings skipped"
fi

# --- says where it comes from -----------------------------------------------
if head -n 3 "$page" | grep -q '^\.\\" Generated from rules/\*\.json by tools/rules-man\.c'; then
	pass
else
	fail "generated-note: $page does not start with the generated note"
fi

# --- every rule, with its severity and tags ---------------------------------
# The page's source as plain text: \- is a hyphen, \& is nothing.
sed -e 's/\\-/-/g' -e 's/\\&//g' "$page" >"$tmp/text"
if "$bin" --list-rules --no-config >"$tmp/rules" 2>"$tmp/rules.err" &&
    [ -s "$tmp/rules" ]; then
	pass
else
	fail "list-rules-runs: $bin --list-rules --no-config failed:" \
	    "$(cat "$tmp/rules.err")"
fi
while read -r id severity tags rest; do
	# The rule's subsection, from its .SS line to the next one.
	sed -n "/^\.SS $id\$/,/^\.S[SH] /p" "$tmp/text" >"$tmp/entry"
	if [ ! -s "$tmp/entry" ]; then
		fail "rule-documented: no .SS $id in $page"
		continue
	fi
	pass
	if grep -A1 -x '\.B Severity' "$tmp/entry" | grep -qx -- "$severity" &&
	    grep -A1 -x '\.B Tags' "$tmp/entry" |
	    grep -qx -- "$(echo "$tags" | sed 's/,/, /g')"; then
		pass
	else
		fail "rule-severity-tags: $page does not give $id as" \
		    "$severity, tags $tags"
	fi
done <"$tmp/rules"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

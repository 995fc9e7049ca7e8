#!/bin/sh
# Checks that man/connlint.1 renders without groff warnings and that it
# documents every option of `connlint --help` and every rule of
# `connlint --list-rules`, with the rule's default severity.
#
# usage: tests/man.sh path/to/connlint   (from the repository root)
set -u

bin=${1:?usage: tests/man.sh path/to/connlint}
case $bin in
*/*) ;;
*) bin=./$bin ;;
esac
page=man/connlint.1
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
	fail "man-page-exists: $page not found (run from the repository root)"
	echo "$passed passed, $failed failed"
	exit 1
fi

# The page's source as plain text: \- is a hyphen, font changes and
# zero-width escapes are dropped.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\&//g' \
    -e 's/\\%//g' "$page" >"$tmp/page"

# contains WORD: the page holds WORD, not as a part of a longer name.
contains() {
	grep -Eq -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|\$)" "$tmp/page"
}

# --- renders without warnings ---------------------------------------------
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
	pass
fi

# --- has the usual sections -----------------------------------------------
for s in NAME SYNOPSIS DESCRIPTION OPTIONS OUTPUT 'EXIT STATUS' EXAMPLES \
    'SEE ALSO'; do
	if grep -Eq "^\.SH \"?$s\"?\$" "$tmp/page"; then
		pass
	else
		fail "section: no .SH $s in $page"
	fi
done

# --- every option of --help -----------------------------------------------
if "$bin" --help >"$tmp/help" 2>"$tmp/help.err"; then
	pass
else
	fail "help-runs: $bin --help failed: $(cat "$tmp/help.err")"
fi
# Option lines start with blanks and a dash: "  -f, --format=FORMAT  ...".
grep -E '^[[:space:]]+-' "$tmp/help" |
    sed -e 's/^[[:space:]]*//' -e 's/[[:space:]][[:space:]].*//' |
    grep -Eo -- '--?[A-Za-z0-9][A-Za-z0-9-]*' | sort -u >"$tmp/options"
if [ -s "$tmp/options" ]; then
	pass
else
	fail "help-options: no option found in $bin --help"
fi
while read -r opt; do
	if contains "$opt"; then
		pass
	else
		fail "option-documented: $opt (from --help) is not in $page"
	fi
done <"$tmp/options"

# --- and no option that --help does not have --------------------------------
grep -Eo -- '(^|[^A-Za-z0-9_-])--[a-z][a-z0-9-]*' "$tmp/page" |
    sed 's/^[^-]*//' | sort -u >"$tmp/page-options"
while read -r opt; do
	if grep -Fqx -- "$opt" "$tmp/options"; then
		pass
	else
		fail "option-exists: $page names $opt, which --help does not list"
	fi
done <"$tmp/page-options"

# --- every rule of --list-rules, with its severity -------------------------
if "$bin" --list-rules >"$tmp/rules" 2>"$tmp/rules.err" &&
    [ -s "$tmp/rules" ]; then
	pass
else
	fail "list-rules-runs: $bin --list-rules failed: $(cat "$tmp/rules.err")"
fi
while read -r id severity rest; do
	if ! contains "$id"; then
		fail "rule-documented: rule $id is not in $page"
		continue
	fi
	pass
	# The rule's own entry: ".BR id " (severity)"".
	if grep -E -- "^\.BR? $id( |\$)" "$tmp/page" |
	    grep -Fq -- "($severity)"; then
		pass
	else
		fail "rule-severity: $page does not give $id as \"($severity)\""
	fi
done <"$tmp/rules"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

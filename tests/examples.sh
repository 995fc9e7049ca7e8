#!/bin/sh
# Keeps the documentation's examples true:
#
# - in README.md, a fenced block right after a line that ends with a file
#   of examples/ in backticks and a colon ("... `examples/x.json`:") must
#   be that file's exact text; in man/connlint.1, so must an .EX block
#   right after a comment line '.\" example: examples/x.json', and one
#   after '.\" output: DIR: ARGS' must be what "connlint ARGS" prints in
#   DIR;
# - a README block whose first line is "$ connlint ..." naming examples/ is
#   a transcript: each "$ connlint ..." line is run, and its standard
#   output must be the lines below it; "$ echo $?" prints the exit status
#   of the command before;
# - the examples of each rule file under examples/ work: connlint reports
#   the rule on the bad one and not on the good one.
#
# usage: tests/examples.sh path/to/connlint   (from the repository root)
set -u

bin=${1:?usage: tests/examples.sh path/to/connlint}
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
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

# --- cut the blocks out -----------------------------------------------------
# Each block goes to $tmp/NAME.N, and what it refers to (a file, or
# nothing) to $tmp/NAME.N.ref.
awk -v out="$tmp/readme" '
/^```/ {
	if (!inside) {
		inside = 1
		n++
		ref = ""
		if (match(prev, /`examples\/[^`]*`:$/))
			ref = substr(prev, RSTART + 1, RLENGTH - 3)
		printf "" >(out "." n)
		print ref >(out "." n ".ref")
		close(out "." n ".ref")
	} else {
		inside = 0
		close(out "." n)
	}
	next
}
inside { print >(out "." n); next }
/[^ \t]/ { prev = $0 }
' README.md

awk -v out="$tmp/man" '
/^\.\\" example: / { ref = $3; next }
/^\.\\" output: / { ref = "output:" substr($0, 13); next }
/^\.EX$/ && ref != "" {
	inside = 1
	n++
	printf "" >(out "." n)
	print ref >(out "." n ".ref")
	close(out "." n ".ref")
	next
}
/^\.EE$/ && inside { inside = 0; ref = ""; close(out "." n); next }
inside { print >(out "." n); next }
/^\./ { next }
/[^ \t]/ { ref = "" }
' man/connlint.1

# man(7) text to plain text, for the blocks of the man page.
unroff() {
	sed -e 's/\\-/-/g' -e 's/\\(dq/"/g' -e 's/\\&//g' -e 's/\\e/\\/g' "$1"
}

# --- blocks that are files --------------------------------------------------
nfiles=0
for ref in "$tmp"/readme.*.ref "$tmp"/man.*.ref; do
	[ -f "$ref" ] || continue
	file=$(cat "$ref")
	case $file in
	'' | output:*) continue ;;
	esac
	block=${ref%.ref}
	nfiles=$((nfiles + 1))
	case $block in
	*/man.*) where=man/connlint.1; unroff "$block" >"$block.text" ;;
	*) where=README.md; cp "$block" "$block.text" ;;
	esac
	if [ ! -f "$file" ]; then
		fail "doc-file-exists: $where shows $file, which does not exist"
	elif cmp -s "$block.text" "$file"; then
		pass
	else
		fail "doc-file-matches: $where shows $file, but the file is:"
		diff "$block.text" "$file" | sed 's/^/    /'
	fi
done
if [ "$nfiles" -ge 4 ]; then
	pass
else
	fail "doc-files-found: only $nfiles blocks of README.md and" \
	    "man/connlint.1 show a file of examples/"
fi

# --- outputs in the man page -------------------------------------------------
for ref in "$tmp"/man.*.ref; do
	[ -f "$ref" ] || continue
	what=$(cat "$ref")
	case $what in
	output:*) ;;
	*) continue ;;
	esac
	what=${what#output:}
	dir=${what%%: *}
	args=${what#*: }
	block=${ref%.ref}
	unroff "$block" >"$block.text"
	(cd "$dir" && eval "\"\$bin\" $args") >"$block.actual" 2>&1 </dev/null
	if cmp -s "$block.text" "$block.actual"; then
		pass
	else
		fail "man-output: man/connlint.1 says connlint $args prints" \
		    "(<) in $dir, but it prints (>):"
		diff "$block.text" "$block.actual" | sed 's/^/    /'
	fi
done

# --- transcripts --------------------------------------------------------------
ntranscripts=0
for block in "$tmp"/readme.*; do
	case $block in *.ref | *.text | *.actual) continue ;; esac
	first=$(sed -n 1p "$block")
	case $first in
	'$ connlint '*examples/*) ;;
	*) continue ;;
	esac
	ntranscripts=$((ntranscripts + 1))
	status=0
	: >"$block.actual"
	while IFS= read -r line; do
		case $line in
		'$ '*) ;;
		*) continue ;;
		esac
		printf '%s\n' "$line" >>"$block.actual"
		cmd=${line#'$ '}
		case $cmd in
		'echo $?')
			echo "$status" >>"$block.actual"
			;;
		connlint | 'connlint '*)
			eval "\"\$bin\"${cmd#connlint}" >>"$block.actual" \
			    2>"$tmp/err" </dev/null
			status=$?
			;;
		*)
			echo "(cannot run: $cmd)" >>"$block.actual"
			;;
		esac
	done <"$block"
	if cmp -s "$block" "$block.actual"; then
		pass
	else
		fail "readme-transcript: README.md says \"$first\" prints" \
		    "(<), but it prints (>):"
		diff "$block" "$block.actual" | sed 's/^/    /'
	fi
done
if [ "$ntranscripts" -ge 1 ]; then
	pass
else
	fail "readme-transcripts-found: no \"\$ connlint ... examples/\"" \
	    "block in README.md"
fi

# --- the examples of the example rules --------------------------------------
# connlint --explain shows them, indented by four spaces, after "Bad:"
# and "Good:".
example() {
	awk -v want="$1:" '
	$0 == want { on = 1; next }
	on && /^    / { print substr($0, 5); seen = 1; next }
	on && seen && !/^$/ { exit }
	' "$2"
}
for rule in $(find examples -path '*/rules/*.json' | LC_ALL=C sort); do
	id=$(sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p' "$rule" | head -n 1)
	if ! "$bin" --no-config --rules "$rule" --explain "$id" \
	    >"$tmp/explain" 2>"$tmp/err"; then
		fail "rule-explains: connlint --rules $rule --explain $id:" \
		    "$(cat "$tmp/err")"
		continue
	fi
	for which in Bad Good; do
		example "$which" "$tmp/explain" >"$tmp/doc.json"
		if [ ! -s "$tmp/doc.json" ]; then
			fail "rule-example-exists: $rule has no $which example"
			continue
		fi
		"$bin" --no-config --rules "$rule" --select "$id" \
		    --severity "$id=error" --stdin-filename=example.json - \
		    <"$tmp/doc.json" >"$tmp/out" 2>&1
		if grep -q "\\[$id\\]\$" "$tmp/out"; then
			found=Bad
		else
			found=Good
		fi
		if [ "$found" = "$which" ]; then
			pass
		else
			fail "rule-example: the $which example of $rule gives:"
			sed 's/^/    /' "$tmp/out"
		fi
	done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

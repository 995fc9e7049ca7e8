#!/bin/sh
# Editors read the gcc format as documented:
#
#  - Vim: with its default 'errorformat' (vim -u NONE), :cgetfile makes one
#    valid quickfix entry per line, with the file, line and byte column,
#    and the severity at the start of the text (the default has no %t);
#    with :compiler gcc, errors get type e; with editors/vim's
#    :compiler connlint, every entry gets its type (e, w, n) and the bare
#    message; and :make runs connlint through it.
#  - VS Code: the regexp of editors/vscode/connlint-problem-matcher.json,
#    run with python3's re (the pattern uses nothing JavaScript and Python
#    read differently), captures each line's file, line, column,
#    severity, message and rule id as --format=json has them.
#
# usage: tests/editors.sh path/to/connlint   (from the repository root)
#
# Without vim (with +eval and +quickfix) or python3, that part is
# skipped with a note; with REQUIRE_TEST_TOOLS=1 (CI) that is a failure.
set -u

bin=${1:?usage: tests/editors.sh path/to/connlint}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
root=$PWD
passed=0
failed=0

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$*"
}

# missing TOOL WHY: a skip, or a failure under REQUIRE_TEST_TOOLS=1.
missing() {
	if [ "${REQUIRE_TEST_TOOLS:-}" = 1 ]; then
		fail "$1: $2"
	else
		echo "note: $1 skipped: $2"
	fi
}

# Errors, notes of both kinds (a note-severity rule, a related place),
# multibyte text before a column, tabs and CR LF.
files="fixtures/demo/globex-basic/connection.json
fixtures/formats/escapes.json
fixtures/contract/unicode.json
fixtures/contract/crlf-tabs.json"
# shellcheck disable=SC2086
"$bin" $files >"$tmp/gcc.txt"
# shellcheck disable=SC2086
"$bin" --format=json $files >"$tmp/json.txt"

# --- Vim ------------------------------------------------------------------------

cat >"$tmp/dump.vim" <<'EOF'
" Writes the quickfix list to $QF_OUT: file|line|col|type|valid|text.
let s:lines = []
for e in getqflist()
  call add(s:lines, printf('%s|%d|%d|%s|%d|%s', bufname(e.bufnr), e.lnum,
        \ e.col, e.type, e.valid, e.text))
endfor
call writefile(s:lines, $QF_OUT)
qa!
EOF

# qf NAME VIM-ARGS...: the quickfix list of $tmp/gcc.txt in $tmp/NAME.
qf() {
	out=$1
	shift
	QF_OUT=$tmp/$out vim -u NONE -i NONE -N -es "$@" \
	    -c "cgetfile $tmp/gcc.txt" -S "$tmp/dump.vim" </dev/null \
	    >/dev/null 2>&1
}

# expect NAME TYPE-RULE TEXT-RULE: what a quickfix list should hold,
# from the gcc lines; the rules are sed replacements for the type and
# text fields (\4 is the severity, \5 the message).
expect() {
	sed 's/^\([^:]*\):\([0-9]*\):\([0-9]*\): \([a-z]*\): \(.*\)$/\1|\2|\3|'"$2"'|1|'"$3"'/' \
	    "$tmp/gcc.txt" >"$tmp/$1.want"
}

# compare NAME WHAT: $tmp/NAME is $tmp/NAME.want.
compare() {
	if cmp -s "$tmp/$1.want" "$tmp/$1"; then
		pass
	else
		fail "vim-$1: $2:"
		diff "$tmp/$1.want" "$tmp/$1" | head -n 20
	fi
}

if ! command -v vim >/dev/null 2>&1; then
	missing vim "vim not found (apt-get install vim)"
elif ! vim -u NONE -i NONE -N -es \
    -c 'if has("eval") && has("quickfix") | qa! | else | cq! | endif' \
    </dev/null >/dev/null 2>&1; then
	missing vim "this vim has no +eval or no +quickfix (vim-tiny?)"
else
	qf default
	expect default '' ' \4: \5'
	compare default "the default 'errorformat' gives other entries"

	qf gcc -c 'compiler gcc'
	sed 's/^\([^:]*\):\([0-9]*\):\([0-9]*\): error: \(.*\)$/\1|\2|\3|e|1|\4/; s/^\([^:]*\):\([0-9]*\):\([0-9]*\): note: \(.*\)$/\1|\2|\3||1|note: \4/' \
	    "$tmp/gcc.txt" >"$tmp/gcc.want"
	compare gcc ":compiler gcc gives other entries"

	qf connlint --cmd "set rtp^=$root/editors/vim" -c 'compiler connlint'
	expect connlint '\4' '\5'
	sed -i 's/|error|1|/|e|1|/; s/|warning|1|/|w|1|/; s/|note|1|/|n|1|/' \
	    "$tmp/connlint.want"
	compare connlint ":compiler connlint gives other entries"

	# :make, as a user runs it, with connlint on the PATH.
	mkdir "$tmp/bin"
	ln -s "$bin" "$tmp/bin/connlint"
	# shellcheck disable=SC2086
	PATH=$tmp/bin:$PATH QF_OUT=$tmp/make vim -u NONE -i NONE -N -es \
	    --cmd "set rtp^=$root/editors/vim" -c 'compiler connlint' \
	    -c "silent make $(echo $files)" -S "$tmp/dump.vim" \
	    </dev/null >/dev/null 2>&1
	cp "$tmp/connlint.want" "$tmp/make.want"
	compare make ":make with :compiler connlint gives other entries"
fi

# --- VS Code ----------------------------------------------------------------------

if ! command -v python3 >/dev/null 2>&1; then
	missing vscode "python3 not found"
else
	python3 - "$root/editors/vscode/connlint-problem-matcher.json" \
	    "$tmp/gcc.txt" "$tmp/json.txt" >"$tmp/vscode" 2>&1 <<'EOF'
import json
import re
import sys

matcher = json.load(open(sys.argv[1]))
p = matcher["pattern"]
assert matcher["owner"] == "connlint", "owner"
assert matcher["fileLocation"][0] in ("autodetect", "relative"), "fileLocation"
rx = re.compile(p["regexp"])
want = []
for d in json.load(open(sys.argv[3]))["diagnostics"]:
    want.append((d["file"], d["line"], d["column"], d["severity"],
                 d["message"], d["ruleId"]))
    for n in d.get("notes", []):
        want.append((d["file"], n["line"], n["column"], "note",
                     n["message"], None))
got = []
for line in open(sys.argv[2], encoding="utf-8").read().splitlines():
    m = rx.match(line)
    assert m, "no match: " + line
    got.append((m.group(p["file"]), int(m.group(p["line"])),
                int(m.group(p["column"])), m.group(p["severity"]),
                m.group(p["message"]), m.group(p["code"])))
assert got == want, "captures differ:\n%r\n%r" % (got, want)
# VS Code reads error, warning and info, and "note" as info.
assert all(g[3] in ("error", "warning", "note") for g in got), "severity"
print("ok")
EOF
	if [ "$(cat "$tmp/vscode")" = ok ]; then
		pass
	else
		fail "vscode-problem-matcher: $(cat "$tmp/vscode")"
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

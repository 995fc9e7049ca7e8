#!/bin/sh
# Black-box tests of the connlint command line: exit statuses, messages,
# the directory walk, standard input, limits and output formats.
#
# usage: tests/cli.sh path/to/connlint   (from the repository root)
#
# Prints one line for each failing case, then "N passed, N failed".
set -u

bin=${1:?usage: tests/cli.sh path/to/connlint}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
version=$(cat VERSION 2>/dev/null)
passed=0
failed=0

tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
w=$tmp/w		# the fixtures; connlint runs here
mkdir "$w"

# --- the case machinery -----------------------------------------------------

# begin NAME: starts a case.  bad REASON: records a failure.  end: counts
# the case and prints one line if anything failed.
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

skip() {
	printf 'note: %s skipped: %s\n' "$name" "$*"
	passed=$((passed + 1))
}

# run ARGS...: runs connlint in $w with stdin from /dev/null; sets
# $status, $tmp/out and $tmp/err.
run() {
	(cd "$w" && "$bin" "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# run_stdin FILE ARGS...: run, with stdin from FILE.
run_stdin() {
	in=$1
	shift
	(cd "$w" && "$bin" "$@") <"$in" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# run_timed ARGS...: run, killed after 10 seconds (status 124 then).
run_timed() {
	(cd "$w" && timeout 10 "$bin" "$@") </dev/null >"$tmp/out" \
	    2>"$tmp/err"
	status=$?
}

first() {
	sed -n 1p "$1"
}

status_is() {
	[ "$status" -eq "$1" ] ||
	    bad "exit status $status, expected $1${2:+ ($2)}" \
		"(stderr: $(first "$tmp/err"))"
}

# out_is TEXT: stdout is exactly TEXT and a newline.
out_is() {
	printf '%s\n' "$1" >"$tmp/expect"
	cmp -s "$tmp/expect" "$tmp/out" ||
	    bad "stdout is '$(cat "$tmp/out")', expected '$1'"
}

# out_is_file: stdout is exactly $tmp/expect.
out_is_file() {
	cmp -s "$tmp/expect" "$tmp/out" ||
	    bad "stdout is '$(cat "$tmp/out")', expected '$(cat "$tmp/expect")'"
}

out_has() {
	grep -Fq -- "$1" "$tmp/out" || bad "stdout lacks '$1'"
}

out_lacks() {
	! grep -Fq -- "$1" "$tmp/out" || bad "stdout has '$1'"
}

out_empty() {
	[ ! -s "$tmp/out" ] || bad "stdout not empty: $(first "$tmp/out")"
}

err_has() {
	grep -Fq -- "$1" "$tmp/err" || bad "stderr lacks '$1'"
}

# err_line_starts PREFIX: some line of stderr starts with PREFIX.
err_line_starts() {
	awk -v p="$1" 'index($0, p) == 1 { found = 1 } END { exit !found }' \
	    "$tmp/err" || bad "no stderr line starts with '$1'"
}

# err_is_line TEXT: stderr is exactly TEXT and a newline.
err_is_line() {
	[ "$(cat "$tmp/err")" = "$1" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
	    bad "stderr is '$(cat "$tmp/err")', expected '$1'"
}

err_empty() {
	[ ! -s "$tmp/err" ] || bad "stderr not empty: $(first "$tmp/err")"
}

# paths_are FILE...: the paths at the start of stdout's lines, in order.
paths_are() {
	printf '%s\n' "$@" >"$tmp/expect"
	cut -d: -f1 "$tmp/out" >"$tmp/paths"
	cmp -s "$tmp/expect" "$tmp/paths" ||
	    bad "files linted: '$(tr '\n' ' ' <"$tmp/paths")'," \
		"expected '$*'"
}

# json_ok: stdout is one JSON document: Python's json.tool reads it (UTF-8
# and all); without Python, connlint reads it back, and finds no repeated
# key either.
if command -v python3 >/dev/null 2>&1 && python3 -c '' 2>/dev/null; then
	have_python=yes
else
	have_python=
fi
json_ok() {
	if [ -n "$have_python" ]; then
		python3 -m json.tool "$tmp/out" >/dev/null 2>"$tmp/back" ||
		    bad "the json output is not JSON: $(sed -n '$p' "$tmp/back")"
		return
	fi
	"$bin" --stdin-filename=out.json - <"$tmp/out" >"$tmp/back" 2>&1
	if grep -Eq '\[json-(syntax|duplicate-key|bom)\]' "$tmp/back"; then
		bad "the json output is not JSON: $(grep -E '\[json-' "$tmp/back" |
		    sed -n 1p)"
	fi
}

# err_lines N: stderr has exactly N lines.
err_lines() {
	[ "$(wc -l <"$tmp/err")" -eq "$1" ] ||
	    bad "$(wc -l <"$tmp/err") lines on stderr, expected $1:" \
		"$(tr '\n' '|' <"$tmp/err")"
}

# Permissions do not stop root.  As root, run_unpriv runs connlint as
# nobody (setpriv, from util-linux) for the cases that need a directory or
# file it cannot read; unpriv says how, or is empty when it cannot.
unpriv_cmd() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# run_unpriv ARGS...: run, as nobody when running as root.
run_unpriv() {
	if [ "$unpriv" = setpriv ]; then
		(cd "$w" && unpriv_cmd "$bin" "$@") </dev/null >"$tmp/out" \
		    2>"$tmp/err"
		status=$?
	else
		run "$@"
	fi
}

# --- fixtures ----------------------------------------------------------------

cat >"$w/good.json" <<'EOF'
{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "url": {"title": "URL", "type": "string", "description": "the server"}
  }
}
EOF

cat >"$w/nodesc.json" <<'EOF'
{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "url": {"title": "URL", "type": "string"}
  }
}
EOF
nodesc_msg='error: property "url" has no "description"; Flow shows it as the field'"'"'s help text [property-description]'

cat >"$w/nested.json" <<'EOF'
{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "auth": {
      "title": "Auth",
      "type": "object",
      "description": "the credentials",
      "properties": {
        "user": {"type": "string", "description": "the user name"}
      }
    }
  }
}
EOF

cat >"$w/wrapper.json" <<'EOF'
{
  "name": "acme-apikey",
  "uid": "6f1e2d3c4b5a69788796a5b4c3d2e1f0",
  "version": "v1",
  "label": "acme:conn_apikey_title",
  "input": {
    "type": "object",
    "title": "acme:conn_apikey_credentials_title",
    "format": "table",
    "properties": {
      "accessKey": {
        "type": "string",
        "format": "password",
        "title": "acme:conn_apikey_access_key",
        "description": "acme:conn_apikey_access_key_description"
      }
    }
  },
  "output": {
    "type": "object",
    "properties": {
      "handle": {"type": "object", "title": "handle"}
    }
  }
}
EOF

cat >"$w/wrapper-bad.json" <<'EOF'
{
  "name": "acme-apikey",
  "input": {
    "type": "object",
    "title": "Acme",
    "format": "table",
    "properties": {
      "key": {"title": "Key", "type": "string"}
    }
  },
  "output": {
    "type": "object",
    "properties": {
      "handle": {"type": "object", "title": "handle"}
    }
  }
}
EOF

# A clean index.js, for the folders of the walk tests: a connection.json
# there has its index.js beside it, as "flow add connection" makes it.
cat >"$w/index.js" <<'EOF'
module.exports = {
  connect(input, output) {
    output(null, { handle: { url: input.url } });
  },
  validate(input, options, output) {
    ping(input.url, (err) => output(err, !err));
  }
};
EOF

# index_js DIR...: puts the clean index.js in each DIR.
index_js() {
	for d; do
		cp "$w/index.js" "$d/index.js" || return 1
	done
}

cat >"$w/any.json" <<'EOF'
{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "data": {"title": "Data", "type": "any", "description": "anything"}
  }
}
EOF

printf '{\r\n\t"type": "object",\r\n\t"title": "A",\r\n\t"format": "table",\r\n\t"properties": {\r\n\t\t"u": {"title": "U", "type": "string"}}}\r\n' \
    >"$w/crlf.json"
printf '{"type": "object",\r"type": "object", "title": "A", "format": "table", "properties": {}}\n' \
    >"$w/cr.json"
printf '\357\273\277{"type": "object", "title": "A", "format": "table", "properties": {"u": {"title": "U", "type": "string"}}}\n' \
    >"$w/bom.json"
printf '{"type": "object", "title": "A", "format": "table", "properties": {},}\n' \
    >"$w/comma.json"
: >"$w/empty.json"
cp "$w/nodesc.json" "$w/-dash.json"

# A file of exactly N bytes: good.json padded with spaces.
pad() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf " " }'
}
size=$(wc -c <"$w/good.json")
{ cat "$w/good.json"; pad $((1024 - size)); } >"$w/k1.json"
{ cat "$w/good.json"; pad $((2000 - size)); } >"$w/big.json"

# A tree for the walk.
mkdir -p "$w/tree/B" "$w/tree/a/sub" "$w/tree/b/deep/er" "$w/tree/c" \
    "$w/tree/.git" "$w/tree/node_modules/pkg" "$w/tree/b/node_modules" \
    "$w/tree/empty"
for f in B a a/sub b/deep/er .git node_modules/pkg b/node_modules .; do
	cp "$w/nodesc.json" "$w/tree/$f/connection.json"
	index_js "$w/tree/$f"
done
cp "$w/nodesc.json" "$w/tree/c/other.json"
cp "$w/nodesc.json" "$w/tree/c/connection.json.bak"
cp "$w/nodesc.json" "$w/tree/c/my-connection.json"
tree_paths="tree/B/connection.json tree/a/connection.json
tree/a/sub/connection.json tree/b/deep/er/connection.json
tree/connection.json"

mkdir -p "$w/noconn/x"
cp "$w/nodesc.json" "$w/noconn/x/other.json"
mkdir "$w/emptydir"

# --- exit statuses -------------------------------------------------------------

begin clean-file-exits-0
run good.json
status_is 0
out_empty
end

begin file-with-errors-exits-1
run nodesc.json
status_is 1
end

begin notes-only-exit-0
run any.json
status_is 0 "a note is not an error"
out_has '[property-type-any]'
out_has 'any.json:6:39: note: '
end

begin wrapper-shape-clean
run wrapper.json
status_is 0 "output's properties need no description"
out_empty
end

begin empty-file-is-a-syntax-error
run empty.json
status_is 1
out_has 'empty.json:1:1: error: '
out_has '[json-syntax]'
end

begin missing-file-exits-2
run missing.json
status_is 2
out_empty
err_line_starts 'connlint: missing.json: '
end

begin missing-file-others-still-linted
run nodesc.json missing.json good.json nested.json
status_is 2 "a file that cannot be read beats findings"
err_line_starts 'connlint: missing.json: '
paths_are nodesc.json nested.json
end

begin no-arguments-exits-2
run
status_is 2
out_empty
err_line_starts 'connlint: '
end

begin unknown-option-exits-2
run --no-such-option good.json
status_is 2
out_empty
[ -s "$tmp/err" ] || bad "nothing on stderr"
end

begin unknown-short-option-exits-2
run -Z good.json
status_is 2
out_empty
end

begin bad-format-exits-2
run --format=xml good.json
status_is 2
out_empty
err_has "xml"
end

begin format-without-argument-exits-2
run good.json --format
status_is 2
out_empty
end

begin output-write-error-exits-2
if [ -w /dev/full ]; then
	(cd "$w" && "$bin" nodesc.json) >/dev/full 2>"$tmp/err"
	status=$?
	status_is 2 "output cannot be written"
	err_line_starts 'connlint: '
	end
else
	skip "no /dev/full"
fi

begin double-dash-ends-options
run -- -dash.json
status_is 1
paths_are -dash.json
end

# --- exact output ---------------------------------------------------------------

begin missing-description-exact-line
run nodesc.json
out_is "nodesc.json:6:5: $nodesc_msg"
end

begin nested-field-exact-line
run nested.json
status_is 1
out_is 'nested.json:11:9: error: property "user" has no "title"; Flow shows it as the field'"'"'s label [property-title]'
end

begin wrapper-input-exact-line
run wrapper-bad.json
status_is 1
out_is 'wrapper-bad.json:8:7: error: property "key" has no "description"; Flow shows it as the field'"'"'s help text [property-description]'
end

begin crlf-and-tab-columns
run crlf.json
out_is 'crlf.json:6:3: error: property "u" has no "description"; Flow shows it as the field'"'"'s help text [property-description]'
end

begin lone-cr-ends-a-line-and-note-line
run cr.json
status_is 1
cat >"$tmp/expect" <<'EOF'
cr.json:2:1: error: duplicate key "type"; only the last one counts [json-duplicate-key]
cr.json:1:2: note: the first one is here
EOF
out_is_file
end

begin bom-not-counted-in-columns
run bom.json
status_is 1
cat >"$tmp/expect" <<'EOF'
bom.json:1:1: error: the file starts with a UTF-8 byte order mark; JSON text must not have one [json-bom]
bom.json:1:68: error: property "u" has no "description"; Flow shows it as the field's help text [property-description]
EOF
out_is_file
end

begin syntax-error-position
run comma.json
status_is 1
out_has 'comma.json:1:70: error: '
out_has '[json-syntax]'
[ "$(wc -l <"$tmp/out")" -eq 1 ] || bad "expected one line"
end

# --- the directory walk --------------------------------------------------------

begin walk-recursive-sorted
run tree
status_is 1
# shellcheck disable=SC2086
paths_are $tree_paths
end

begin walk-skips-git-and-node-modules
run tree
out_lacks '.git/'
out_lacks 'node_modules'
end

begin walk-ignores-other-names
run tree
out_lacks 'other.json'
out_lacks 'connection.json.bak'
out_lacks 'my-connection.json'
end

begin walk-trailing-slash-no-double-slash
run tree/
status_is 1
out_lacks '//'
# shellcheck disable=SC2086
paths_are $tree_paths
end

begin walk-dir-and-file-together
run tree/a good.json nodesc.json
status_is 1
paths_are tree/a/connection.json tree/a/sub/connection.json nodesc.json
end

begin walk-empty-dir-exits-2
run emptydir
status_is 2
out_empty
err_line_starts 'connlint: emptydir: '
end

begin walk-dir-with-other-names-only-exits-2
run noconn
status_is 2
out_empty
err_line_starts 'connlint: noconn: '
end

begin walk-fifo-does-not-hang
if ! command -v timeout >/dev/null 2>&1; then
	skip "no timeout command"
elif ! mkdir -p "$w/fifo/x" "$w/fifo/y" ||
    ! mkfifo "$w/fifo/x/connection.json" ||
    ! ln -s ../x/connection.json "$w/fifo/y/connection.json" ||
    ! cp "$w/nodesc.json" "$w/fifo/connection.json" ||
    ! index_js "$w/fifo"; then
	skip "cannot make a FIFO here"
else
	run_timed fifo
	[ "$status" -ne 124 ] || bad "hung on a FIFO named connection.json"
	status_is 1 "a FIFO is passed over, not an error"
	paths_are fifo/connection.json
	err_empty
	end
fi

begin walk-symlink-to-parent-no-loop
if ! command -v timeout >/dev/null 2>&1; then
	skip "no timeout command"
elif ! mkdir -p "$w/loop/sub" ||
    ! cp "$w/nodesc.json" "$w/loop/sub/connection.json" ||
    ! index_js "$w/loop/sub" ||
    ! ln -s .. "$w/loop/sub/up"; then
	skip "cannot make a symbolic link here"
else
	run_timed loop
	[ "$status" -ne 124 ] || bad "looped on a symbolic link to a parent"
	status_is 1
	paths_are loop/sub/connection.json
	end
fi

begin walk-follows-symlinked-file
if mkdir -p "$w/linked/conn" && cp "$w/nodesc.json" "$w/linked/real.json" &&
    ln -s ../real.json "$w/linked/conn/connection.json" &&
    index_js "$w/linked/conn"; then
	run linked
	status_is 1
	paths_are linked/conn/connection.json
	end
else
	skip "cannot make a symbolic link here"
fi

begin walk-does-not-follow-symlinked-dir
if mkdir -p "$w/dirlink/real" && cp "$w/good.json" "$w/dirlink/real/connection.json" &&
    index_js "$w/dirlink/real" &&
    mkdir -p "$w/outside" && cp "$w/nodesc.json" "$w/outside/connection.json" &&
    ln -s ../outside "$w/dirlink/elsewhere"; then
	run dirlink
	status_is 0
	out_empty
	end
else
	skip "cannot make a symbolic link here"
fi

begin walk-dangling-symlink-exits-2
if mkdir -p "$w/dangle/a" "$w/dangle/b" &&
    cp "$w/nodesc.json" "$w/dangle/b/connection.json" &&
    index_js "$w/dangle/b" &&
    ln -s nowhere.json "$w/dangle/a/connection.json" &&
    ln -s nowhere.json "$w/dangle/a/other.json"; then
	run dangle
	status_is 2 "a connection.json that cannot be read"
	err_line_starts 'connlint: dangle/a/connection.json: '
	err_has 'a symbolic link to nothing'
	err_lines 1
	paths_are dangle/b/connection.json
	end
else
	skip "cannot make a symbolic link here"
fi

# --- what cannot be read ------------------------------------------------------
#
# As root, these run connlint as nobody, so the tree must be open to
# others but for the locked parts: mktemp -d made $tmp 0700.

if [ "$(id -u)" -ne 0 ]; then
	unpriv=self
elif command -v setpriv >/dev/null 2>&1 &&
    unpriv_cmd true 2>/dev/null; then
	umask 022	# what these cases make, nobody may read
	chmod 755 "$tmp" "$w"
	chmod a+r "$w/nodesc.json" "$w/good.json"
	unpriv=setpriv
	run_unpriv good.json
	if [ "$status" -ne 0 ]; then
		echo "note: nobody cannot run connlint here:" \
		    "$(first "$tmp/err")"
		unpriv=
	fi
else
	unpriv=
fi
no_unpriv="running as root, where permissions do not stop reading,"
no_unpriv="$no_unpriv and setpriv cannot run connlint as nobody"

begin unreadable-dir-named-exits-2
if [ -z "$unpriv" ]; then
	skip "$no_unpriv"
else
	mkdir -p "$w/locked/in"
	cp "$w/nodesc.json" "$w/locked/in/connection.json"
	chmod 000 "$w/locked"
	run_unpriv locked nodesc.json
	chmod 755 "$w/locked"
	status_is 2
	err_line_starts 'connlint: locked: '
	err_lines 1
	grep -q 'no connection.json' "$tmp/err" &&
	    bad "also claims the unreadable directory has no connection.json"
	paths_are nodesc.json
	end
fi

begin unsearchable-dir-named-exits-2
if [ -z "$unpriv" ]; then
	skip "$no_unpriv"
else
	mkdir -p "$w/noexec"
	cp "$w/nodesc.json" "$w/noexec/connection.json"
	chmod 644 "$w/noexec"
	run_unpriv noexec nodesc.json
	chmod 755 "$w/noexec"
	status_is 2
	err_line_starts 'connlint: noexec/connection.json: '
	err_lines 1
	grep -q 'no connection.json' "$tmp/err" &&
	    bad "also claims the unsearchable directory has no connection.json"
	paths_are nodesc.json
	end
fi

begin unreadable-dir-inside-walk-exits-2
if [ -z "$unpriv" ]; then
	skip "$no_unpriv"
else
	mkdir -p "$w/part/a" "$w/part/b" "$w/part/c" "$w/part/d"
	for d in a b c d; do
		cp "$w/nodesc.json" "$w/part/$d/connection.json"
	done
	index_js "$w/part/b" "$w/part/d"	# the two that are linted
	chmod 000 "$w/part/a"
	chmod 644 "$w/part/c"	# can be listed, not searched
	run_unpriv part
	chmod 755 "$w/part/a" "$w/part/c"
	status_is 2
	err_line_starts 'connlint: part/a: '
	err_line_starts 'connlint: part/c/connection.json: '
	err_lines 2
	paths_are part/b/connection.json part/d/connection.json
	out_has "part/b/connection.json:6:5: $nodesc_msg"
	out_has "part/d/connection.json:6:5: $nodesc_msg"
	end
fi

begin unreadable-file-named-exits-2
if [ -z "$unpriv" ]; then
	skip "$no_unpriv"
else
	cp "$w/nodesc.json" "$w/locked.json"
	chmod 000 "$w/locked.json"
	run_unpriv locked.json nodesc.json
	status_is 2
	err_line_starts 'connlint: locked.json: '
	err_lines 1
	paths_are nodesc.json
	end
fi

begin unreadable-file-inside-walk-exits-2
if [ -z "$unpriv" ]; then
	skip "$no_unpriv"
else
	mkdir -p "$w/lockedfile/a" "$w/lockedfile/b"
	cp "$w/nodesc.json" "$w/lockedfile/a/connection.json"
	cp "$w/nodesc.json" "$w/lockedfile/b/connection.json"
	index_js "$w/lockedfile/a" "$w/lockedfile/b"
	chmod 000 "$w/lockedfile/a/connection.json"
	run_unpriv lockedfile
	status_is 2
	err_line_starts 'connlint: lockedfile/a/connection.json: '
	err_lines 1
	paths_are lockedfile/b/connection.json
	end
fi
[ "$unpriv" != setpriv ] || chmod 700 "$tmp"

# --- control characters in names -------------------------------------------------

# A name with a line break, a tab, an escape and a DEL in it: each prints
# as '?', so that it cannot break a line of output or fake one.
ctl_name=$(printf 'ctl\nx\ty\033z\177.json')
cr=$(printf '\r')

begin control-characters-in-file-name
if cp "$w/nodesc.json" "$w/$ctl_name"; then
	run "$ctl_name"
	status_is 1
	out_is "ctl?x?y?z?.json:6:5: $nodesc_msg"
	end
else
	skip "cannot make a file with that name here"
fi

begin control-characters-in-walked-names
if mkdir -p "$w/ctl/$ctl_name" "$w/ctl/d${cr}x" &&
    cp "$w/nodesc.json" "$w/ctl/$ctl_name/connection.json" &&
    index_js "$w/ctl/$ctl_name" &&
    ln -s nowhere "$w/ctl/d${cr}x/connection.json"; then
	run ctl
	status_is 2
	out_is "ctl/ctl?x?y?z?.json/connection.json:6:5: $nodesc_msg"
	err_line_starts 'connlint: ctl/d?x/connection.json: a symbolic link'
	err_lines 1
	end
else
	skip "cannot make a directory with that name here"
fi

begin control-characters-in-run-errors
run "$(printf 'gone\nconnlint: fake: x\r.json')" nodesc.json
status_is 2
err_line_starts 'connlint: gone?connlint: fake: x?.json: '
err_lines 1
paths_are nodesc.json
end

begin control-characters-in-stdin-filename
run_stdin "$w/nodesc.json" --stdin-filename="$(printf 'a\nb\033c')" -
status_is 1
out_is "a?b?c:6:5: $nodesc_msg"
run_stdin "$w/big.json" --max-file-size=1K \
    --stdin-filename="$(printf 'a\nb\033c')" -
status_is 2 "too big"
err_line_starts 'connlint: a?b?c: '
err_lines 1
end

# --- standard input --------------------------------------------------------------

begin stdin-default-name
run_stdin "$w/nodesc.json" -
status_is 1
out_is "<stdin>:6:5: $nodesc_msg"
end

begin stdin-filename
mkdir -p "$w/acme" && index_js "$w/acme"
run_stdin "$w/nodesc.json" --stdin-filename=acme/connection.json -
status_is 1
out_is "acme/connection.json:6:5: $nodesc_msg"
end

begin stdin-clean-exits-0
run_stdin "$w/good.json" -
status_is 0
out_empty
end

begin stdin-twice-is-an-error
run_stdin "$w/nodesc.json" - -
status_is 2
err_line_starts 'connlint: -: '
out_is "<stdin>:6:5: $nodesc_msg"
end

# --- the companion index.js -------------------------------------------------------

# Two connection folders: js/a's index.js has a stub validate, js/b has
# none; js/c's index.js exports nothing.
mkdir -p "$w/js/a" "$w/js/b" "$w/js/c"
cp "$w/good.json" "$w/js/a/connection.json"
cp "$w/nodesc.json" "$w/js/b/connection.json"
cp "$w/good.json" "$w/js/c/connection.json"
cat >"$w/js/a/index.js" <<'EOF'
module.exports = {
  connect(input, output) {
    output(null, { handle: { url: input.url } });
  },
  validate(input, options, output) {
    output(null, true);
  }
};
EOF
printf '// nothing here yet\n' >"$w/js/c/index.js"
stub_a='js/a/index.js:5:3: warning: validate never reads "input" and only calls output(null, ...), so any credentials pass; check them, such as with a request to the service, and call output(error) when they are wrong [index-js-validate-stub]'
missing_b='js/b/connection.json:1:1: error: no index.js beside this connection.json; add the connection'"'"'s index.js, which exports connect(input, output) and validate(input, options, output) [index-js-exists]'
exports_c='js/c/index.js:1:1: error: index.js does not export "connect"; add connect(input, output) to module.exports: Flow calls it to open the connection [index-js-exports]'

begin index-js-right-after-its-connection
run js
status_is 1
cat >"$tmp/expect" <<EOF
$stub_a
$missing_b
js/b/connection.json:6:5: $nodesc_msg
$exports_c
${exports_c%%connect*}validate"; add validate(input, options, output) to module.exports: Flow calls it to test the credentials a user enters [index-js-exports]
EOF
out_is_file
end

begin index-js-warning-only-exits-0
run js/a/connection.json
status_is 0 "a stub validate is a warning"
out_is "$stub_a"
end

begin index-js-folder-named-twice
run js/a js/a/connection.json
status_is 0
printf '%s\n%s\n' "$stub_a" "$stub_a" >"$tmp/expect"
out_is_file
end

begin index-js-only-beside-connection-json
cp "$w/good.json" "$w/js/b/other.json"
run js/b/other.json js/a/other.json
status_is 2 "js/a/other.json does not exist"
out_empty
err_lines 1
rm -f "$w/js/b/other.json"
end

begin index-js-ignore-tag
run --ignore index-js js
status_is 1
out_is "js/b/connection.json:6:5: $nodesc_msg"
end

begin index-js-ignore-one-rule
run --ignore index-js-exists,index-js-exports js
status_is 1
out_is "$stub_a
js/b/connection.json:6:5: $nodesc_msg"
end

# With the rules on its text off, index.js is not opened: a FIFO there
# would make any read wait, and is not even reported.
begin index-js-not-read-when-its-rules-are-off
if mkdir -p "$w/js-fifo" && cp "$w/good.json" "$w/js-fifo/connection.json" &&
    mkfifo "$w/js-fifo/index.js"; then
	run_timed --ignore index-js-exports,index-js-validate-stub js-fifo
	status_is 0
	out_empty
	err_empty
	run_timed js-fifo
	status_is 2 "a FIFO named index.js is not read"
	out_empty
	err_is_line 'connlint: js-fifo/index.js: not a regular file'
	end
else
	skip "cannot make a FIFO here"
fi

begin index-js-stdin-needs-stdin-filename
(cd "$w/js/c" && "$bin" -) <"$w/good.json" >"$tmp/out" 2>"$tmp/err"
status=$?
status_is 0 "<stdin> is not named connection.json"
out_empty
end

begin index-js-stdin-filename
run_stdin "$w/good.json" --stdin-filename=js/c/connection.json -
status_is 1
printf '%s\n' "$exports_c" >"$tmp/expect"
sed -n 1p "$tmp/out" >"$tmp/first"
cmp -s "$tmp/expect" "$tmp/first" || bad "first line: $(cat "$tmp/first")"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || bad "expected 2 lines: $(cat "$tmp/out")"
run_stdin "$w/good.json" --stdin-filename=js/b/connection.json -
status_is 1
out_is "$missing_b"
end

begin index-js-json
run --format=json js/a
status_is 0
json_ok
out_has '"file": "js/a/index.js",'
out_has '"pointer": null,'
out_has '"ruleId": "index-js-validate-stub",'
out_has '"files": 2,'
end

begin index-js-sarif
run --format=sarif js/b js/a
status_is 1
json_ok
out_has '"uri": "js/a/index.js",'
out_has '"uri": "js/b/connection.json",'
out_has '"ruleId": "index-js-exists",'
out_has '"ruleId": "index-js-validate-stub",'
end

begin index-js-output-report
run --format=json --output=js-report.json js
status_is 1
out_is "$(printf '%s\n' "$stub_a" "$missing_b" \
    "js/b/connection.json:6:5: $nodesc_msg" "$exports_c")
${exports_c%%connect*}validate\"; add validate(input, options, output) to module.exports: Flow calls it to test the credentials a user enters [index-js-exports]"
grep -q '"file": "js/a/index.js"' "$w/js-report.json" ||
    bad "the report lacks js/a/index.js"
grep -q '"files": 5,' "$w/js-report.json" ||
    bad "the report does not count 3 connection.json and 2 index.js"
rm -f "$w/js-report.json"
end

# --- the CLI's layout: a connection.json against its folders ---------------------

# run_in DIR ARGS...: run, in $w/DIR.
run_in() {
	dir=$1
	shift
	(cd "$w/$dir" && "$bin" "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# run_stdin_in DIR FILE ARGS...: run_in, with stdin from FILE.
run_stdin_in() {
	dir=$1 in=$2
	shift 2
	(cd "$w/$dir" && "$bin" "$@") <"$in" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# A clean connection, "acme-apikey" version "v1", in its own folders, and
# copies of it in folders of other names, each with its index.js.
apikey=fixtures/wrapper/acme-apikey/v1/connection.json
for d in acme-apikey/v1 acme-apikey/v2 acme-basic/v1; do
	mkdir -p "$w/layout/$d"
	cp "$apikey" "$w/layout/$d/connection.json"
	cp "${apikey%/*}/index.js" "$w/layout/$d/index.js"
done
cp "$apikey" "$w/layout/acme-basic/v1/copy.json"
name_msg='error: "name" is "acme-apikey", but the connection'"'"'s folder is "acme-basic"; expected the same name in both: rename the folder or the "name" [wrapper-name-folder]'
version_msg='error: "version" is "v1", but the file is in the version folder "v2"; expected the same version in both: change "version" or move the file [wrapper-version-folder]'

begin layout-relative-path
# the folders of a relative path are the working directory's
run_in layout/acme-apikey/v1 connection.json
status_is 0
out_empty
run_in layout/acme-basic/v1 connection.json
status_is 1
out_is "connection.json:2:11: $name_msg"
run_in layout/acme-basic/v1 ./connection.json
status_is 1
out_is "./connection.json:2:11: $name_msg"
run_in layout/acme-apikey v2/connection.json
status_is 1
out_is "v2/connection.json:8:14: $version_msg"
end

begin layout-dot-dot-by-name
run_in layout/acme-basic/v1 ../../acme-apikey/v1/connection.json
status_is 0
out_empty
run_in layout/acme-apikey/v1 ../../acme-basic/v1/../v1/connection.json
status_is 1
out_is "../../acme-basic/v1/../v1/connection.json:2:11: $name_msg"
end

begin layout-walk
run layout
status_is 1
out_is "layout/acme-apikey/v2/connection.json:8:14: $version_msg
layout/acme-basic/v1/connection.json:2:11: $name_msg"
end

begin layout-other-name-judged-on-contents
run_in layout/acme-basic/v1 copy.json
status_is 0
out_empty
end

begin layout-symbolic-link-not-followed
# the link's own name is the folder's name: the path as given
if ln -s acme-apikey "$w/layout/acme-link" 2>/dev/null; then
	run layout/acme-link/v1/connection.json
	status_is 1
	out_has 'but the connection'"'"'s folder is "acme-link"'
	rm -f "$w/layout/acme-link"
	end
else
	skip "cannot make a symbolic link here"
fi

begin layout-stdin-filename
run_stdin "$apikey" --stdin-filename=layout/acme-basic/v1/connection.json -
status_is 1
out_is "layout/acme-basic/v1/connection.json:2:11: $name_msg"
run_stdin "$apikey" --stdin-filename=layout/acme-apikey/v2/connection.json -
status_is 1
out_is "layout/acme-apikey/v2/connection.json:8:14: $version_msg"
run_stdin "$apikey" --stdin-filename=layout/acme-apikey/v1/connection.json -
status_is 0
out_empty
# a relative name is taken from the working directory, as a path is
run_stdin_in layout/acme-basic/v1 "$apikey" --stdin-filename=connection.json -
status_is 1
out_is "connection.json:2:11: $name_msg"
end

begin layout-stdin-without-name-judged-on-contents
run_stdin_in layout/acme-basic/v1 "$apikey" -
status_is 0
out_empty
run_stdin_in layout/acme-basic/v1 "$apikey" --stdin-filename=copy.json -
status_is 0
out_empty
end

# --- limits ------------------------------------------------------------------------

begin max-file-size-rejects-bigger
run --max-file-size=1K big.json
status_is 2
out_empty
err_line_starts 'connlint: big.json: '
end

begin max-file-size-suffixes
run --max-file-size=1K good.json
status_is 0 "1K"
run --max-file-size=1k good.json
status_is 0 "1k"
run --max-file-size=1M big.json
status_is 0 "1M"
run --max-file-size=1G big.json
status_is 0 "1G"
end

begin max-file-size-boundary
run --max-file-size=1024 k1.json
status_is 0 "a file of exactly the limit"
run --max-file-size=1023 k1.json
status_is 2 "a file one byte over the limit"
end

begin max-file-size-stdin
run_stdin "$w/big.json" --max-file-size=1K -
status_is 2
out_empty
err_line_starts 'connlint: <stdin>: '
end

begin max-file-size-bad-values
for v in 0 -1 abc 1KB 1.5K 3G ''; do
	run --max-file-size="$v" good.json
	status_is 2 "--max-file-size='$v'"
done
end

begin max-depth
run --max-depth=2 good.json
status_is 1 "--max-depth=2"
out_has '[json-syntax]'
run --max-depth=3 good.json
status_is 0 "--max-depth=3"
end

begin max-depth-bad-values
for v in 0 -3 x 100001 ''; do
	run --max-depth="$v" good.json
	status_is 2 "--max-depth='$v'"
done
end

begin deep-nesting-default-limit
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["
	     for (i = 0; i < 100000; i++) printf "]" }' >"$w/deep.json"
run deep.json
status_is 1
out_has 'deep.json:1:513: error: '
out_has '[json-syntax]'
end

# --- information -----------------------------------------------------------------

begin version
run --version
status_is 0
out_is "connlint $version"
[ -n "$version" ] || bad "no VERSION file (run from the repository root)"
run -V
status_is 0 "-V"
out_is "connlint $version"
end

begin help-exits-0
run --help
status_is 0
out_has 'usage: connlint'
out_has '--format'
err_empty
run -h
status_is 0 "-h"
end

begin list-rules
run --list-rules
status_is 0
for id in json-syntax json-duplicate-key json-bom root-object \
    property-description; do
	grep -q "^$id " "$tmp/out" || bad "no rule $id"
done
end

begin quiet-prints-no-summary
run -q nodesc.json
status_is 1
err_empty
out_is "nodesc.json:6:5: $nodesc_msg"
# The summary goes to a terminal only: use script(1) to have one.
if script --version 2>/dev/null | grep -q util-linux; then
	(cd "$w" && script -q -e -c "'$bin' nodesc.json" /dev/null) \
	    </dev/null >"$tmp/tty" 2>&1
	(cd "$w" && script -q -e -c "'$bin' -q nodesc.json" /dev/null) \
	    </dev/null >"$tmp/ttyq" 2>&1
	if grep -q '\[property-description\]' "$tmp/tty"; then
		grep -q '^connlint: 1 error, 0 warnings, 0 notes in 1 file' \
		    "$tmp/tty" || bad "no summary on a terminal without -q"
		! grep -q '^connlint: .* in ' "$tmp/ttyq" ||
		    bad "summary on a terminal with -q"
	else
		echo "note: $name: script(1) gave no terminal; tty part skipped"
	fi
else
	echo "note: $name: no util-linux script(1); tty part skipped"
fi
end

# --- json output -------------------------------------------------------------------

begin json-shape
run --format=json nodesc.json good.json
status_is 1
if [ "$(grep -c '^{' "$tmp/out")" -ne 1 ] ||
    [ "$(first "$tmp/out")" != '{' ] || [ "$(tail -n 1 "$tmp/out")" != '}' ]; then
	bad "not one JSON object"
fi
for s in '"version": 1' '"tool": {' '"name": "connlint"' \
    "\"version\": \"$version\"" '"diagnostics": [' '"file": "nodesc.json"' \
    '"line": 6,' '"column": 5,' '"endLine": 6,' '"endColumn": 10,' \
    '"offset": 84,' '"endOffset": 89,' \
    '"pointer": "/properties/url/description"' \
    '"ruleId": "property-description"' '"severity": "error"' \
    '"message": "property \"url\" has no \"description\"' '"summary": {' \
    '"files": 2,' '"errors": 1,' '"warnings": 0,' '"notes": 0'; do
	out_has "$s"
done
json_ok
end

begin json-short-option
run -f json nodesc.json
status_is 1
out_has '"ruleId": "property-description"'
json_ok
end

begin json-is-json
run --format=json tree nodesc.json cr.json bom.json comma.json
status_is 1
json_ok
end

begin json-note
run --format=json cr.json
out_has '"notes": ['
out_has '"message": "the first one is here"'
json_ok
end

begin json-clean-still-a-document
run --format=json good.json
status_is 0
out_has '"diagnostics": ['
out_has '"files": 1,'
json_ok
end

begin json-with-run-error-still-a-document
run --format=json missing.json nodesc.json
status_is 2
err_line_starts 'connlint: missing.json: '
out_has '"files": 1,'
json_ok
end

begin json-escapes-names
run_stdin "$w/nodesc.json" --format=json \
    --stdin-filename="$(printf 'a"b\\c\td')" -
status_is 1
out_has '"file": "a\"b\\c\td"'
json_ok
end

begin json-non-utf8-name-still-json
run_stdin "$w/nodesc.json" --format=json \
    --stdin-filename="$(printf 'caf\351/connection.json')" -
status_is 1
json_ok
end


# --- other formats and colour ---------------------------------------------------

begin bad-format-lists-formats
run --format=xml good.json
status_is 2
err_has "unknown format 'xml'; expected one of gcc, pretty, json, jsonl, sarif, github, checkstyle, junit"
end

begin every-format-same-exit-status
for f in gcc pretty json jsonl sarif github checkstyle junit; do
	run --format=$f nodesc.json
	status_is 1 "$f, an error"
	run --format=$f good.json
	status_is 0 "$f, clean"
	run --format=$f missing.json
	status_is 2 "$f, a run error"
done
end

begin bad-color-exits-2
for v in yes '' AUTO; do
	run --color="$v" good.json
	status_is 2 "--color='$v'"
	err_has "--color takes auto, always or never"
done
end

begin pretty-quiet-has-no-count-line
run --format=pretty -q nodesc.json
status_is 1
out_lacks ' in 1 file'
out_has 'nodesc.json:6:5: error: '
run --format=pretty nodesc.json good.json
out_has '1 error, 0 warnings in 2 files'
end

begin pretty-colour-auto
# Not a terminal: no colour, even with --color=auto.
run --format=pretty --color=auto nodesc.json
out_lacks "$(printf '\033')"
run --format=pretty --color=always nodesc.json
out_has "$(printf '\033[1;31merror:')"
(cd "$w" && FORCE_COLOR=1 "$bin" --format=pretty nodesc.json) \
    </dev/null >"$tmp/out" 2>&1
out_has "$(printf '\033[1;31merror:')"
(cd "$w" && FORCE_COLOR=1 NO_COLOR=1 "$bin" --format=pretty nodesc.json) \
    </dev/null >"$tmp/out" 2>&1
out_lacks "$(printf '\033')"
(cd "$w" && NO_COLOR=1 "$bin" --format=pretty --color=always nodesc.json) \
    </dev/null >"$tmp/out" 2>&1
out_has "$(printf '\033[1;31merror:')"
end

begin pretty-colour-on-a-terminal
if script --version 2>/dev/null | grep -q util-linux; then
	(cd "$w" && env -u NO_COLOR -u FORCE_COLOR TERM=xterm \
	    script -q -e -c "'$bin' --format=pretty nodesc.json" /dev/null) \
	    </dev/null >"$tmp/tty" 2>&1
	(cd "$w" && env NO_COLOR=1 TERM=xterm \
	    script -q -e -c "'$bin' --format=pretty nodesc.json" /dev/null) \
	    </dev/null >"$tmp/ttyno" 2>&1
	(cd "$w" && env -u NO_COLOR -u FORCE_COLOR TERM=dumb \
	    script -q -e -c "'$bin' --format=pretty nodesc.json" /dev/null) \
	    </dev/null >"$tmp/ttydumb" 2>&1
	if grep -q 'nodesc.json' "$tmp/tty"; then
		grep -q "$(printf '\033')" "$tmp/tty" ||
		    bad "no colour on a terminal"
		! grep -q "$(printf '\033')" "$tmp/ttyno" ||
		    bad "colour on a terminal with NO_COLOR=1"
		! grep -q "$(printf '\033')" "$tmp/ttydumb" ||
		    bad "colour on a terminal with TERM=dumb"
		# pretty has its own count line: no second one on stderr
		[ "$(grep -c ' in 1 file' "$tmp/tty")" -eq 1 ] ||
		    bad "not exactly one count line"
	else
		echo "note: $name: script(1) gave no terminal; skipped"
	fi
	end
else
	skip "no util-linux script(1)"
fi

begin gcc-never-coloured-on-a-terminal
if script --version 2>/dev/null | grep -q util-linux; then
	(cd "$w" && env FORCE_COLOR=1 TERM=xterm \
	    script -q -e -c "'$bin' --color=always nodesc.json" /dev/null) \
	    </dev/null >"$tmp/tty" 2>&1
	! grep -q "$(printf '\033')" "$tmp/tty" || bad "gcc output coloured"
	end
else
	skip "no util-linux script(1)"
fi

begin jsonl-one-object-a-line
run --format=jsonl nodesc.json cr.json good.json
status_is 1
[ "$(wc -l <"$tmp/out")" -eq 2 ] || bad "not two lines: $(cat "$tmp/out")"
while IFS= read -r line; do
	printf '%s\n' "$line" >"$tmp/line.json"
	"$bin" --stdin-filename=line.json - <"$tmp/line.json" >"$tmp/back" 2>&1
	! grep -Eq '\[json-(syntax|duplicate-key)\]' "$tmp/back" ||
	    bad "a line is not JSON: $line"
done <"$tmp/out"
out_has '"notes":[{'
run --format=jsonl good.json
status_is 0
out_empty
end

begin github-escapes-properties
run_stdin "$w/nodesc.json" --format=github \
    --stdin-filename="$(printf 'a,b:c%%d')" -
status_is 1
out_is '::error file=a%2Cb%3Ac%25d,line=6,col=5,endLine=6,endColumn=10,title=property-description::property "url" has no "description"; Flow shows it as the field'"'"'s help text'
end

begin github-note-is-a-second-line
run --format=github cr.json
out_has '::error file=cr.json,line=2,col=1,endLine=2,endColumn=7,title=json-duplicate-key::'
out_has 'only the last one counts%0Anote: the first one is here (line 1, column 2)'
end

begin xml-formats-list-clean-files
run --format=checkstyle good.json
status_is 0
out_has '<file name="good.json"/>'
run --format=junit good.json nodesc.json
status_is 1
out_has '<testcase classname="connlint" name="good.json" file="good.json"/>'
out_has 'tests="2" failures="1" errors="0"'
end

begin xml-non-utf8-name
run_stdin "$w/nodesc.json" --format=junit \
    --stdin-filename="$(printf 'caf\351\001.json')" -
status_is 1
out_has "$(printf 'name="caf\357\277\275\357\277\275.json"')"
end

begin sarif-rules-that-ran
run --format=sarif good.json
status_is 0
out_has '"results": [' 
for id in json-syntax json-duplicate-key root-object property-description \
    property-type-any; do
	out_has "\"id\": \"$id\""
done
json_ok
end


# --- --output ------------------------------------------------------------------------

# no_temp_files DIR: no temporary report file was left in DIR.
no_temp_files() {
	left=$(find "$1" -maxdepth 1 -name '*.tmp.*' | sed -n 1p)
	[ -z "$left" ] || bad "a temporary file was left: $left"
}

begin output-writes-report-and-gcc
mkdir -p "$w/rep"
run --format=sarif --output=rep/r.sarif nodesc.json
status_is 1
out_is "nodesc.json:6:5: $nodesc_msg"
grep -q '"version": "2.1.0"' "$w/rep/r.sarif" 2>/dev/null ||
    bad "no SARIF in rep/r.sarif"
grep -q '"ruleId": "property-description"' "$w/rep/r.sarif" 2>/dev/null ||
    bad "the finding is not in the report"
no_temp_files "$w/rep"
end

begin output-short-option-and-default-format
run -o rep/r.txt nodesc.json good.json
status_is 1
cmp -s "$tmp/out" "$w/rep/r.txt" || bad "the gcc report differs from stdout"
end

begin output-same-findings-as-stdout
for f in json junit pretty; do
	run --format=$f nodesc.json good.json
	cp "$tmp/out" "$tmp/direct"
	run --format=$f -o rep/r.$f nodesc.json good.json
	cmp -s "$tmp/direct" "$w/rep/r.$f" ||
	    bad "$f: the report differs from --format=$f's stdout"
done
end

begin output-file-mode
(cd "$w" && umask 027 && "$bin" -o rep/mode.txt good.json) </dev/null \
    >/dev/null 2>&1
mode=$(stat -c %a "$w/rep/mode.txt" 2>/dev/null)
[ "$mode" = 640 ] || bad "mode $mode with umask 027, expected 640"
end

begin output-replaces-whole-file
printf 'an old report that is much longer than the new one\n%.0s' \
    1 2 3 4 5 6 7 8 9 >"$w/rep/old.txt"
run -o rep/old.txt good.json
status_is 0
[ ! -s "$w/rep/old.txt" ] || bad "the old report was not replaced"
no_temp_files "$w/rep"
end

begin output-bad-names-exit-2
for v in - ''; do
	run --output="$v" good.json
	status_is 2 "--output='$v'"
	err_has "--output takes a file name"
done
end

begin output-cannot-create-exits-2
run --format=json --output=no/such/dir/r.json nodesc.json
status_is 2
err_line_starts 'connlint: no/such/dir/r.json: cannot create: '
out_empty
end

begin output-write-error-keeps-old-report
# A file size limit of 0 makes every write to a regular file fail with
# EFBIG (with SIGXFSZ ignored); standard output is not a regular file.
printf 'old\n' >"$w/rep/keep.json"
# stderr goes through a pipe, which the limit does not cover.
(cd "$w" && trap '' XFSZ && ulimit -f 0 &&
    "$bin" --format=json -o rep/keep.json nodesc.json
    echo "status=$?" >&2) </dev/null 2>&1 >/dev/null | cat >"$tmp/err"
status=$(sed -n 's/^status=//p' "$tmp/err")
status_is 2
err_line_starts 'connlint: rep/keep.json: cannot write: '
[ "$(cat "$w/rep/keep.json")" = old ] || bad "the old report was changed"
no_temp_files "$w/rep"
end

begin output-interrupted-leaves-no-report
if mkfifo "$w/rep/fifo" 2>/dev/null; then
	# connlint opens the report first, then blocks reading the FIFO.
	(cd "$w" && exec "$bin" -o rep/int.json --format=json rep/fifo) \
	    >/dev/null 2>&1 &
	pid=$!
	n=0
	while [ -z "$(find "$w/rep" -name 'int.json.*')" ] && [ $n -lt 100 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	[ $n -lt 100 ] || bad "no temporary file while running"
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null
	status=$?
	[ "$status" -eq 143 ] || bad "exit status $status, expected 143 (SIGTERM)"
	[ ! -e "$w/rep/int.json" ] || bad "a report was written"
	no_temp_files "$w/rep"
	rm -f "$w/rep/fifo"
	end
else
	skip "cannot make a FIFO here"
fi

begin output-refuses-what-is-not-a-regular-file
mkdir -p "$w/rep"
if mkfifo "$w/rep/pipe.json" 2>/dev/null; then
	ln -s "$w/good.json" "$w/rep/link.json"
	run -o rep/pipe.json good.json
	status_is 2 "a FIFO"
	err_has "rep/pipe.json: not a regular file"
	[ -p "$w/rep/pipe.json" ] || bad "the FIFO was replaced"
	run -o rep/link.json good.json
	status_is 2 "a symbolic link"
	[ -L "$w/rep/link.json" ] || bad "the link was replaced"
	no_temp_files "$w/rep"
	rm -f "$w/rep/pipe.json" "$w/rep/link.json"
	end
else
	skip "cannot make a FIFO here"
fi

begin output-closed-pipe-leaves-no-report
# head(1) closes the pipe after one line: SIGPIPE must not leave a
# half-written temporary file beside the report.
i=0
mkdir -p "$w/many"
while [ $i -lt 300 ]; do
	mkdir -p "$w/many/c$i"
	cp "$w/nodesc.json" "$w/many/c$i/connection.json"
	i=$((i + 1))
done
(cd "$w" && "$bin" -f json -o rep/piped.json many | head -1 >/dev/null)
no_temp_files "$w/rep"
rm -rf "$w/many" "$w/rep/piped.json"
end

begin write-baseline-not-written-when-a-file-fails
run --write-baseline=rep/base.json nodesc.json missing.json
status_is 2
err_has "rep/base.json: not written"
[ ! -e "$w/rep/base.json" ] || bad "a baseline was written without a file"
no_temp_files "$w/rep"
end

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

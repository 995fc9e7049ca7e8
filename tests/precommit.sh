#!/bin/sh
# The pre-commit hook, with the real pre-commit: a throw-away git
# repository uses .pre-commit-hooks.yaml from this repository (by local
# path and a revision), with the built connlint on the PATH.  A commit of
# a bad connection.json is blocked, a good one passes, a file the hook
# does not match is not linted, and all files of a commit are linted by
# one connlint process.
#
# usage: tests/precommit.sh path/to/connlint   (from the repository root)
#
# Needs git and pre-commit (Debian: apt-get install git pre-commit); it
# is skipped with a note without them, a failure when REQUIRE_TEST_TOOLS=1.
set -u

bin=${1:?usage: tests/precommit.sh path/to/connlint}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
root=$PWD
passed=0
failed=0

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

for tool in git pre-commit; do
	if ! command -v $tool >/dev/null 2>&1; then
		if [ "${REQUIRE_TEST_TOOLS:-}" = 1 ]; then
			echo "FAIL precommit: $tool not found"
			echo "0 passed, 1 failed"
			exit 1
		fi
		echo "note: precommit skipped: $tool not found" \
		    "(apt-get install git pre-commit)"
		echo "0 passed, 0 failed"
		exit 0
	fi
done

tmp=$(mktemp -d) || exit 2
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# Nothing from the user's or the machine's git and pre-commit setup.
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir "$HOME"
git config --global init.defaultBranch main
git config --global safe.directory '*'

# The hook repository: this one at HEAD when HEAD has the hook file as it
# is in the work tree; else (a change not yet committed, or no git
# checkout) a one-commit repository holding the work tree's file.
if git -C "$root" rev-parse -q --verify HEAD >/dev/null 2>&1 &&
    git -C "$root" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null &&
    git -C "$root" diff --quiet HEAD -- .pre-commit-hooks.yaml; then
	hooks=$root
else
	hooks=$tmp/hooks
	git init -q "$hooks"
	cp "$root/.pre-commit-hooks.yaml" "$hooks/"
	git -C "$hooks" add .pre-commit-hooks.yaml
	git -C "$hooks" commit -q -m hooks
fi
rev=$(git -C "$hooks" rev-parse HEAD)

# connlint on the PATH, through a wrapper that counts its runs.
mkdir "$tmp/bin"
cat >"$tmp/bin/connlint" <<EOF
#!/bin/sh
echo "\$#" >>"$tmp/calls"
exec "$bin" "\$@"
EOF
chmod +x "$tmp/bin/connlint"
PATH=$tmp/bin:$PATH

repo=$tmp/repo
git init -q "$repo"
cat >"$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: connlint
EOF
good='{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "url": {"title": "URL", "type": "string", "description": "the server"}
  }
}'
bad_file='{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "url": {"title": "URL", "type": "string"}
  }
}'
# Each connection folder has its index.js, clean, as the CLI makes it.
index_js='module.exports = {
  connect(input, output) {
    output(null, { handle: { url: input.url } });
  },
  validate(input, options, output) {
    ping(input.url, (err) => output(err, !err));
  }
};'

# commit MESSAGE: git commit in the repository; sets $status, $tmp/out.
commit() {
	(cd "$repo" && git commit -q -m "$1") >"$tmp/out" 2>&1
	status=$?
}

begin install
(cd "$repo" && git add .pre-commit-config.yaml &&
    pre-commit install) >"$tmp/out" 2>&1 ||
    bad "pre-commit install failed: $(cat "$tmp/out")"
[ -x "$repo/.git/hooks/pre-commit" ] || bad "no .git/hooks/pre-commit"
end

begin bad-file-blocks-commit
mkdir -p "$repo/a" "$repo/b"
printf '%s\n' "$bad_file" >"$repo/a/connection.json"
printf '%s\n' "$bad_file" >"$repo/b/connection.json"
printf '%s\n' "$index_js" >"$repo/a/index.js"
printf '%s\n' "$index_js" >"$repo/b/index.js"
printf '%s\n' "$good" >"$repo/other.json"
(cd "$repo" && git add -A)
rm -f "$tmp/calls"
commit "bad"
[ "$status" -ne 0 ] || bad "the commit was not blocked"
grep -q 'a/connection.json:6:5: error: property "url" has no "description"' \
    "$tmp/out" || bad "no diagnostic for a/connection.json: $(cat "$tmp/out")"
grep -q 'b/connection.json:6:5: error: ' "$tmp/out" ||
    bad "no diagnostic for b/connection.json"
grep -q 'other.json' "$tmp/out" && bad "other.json was linted"
! git -C "$repo" rev-parse -q --verify HEAD >/dev/null ||
    bad "a commit was made"
end

begin one-process-for-all-files
if [ "$(cat "$tmp/calls" 2>/dev/null)" = 2 ]; then
	:
else
	bad "connlint runs (one line each, with its file count):" \
	    "$(tr '\n' ' ' <"$tmp/calls" 2>/dev/null)"
fi
end

begin good-file-passes
printf '%s\n' "$good" >"$repo/a/connection.json"
printf '%s\n' "$good" >"$repo/b/connection.json"
(cd "$repo" && git add -A)
commit "good"
[ "$status" -eq 0 ] || bad "the commit was blocked: $(cat "$tmp/out")"
git -C "$repo" rev-parse -q --verify HEAD >/dev/null || bad "no commit"
end

begin unmatched-file-not-linted
printf '%s\n' "$bad_file" >"$repo/b/other.json"
(cd "$repo" && git add -A)
rm -f "$tmp/calls"
commit "not a connection file"
[ "$status" -eq 0 ] || bad "the commit was blocked: $(cat "$tmp/out")"
[ ! -e "$tmp/calls" ] || bad "connlint ran"
end

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

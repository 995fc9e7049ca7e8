#!/bin/sh
# Configuration and custom rules, black box: discovery, selection,
# severities, overrides, exclusion, exit statuses, and every kind of bad
# config or rule file with its exact position.
#
# usage: tests/config.sh CONNLINT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
passed=0
failed=0
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cd "$w" || exit 1

# run ARGS...: runs connlint here; sets $status, and the files out, err.
run() {
	"$bin" "$@" >"$w/out" 2>"$w/err"
	status=$?
}

# expect NAME STATUS: compares $status, and out and err with want_out and
# want_err.
expect() {
	ok=1
	if [ "$status" -ne "$2" ]; then
		echo "FAIL $1: exit status $status, expected $2"
		ok=0
	fi
	if ! diff "$w/want_out" "$w/out" >"$w/diff"; then
		echo "FAIL $1: standard output:"
		cat "$w/diff"
		ok=0
	fi
	if ! diff "$w/want_err" "$w/err" >"$w/diff"; then
		echo "FAIL $1: standard error:"
		cat "$w/diff"
		ok=0
	fi
	if [ $ok -eq 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

# check NAME COMMAND...: a case that is a shell test.
check() {
	name=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		cat "$w/out" "$w/err"
		failed=$((failed + 1))
	fi
}

want_out() { cat >"$w/want_out"; }
want_err() { cat >"$w/want_err"; }
quiet_err() { : >"$w/want_err"; }
quiet_out() { : >"$w/want_out"; }

# A connection with two fields: "token" lacks a description, "user" a
# title and a description; and its index.js, which is clean.
conn() {
	mkdir -p "$1"
	cat >"$1/connection.json" <<'JSON'
{
  "type": "object",
  "title": "Acme",
  "format": "table",
  "properties": {
    "token": { "type": "string", "title": "Token", "format": "password" },
    "user": { "type": "string" }
  }
}
JSON
	cat >"$1/index.js" <<'JS'
module.exports = {
  connect(input, output) {
    output(null, { handle: { token: input.token, user: input.user } });
  },
  validate(input, options, output) {
    acme.whoami(input.token, (err, who) => output(err, who === input.user));
  }
};
JS
}

DESC='has no "description"; Flow shows it as the field'"'"'s help text [property-description]'
TITLE='has no "title"; Flow shows it as the field'"'"'s label [property-title]'

# --- discovery ------------------------------------------------------------
mkdir disc && cd disc || exit 1
conn a/x
conn a/sub/y
conn b
echo '{ "ignore": ["property-description"] }' >.connlint.json
echo '{ "ignore": ["property-title"] }' >a/sub/.connlint.json
run .
want_out <<EOF
./a/sub/y/connection.json:6:5: error: property "token" $DESC
./a/sub/y/connection.json:7:5: error: property "user" $DESC
./a/x/connection.json:7:5: error: property "user" $TITLE
./b/connection.json:7:5: error: property "user" $TITLE
EOF
quiet_err
expect "closest config wins, without merging" 1

# The walk starts below the config that applies: found above it.
run a
want_out <<EOF
a/sub/y/connection.json:6:5: error: property "token" $DESC
a/sub/y/connection.json:7:5: error: property "user" $DESC
a/x/connection.json:7:5: error: property "user" $TITLE
EOF
quiet_err
expect "a config above the walked directory" 1

# A walk through a link and "..": the configuration is found lexically,
# from the path as written, whether the file is walked to or named.
mkdir -p updown/cfg updown/other/deep
conn updown/other/x
echo '{ "ignore": ["property-title"] }' >updown/cfg/.connlint.json
ln -s ../other/deep updown/cfg/link
cd updown/cfg || exit 1
run link/..
want_out <<EOF
link/../x/connection.json:6:5: error: property "token" $DESC
link/../x/connection.json:7:5: error: property "user" $DESC
EOF
quiet_err
expect "a walk through a link and .. finds the configuration lexically" 1
run link/../x/connection.json
expect "naming that file finds the same" 1
cd ../.. || exit 1

run --no-config b/connection.json
want_out <<EOF
b/connection.json:6:5: error: property "token" $DESC
b/connection.json:7:5: error: property "user" $DESC
b/connection.json:7:5: error: property "user" $TITLE
EOF
expect "--no-config" 1

run --config a/sub/.connlint.json b/connection.json
want_out <<EOF
b/connection.json:6:5: error: property "token" $DESC
b/connection.json:7:5: error: property "user" $DESC
EOF
expect "--config FILE applies to every file" 1

run --config a/sub/.connlint.json --no-config b/connection.json
quiet_out
want_err <<EOF
connlint: --config and --no-config do not go together
Try 'connlint --help' for more information.
EOF
expect "--config with --no-config" 2
cd "$w" || exit 1

# --- selection and severities --------------------------------------------
mkdir sel && cd sel || exit 1
conn .
echo '{ "select": ["json"] }' >.connlint.json
run connection.json
quiet_out
quiet_err
expect "select by tag" 0

echo '{ "select": ["all"], "ignore": ["contract"] }' >.connlint.json
run connection.json
expect "ignore by tag" 0

echo '{ "ignore": ["all"], "rules": { "property-title": "note" } }' >.connlint.json
run connection.json
want_out <<EOF
connection.json:7:5: note: property "user" $TITLE
EOF
expect "a severity in rules turns the rule on" 0

run --fail-level=note connection.json
expect "--fail-level=note" 1

echo '{ "rules": { "property-description": "warning", "property-title": "off" } }' >.connlint.json
run connection.json
want_out <<EOF
connection.json:6:5: warning: property "token" $DESC
connection.json:7:5: warning: property "user" $DESC
EOF
expect "re-levelled to warning: no failure" 0
run --fail-level=warning connection.json
expect "--fail-level=warning" 1
run --max-warnings=2 connection.json
expect "--max-warnings=2, two warnings" 0
run --max-warnings=1 connection.json
expect "--max-warnings=1, two warnings" 1

run --severity=property-description=error --severity property-title=note connection.json
want_out <<EOF
connection.json:6:5: error: property "token" $DESC
connection.json:7:5: error: property "user" $DESC
connection.json:7:5: note: property "user" $TITLE
EOF
expect "--severity beats the file" 1

run --select=property-title,form-title connection.json
quiet_out
expect "--select replaces the file's select, not its off" 0

run --no-config --ignore=property-description,json connection.json
want_out <<EOF
connection.json:7:5: error: property "user" $TITLE
EOF
expect "--ignore ids and tags" 1

run --no-config --select=bogus connection.json
quiet_out
want_err <<EOF
connlint: --select: no rule or tag is called "bogus"
connlint: connection.json: not linted: its configuration has errors
EOF
expect "--select with an unknown name" 2

run --severity=property-title connection.json
want_err <<EOF
connlint: --severity takes ID=LEVEL, with LEVEL one of error, warning, note, off, not 'property-title'
Try 'connlint --help' for more information.
EOF
expect "--severity without a level" 2

run --no-config --severity=json-syntax=warning connection.json
want_err <<EOF
connlint: --severity: json-syntax is always an error
connlint: connection.json: not linted: its configuration has errors
EOF
expect "json-syntax cannot be lowered" 2

run --fail-level=fatal connection.json
want_err <<EOF
connlint: --fail-level takes error, warning or note, not 'fatal'
Try 'connlint --help' for more information.
EOF
expect "--fail-level with a bad level" 2
cd "$w" || exit 1

# --- overrides and exclusion ----------------------------------------------
mkdir ovr && cd ovr || exit 1
conn legacy/old
conn new
conn vendor/lib
cat >.connlint.json <<'JSON'
{
  "exclude": ["vendor"],
  "overrides": [
    { "files": ["legacy/**"], "rules": { "property-title": "off" } },
    { "files": ["new/connection.json#/properties/token"],
      "rules": { "property-description": "off" } }
  ]
}
JSON
run .
want_out <<EOF
./legacy/old/connection.json:6:5: error: property "token" $DESC
./legacy/old/connection.json:7:5: error: property "user" $DESC
./new/connection.json:7:5: error: property "user" $DESC
./new/connection.json:7:5: error: property "user" $TITLE
EOF
quiet_err
expect "overrides by glob and by pointer; exclude in a walk" 1

run vendor/lib/connection.json
want_out <<EOF
vendor/lib/connection.json:6:5: error: property "token" $DESC
vendor/lib/connection.json:7:5: error: property "user" $DESC
vendor/lib/connection.json:7:5: error: property "user" $TITLE
EOF
expect "a file named on the command line is linted even if excluded" 1

run --print-config new/connection.json
check "--print-config" grep -q '"config": ".connlint.json"' "$w/out"
check "--print-config: a rule's severity" grep -q '"property-title": "error"' "$w/out"
run --print-config vendor/lib/connection.json
check "--print-config: excluded" grep -q '"excluded": true' "$w/out"
cd "$w" || exit 1

# --- the index.js checks ---------------------------------------------------
# stub/ has an index.js whose validate is a stub, none/ has no index.js.
mkdir js && cd js || exit 1
conn stub
conn none
rm none/index.js
cat >stub/index.js <<'JS'
module.exports = {
  connect(input, output) { output(null, { handle: input }); },
  validate(input, options, output) { output(null, true); }
};
JS
STUB='warning: validate never reads "input" and only calls output(null, ...), so any credentials pass; check them, such as with a request to the service, and call output(error) when they are wrong [index-js-validate-stub]'
NONE="error: no index.js beside this connection.json; add the connection's index.js, which exports connect(input, output) and validate(input, options, output) [index-js-exists]"
echo '{ "ignore": ["contract"] }' >.connlint.json
run none stub
want_out <<EOF
none/connection.json:1:1: $NONE
stub/index.js:3:3: $STUB
EOF
quiet_err
expect "index.js: the rules of the family" 1

echo '{ "ignore": ["contract", "index-js"] }' >.connlint.json
run none stub
quiet_out
expect "index.js: ignore the family by its tag" 0

# index.js's own path chooses its rules; connection.json's, the others.
cat >.connlint.json <<'JSON'
{
  "ignore": ["contract"],
  "overrides": [
    { "files": ["stub/index.js"], "rules": { "index-js-validate-stub": "off" } },
    { "files": ["none/connection.json"], "rules": { "index-js-exists": "note" } },
    { "files": ["stub/connection.json"], "rules": { "index-js-exports": "off" } }
  ]
}
JSON
run none stub
want_out <<EOF
none/connection.json:1:1: note: ${NONE#error: }
EOF
expect "index.js: overrides by the path of each file" 0

echo '{ "ignore": ["contract"], "rules": { "index-js-validate-stub": "error" } }' >.connlint.json
run stub
want_out <<EOF
stub/index.js:3:3: error: ${STUB#warning: }
EOF
expect "index.js: a rule's severity from the config" 1
cd "$w" || exit 1

# --- bad config files: each problem at its own place ----------------------
mkdir bad && cd bad || exit 1
conn .
bad() {
	printf '%s\n' "$2" >.connlint.json
	run connection.json
	quiet_out
	printf '%s\nconnlint: connection.json: not linted: its configuration has errors\n' "$3" >"$w/want_err"
	expect "$1" 2
}
bad "config syntax error" '{ "rules": { "a": "off", } }' \
    ".connlint.json:1:26: error: expected a key after ',', not '}'; trailing commas are not allowed"
bad "unknown key" '{ "rule": {} }' \
    '.connlint.json:1:3: error: unknown key "rule"; a config file takes rules, select, ignore, ruleFiles, exclude, overrides'
bad "wrong type" '{ "select": "all" }' \
    '.connlint.json:1:13: error: "select" must be an array, not a string'
bad "unknown rule id" '{ "rules": { "property-titel": "off" } }' \
    '.connlint.json:1:14: error: no rule is called "property-titel"; connlint --list-rules shows them'
bad "unknown tag" '{ "ignore": ["styles"] }' \
    '.connlint.json:1:14: error: no rule or tag is called "styles"; connlint --list-rules shows them'
bad "bad severity" '{ "rules": { "form-title": "fatal" } }' \
    '.connlint.json:1:28: error: unknown severity "fatal"; expected error, warning, note or off'
bad "bad glob" '{ "exclude": ["a/[b"] }' \
    ".connlint.json:1:15: error: unclosed '[' in a glob (at offset 2 of the glob)"
bad "json-syntax off" '{ "rules": { "json-syntax": "off" } }' \
    '.connlint.json:1:29: error: json-syntax is always an error: a file that is not JSON cannot be checked'
bad "override without files" '{ "overrides": [ { "rules": {} } ] }' \
    '.connlint.json:1:18: error: an override needs "files": the globs it applies to'
bad "option a rule lacks" '{ "rules": { "form-title": { "options": { "match": "x" } } } }' \
    '.connlint.json:1:43: error: rule "form-title" has no option "match"'
bad "options: values not an array" '{ "rules": { "form-type": { "options": { "values": [] } } } }' \
    '.connlint.json:1:52: error: "values" must be a non-empty array'
bad "options: types with an unknown name" '{ "rules": { "form-format": { "options": { "types": ["text"] } } } }' \
    '.connlint.json:1:54: error: unknown type; expected one of string, number, integer, boolean, object, array or null'
bad "options: an option the rule lacks" '{ "rules": { "property-title": { "options": { "min": "1" } } } }' \
    '.connlint.json:1:47: error: rule "property-title" has no option "min"'
bad "rule file missing" '{ "ruleFiles": ["nowhere.json"] }' \
    '.connlint.json:1:17: error: cannot read "nowhere.json": No such file or directory'
cd "$w" || exit 1

# --- custom rules -----------------------------------------------------------
mkdir custom && cd custom || exit 1
conn .
mkdir policy
cat >policy/snake-case.json <<'JSON'
{
  "id": "property-name-snake-case",
  "severity": "warning",
  "tags": ["naming"],
  "summary": "property names are snake_case",
  "description": "Our connectors name fields in snake_case.",
  "given": "$form.properties",
  "then": { "function": "pattern", "field": "@key", "match": "^[a-z][a-z0-9_]*$" },
  "message": "property \"{key}\" is not snake_case"
}
JSON
cat >.connlint.json <<'JSON'
{
  "ruleFiles": ["policy"],
  "select": ["naming"],
  "rules": { "property-name-snake-case": { "options": { "match": "^[a-z]+$" } } }
}
JSON
sed 's/"user"/"user_name"/' connection.json >c2.json
run c2.json
want_out <<EOF
c2.json:7:5: warning: property "user_name" is not snake_case [property-name-snake-case]
EOF
quiet_err
expect "a custom rule from ruleFiles, its option replaced" 0

# "options" replaces a check's options: here the types, so a string
# "format" is now wrong.
printf '%s\n' '{ "select": ["form-format"], "rules": { "form-format": { "options": { "types": ["number"] } } } }' >.connlint.json
run connection.json
want_out <<EOT
connection.json:4:13: error: the form schema's "format" is a string; expected a string, such as "table" [form-format]
EOT
quiet_err
expect "options replace a check's types, they do not add to them" 1
# "beside", a member name, is an option too.
mkdir -p beside
printf '%s\n' '{ "type": "object", "properties": { "a": { "type": "string", "minLength": 1, "default": "x" }, "b": { "type": "string", "minLength": 1, "enum": ["y"] } } }' >beside/connection.json
printf '%s\n' '{ "select": ["schema-enum-min-length"], "rules": { "schema-enum-min-length": { "options": { "beside": "default" } } } }' >.connlint.json
run beside/connection.json
want_out <<EOT
beside/connection.json:1:75: note: property "a" has "minLength" beside "enum", whose values already decide what is valid; remove "minLength" [schema-enum-min-length]
EOT
quiet_err
expect "options: beside names another member" 0
# A team whose wrappers carry a key of its own lists every key it accepts.
printf '%s\n' '{ "name": "acme-apikey", "input": {}, "output": {}, "x_team": 1, "uid": "u" }' >beside/wrapper.json
printf '%s\n' '{ "select": ["wrapper-unknown-key"], "rules": { "wrapper-unknown-key": { "options": { "values": ["name", "input", "output", "x_team"] } } } }' >.connlint.json
run beside/wrapper.json
want_out <<EOT
beside/wrapper.json:1:66: warning: the wrapper has "uid", which is not a key of Flow's connection files; expected a known name, or remove it [wrapper-unknown-key]
EOT
quiet_err
expect "options: the wrapper's keys a team accepts" 0
rm -r beside
printf '%s\n' '{ "ruleFiles": ["policy"], "rules": { "property-name-snake-case": { "options": { "match": 5 } } } }' >.connlint.json
run c2.json
quiet_out
want_err <<EOT
.connlint.json:1:91: error: a pattern must be a string
connlint: c2.json: not linted: its configuration has errors
EOT
expect "options: a pattern that is not a string" 2
printf '%s\n' '{ "ruleFiles": ["policy"], "select": ["naming"], "rules": { "property-name-snake-case": { "options": { "match": "^[a-z]+$" } } } }' >.connlint.json

run --list-rules
check "--list-rules shows the user's rule" \
    grep -q '^property-name-snake-case *warning *naming *property names are snake_case$' "$w/out"
run --explain property-name-snake-case
check "--explain a user's rule" grep -q 'Our connectors name fields in snake_case.' "$w/out"
run --explain no-such-rule
quiet_out
want_err <<EOF
connlint: --explain: no rule is called "no-such-rule"; connlint --list-rules shows them
EOF
expect "--explain an unknown rule" 2

run --no-config --rules policy/snake-case.json --select naming c2.json
quiet_out
quiet_err
expect "--rules adds a rule file" 0

# A FIFO among a directory's rule files cannot make connlint wait.
if mkfifo policy/fifo.json 2>/dev/null; then
	"$bin" --select naming connection.json >"$w/out" 2>"$w/err" &
	pid=$!
	n=0
	while kill -0 "$pid" 2>/dev/null && [ $n -lt 100 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		echo "FAIL a FIFO among the rule files: connlint waits"
		failed=$((failed + 1))
	else
		wait "$pid"
		status=$?
		check "a FIFO among the rule files is refused" \
		    grep -q "policy/fifo.json: error: not a regular file" "$w/err"
		[ "$status" -eq 2 ] || { echo "FAIL a FIFO rule file: exit $status"; failed=$((failed + 1)); }
	fi
	rm -f policy/fifo.json
fi

# Each bad rule file: an error at its own place, exit 2.
badrule() {
	printf '%s\n' "$2" >policy/bad.json
	run connection.json
	quiet_out
	printf '%s\nconnlint: connection.json: not linted: its configuration has errors\n' "$3" >"$w/want_err"
	expect "$1" 2
	rm -f policy/bad.json
}
R='"id": "x", "severity": "error", "summary": "s", "description": "d"'
P=policy/bad.json
badrule "rule: unknown function" "{ $R, \"given\": \"\$\", \"then\": { \"function\": \"exists\" }, \"message\": \"m\" }" \
    "$P:1:107: error: unknown function \"exists\"; expected one of applies-to, at-most, bom, defined, duplicate-keys, enum, fits-type, has-member, index-js-exists, index-js-exports, index-js-validate-stub, item-of, items-fit-type, keys-in, known-name, length, members-all-or-none, members-distinct, name-folder, nonempty, not-credential, not-enum, pattern, range, regex, schema-type, syntax, type, undefined, unique, version-folder"
badrule "rule: pattern does not compile" "{ $R, \"given\": \"\$\", \"then\": { \"function\": \"pattern\", \"match\": \"a(b\" }, \"message\": \"m\" }" \
    "$P:1:127: error: the pattern does not compile: missing closing parenthesis (at offset 3 of the pattern)"
badrule "rule: bad selector" "{ $R, \"given\": \"\$.a[\", \"then\": { \"function\": \"defined\" }, \"message\": \"m\" }" \
    "$P:1:80: error: bad selector: expected 'name', a number or * inside [ ] (at offset 4 of the selector)"
badrule "rule: missing message" "{ $R, \"given\": \"\$\", \"then\": { \"function\": \"defined\" } }" \
    "$P:1:93: error: the rule has no \"message\", and a check of it has none of its own"
badrule "rule: unknown key" "{ $R, \"given\": \"\$\", \"then\": { \"function\": \"defined\" }, \"message\": \"m\", \"level\": 1 }" \
    "$P:1:136: error: unknown key \"level\" in a rule; expected id, severity, tags, summary, description, given, when, unless, then, message, examples"
badrule "rule: duplicate id" "{ \"id\": \"property-title\", \"severity\": \"error\", \"summary\": \"s\", \"description\": \"d\", \"given\": \"\$\", \"then\": { \"function\": \"defined\" }, \"message\": \"m\" }" \
    "$P:1:9: error: rule \"property-title\" is already defined in rules/property-title.json"
cd "$w" || exit 1

echo "config: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

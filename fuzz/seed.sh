#!/bin/sh
# shellcheck disable=SC2016
# Builds the seed corpus of each fuzz target in DIR/TARGET from files the
# repository already has (nothing is copied into the repository):
#   scan, lint  fixtures/, the JSONTestSuite (tests/conformance), the rule
#               files and the example configs: JSON of every kind
#   config      the example configs, and one config per feature below
#   rule        the built-in and example rule files, and one rule per
#               check function below
#   jsexports   every index.js of fixtures/ and examples/, and the
#               examples of the rules on index.js
# Files are named by their path, so a seed is easy to trace.
#
# usage: fuzz/seed.sh DIR      (from the repository root)
set -eu
dir=${1:?usage: fuzz/seed.sh DIR}
rm -rf "$dir"
mkdir -p "$dir/scan" "$dir/lint" "$dir/config" "$dir/rule" "$dir/jsexports"

# copy TARGET FILE...: copies each file, named by its path.
copy() {
	target=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		cp "$f" "$dir/$target/$(printf '%s' "$f" | tr '/' '_')"
	done
}

json=$(find fixtures tests/conformance/JSONTestSuite rules examples \
    -name '*.json' -type f | LC_ALL=C sort)
# shellcheck disable=SC2086
copy scan $json
# shellcheck disable=SC2086
copy lint $json
copy config examples/*.connlint.json
copy rule rules/*.json examples/team-rules/rules/*.json
# shellcheck disable=SC2046
copy jsexports $(find fixtures examples -name index.js -type f | LC_ALL=C sort)
for f in rules/index-js-exports.json rules/index-js-validate-stub.json; do
	for which in bad good; do
		python3 -c 'import json, sys
sys.stdout.write(json.load(open(sys.argv[1]))["examples"][sys.argv[2]])' \
		    "$f" "$which" >"$dir/jsexports/$(basename "$f" .json)-$which.js" ||
		    rm -f "$dir/jsexports/$(basename "$f" .json)-$which.js"
	done
done

# seed TARGET NAME TEXT: a seed written here ($ in them is JSONPath).
seed() {
	printf '%s\n' "$3" >"$dir/$1/$2.json"
}

seed config empty '{}'
seed config select '{ "select": ["all"], "ignore": ["style", "json-bom"] }'
seed config levels '{ "rules": { "property-type-any": "warning", "form-format": "off", "form-title": { "severity": "note" } } }'
seed config options '{ "rules": { "property-type": { "options": { "types": ["string", "integer"] } }, "property-names-snake-case": { "severity": "error", "options": { "match": "^[a-z]+$", "notMatch": "(a+)+$" } } }, "ruleFiles": ["rules"] }'
seed config rulefile '{ "ruleFiles": ["rules/snake.json"], "select": ["team-style"] }'
seed config exclude '{ "exclude": ["vendor", "build/**", "a/*/c", "**/x?y/[a-c]*.json", "[!a]b"] }'
seed config overrides '{ "overrides": [ { "files": ["legacy/**/connection.json"], "rules": { "form-format": "off" } }, { "files": ["connection.json#/properties/token"], "ignore": ["contract"] }, { "files": ["**/connection.json#/properties/nested"], "select": ["property-properties"], "rules": { "property-title": "off" } } ] }'
seed config pointer-escapes '{ "overrides": [ { "files": ["connection.json#/properties/a~1b~0c"], "rules": { "property-description": "off" } } ] }'
seed config bad-trailing-comma '{ "rules": { "a": "off", } }'
seed config bad-syntax-off '{ "rules": { "json-syntax": "off" } }'
seed config bad-option '{ "rules": { "form-title": { "options": { "match": "x" } } } }'
seed config bad-glob '{ "exclude": ["a/[b"] }'

seed rule defined '{ "id": "a-defined", "severity": "error", "summary": "s", "description": "d", "given": "$fields", "then": { "function": "defined", "field": "description" }, "message": "{key} has no {field}" }'
seed rule undefined '{ "id": "a-undefined", "severity": "warning", "summary": "s", "description": "d", "given": "$form", "then": { "function": "undefined", "field": "additionalProperties" }, "message": "{key}: {field} is {value} ({type})" }'
seed rule enum '{ "id": "a-enum", "severity": "note", "summary": "s", "description": "d", "given": "$form", "then": { "function": "enum", "field": "format", "values": ["table", 1, null, true, {"a": [1]}] }, "message": "{value}: expected {expected}" }'
seed rule length '{ "id": "a-length", "severity": "error", "summary": "s", "description": "d", "given": "$..title", "then": { "function": "length", "min": 1, "max": 40 }, "message": "{value} is {type}, {expected}" }'
seed rule pattern '{ "id": "a-pattern", "severity": "error", "summary": "s", "description": "d", "given": "$fields", "then": [ { "function": "pattern", "field": "@key", "match": "^[a-z_]+$", "message": "{key}" }, { "function": "pattern", "field": "title", "notMatch": "^(a+)+$", "message": "{value}" } ], "examples": { "bad": "{\"properties\": {\"A\": {}}}", "good": { "properties": { "a": {} } } } }'
seed rule schema-type '{ "id": "a-schema-type", "severity": "error", "summary": "s", "description": "d", "given": "$output.properties[*]", "then": { "function": "schema-type", "field": "type" }, "message": "{expected}" }'
seed rule type '{ "id": "a-type", "severity": "off", "summary": "s", "description": "d", "given": "$[\"input\"].properties..*", "then": { "function": "type", "types": ["string", "object", "array"] }, "message": "{type}" }'
seed rule nonempty '{ "id": "a-nonempty", "severity": "error", "tags": ["x-y"], "summary": "s", "description": "d", "given": "$..properties.*[0]", "then": { "function": "nonempty" }, "message": "{key}" }'
seed rule folders '{ "id": "a-folders", "severity": "error", "summary": "s", "description": "d", "given": "$wrapper", "then": [ { "function": "name-folder", "field": "name" }, { "function": "version-folder", "field": "version" } ], "message": "{value}: expected {expected}", "examples": { "file": "acme-apikey/../acme-basic/./v2/connection.json", "bad": { "name": "acme-apikey", "version": "v1", "input": {} }, "good": { "name": "acme-basic", "version": "v2", "input": {} } } }'
seed rule each '{ "id": "a-each", "severity": "error", "summary": "s", "description": "d", "given": "$schemas", "then": [ { "function": "keys-in", "field": "required", "in": "properties" }, { "function": "items-fit-type", "field": "enum" }, { "function": "undefined", "field": "minLength", "beside": "enum" } ], "message": "{key}: {value} {expected}" }'
seed rule core '{ "id": "a-core", "severity": "error", "summary": "s", "description": "d", "then": { "function": "syntax" } }'
seed rule bad-placeholder '{ "id": "a-bad", "severity": "error", "summary": "s", "description": "d", "given": "$", "then": { "function": "defined", "field": "x" }, "message": "{nope}" }'

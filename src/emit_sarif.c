/*
 * sarif: SARIF 2.1.0 (OASIS), one run, as GitHub code scanning reads it.
 *
 * The driver lists every rule that is on, and each result names its rule
 * by id and by index into that list.  Columns are counted in Unicode code
 * points and the run says so ("columnKind"): readers that are not told
 * assume UTF-16 units.  Byte offsets go along as byteOffset/byteLength.
 */
#include "emit_impl.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rule.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"
/* GitHub reads at most this much of a rule's fullDescription. */
#define DESCRIPTION_MAX 1000

static const char *const levels[] = {
	[SEV_OFF] = "none",
	[SEV_NOTE] = "note",
	[SEV_WARNING] = "warning",
	[SEV_ERROR] = "error",
};

static struct json_object *
text_message(const char *s)
{
	struct json_object *m = json_object_new_object();

	json_object_object_add(m, "text", emit_json_text(s));
	return m;
}

/*
 * A path as a URI reference: relative ones stay relative (GitHub wants
 * them relative to the repository root), absolute ones become file URIs.
 * Every byte but the unreserved ones and '/' is percent-encoded, so ':'
 * in the first segment cannot read as a scheme.
 */
static struct json_object *
uri_of(const char *path, bool *relative)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;
	struct json_object *o;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	*relative = path[0] != '/';
	if (!*relative)
		buf_adds(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			buf_addch(&b, (char)*p);
		else
			buf_addf(&b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	o = json_object_new_string_len(b.s, (int)b.len);
	buf_release(&b);
	return o;
}

static struct json_object *
physical(struct source *src, size_t off, size_t end)
{
	struct json_object *loc = json_object_new_object();
	struct json_object *phys = json_object_new_object();
	struct json_object *art = json_object_new_object();
	struct json_object *reg = json_object_new_object();
	struct pos a = source_pos_chars(src, off);
	struct pos b = source_pos_chars(src, end);
	bool relative;

	json_object_object_add(art, "uri", uri_of(src->name, &relative));
	if (relative)
		json_object_object_add(art, "uriBaseId",
				       json_object_new_string("%SRCROOT%"));
	json_object_object_add(reg, "startLine", json_object_new_uint64(a.line));
	json_object_object_add(reg, "startColumn",
			       json_object_new_uint64(a.col));
	json_object_object_add(reg, "endLine", json_object_new_uint64(b.line));
	json_object_object_add(reg, "endColumn", json_object_new_uint64(b.col));
	json_object_object_add(reg, "byteOffset", json_object_new_uint64(off));
	json_object_object_add(reg, "byteLength",
			       json_object_new_uint64(end - off));
	json_object_object_add(phys, "artifactLocation", art);
	json_object_object_add(phys, "region", reg);
	json_object_object_add(loc, "physicalLocation", phys);
	return loc;
}

/* The index of rule id among the rules that are on, or -1. */
static int
rule_index(const struct ruleset *rs, const char *id)
{
	int idx = 0;

	if (rs == NULL || id == NULL)
		return -1;
	for (size_t k = 0; k < rs->n; k++) {
		if (rs->v[k]->severity == SEV_OFF)
			continue;
		if (strcmp(rs->v[k]->id, id) == 0)
			return idx;
		idx++;
	}
	return -1;
}

void
sarif_file(struct emit *e, struct source *src, const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];
		struct json_object *r = json_object_new_object();
		struct json_object *locs = json_object_new_array();
		int idx = rule_index(e->opts.rules, d->rule);

		if (d->rule != NULL)
			json_object_object_add(r, "ruleId",
					       json_object_new_string(d->rule));
		if (idx >= 0)
			json_object_object_add(r, "ruleIndex",
					       json_object_new_int(idx));
		json_object_object_add(r, "level",
				       json_object_new_string(levels[d->sev]));
		json_object_object_add(r, "message", text_message(d->msg));
		json_object_array_add(locs, physical(src, d->off, d->end));
		json_object_object_add(r, "locations", locs);
		if (d->note != NULL) {
			struct json_object *rel = json_object_new_array();
			struct json_object *n = physical(src, d->note_off,
							 d->note_end);

			json_object_object_add(n, "id", json_object_new_int(1));
			json_object_object_add(n, "message",
					       text_message(d->note));
			json_object_array_add(rel, n);
			json_object_object_add(r, "relatedLocations", rel);
		}
		json_object_array_add(e->items, r);
	}
}

/* "property-description" as a name people read: "PropertyDescription". */
static struct json_object *
pascal_name(const char *id)
{
	struct buf b = BUF_INIT;
	struct json_object *o;
	bool up = true;

	for (; *id != '\0'; id++) {
		if (*id == '-') {
			up = true;
			continue;
		}
		buf_addch(&b, up && *id >= 'a' && *id <= 'z' ?
			  (char)(*id - 'a' + 'A') : *id);
		up = false;
	}
	o = json_object_new_string(b.s);
	buf_release(&b);
	return o;
}

/* s, cut to at most max bytes at a UTF-8 boundary, with "..." if cut. */
static struct json_object *
bounded_message(const char *s, size_t max)
{
	struct buf b = BUF_INIT;
	struct json_object *m;

	utf8_add_valid(&b, s, strlen(s));
	if (b.len > max) {
		size_t cut = max - 3;

		while (cut > 0 && ((unsigned char)b.s[cut] & 0xC0) == 0x80)
			cut--;
		b.len = cut;
		buf_adds(&b, "...");
	}
	m = json_object_new_object();
	json_object_object_add(m, "text", json_object_new_string(b.s));
	buf_release(&b);
	return m;
}

/* How a rule's passing example is shown, by what the rule looks at. */
static const struct {
	const char *caption, *lang;
} passing[] = {
	[SUBJECT_DOCUMENT] = { "A file that passes:", "json" },
	[SUBJECT_INDEX_JS] = { "An index.js that passes:", "js" },
	[SUBJECT_FOLDER] = { "A folder that passes:", "text" },
};

static struct json_object *
rule_descriptor(const struct rule *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *conf = json_object_new_object();
	struct json_object *help = json_object_new_object();
	struct json_object *props = json_object_new_object();
	struct json_object *tags = json_object_new_array();
	struct buf md = BUF_INIT;
	char *good = rule_example(r, true);

	json_object_object_add(o, "id", json_object_new_string(r->id));
	json_object_object_add(o, "name", pascal_name(r->id));
	json_object_object_add(o, "shortDescription",
			       text_message(r->summary));
	json_object_object_add(o, "fullDescription",
			       bounded_message(r->description,
					       DESCRIPTION_MAX));
	json_object_object_add(conf, "level",
			       json_object_new_string(levels[r->severity]));
	json_object_object_add(o, "defaultConfiguration", conf);
	json_object_object_add(help, "text", emit_json_text(r->description));
	buf_addf(&md, "**%s**\n\n%s\n", r->summary, r->description);
	if (good != NULL && good[0] != '\0') {
		size_t n = strlen(good);
		int subject = rule_subject(r);

		/* The caption, less its colon, then where the example sits. */
		buf_addf(&md, "\n%.*s%s%s:\n\n```%s\n%s%s```\n",
			 (int)strlen(passing[subject].caption) - 1,
			 passing[subject].caption,
			 r->example_file ? ", as " : "",
			 r->example_file ? r->example_file : "",
			 passing[subject].lang,
			 good, good[n - 1] == '\n' ? "" : "\n");
	}
	free(good);
	json_object_object_add(help, "markdown", emit_json_text(md.s));
	json_object_object_add(o, "help", help);
	for (size_t t = 0; t < r->ntags; t++)
		json_object_array_add(tags, json_object_new_string(r->tags[t]));
	json_object_object_add(props, "tags", tags);
	json_object_object_add(o, "properties", props);
	buf_release(&md);
	return o;
}

void
sarif_finish(struct emit *e)
{
	struct json_object *root = json_object_new_object();
	struct json_object *runs = json_object_new_array();
	struct json_object *run = json_object_new_object();
	struct json_object *tool = json_object_new_object();
	struct json_object *driver = json_object_new_object();
	struct json_object *rules = json_object_new_array();
	const struct ruleset *rs = e->opts.rules;

	json_object_object_add(root, "$schema",
			       json_object_new_string(SARIF_SCHEMA));
	json_object_object_add(root, "version",
			       json_object_new_string("2.1.0"));
	json_object_object_add(driver, "name",
			       json_object_new_string("connlint"));
	json_object_object_add(driver, "version",
			       json_object_new_string(CONNLINT_VERSION));
	json_object_object_add(driver, "semanticVersion",
			       json_object_new_string(CONNLINT_VERSION));
	for (size_t k = 0; rs != NULL && k < rs->n; k++)
		if (rs->v[k]->severity != SEV_OFF)
			json_object_array_add(rules,
					      rule_descriptor(rs->v[k]));
	json_object_object_add(driver, "rules", rules);
	json_object_object_add(tool, "driver", driver);
	json_object_object_add(run, "tool", tool);
	json_object_object_add(run, "columnKind",
			       json_object_new_string("unicodeCodePoints"));
	json_object_object_add(run, "results", e->items);
	e->items = NULL;
	json_object_array_add(runs, run);
	json_object_object_add(root, "runs", runs);
	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
		JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE),
	      e->out);
	putc('\n', e->out);
	json_object_put(root);
}

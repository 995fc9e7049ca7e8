/*
 * bench-gen: writes reproducible corpora of connection files for the
 * benchmark (make bench) and its smoke test.
 *
 *   bench-gen files DIR COUNT SEED   DIR/acme-apikey-0/connection.json ...
 *                                    and DIR/manifest
 *   bench-gen big DIR PROPS SEED     DIR/connection.json with PROPS
 *                                    fields, and DIR/manifest
 *
 * Each connection.json has an index.js beside it, as `flow add
 * connection` lays a connection out: the same clean one everywhere.
 *
 * The small files look like the connectors people write: 3 to 15 fields,
 * the bare shape or the wrapper that `flow add connection` writes, i18n
 * tokens or plain titles, a nested object field now and then, several
 * indentation styles.  Each sits in a folder named after it, as the flow
 * CLI lays them out: a wrapper's "name" is its folder's (acme-apikey-42/
 * for file 42: the index keeps the names apart).  About one in five has
 * exactly one planted defect, drawn from the contract rules.  The big
 * file is a bare form schema with one field that lacks a description.
 *
 * The manifest lists each planted defect as "PATH:LINE RULE-ID", PATH
 * relative to DIR, in the form connlint's gcc output reduces to.  File
 * i depends only on SEED and i: a corpus of 20,000 files holds the 10,000
 * of a smaller one, and 10,000 more.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "xalloc.h"

/* --- randomness: splitmix64, so every platform draws the same numbers -- */

static uint64_t
next_u64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned
pick(uint64_t *rng, unsigned n)
{
	return (unsigned)(next_u64(rng) % n);
}

static bool
chance(uint64_t *rng, unsigned one_in)
{
	return pick(rng, one_in) == 0;
}

/* --- a JSON writer that knows where it is ------------------------------ */

#define MAX_NEST 16

struct writer {
	struct buf out;
	const char *indent;	/* "  ", "    ", "\t"; NULL: all on one line */
	const char *eol;	/* "\n" or "\r\n" */
	int depth;
	bool has_members[MAX_NEST];
};

static void
newline(struct writer *w)
{
	if (w->indent == NULL)
		return;
	buf_adds(&w->out, w->eol);
	for (int k = 0; k < w->depth; k++)
		buf_adds(&w->out, w->indent);
}

static void
w_open(struct writer *w, char c)
{
	buf_addch(&w->out, c);
	w->has_members[++w->depth] = false;
}

/*
 * Closes the innermost container.  With trailing_comma, writes the comma
 * JSON forbids and returns its offset.
 */
static size_t
w_close(struct writer *w, char c, bool trailing_comma)
{
	size_t comma = w->out.len;

	if (trailing_comma)
		buf_addch(&w->out, ',');
	w->depth--;
	if (w->has_members[w->depth + 1])
		newline(w);
	buf_addch(&w->out, c);
	return comma;
}

/* Starts a member: returns the offset of its key's opening quote. */
static size_t
w_key(struct writer *w, const char *key)
{
	size_t at;

	if (w->has_members[w->depth])
		buf_addch(&w->out, ',');
	w->has_members[w->depth] = true;
	newline(w);
	at = w->out.len;
	buf_add_json_string(&w->out, key, strlen(key));
	buf_adds(&w->out, w->indent != NULL ? ": " : ":");
	return at;
}

/* Writes a string value and returns its offset. */
static size_t
w_str(struct writer *w, const char *s)
{
	size_t at = w->out.len;

	buf_add_json_string(&w->out, s, strlen(s));
	return at;
}

static size_t
w_raw(struct writer *w, const char *text)
{
	size_t at = w->out.len;

	buf_adds(&w->out, text);
	return at;
}

static void
w_int(struct writer *w, long n)
{
	buf_addf(&w->out, "%ld", n);
}

/* An array of strings, on one line. */
static void
w_str_array(struct writer *w, const char *const *v, size_t n)
{
	buf_addch(&w->out, '[');
	for (size_t k = 0; k < n; k++) {
		if (k > 0)
			buf_adds(&w->out, w->indent != NULL ? ", " : ",");
		w_str(w, v[k]);
	}
	buf_addch(&w->out, ']');
}

/* The line of offset off, as connlint counts them (LF or CRLF here). */
static size_t
line_of(const struct buf *b, size_t off)
{
	size_t line = 1;

	for (size_t k = 0; k < off && k < b->len; k++)
		if (b->s[k] == '\n')
			line++;
	return line;
}

/* The offset of the first byte after off that is not white space. */
static size_t
skip_ws(const struct buf *b, size_t off)
{
	while (off < b->len && strchr(" \t\r\n", b->s[off]) != NULL)
		off++;
	return off;
}

/* --- what a connection file holds ---------------------------------------- */

enum ftype { F_STRING, F_INTEGER, F_NUMBER, F_BOOLEAN, F_ARRAY };

static const char *const ftype_names[] = {
	"string", "integer", "number", "boolean", "array",
};

struct field {
	const char *name;
	const char *title;
	const char *help;
	enum ftype type;
	unsigned hints;
};

enum hint {
	H_SECRET = 1 << 0,	/* "format": "password" */
	H_REQUIRED = 1 << 1,	/* "minLength": 1 */
	H_URL = 1 << 2,		/* "format": "uri" */
	H_CHOICE = 1 << 3,	/* "enum" */
};

static const struct field fields[] = {
	{ "url", "Server URL", "The address of your server, such as https://example.com", F_STRING, H_URL | H_REQUIRED },
	{ "baseUrl", "Base URL", "The base address of the REST API", F_STRING, H_URL | H_REQUIRED },
	{ "host", "Host", "The host name or IP address of the server", F_STRING, H_REQUIRED },
	{ "port", "Port", "The TCP port the server listens on", F_INTEGER, 0 },
	{ "username", "User name", "The user to sign in as", F_STRING, H_REQUIRED },
	{ "password", "Password", "The password of that user", F_STRING, H_SECRET | H_REQUIRED },
	{ "apiKey", "API key", "The key shown on your account page", F_STRING, H_SECRET | H_REQUIRED },
	{ "apiSecret", "API secret", "The secret that goes with the API key", F_STRING, H_SECRET },
	{ "clientId", "Client ID", "The ID of the application registered for Flow", F_STRING, H_REQUIRED },
	{ "clientSecret", "Client secret", "The secret of the registered application", F_STRING, H_SECRET | H_REQUIRED },
	{ "tenantId", "Tenant ID", "The directory (tenant) the application belongs to", F_STRING, 0 },
	{ "accountName", "Account name", "The name of your account, as in the sign-in page's address", F_STRING, H_REQUIRED },
	{ "accessKey", "Access key", "The access key of a user with API rights", F_STRING, H_SECRET | H_REQUIRED },
	{ "secretKey", "Secret key", "The secret access key", F_STRING, H_SECRET },
	{ "region", "Region", "The data centre region of your account", F_STRING, H_CHOICE },
	{ "domain", "Domain", "Your company's domain", F_STRING, 0 },
	{ "instance", "Instance", "The instance name, such as dev12345", F_STRING, H_REQUIRED },
	{ "token", "Access token", "A personal access token", F_STRING, H_SECRET | H_REQUIRED },
	{ "organization", "Organization", "The organization whose data Flow reads", F_STRING, 0 },
	{ "workspace", "Workspace", "The workspace to connect to", F_STRING, 0 },
	{ "projectId", "Project ID", "The project that holds the resources", F_STRING, 0 },
	{ "environment", "Environment", "Production or sandbox", F_STRING, H_CHOICE },
	{ "timeout", "Timeout", "Seconds to wait for an answer before giving up", F_NUMBER, 0 },
	{ "retries", "Retries", "How many times a failed request is tried again", F_INTEGER, 0 },
	{ "useSsl", "Use TLS", "Connect over TLS (recommended)", F_BOOLEAN, 0 },
	{ "verifyCertificate", "Verify certificate", "Reject servers whose certificate cannot be verified", F_BOOLEAN, 0 },
	{ "proxyHost", "Proxy host", "An HTTP proxy to go through, if your network needs one", F_STRING, 0 },
	{ "proxyPort", "Proxy port", "The port of that proxy", F_INTEGER, 0 },
	{ "scopes", "Scopes", "The permissions Flow asks for", F_ARRAY, 0 },
	{ "database", "Database", "The database to open", F_STRING, H_REQUIRED },
	{ "schema", "Schema", "The default schema", F_STRING, 0 },
	{ "warehouse", "Warehouse", "The compute warehouse queries run on", F_STRING, 0 },
	{ "role", "Role", "The role the session uses", F_STRING, 0 },
	{ "authMethod", "Authentication", "How Flow signs in", F_STRING, H_CHOICE },
	{ "siteId", "Site ID", "The site, as shown in the admin console", F_STRING, 0 },
	{ "apiVersion", "API version", "The version of the API to call", F_STRING, H_CHOICE },
	{ "pageSize", "Page size", "How many records one request fetches", F_INTEGER, 0 },
	{ "locale", "Locale", "The language of returned messages, such as en-US", F_STRING, 0 },
	{ "webhookSecret", "Webhook secret", "The secret that signs webhook calls", F_STRING, H_SECRET },
	{ "certificate", "Client certificate", "A PEM certificate for mutual TLS", F_STRING, H_SECRET },
};

static const char *const choices[] = { "us", "eu", "apac", "production", "sandbox", "v1", "v2" };

static const char *const vendors[] = {
	"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne",
	"tyrell", "cyberdyne", "soylent", "vandelay", "wonka", "oscorp",
	"aperture", "massive", "pied",
};

static const char *const kinds[] = {
	"apikey", "basic", "token", "oauth-client", "db", "sftp",
};

/* Where a defect goes, and what connlint should say about it. */
enum defect {
	D_NONE,
	D_NO_DESCRIPTION,	/* property-description */
	D_NO_TITLE,		/* property-title */
	D_NO_TYPE,		/* property-type */
	D_BAD_TYPE_NAME,	/* property-type */
	D_EMPTY_DESCRIPTION,	/* property-description */
	D_TITLE_NUMBER,		/* property-title */
	D_MIN_LENGTH_TEXT,	/* schema-numeric-keyword */
	D_NOT_OBJECT,		/* property-object */
	D_NO_FORMAT,		/* form-format */
	D_NO_FORM_TITLE,	/* form-title */
	D_FORM_TYPE,		/* form-type */
	D_NO_PROPERTIES,	/* form-properties */
	D_INPUT_STRING,		/* form-object: wrappers only */
	D_DUPLICATE_KEY,	/* json-duplicate-key */
	D_TRAILING_COMMA,	/* json-syntax */
	D_COMMENT,		/* json-syntax */
	D_SINGLE_QUOTES,	/* json-syntax */
	D_LEADING_ZERO,		/* json-syntax */
	D_RAW_TAB,		/* json-syntax */
	D_BOM,			/* json-bom */
	D__COUNT,
};

static const char *const defect_rules[D__COUNT] = {
	[D_NO_DESCRIPTION] = "property-description",
	[D_NO_TITLE] = "property-title",
	[D_NO_TYPE] = "property-type",
	[D_BAD_TYPE_NAME] = "property-type",
	[D_EMPTY_DESCRIPTION] = "property-description",
	[D_TITLE_NUMBER] = "property-title",
	[D_MIN_LENGTH_TEXT] = "schema-numeric-keyword",
	[D_NOT_OBJECT] = "property-object",
	[D_NO_FORMAT] = "form-format",
	[D_NO_FORM_TITLE] = "form-title",
	[D_FORM_TYPE] = "form-type",
	[D_NO_PROPERTIES] = "form-properties",
	[D_INPUT_STRING] = "form-object",
	[D_DUPLICATE_KEY] = "json-duplicate-key",
	[D_TRAILING_COMMA] = "json-syntax",
	[D_COMMENT] = "json-syntax",
	[D_SINGLE_QUOTES] = "json-syntax",
	[D_LEADING_ZERO] = "json-syntax",
	[D_RAW_TAB] = "json-syntax",
	[D_BOM] = "json-bom",
};

struct file {
	struct writer w;
	uint64_t rng;
	const char *vendor;
	char name[64];		/* <vendor>-<kind>-<i>: the folder's too */
	bool wrapper;
	bool ordered;		/* fields carry propertyOrder: all or none */
	enum defect defect;
	size_t defect_field;	/* the field a field defect goes in */
	size_t at;		/* where connlint should point */
};

/* A title or description: an i18n token in wrappers, text in bare files. */
static void
text(struct file *f, struct buf *out, const char *name, const char *what,
     const char *plain)
{
	buf_reset(out);
	if (f->wrapper)
		buf_addf(out, "%s:conn_%s%s", f->vendor, name, what);
	else
		buf_adds(out, plain);
}

/*
 * Writes one field, at the writer's current member.  With a defect, the
 * field carries it (and f->at is set).
 */
static void
write_field(struct file *f, const struct field *fd, unsigned order,
	    enum defect defect)
{
	struct writer *w = &f->w;
	struct buf t = BUF_INIT;
	size_t key = w_key(w, fd->name);
	const char *type = ftype_names[fd->type];

	if (defect == D_NOT_OBJECT) {
		f->at = w_str(w, type);
		buf_release(&t);
		return;
	}
	if (defect == D_NO_DESCRIPTION || defect == D_NO_TITLE ||
	    defect == D_NO_TYPE)
		f->at = key;
	w_open(w, '{');
	/* The order of the members varies, as it does in real files. */
	for (int round = 0; round < 3; round++) {
		unsigned which = (order + (unsigned)round) % 3;

		if (which == 0 && defect != D_NO_TYPE) {
			w_key(w, "type");
			if (defect == D_BAD_TYPE_NAME) {
				static const char *const wrong[] = {
					"text", "str", "int", "bool", "password",
					"Number",
				};

				f->at = w_str(w, wrong[pick(&f->rng, 6)]);
			} else {
				w_str(w, type);
			}
		} else if (which == 1 && defect != D_NO_TITLE) {
			w_key(w, "title");
			text(f, &t, fd->name, "", fd->title);
			if (defect == D_TITLE_NUMBER) {
				f->at = w_raw(w, "1");
			} else if (defect == D_SINGLE_QUOTES) {
				buf_reset(&t);
				buf_addf(&t, "'%s'", fd->title);
				f->at = w_raw(w, t.s);
			} else {
				w_str(w, t.s);
			}
			if (defect == D_DUPLICATE_KEY) {
				f->at = w_key(w, "title");
				w_str(w, t.s);
			}
		} else if (which == 2 && defect != D_NO_DESCRIPTION) {
			w_key(w, "description");
			text(f, &t, fd->name, "_description", fd->help);
			if (defect == D_EMPTY_DESCRIPTION) {
				f->at = w_str(w, pick(&f->rng, 2) ? "" : "  ");
			} else if (defect == D_RAW_TAB) {
				buf_reset(&t);
				buf_adds(&t, "\"");
				f->at = w->out.len + 1 + strlen(fd->title);
				buf_addf(&t, "%s\t%s\"", fd->title, fd->help);
				w_raw(w, t.s);
			} else {
				w_str(w, t.s);
			}
		}
	}
	if (fd->hints & H_SECRET) {
		w_key(w, "format");
		w_str(w, "password");
	} else if (fd->hints & H_URL) {
		w_key(w, "format");
		w_str(w, "uri");
	}
	if (defect == D_MIN_LENGTH_TEXT) {
		w_key(w, "minLength");
		f->at = w_str(w, "1");
	} else if (fd->hints & H_REQUIRED) {
		w_key(w, "minLength");
		w_int(w, 1);
	}
	if (fd->hints & H_CHOICE) {
		size_t first = pick(&f->rng, ARRAY_SIZE(choices) - 2);

		w_key(w, "enum");
		w_str_array(w, choices + first, 3);
		w_key(w, "default");
		w_str(w, choices[first]);
	}
	if (fd->type == F_ARRAY) {
		static const char *const scopes[] = { "read", "write", "admin" };

		w_key(w, "items");
		w_open(w, '{');
		w_key(w, "type");
		w_str(w, "string");
		w_close(w, '}', false);
		w_key(w, "default");
		w_str_array(w, scopes, 1 + pick(&f->rng, 3));
	}
	if (fd->type == F_INTEGER && strstr(fd->name, "ort") != NULL) {
		w_key(w, "default");
		w_int(w, 443);
	}
	if (f->ordered || defect == D_LEADING_ZERO) {
		w_key(w, "propertyOrder");
		if (defect == D_LEADING_ZERO) {
			char n[16];

			snprintf(n, sizeof(n), "0%u", order + 1);
			f->at = w_raw(w, n) + 1;
		} else {
			w_int(w, (long)order + 1);
		}
	}
	if (defect == D_COMMENT) {
		w_key(w, "examples");
		f->at = w_raw(w, "/* none */ []");
	}
	w_close(w, '}', false);
	buf_release(&t);
}

/* A nested object field: its own fields are form fields too. */
static void
write_group(struct file *f, unsigned order)
{
	static const struct field inner[] = {
		{ "connectTimeout", "Connect timeout", "Seconds to wait for a connection", F_NUMBER, 0 },
		{ "readTimeout", "Read timeout", "Seconds to wait for data", F_NUMBER, 0 },
		{ "maxRetries", "Retries", "How often to try again", F_INTEGER, 0 },
		{ "userAgent", "User agent", "The User-Agent header to send", F_STRING, 0 },
	};
	struct writer *w = &f->w;
	struct buf t = BUF_INIT;
	size_t n = 2 + pick(&f->rng, 3);

	w_key(w, "advanced");
	w_open(w, '{');
	w_key(w, "type");
	w_str(w, "object");
	w_key(w, "title");
	text(f, &t, "advanced", "", "Advanced settings");
	w_str(w, t.s);
	w_key(w, "description");
	text(f, &t, "advanced", "_description", "Settings most users leave alone");
	w_str(w, t.s);
	if (f->ordered) {
		/* after the form's own fields, which count from 1 */
		w_key(w, "propertyOrder");
		w_int(w, 100);
	}
	w_key(w, "properties");
	w_open(w, '{');
	for (size_t k = 0; k < n; k++)
		write_field(f, &inner[k], order + (unsigned)k, D_NONE);
	w_close(w, '}', false);
	w_close(w, '}', false);
	buf_release(&t);
}

/* The form schema: bare, it is the file; in a wrapper, "input". */
static void
write_form(struct file *f, size_t form_key)
{
	struct writer *w = &f->w;
	struct buf t = BUF_INIT;
	const struct field *chosen[ARRAY_SIZE(fields)];
	size_t nfields = 3 + pick(&f->rng, 13), n = ARRAY_SIZE(fields);
	bool group = nfields >= 5 && chance(&f->rng, 4);
	enum defect d = f->defect;

	/* The first nfields of a shuffle: distinct names. */
	for (size_t k = 0; k < n; k++)
		chosen[k] = &fields[k];
	for (size_t k = 0; k < nfields; k++) {
		size_t j = k + pick(&f->rng, (unsigned)(n - k));
		const struct field *tmp = chosen[k];

		chosen[k] = chosen[j];
		chosen[j] = tmp;
	}
	if (group)
		nfields--;
	f->defect_field = pick(&f->rng, (unsigned)nfields);
	if (d == D_NO_FORMAT || d == D_NO_FORM_TITLE || d == D_NO_PROPERTIES)
		f->at = form_key;
	w_open(w, '{');
	w_key(w, "type");
	if (d == D_FORM_TYPE)
		f->at = w_str(w, "array");
	else
		w_str(w, "object");
	if (d != D_NO_FORM_TITLE) {
		w_key(w, "title");
		buf_reset(&t);
		if (f->wrapper)
			buf_addf(&t, "%s:conn_credentials_title", f->vendor);
		else
			buf_addf(&t, "%c%s API", f->vendor[0] - 'a' + 'A',
				 f->vendor + 1);
		w_str(w, t.s);
	}
	if (d != D_NO_FORMAT) {
		w_key(w, "format");
		w_str(w, "table");
	}
	if (d != D_NO_PROPERTIES) {
		bool trailing = d == D_TRAILING_COMMA;

		w_key(w, "properties");
		w_open(w, '{');
		for (size_t k = 0; k < nfields; k++) {
			bool here = k == f->defect_field;

			write_field(f, chosen[k], (unsigned)k, here ? d : D_NONE);
			if (group && k == nfields / 2)
				write_group(f, (unsigned)nfields);
		}
		if (trailing)
			f->at = skip_ws(&w->out, w_close(w, '}', true) + 1);
		else
			w_close(w, '}', false);
	}
	/* Without "properties", "required" would name an unknown field: a
	 * second defect. */
	if (f->wrapper && chance(&f->rng, 3) && d != D_NO_PROPERTIES) {
		w_key(w, "required");
		w_str_array(w, &chosen[0]->name, 1);
	}
	w_close(w, '}', false);
	buf_release(&t);
}

static void
write_output(struct file *f)
{
	struct writer *w = &f->w;

	w_key(w, "output");
	w_open(w, '{');
	w_key(w, "type");
	w_str(w, "object");
	w_key(w, "properties");
	w_open(w, '{');
	w_key(w, "handle");
	w_open(w, '{');
	w_key(w, "type");
	w_str(w, "object");
	w_key(w, "title");
	w_str(w, "handle");
	w_close(w, '}', false);
	w_close(w, '}', false);
	w_close(w, '}', false);
}

/* Writes the file of index i into f->w.out. */
static void
write_file(struct file *f, uint64_t seed, size_t i)
{
	static const char *const indents[] = { "  ", "  ", "  ", "  ", "  ",
		"  ", "    ", "    ", "\t", NULL };
	struct writer *w = &f->w;
	struct buf t = BUF_INIT;
	const char *kind;

	memset(f, 0, sizeof(*f));
	buf_init(&w->out);
	f->rng = seed ^ (0x2545F4914F6CDD1Du * (i + 1));
	next_u64(&f->rng);
	w->indent = indents[pick(&f->rng, ARRAY_SIZE(indents))];
	w->eol = chance(&f->rng, 20) ? "\r\n" : "\n";
	f->vendor = vendors[pick(&f->rng, ARRAY_SIZE(vendors))];
	kind = kinds[pick(&f->rng, ARRAY_SIZE(kinds))];
	snprintf(f->name, sizeof(f->name), "%s-%s-%zu", f->vendor, kind, i);
	f->wrapper = pick(&f->rng, 2);
	f->ordered = f->wrapper || chance(&f->rng, 3);
	if (chance(&f->rng, 5)) {
		f->defect = (enum defect)(1 + pick(&f->rng, D__COUNT - 1));
		if (f->defect == D_INPUT_STRING && !f->wrapper)
			f->defect = D_NO_DESCRIPTION;
	}
	if (f->defect == D_BOM) {
		buf_adds(&w->out, "\xEF\xBB\xBF");
		f->at = 0;
	}
	if (!f->wrapper) {
		write_form(f, w->out.len);
	} else {
		size_t input;

		w_open(w, '{');
		w_key(w, "name");
		w_str(w, f->name);
		w_key(w, "uid");
		buf_reset(&t);
		buf_addf(&t, "%016llx%016llx",
			 (unsigned long long)next_u64(&f->rng),
			 (unsigned long long)next_u64(&f->rng));
		w_str(w, t.s);
		w_key(w, "version");
		w_str(w, "v1");
		w_key(w, "label");
		buf_reset(&t);
		buf_addf(&t, "%s:conn_%s_title", f->vendor, kind);
		w_str(w, t.s);
		w_key(w, "published");
		w_raw(w, chance(&f->rng, 4) ? "false" : "true");
		w_key(w, "tags");
		buf_reset(&t);
		buf_addf(&t, "%s:%s_tags", f->vendor, f->vendor);
		w_str_array(w, (const char *const[]){ t.s }, 1);
		if (chance(&f->rng, 2)) {
			w_key(w, "icon");
			buf_reset(&t);
			buf_addf(&t, "%s-logo", f->vendor);
			w_str(w, t.s);
			w_key(w, "deleted_at");
			w_raw(w, "null");
		}
		input = w_key(w, "input");
		if (f->defect == D_INPUT_STRING)
			f->at = w_str(w, kind);
		else
			write_form(f, input);
		write_output(f);
		w_close(w, '}', false);
	}
	buf_adds(&w->out, w->eol);
	buf_release(&t);
}

/* The big file: a bare form schema with props fields; field 2/3 of the way
 * through has no description. */
static void
write_big(struct file *f, size_t props)
{
	static const char *const types[] = { "string", "integer", "boolean",
		"number" };
	struct writer *w = &f->w;
	char name[32], title[32], help[96];
	size_t bad = props * 2 / 3;

	memset(f, 0, sizeof(*f));
	buf_init(&w->out);
	w->indent = "  ";
	w->eol = "\n";
	w_open(w, '{');
	w_key(w, "type");
	w_str(w, "object");
	w_key(w, "title");
	w_str(w, "Acme bulk import");
	w_key(w, "format");
	w_str(w, "table");
	w_key(w, "properties");
	w_open(w, '{');
	for (size_t k = 0; k < props; k++) {
		size_t key;

		snprintf(name, sizeof(name), "field_%06zu", k);
		snprintf(title, sizeof(title), "Field %zu", k);
		snprintf(help, sizeof(help), "The value of field %zu of an Acme "
			 "record, shown as help text", k);
		key = w_key(w, name);
		w_open(w, '{');
		w_key(w, "type");
		w_str(w, types[k % 4]);
		w_key(w, "title");
		w_str(w, title);
		if (k != bad) {
			w_key(w, "description");
			w_str(w, help);
		} else {
			f->at = key;
		}
		w_key(w, "propertyOrder");
		w_int(w, (long)k + 1);
		w_close(w, '}', false);
	}
	w_close(w, '}', false);
	w_close(w, '}', false);
	buf_adds(&w->out, "\n");
}

static int
make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
	return -1;
}

static int
write_bytes(const char *path, const struct buf *b)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(b->s, 1, b->len, fp) != b->len ||
	    fclose(fp) != 0) {
		fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The index.js of every connection: connect, and a validate that asks
 * the service, about the size of a real one.  connlint reads it and runs
 * its patterns over it; what it says does not change their cost.
 */
static const char index_js[] =
	"/*\n"
	" * The connection: Flow calls connect to open it, and validate to\n"
	" * test the credentials a user enters.\n"
	" */\n"
	"const request = require('request');\n"
	"\n"
	"module.exports = {\n"
	"  connect(input, output) {\n"
	"    output(null, { handle: Object.assign({}, input) });\n"
	"  },\n"
	"\n"
	"  validate(input, options, output) {\n"
	"    request.get({\n"
	"      url: `${input.url || input.serverUrl}/api/v1/me`,\n"
	"      headers: { Authorization: `Key ${input.apiKey}` },\n"
	"      json: true\n"
	"    }, (err, res) => {\n"
	"      if (err) {\n"
	"        return output(err);\n"
	"      }\n"
	"      if (res.statusCode !== 200) {\n"
	"        return output(new Error(`refused: HTTP ${res.statusCode}`));\n"
	"      }\n"
	"      output(null, true);\n"
	"    });\n"
	"  }\n"
	"};\n";

/* Writes index_js into the directory whose path is in *path. */
static int
write_index_js(struct buf *path)
{
	struct buf text = BUF_INIT;
	int rc;

	buf_adds(path, "/index.js");
	buf_adds(&text, index_js);
	rc = write_bytes(path->s, &text);
	buf_release(&text);
	return rc;
}

static int
parse_number(const char *s, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno != 0 || *s == '\0' || *end != '\0' ? -1 : 0;
}

int
main(int argc, char **argv)
{
	struct buf path = BUF_INIT, manifest = BUF_INIT;
	unsigned long long count, seed;
	struct file f;
	int rc = 0;

	if (argc != 5 || (strcmp(argv[1], "files") != 0 &&
			  strcmp(argv[1], "big") != 0) ||
	    parse_number(argv[3], &count) < 0 ||
	    parse_number(argv[4], &seed) < 0 || count == 0 ||
	    count > 10000000) {
		fprintf(stderr, "usage: bench-gen files DIR COUNT SEED\n"
			"       bench-gen big DIR PROPERTIES SEED\n");
		return 2;
	}
	if (make_dir(argv[2]) < 0)
		return 1;
	if (strcmp(argv[1], "big") == 0) {
		write_big(&f, count);
		buf_addf(&path, "%s/connection.json", argv[2]);
		rc = write_bytes(path.s, &f.w.out);
		buf_reset(&path);
		buf_adds(&path, argv[2]);
		if (rc == 0)
			rc = write_index_js(&path);
		buf_addf(&manifest, "connection.json:%zu %s\n",
			 line_of(&f.w.out, f.at), "property-description");
		buf_release(&f.w.out);
	} else {
		for (size_t i = 0; i < count && rc == 0; i++) {
			write_file(&f, seed, i);
			buf_reset(&path);
			buf_addf(&path, "%s/%s", argv[2], f.name);
			rc = make_dir(path.s);
			if (rc == 0)
				rc = write_index_js(&path);
			path.len -= strlen("/index.js");
			path.s[path.len] = '\0';
			buf_adds(&path, "/connection.json");
			if (rc == 0)
				rc = write_bytes(path.s, &f.w.out);
			if (f.defect != D_NONE)
				buf_addf(&manifest, "%s/connection.json:%zu "
					 "%s\n", f.name,
					 line_of(&f.w.out, f.at),
					 defect_rules[f.defect]);
			buf_release(&f.w.out);
		}
	}
	/* The manifest comes last: its presence says the corpus is whole. */
	buf_reset(&path);
	buf_addf(&path, "%s/manifest", argv[2]);
	if (rc == 0)
		rc = write_bytes(path.s, &manifest);
	buf_release(&path);
	buf_release(&manifest);
	return rc < 0 ? 1 : 0;
}

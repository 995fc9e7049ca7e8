/*
 * jsexports: what a connection's index.js exports, and whether its
 * validate is a stub, found with PCRE2 patterns over its text.
 *
 * This is pattern matching, not a JavaScript parser.  A small scanner
 * first blanks what is not code: comments, the text of string and
 * template literals and of regular expression literals.  It keeps every
 * offset and every line break, so that a comment or a string that
 * mentions connect or validate counts for nothing; a string that is
 * only a name ('connect') is kept, for quoted keys.  Then patterns find
 * the CommonJS forms of an export:
 *
 *   module.exports = { connect, validate }                 shorthand
 *   module.exports = { connect(input, output) {...} }      methods, async too
 *   module.exports = { validate: function (...) {...} }    function and
 *   module.exports = { validate: async (...) => ... }      arrow values
 *   module.exports = { 'connect': openConnection }         quoted keys, names
 *   module.exports.connect = ...   exports.validate = ...
 *   exports['connect'] = ...
 *   module.exports = conn;   with   const conn = { ... }   in the same file
 *
 * Not recognised: exports made at run time (Object.assign, a loop, a
 * computed key) and a module.exports set to anything but an object
 * literal, the name of one, or a function: a call (require('./lib')), a
 * class, an instance.  Those, and a spread (...other) in the object, make
 * the exports unknown (opaque), and nothing is said to be missing.  Every
 * assignment counts, whatever its order.  ES module export statements are
 * noted, not counted: Flow loads index.js with require().
 *
 * validate is a stub when the patterns find its function (a method, a
 * function or arrow function value, or a function or const of that name
 * defined in the file) and its body, with comments and strings blanked,
 *
 *   - never names its first parameter (nor a name a destructured first
 *     parameter binds), nor arguments; and
 *   - with a callback (its last parameter, when it has two or more) uses
 *     the callback only in calls whose first argument is null, undefined
 *     or missing, at least once, and has no throw and no reject;
 *     without one, is only "return true" (or Promise.resolve(true)), or
 *     an arrow function's expression is only that.
 *
 * The work is linear in the text: the scanner keeps at most
 * JS_TEMPLATE_DEPTH nested template literals, every object is walked
 * once, names resolve through at most JS_RESOLVE_DEPTH references, and
 * the patterns run under regex.h's match limits.
 */
#ifndef CONNLINT_JSEXPORTS_H
#define CONNLINT_JSEXPORTS_H

#include <stdbool.h>
#include <stddef.h>

#define JS_TEMPLATE_DEPTH 32
#define JS_RESOLVE_DEPTH 4

/* Bytes [off, end) of the text. */
struct js_span {
	size_t off, end;
};

/* How validate always succeeds, when it is a stub. */
enum js_stub {
	JS_STUB_NO,		/* it does not, or that cannot be told */
	JS_STUB_CALLBACK,	/* it only calls its callback without error */
	JS_STUB_RETURN,		/* it has no callback and only returns true */
};

struct js_export {
	bool found;
	struct js_span at;	/* its name where it is exported (the last) */
	/* validate only */
	enum js_stub stub;
	struct js_span fn;	/* stub: its name where it is defined */
	struct js_span input;	/* stub: its first parameter's name, or
				 * its pattern ({ ... }); empty: none */
	struct js_span callback;	/* JS_STUB_CALLBACK: the callback */
};

struct js_exports {
	struct js_export connect, validate;
	bool opaque;		/* what is exported cannot be told */
	bool anchored;		/* a CommonJS export exists: anchor is it */
	struct js_span anchor;	/* where a missing export belongs */
	bool esm;		/* an ES module export statement exists */
	struct js_span esm_at;	/* the first one's "export" */
	bool limit;		/* a pattern hit its limit: nothing decided */
	char why[128];		/* limit: PCRE2's reason */
};

/*
 * Finds what text (len bytes, any bytes at all) exports.  Never fails:
 * x->limit says when the patterns could not decide.
 */
void js_exports_find(const char *text, size_t len, struct js_exports *x);

/*
 * The scanner alone, for tests: writes in's len bytes to out (len bytes
 * too) with what is not code blanked to spaces, line breaks kept, bytes
 * outside ASCII as '_' (part of a name) or ' ' (Unicode white space).
 */
void js_blank(const char *in, size_t len, char *out);

#endif

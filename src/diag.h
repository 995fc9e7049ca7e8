/*
 * Diagnostics: what connlint found, where, and how bad it is.
 *
 * A diag_list collects the findings of one document; it owns each
 * message and pointer, and borrows the rule id (the rule set outlives it).
 * Offsets are bytes into the document's source.
 */
#ifndef CONNLINT_DIAG_H
#define CONNLINT_DIAG_H

#include <stdbool.h>
#include <stddef.h>

enum severity {
	SEV_OFF,
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR,
};

/* "error", "warning", "note" or "off". */
const char *severity_name(enum severity sev);
/* Sets *sev from its name; returns -1 for an unknown name. */
int severity_parse(const char *name, enum severity *sev);

struct diag {
	const char *rule;	/* borrowed: the rule id */
	enum severity sev;
	size_t off, end;	/* the byte range it points at */
	char *msg;		/* owned */
	char *pointer;		/* owned: RFC 6901 pointer, or NULL */
	char *note;		/* owned: a related place's message, or NULL */
	size_t note_off, note_end;
	size_t seq;		/* order among findings at one offset: their
				 * insertion, unless the adder sets it; the
				 * position after diag_list_sort() */
};

struct diag_list {
	struct diag *v;
	size_t n, alloc;
	size_t count[SEV_ERROR + 1];	/* per severity */
	size_t bytes;			/* what the findings take */
};

#define DIAG_LIST_INIT { NULL, 0, 0, { 0 }, 0 }

/*
 * What the findings of one file may take: records, messages and JSON
 * Pointers.  A pointer grows with its finding's depth and keys, so a file
 * built to fail everywhere (100,000 nested levels; a key of a megabyte
 * above 100,000 fields) would otherwise hold gigabytes of them.  Whoever
 * adds findings stops when diag_list_full() says so, and says it stopped.
 */
#define DIAG_BYTES_MAX ((size_t)64 << 20)
/* A message quotes at most this many bytes of a key or a value. */
#define DIAG_QUOTE_MAX 80

void diag_list_init(struct diag_list *l);
void diag_list_release(struct diag_list *l);
/*
 * Adds a diagnostic and returns it, so that the caller may set a pointer
 * or a note.  msg is taken: the list frees it.
 */
struct diag *diag_add(struct diag_list *l, const char *rule,
		      enum severity sev, size_t off, size_t end, char *msg);
/* diag_add(), and the finding's pointer, taken: the list frees it. */
struct diag *diag_add_ptr(struct diag_list *l, const char *rule,
			  enum severity sev, size_t off, size_t end, char *msg,
			  char *pointer);
/*
 * Sets d's note, taken (the list frees it), at [off, end): counted, as
 * messages are, towards DIAG_BYTES_MAX.
 */
void diag_set_note(struct diag_list *l, struct diag *d, char *note,
		   size_t off, size_t end);
/* Whether the findings have reached DIAG_BYTES_MAX. */
bool diag_list_full(const struct diag_list *l);
/* Sorts by offset, then seq (insertion order, unless set), and renumbers. */
void diag_list_sort(struct diag_list *l);

#endif

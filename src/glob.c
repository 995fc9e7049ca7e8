#include "glob.h"

#include <string.h>

int
glob_check(const char *glob, const char **err, size_t *err_off)
{
	for (size_t k = 0; glob[k] != '\0'; k++) {
		if (glob[k] == '\\') {
			if (glob[k + 1] == '\0') {
				*err = "a glob cannot end with '\\'";
				*err_off = k;
				return -1;
			}
			k++;
		} else if (glob[k] == '[') {
			size_t open = k++;

			if (glob[k] == '!')
				k++;
			if (glob[k] == ']')
				k++;	/* a leading ']' is a member */
			while (glob[k] != '\0' && glob[k] != ']')
				k++;
			if (glob[k] == '\0') {
				*err = "unclosed '[' in a glob";
				*err_off = open;
				return -1;
			}
		} else if (glob[k] == '*' && glob[k + 1] == '*' &&
			   glob[k + 2] != '/' && glob[k + 2] != '\0') {
			*err = "'**' must be a whole path component";
			*err_off = k;
			return -1;
		} else if (glob[k] == '*' && glob[k + 1] == '*' && k > 0 &&
			   glob[k - 1] != '/') {
			*err = "'**' must be a whole path component";
			*err_off = k;
			return -1;
		}
	}
	if (glob[0] == '/') {
		*err = "a glob is relative to the config file's directory; "
		       "drop the leading '/'";
		*err_off = 0;
		return -1;
	}
	return 0;
}

/* Matches one bracket class at *g against c; advances *g past it. */
static bool
match_class(const char **g, char c)
{
	const char *p = *g + 1;
	bool negate = false, hit = false;

	if (*p == '!') {
		negate = true;
		p++;
	}
	do {
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			if (c >= p[0] && c <= p[2])
				hit = true;
			p += 3;
		} else {
			if (c == *p)
				hit = true;
			p++;
		}
	} while (*p != ']');
	*g = p + 1;
	return hit != negate;
}

/*
 * Matches one component: g[0..glen) against p[0..plen), neither holding
 * '/'.  The classic greedy match: on a mismatch, only the last '*' is
 * retried, one character further, so the work is at most glen * plen.
 */
static bool
match_component(const char *g, size_t glen, const char *p, size_t plen)
{
	size_t gi = 0, pi = 0, star = (size_t)-1, resume = 0;

	while (pi < plen) {
		if (gi < glen && g[gi] == '*') {
			star = ++gi;
			resume = pi;
			continue;
		}
		if (gi < glen && g[gi] != '*') {
			const char *at = g + gi;
			bool ok;

			if (*at == '?') {
				ok = true;
				at++;
			} else if (*at == '[') {
				ok = match_class(&at, p[pi]);
			} else {
				if (*at == '\\')
					at++;
				ok = *at++ == p[pi];
			}
			if (ok) {
				gi = (size_t)(at - g);
				pi++;
				continue;
			}
		}
		if (star == (size_t)-1)
			return false;
		gi = star;
		pi = ++resume;
	}
	while (gi < glen && g[gi] == '*')
		gi++;
	return gi == glen;
}

/* The length of the component at s: up to '/' or the end. */
static size_t
component(const char *s)
{
	const char *slash = strchr(s, '/');

	return slash != NULL ? (size_t)(slash - s) : strlen(s);
}

/* The next component after the one at s of length len, or NULL. */
static const char *
next(const char *s, size_t len)
{
	return s[len] == '/' ? s + len + 1 : NULL;
}

/*
 * Matches component by component; "**" is to components what '*' is to
 * characters, with the same greedy retry, so the work stays bounded.
 */
static bool
match(const char *g, const char *p)
{
	const char *star = NULL, *resume = NULL;

	while (p != NULL) {
		size_t glen = g != NULL ? component(g) : 0;
		size_t plen = component(p);

		if (g != NULL && glen == 2 && g[0] == '*' && g[1] == '*') {
			star = g = next(g, glen);
			resume = p;
			if (g == NULL)
				return true;	/* a trailing "**" */
			continue;
		}
		if (g != NULL && match_component(g, glen, p, plen)) {
			g = next(g, glen);
			p = next(p, plen);
			continue;
		}
		if (resume == NULL)
			return false;
		resume = next(resume, component(resume));
		if (resume == NULL)
			return false;
		g = star;
		p = resume;
	}
	return g == NULL;
}

bool
glob_match(const char *glob, const char *path)
{
	if (strchr(glob, '/') == NULL) {
		const char *base = strrchr(path, '/');

		return match(glob, base != NULL ? base + 1 : path);
	}
	return match(glob, path);
}

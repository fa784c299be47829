/*
 * json.h - just enough JSON to read a portal's live search results: parse a document, walk a
 * dotted path to the result list, and take a result's fields as text.
 */
#ifndef ZWGK_JSON_H
#define ZWGK_JSON_H

#include <stddef.h>

#include "util.h"

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	int type;
	char *text;		/* string (UTF-8), number as written, "true"/"false" */
	char **keys;		/* object: the members' names */
	struct json *items;	/* array items, or object members' values */
	int n;
};

/* Parses UTF-8 JSON (nested at most 64 deep); NULL with err saying where it went wrong. */
struct json *json_parse(const char *text, size_t len, struct zerr *err);
void json_free(struct json *j);
/* The value at a dotted path of member names ("data.list"; "" is the root), or NULL. */
const struct json *json_path(const struct json *j, const char *path);
/* An object's member as text (strings, numbers, booleans); "" when missing or not a scalar. */
const char *json_field(const struct json *j, const char *name);

#endif

/*
 * fuzz_json.c - the JSON reader of the portal's live search (json.c), over any bytes: parse,
 * walk a path, read a result's fields as portal.c does (the link resolved against the search
 * page, the date read). Asserts the tree is well formed: scalars have text, members names,
 * nesting stays within its limit; a failure says why; the resolved link is fit to show.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "html.h"
#include "json.h"
#include "portal.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	return 0;
}

static void walk(const struct json *j, int depth)
{
	if (depth > 70)
		fz_fail("json: nested %d deep, beyond the limit", depth);
	if ((j->type == JSON_STRING || j->type == JSON_NUMBER || j->type == JSON_BOOL) && !j->text)
		fz_fail("json: a scalar without its text");
	if (j->type == JSON_OBJECT)
		for (int i = 0; i < j->n; i++)
			if (!j->keys || !j->keys[i])
				fz_fail("json: member %d without a name", i);
	if (j->type != JSON_OBJECT && j->type != JSON_ARRAY && j->n)
		fz_fail("json: a scalar with items");
	for (int i = 0; i < j->n; i++)
		walk(&j->items[i], depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zerr err = ZERR_INIT;
	struct json *j = json_parse((const char *)data, size, &err);
	const struct json *list;

	if (!j) {
		if (!err.msg[0])
			fz_fail("json_parse failed without saying why");
		return 0;
	}
	walk(j, 0);
	list = json_path(j, "data.list");
	if (!list)
		list = json_path(j, "");
	if (list && list->type == JSON_ARRAY)
		for (int i = 0; i < list->n; i++) {
			const char *f[] = { json_field(&list->items[i], "title"), json_field(&list->items[i], "url"),
					    json_field(&list->items[i], "date"), json_field(&list->items[i], "a.b.c") };

			char *abs, *date;

			for (int k = 0; k < 4; k++)
				if (!f[k])
					fz_fail("json_field gave NULL");
			abs = html_resolve("http://www.cqws.gov.cn/search?q=x", f[1]);
			fz_assert_safe("a result's link, resolved", abs, 0);
			date = portal_date(f[2]);
			if (*date && strlen(date) != 10)
				fz_fail("portal_date gave '%s'", date);
			free(abs);
			free(date);
		}
	json_free(j);
	return 0;
}

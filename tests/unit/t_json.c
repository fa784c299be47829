/* t_json.c - the JSON reader of the portal's live search. */
#include <stdlib.h>

#include "json.h"
#include "t.h"

static struct json *parse(const char *s, struct zerr *err)
{
	return json_parse(s, strlen(s), err);
}

static void test_json(void)
{
	struct zerr err = ZERR_INIT;
	struct json *j;
	const struct json *list;

	j = parse("\xEF\xBB\xBF{\"code\": 200, \"data\": {\"list\": [{\"title\": \"\\u8865\\u8d34 \\\"A\\\"\", \"n\": -1.5e3,"
		  " \"ok\": true, \"none\": null}, {\"title\": \"\\ud83d\\ude00\\/x\"}, 3, []]}}",
		  &err);
	CHECK(j != NULL);
	list = json_path(j, "data.list");
	CHECK(list && list->type == JSON_ARRAY && list->n == 4);
	if (list && list->n == 4) {
		CHECK_STR(json_field(&list->items[0], "title"), "补贴 \"A\"");
		CHECK_STR(json_field(&list->items[0], "n"), "-1.5e3");
		CHECK_STR(json_field(&list->items[0], "ok"), "true");
		CHECK_STR(json_field(&list->items[0], "none"), "");
		CHECK_STR(json_field(&list->items[0], "missing"), "");
		/* A surrogate pair is one character beyond the basic plane. */
		CHECK_STR(json_field(&list->items[1], "title"), "\xF0\x9F\x98\x80/x");
		CHECK_STR(json_field(&list->items[2], "title"), "");
	}
	CHECK_STR(json_field(j, "code"), "200");
	CHECK(json_path(j, "data.nothing") == NULL);
	CHECK(json_path(j, "") == j);
	json_free(j);

	/* Broken answers: an error, never a crash. */
	static const char *const bad[] = { "", "{", "{\"a\" 1}", "[1,]", "[1 2]", "\"unterminated", "{\"a\":1} x",
					   "\"\\x\"", "\"\\u12\"", "tru", "[\"a\nb\"]" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.msg[0] = '\0';
		j = parse(bad[i], &err);
		CHECK(j == NULL);
		CHECK_CONTAINS(err.msg, "JSON");
		json_free(j);
	}
	/* Nesting deeper than 64 is refused, not recursed into. */
	{
		char deep[300];

		memset(deep, '[', 200);
		deep[200] = '\0';
		CHECK(parse(deep, &err) == NULL);
		CHECK_CONTAINS(err.msg, "deep");
	}
}

T_SUITE(json_tests) = {
	{ "json: values, escapes, paths, broken answers", test_json },
	T_END
};

/*
 * kbgen.c - a synthetic policy knowledge base of any size, for the search benchmark.
 *
 * usage: kbgen [-s SEED] N SAMPLE.tsv > kb.tsv
 *
 * The first entries are the sample's own (so a query set written for it still has its
 * answers); the others are made from it: a sample entry's question, sometimes joined with a
 * clause of another question of the same category or set in a township, village or year; its
 * answer's sentences with some dropped, one borrowed from a sibling entry and a local detail
 * (window, phone, village, date) added; numbers varied. The words and the pairs of characters
 * are the sample's, with the rare names a real county's base is full of. The same seed gives
 * the same file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

struct entry {
	char *f[6];		/* id, category, question, answer, source, unit */
	char **sent;		/* the answer's sentences, each with its stop */
	int nsent;
	char **clause;		/* the question's clauses, split after '，' */
	int nclause;
	int cat;		/* index into cats */
};

static struct entry *ents;
static int nents;
static char **cats;
static int ncats;

static const char *const townships[] = {
	"高唐街道", "龙门街道", "巫峡镇", "庙宇镇", "大昌镇", "福田镇", "龙溪镇", "双龙镇", "官阳镇", "骡坪镇",
	"抱龙镇", "官渡镇", "铜鼓镇", "曲尺乡", "建平乡", "大溪乡", "金坪乡", "平河乡", "长安土家族乡",
	"邓家土家族乡", "笃坪乡", "红椿土家族乡", "两坪乡", "培石乡", "竹贤乡", "三溪乡",
};

/* Characters village names are made of (two of them, then 村 or 社区). */
static const char *const village_chars[] = {
	"青", "石", "红", "岩", "白", "杨", "龙", "泉", "柳", "桥", "花", "园", "新", "华", "金", "竹",
	"桂", "水", "田", "高", "峰", "黄", "坪", "松", "林", "河", "坝", "湾", "梨", "子", "树", "大",
	"小", "东", "西", "南", "北", "朝", "阳", "双", "河", "庙", "堂", "茶", "山", "乐", "和", "平",
	"安", "兴", "丰", "福", "宝", "塘", "坡", "垭", "口", "槽", "溪", "沟", "梁", "湖", "凤", "鸣",
};

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
	"何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
	"袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
};

static const char *const askers[] = {
	"外出务工人员", "农村老人", "脱贫户", "低保家庭", "残疾人", "退役军人", "在校大学生", "个体工商户",
	"返乡创业人员", "独生子女家庭", "失地农民", "灵活就业人员", "留守儿童家庭", "新生儿家长",
};

static int chance(int percent)
{
	return pick(100) < percent;
}

#define PICK(a) (a[pick((int)(sizeof a / sizeof a[0]))])

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fputs("kbgen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("kbgen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_addn(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_add(struct buf *b, const char *s)
{
	buf_addn(b, s, strlen(s));
}

static void buf_num(struct buf *b, long v)
{
	char tmp[32];

	snprintf(tmp, sizeof tmp, "%ld", v);
	buf_add(b, tmp);
}

/* Splits text after each of the stops given (UTF-8 strings); the pieces keep their stop. */
static int split_after(const char *text, const char *const *stops, char ***out)
{
	int n = 0;
	const char *start = text, *p = text;

	*out = NULL;
	while (*p) {
		size_t hit = 0;

		for (int i = 0; stops[i] && !hit; i++)
			if (strncmp(p, stops[i], strlen(stops[i])) == 0)
				hit = strlen(stops[i]);
		if (!hit) {
			p++;
			continue;
		}
		p += hit;
		*out = xrealloc(*out, sizeof **out * (size_t)(n + 1));
		(*out)[n++] = xstrndup(start, (size_t)(p - start));
		start = p;
	}
	if (*start) {
		*out = xrealloc(*out, sizeof **out * (size_t)(n + 1));
		(*out)[n++] = xstrndup(start, strlen(start));
	}
	return n;
}

static int category_index(const char *name)
{
	for (int i = 0; i < ncats; i++)
		if (strcmp(cats[i], name) == 0)
			return i;
	cats = xrealloc(cats, sizeof *cats * (size_t)(ncats + 1));
	cats[ncats] = xstrndup(name, strlen(name));
	return ncats++;
}

static void load_sample(const char *path)
{
	static const char *const sent_stops[] = { "。", "；", "！", "？", NULL };
	static const char *const clause_stops[] = { "，", NULL };
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0;

	if (!f) {
		perror(path);
		exit(1);
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		struct entry e;
		char *p = line;
		int k = 0;

		if (lineno++ == 0)
			continue;	/* the header */
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len)
			continue;
		memset(&e, 0, sizeof e);
		for (k = 0; k < 6 && p; k++) {
			char *tab = strchr(p, '\t');

			e.f[k] = tab ? xstrndup(p, (size_t)(tab - p)) : xstrndup(p, strlen(p));
			p = tab ? tab + 1 : NULL;
		}
		if (k < 6) {
			fprintf(stderr, "%s:%d: fewer than 6 columns\n", path, lineno);
			exit(1);
		}
		e.nsent = split_after(e.f[3], sent_stops, &e.sent);
		e.nclause = split_after(e.f[2], clause_stops, &e.clause);
		e.cat = category_index(e.f[1]);
		ents = xrealloc(ents, sizeof *ents * (size_t)(nents + 1));
		ents[nents++] = e;
	}
	free(line);
	fclose(f);
	if (!nents) {
		fprintf(stderr, "%s: no entries\n", path);
		exit(1);
	}
}

/* Another entry of the same category (or the entry itself when it is alone). */
static const struct entry *sibling(const struct entry *a)
{
	for (int tries = 0; tries < 20; tries++) {
		const struct entry *b = &ents[pick(nents)];

		if (b->cat == a->cat && b != a)
			return b;
	}
	return a;
}

/* Copies text with each run of ASCII digits replaced by another number of as many digits. */
static void add_varied(struct buf *b, const char *s)
{
	while (*s) {
		size_t n = strspn(s, "0123456789");

		if (!n) {
			size_t m = strcspn(s, "0123456789");

			buf_addn(b, s, m);
			s += m;
			continue;
		}
		if (n == 4 && s[0] == '2' && s[1] == '0') {
			buf_num(b, 2015 + pick(11));	/* a year stays a year */
		} else if (n > 6) {
			buf_addn(b, s, n);		/* phone numbers and codes as they are */
		} else {
			long lo = 1, v;

			for (size_t i = 1; i < n; i++)
				lo *= 10;
			v = n == 1 ? 1 + pick(9) : lo + pick((int)(9 * lo));
			buf_num(b, v);
		}
		s += n;
	}
}

static void add_village(struct buf *b)
{
	buf_add(b, PICK(village_chars));
	buf_add(b, PICK(village_chars));
	buf_add(b, chance(80) ? "村" : "社区");
}

/* A detail only this entry has: where, who, which window, since when. */
static void add_local_detail(struct buf *b)
{
	switch (pick(5)) {
	case 0:
		buf_add(b, PICK(townships));
		buf_add(b, "便民服务中心");
		buf_num(b, 1 + pick(12));
		buf_add(b, "号窗口受理，咨询电话023-0000");
		buf_num(b, 1000 + pick(9000));
		buf_add(b, "。");
		break;
	case 1:
		buf_num(b, 2015 + pick(11));
		buf_add(b, "年");
		buf_num(b, 1 + pick(12));
		buf_add(b, "月起，");
		buf_add(b, PICK(townships));
		add_village(b);
		buf_add(b, "按此执行。");
		break;
	case 2:
		add_village(b);
		buf_add(b, "由村便民服务站");
		buf_add(b, PICK(surnames));
		buf_add(b, chance(50) ? "同志" : "主任");
		buf_add(b, "代办，工作日上午到站即可。");
		break;
	case 3:
		buf_add(b, "去年全县共办理");
		buf_num(b, 20 + pick(3000));
		buf_add(b, "件，其中");
		buf_add(b, PICK(townships));
		buf_num(b, 1 + pick(300));
		buf_add(b, "件。");
		break;
	default:
		buf_add(b, PICK(askers));
		buf_add(b, "办理的，可由");
		buf_add(b, PICK(townships));
		buf_add(b, "社会事务办公室上门指导。");
		break;
	}
}

/* The question: a sample question, maybe joined to a sibling's clause, maybe set somewhere. */
static void make_question(struct buf *q, const struct entry *a)
{
	int setting = pick(100);

	if (setting < 20) {
		buf_add(q, PICK(townships));
		add_village(q);
		buf_add(q, "的");
	} else if (setting < 35) {
		buf_add(q, "在");
		buf_add(q, PICK(townships));
		buf_add(q, "，");
	} else if (setting < 45) {
		buf_add(q, PICK(askers));
	} else if (setting < 55) {
		buf_num(q, 2015 + pick(11));
		buf_add(q, "年");
	}
	if (a->nclause > 1 && chance(40)) {
		const struct entry *b = sibling(a);

		add_varied(q, a->clause[0]);
		add_varied(q, b->clause[b->nclause - 1]);
	} else {
		add_varied(q, a->f[2]);
	}
}

static void make_answer(struct buf *ans, const struct entry *a)
{
	const struct entry *b = sibling(a);
	int borrowed = chance(50) ? pick(a->nsent + 1) : -1;

	for (int i = 0; i <= a->nsent; i++) {
		if (i == borrowed)
			add_varied(ans, b->sent[pick(b->nsent)]);
		if (i == a->nsent)
			break;
		/* The first sentence always stays: it answers the question. */
		if (i == 0 || chance(85))
			add_varied(ans, a->sent[i]);
	}
	if (chance(60))
		add_local_detail(ans);
}

/* Questions already made, so that no two entries ask the same. */
static uint64_t *seen;
static size_t seen_cap;

static uint64_t hash_text(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h ? h : 1;
}

/* Returns 1 when the text is new (and remembers it). */
static int remember(const char *s)
{
	uint64_t h = hash_text(s);
	size_t i = (size_t)(h % seen_cap);

	for (; seen[i]; i = (i + 1) % seen_cap)
		if (seen[i] == h)
			return 0;
	seen[i] = h;
	return 1;
}

static void put_row(const char *id, const char *cat, const char *q, const char *a, const char *src,
		    const char *unit)
{
	printf("%s\t%s\t%s\t%s\t%s\t%s\n", id, cat, q, a, src, unit);
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	long n;
	char *end;
	int i = 1;

	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		seed = strtoull(argv[2], &end, 10);
		i = 3;
	}
	if (argc - i != 2 || (n = strtol(argv[i], &end, 10)) < 1 || *end) {
		fputs("usage: kbgen [-s SEED] N SAMPLE.tsv > kb.tsv\n", stderr);
		return 2;
	}
	rng_state = seed;
	load_sample(argv[i + 1]);
	seen_cap = (size_t)n * 2 + 16;
	seen = calloc(seen_cap, sizeof *seen);
	if (!seen) {
		fputs("kbgen: out of memory\n", stderr);
		return 1;
	}
	puts("id\tcategory\tquestion\tanswer\tsource\tunit");
	for (long k = 0; k < n && k < nents; k++) {
		put_row(ents[k].f[0], ents[k].f[1], ents[k].f[2], ents[k].f[3], ents[k].f[4], ents[k].f[5]);
		remember(ents[k].f[2]);
	}
	for (long k = nents; k < n; k++) {
		const struct entry *a = &ents[pick(nents)];
		struct buf q = { 0 }, ans = { 0 }, unit = { 0 };
		char id[32];

		for (int tries = 0; tries < 50; tries++) {
			q.len = 0;
			make_question(&q, a);
			if (remember(q.s))
				break;
		}
		make_answer(&ans, a);
		if (strcmp(a->f[5], "乡镇人民政府") == 0) {
			const char *t = PICK(townships);

			buf_add(&unit, t);
			buf_add(&unit, strstr(t, "街道") ? "办事处" : "人民政府");
		} else {
			buf_add(&unit, a->f[5]);
		}
		snprintf(id, sizeof id, "G%06ld", k + 1);
		put_row(id, a->f[1], q.s, ans.s, chance(80) ? a->f[4] : sibling(a)->f[4], unit.s);
		free(q.s);
		free(ans.s);
		free(unit.s);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("kbgen: stdout");
		return 1;
	}
	return 0;
}

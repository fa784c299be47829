/* zhtext.c - normalising Chinese text, its tokens, the synonym table and the FTS5 tokenizer. */
#include "zhtext.h"

#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "width.h"

/* 479 traditional characters common in policy questions, by code point: (traditional, simplified) */
static const unsigned t2s[][2] = {
	{ 0x4F86, 0x6765 }, { 0x4FC2, 0x7CFB }, { 0x500B, 0x4E2A }, { 0x5011, 0x4EEC }, { 0x507D, 0x4F2A },
	{ 0x5099, 0x5907 }, { 0x50B3, 0x4F20 }, { 0x50B5, 0x503A }, { 0x50B7, 0x4F24 }, { 0x50C5, 0x4EC5 },
	{ 0x50F9, 0x4EF7 }, { 0x5104, 0x4EBF }, { 0x512A, 0x4F18 }, { 0x5132, 0x50A8 }, { 0x514C, 0x5151 },
	{ 0x5152, 0x513F }, { 0x5167, 0x5185 }, { 0x5169, 0x4E24 }, { 0x518A, 0x518C }, { 0x51C8, 0x51C0 },
	{ 0x51CD, 0x51BB }, { 0x525B, 0x521A }, { 0x5275, 0x521B }, { 0x5283, 0x5212 }, { 0x5289, 0x5218 },
	{ 0x5291, 0x5242 }, { 0x52D5, 0x52A8 }, { 0x52D9, 0x52A1 }, { 0x52DE, 0x52B3 }, { 0x52E2, 0x52BF },
	{ 0x52F5, 0x52B1 }, { 0x52F8, 0x529D }, { 0x5340, 0x533A }, { 0x5354, 0x534F }, { 0x5379, 0x6064 },
	{ 0x537B, 0x5374 }, { 0x53B2, 0x5389 }, { 0x53C3, 0x53C2 }, { 0x53E2, 0x4E1B }, { 0x5433, 0x5434 },
	{ 0x54E1, 0x5458 }, { 0x554F, 0x95EE }, { 0x555E, 0x54D1 }, { 0x555F, 0x542F }, { 0x55AA, 0x4E27 },
	{ 0x55AE, 0x5355 }, { 0x56B4, 0x4E25 }, { 0x56D1, 0x5631 }, { 0x570B, 0x56FD }, { 0x570D, 0x56F4 },
	{ 0x5712, 0x56ED }, { 0x5716, 0x56FE }, { 0x5718, 0x56E2 }, { 0x57F7, 0x6267 }, { 0x5805, 0x575A },
	{ 0x5831, 0x62A5 }, { 0x5834, 0x573A }, { 0x584A, 0x5757 }, { 0x588A, 0x57AB }, { 0x58B3, 0x575F },
	{ 0x58D3, 0x538B }, { 0x58DE, 0x574F }, { 0x58E9, 0x575D }, { 0x58FD, 0x5BFF }, { 0x5920, 0x591F },
	{ 0x596A, 0x593A }, { 0x596E, 0x594B }, { 0x5A66, 0x5987 }, { 0x5ABD, 0x5988 }, { 0x5B30, 0x5A74 },
	{ 0x5B43, 0x5A18 }, { 0x5B6B, 0x5B59 }, { 0x5B78, 0x5B66 }, { 0x5BE6, 0x5B9E }, { 0x5BE7, 0x5B81 },
	{ 0x5BE9, 0x5BA1 }, { 0x5BEB, 0x5199 }, { 0x5C08, 0x4E13 }, { 0x5C0B, 0x5BFB }, { 0x5C0D, 0x5BF9 },
	{ 0x5C0E, 0x5BFC }, { 0x5C46, 0x5C4A }, { 0x5C4D, 0x5C38 }, { 0x5C64, 0x5C42 }, { 0x5C6C, 0x5C5E },
	{ 0x5CF6, 0x5C9B }, { 0x5CFD, 0x5CE1 }, { 0x5DBA, 0x5CAD }, { 0x5E2B, 0x5E08 }, { 0x5E33, 0x5E10 },
	{ 0x5E36, 0x5E26 }, { 0x5E63, 0x5E01 }, { 0x5E6B, 0x5E2E }, { 0x5E79, 0x5E72 }, { 0x5EE0, 0x5382 },
	{ 0x5EE2, 0x5E9F }, { 0x5EE3, 0x5E7F }, { 0x5EF3, 0x5385 }, { 0x5F35, 0x5F20 }, { 0x5F48, 0x5F39 },
	{ 0x5F8C, 0x540E }, { 0x5F9E, 0x4ECE }, { 0x5FB5, 0x5F81 }, { 0x5FB9, 0x5F7B }, { 0x6046, 0x6052 },
	{ 0x60E1, 0x6076 }, { 0x611B, 0x7231 }, { 0x614B, 0x6001 }, { 0x616E, 0x8651 }, { 0x6176, 0x5E86 },
	{ 0x6182, 0x5FE7 }, { 0x6191, 0x51ED }, { 0x61C9, 0x5E94 }, { 0x61F6, 0x61D2 }, { 0x61F7, 0x6000 },
	{ 0x6230, 0x6218 }, { 0x6236, 0x6237 }, { 0x64AB, 0x629A }, { 0x64C1, 0x62E5 }, { 0x64C7, 0x62E9 },
	{ 0x64D4, 0x62C5 }, { 0x64DA, 0x636E }, { 0x64F4, 0x6269 }, { 0x651C, 0x643A }, { 0x6557, 0x8D25 },
	{ 0x6575, 0x654C }, { 0x6578, 0x6570 }, { 0x65B7, 0x65AD }, { 0x65BC, 0x4E8E }, { 0x6607, 0x5347 },
	{ 0x6642, 0x65F6 }, { 0x66AB, 0x6682 }, { 0x66C6, 0x5386 }, { 0x66C9, 0x6653 }, { 0x66F8, 0x4E66 },
	{ 0x6703, 0x4F1A }, { 0x6771, 0x4E1C }, { 0x689D, 0x6761 }, { 0x68C4, 0x5F03 }, { 0x694A, 0x6768 },
	{ 0x696D, 0x4E1A }, { 0x6975, 0x6781 }, { 0x69CB, 0x6784 }, { 0x69CD, 0x67AA }, { 0x6A02, 0x4E50 },
	{ 0x6A19, 0x6807 }, { 0x6A23, 0x6837 }, { 0x6A39, 0x6811 }, { 0x6A5F, 0x673A }, { 0x6A94, 0x6863 },
	{ 0x6AA2, 0x68C0 }, { 0x6AAF, 0x53F0 }, { 0x6B0A, 0x6743 }, { 0x6B61, 0x6B22 }, { 0x6B72, 0x5C81 },
	{ 0x6B78, 0x5F52 }, { 0x6B98, 0x6B8B }, { 0x6BAF, 0x6BA1 }, { 0x6BBA, 0x6740 }, { 0x6BC0, 0x6BC1 },
	{ 0x6C23, 0x6C14 }, { 0x6C7A, 0x51B3 }, { 0x6C92, 0x6CA1 }, { 0x6CC1, 0x51B5 }, { 0x6E1B, 0x51CF },
	{ 0x6E2C, 0x6D4B }, { 0x6E6F, 0x6C64 }, { 0x6E96, 0x51C6 }, { 0x6EAB, 0x6E29 }, { 0x6EC5, 0x706D },
	{ 0x6EFF, 0x6EE1 }, { 0x6F01, 0x6E14 }, { 0x6F22, 0x6C49 }, { 0x6F32, 0x6DA8 }, { 0x6F54, 0x6D01 },
	{ 0x6F5B, 0x6F5C }, { 0x6FD5, 0x6E7F }, { 0x6FDF, 0x6D4E }, { 0x700B, 0x6C88 }, { 0x7063, 0x6E7E },
	{ 0x707D, 0x707E }, { 0x70BA, 0x4E3A }, { 0x7121, 0x65E0 }, { 0x7159, 0x70DF }, { 0x71B1, 0x70ED },
	{ 0x71C8, 0x706F }, { 0x71D2, 0x70E7 }, { 0x71DF, 0x8425 }, { 0x7210, 0x7089 }, { 0x722D, 0x4E89 },
	{ 0x723A, 0x7237 }, { 0x72C0, 0x72B6 }, { 0x7336, 0x72B9 }, { 0x734E, 0x5956 }, { 0x7368, 0x72EC },
	{ 0x7372, 0x83B7 }, { 0x73FE, 0x73B0 }, { 0x74B0, 0x73AF }, { 0x7522, 0x4EA7 }, { 0x7562, 0x6BD5 },
	{ 0x756B, 0x753B }, { 0x7570, 0x5F02 }, { 0x7576, 0x5F53 }, { 0x7613, 0x75EA }, { 0x7642, 0x7597 },
	{ 0x7671, 0x762B }, { 0x767C, 0x53D1 }, { 0x76E1, 0x5C3D }, { 0x76E3, 0x76D1 }, { 0x76E4, 0x76D8 },
	{ 0x76E7, 0x5362 }, { 0x78BA, 0x786E }, { 0x78BC, 0x7801 }, { 0x7919, 0x788D }, { 0x7926, 0x77FF },
	{ 0x798D, 0x7978 }, { 0x79AE, 0x793C }, { 0x7A05, 0x7A0E }, { 0x7A2E, 0x79CD }, { 0x7A31, 0x79F0 },
	{ 0x7A40, 0x8C37 }, { 0x7A69, 0x7A33 }, { 0x7AAE, 0x7A77 }, { 0x7AF6, 0x7ADE }, { 0x7B46, 0x7B14 },
	{ 0x7BC4, 0x8303 }, { 0x7BC9, 0x7B51 }, { 0x7C21, 0x7B80 }, { 0x7C3D, 0x7B7E }, { 0x7CE7, 0x7CAE },
	{ 0x7CFE, 0x7EA0 }, { 0x7D00, 0x7EAA }, { 0x7D04, 0x7EA6 }, { 0x7D05, 0x7EA2 }, { 0x7D0D, 0x7EB3 },
	{ 0x7D19, 0x7EB8 }, { 0x7D1A, 0x7EA7 }, { 0x7D30, 0x7EC6 }, { 0x7D42, 0x7EC8 }, { 0x7D44, 0x7EC4 },
	{ 0x7D50, 0x7ED3 }, { 0x7D61, 0x7EDC }, { 0x7D66, 0x7ED9 }, { 0x7D71, 0x7EDF }, { 0x7D93, 0x7ECF },
	{ 0x7D9C, 0x7EFC }, { 0x7DA0, 0x7EFF }, { 0x7DAD, 0x7EF4 }, { 0x7DB2, 0x7F51 }, { 0x7DCA, 0x7D27 },
	{ 0x7DDA, 0x7EBF }, { 0x7DE8, 0x7F16 }, { 0x7DE9, 0x7F13 }, { 0x7E23, 0x53BF }, { 0x7E2E, 0x7F29 },
	{ 0x7E3D, 0x603B }, { 0x7E3E, 0x7EE9 }, { 0x7E6B, 0x7CFB }, { 0x7E73, 0x7F34 }, { 0x7E7C, 0x7EE7 },
	{ 0x7E8C, 0x7EED }, { 0x7F70, 0x7F5A }, { 0x7F77, 0x7F62 }, { 0x7F85, 0x7F57 }, { 0x7FA9, 0x4E49 },
	{ 0x806F, 0x8054 }, { 0x8072, 0x58F0 }, { 0x8077, 0x804C }, { 0x807D, 0x542C }, { 0x807E, 0x804B },
	{ 0x812B, 0x8131 }, { 0x8166, 0x8111 }, { 0x81E8, 0x4E34 }, { 0x81FA, 0x53F0 }, { 0x8207, 0x4E0E },
	{ 0x8208, 0x5174 }, { 0x820A, 0x65E7 }, { 0x8271, 0x8270 }, { 0x838A, 0x5E84 }, { 0x83EF, 0x534E },
	{ 0x842C, 0x4E07 }, { 0x8449, 0x53F6 }, { 0x8523, 0x848B }, { 0x85CD, 0x84DD }, { 0x85E5, 0x836F },
	{ 0x8607, 0x82CF }, { 0x862D, 0x5170 }, { 0x8655, 0x5904 }, { 0x865B, 0x865A }, { 0x865F, 0x53F7 },
	{ 0x885B, 0x536B }, { 0x88CF, 0x91CC }, { 0x88DC, 0x8865 }, { 0x88E1, 0x91CC }, { 0x88FD, 0x5236 },
	{ 0x8907, 0x590D }, { 0x898B, 0x89C1 }, { 0x898F, 0x89C4 }, { 0x8996, 0x89C6 }, { 0x89AA, 0x4EB2 },
	{ 0x89BA, 0x89C9 }, { 0x89BD, 0x89C8 }, { 0x89C0, 0x89C2 }, { 0x8A08, 0x8BA1 }, { 0x8A0A, 0x8BAF },
	{ 0x8A17, 0x6258 }, { 0x8A2D, 0x8BBE }, { 0x8A31, 0x8BB8 }, { 0x8A34, 0x8BC9 }, { 0x8A3A, 0x8BCA },
	{ 0x8A55, 0x8BC4 }, { 0x8A62, 0x8BE2 }, { 0x8A66, 0x8BD5 }, { 0x8A71, 0x8BDD }, { 0x8A72, 0x8BE5 },
	{ 0x8A73, 0x8BE6 }, { 0x8A8C, 0x5FD7 }, { 0x8A8D, 0x8BA4 }, { 0x8A9E, 0x8BED }, { 0x8AA4, 0x8BEF },
	{ 0x8AAA, 0x8BF4 }, { 0x8AB0, 0x8C01 }, { 0x8AB2, 0x8BFE }, { 0x8ABF, 0x8C03 }, { 0x8AC7, 0x8C08 },
	{ 0x8ACB, 0x8BF7 }, { 0x8AD6, 0x8BBA }, { 0x8B02, 0x8C13 }, { 0x8B1B, 0x8BB2 }, { 0x8B1D, 0x8C22 },
	{ 0x8B49, 0x8BC1 }, { 0x8B58, 0x8BC6 }, { 0x8B70, 0x8BAE }, { 0x8B77, 0x62A4 }, { 0x8B80, 0x8BFB },
	{ 0x8B8A, 0x53D8 }, { 0x8B93, 0x8BA9 }, { 0x8C50, 0x4E30 }, { 0x8C6C, 0x732A }, { 0x8CA7, 0x8D2B },
	{ 0x8CA8, 0x8D27 }, { 0x8CAC, 0x8D23 }, { 0x8CB4, 0x8D35 }, { 0x8CB7, 0x4E70 }, { 0x8CB8, 0x8D37 },
	{ 0x8CBB, 0x8D39 }, { 0x8CBC, 0x8D34 }, { 0x8CBF, 0x8D38 }, { 0x8CC7, 0x8D44 }, { 0x8CE0, 0x8D54 },
	{ 0x8CE3, 0x5356 }, { 0x8CF4, 0x8D56 }, { 0x8D08, 0x8D60 }, { 0x8D0A, 0x8D5E }, { 0x8D95, 0x8D76 },
	{ 0x8D99, 0x8D75 }, { 0x8DE1, 0x8FF9 }, { 0x8E10, 0x8DF5 }, { 0x8ECA, 0x8F66 }, { 0x8ECD, 0x519B },
	{ 0x8EDF, 0x8F6F }, { 0x8F03, 0x8F83 }, { 0x8F09, 0x8F7D }, { 0x8F14, 0x8F85 }, { 0x8F15, 0x8F7B },
	{ 0x8F38, 0x8F93 }, { 0x8F49, 0x8F6C }, { 0x8FA6, 0x529E }, { 0x8FAD, 0x8F9E }, { 0x8FB2, 0x519C },
	{ 0x9019, 0x8FD9 }, { 0x9023, 0x8FDE }, { 0x9032, 0x8FDB }, { 0x904B, 0x8FD0 }, { 0x904E, 0x8FC7 },
	{ 0x9054, 0x8FBE }, { 0x9055, 0x8FDD }, { 0x905E, 0x9012 }, { 0x9060, 0x8FDC }, { 0x9069, 0x9002 },
	{ 0x9077, 0x8FC1 }, { 0x9078, 0x9009 }, { 0x907A, 0x9057 }, { 0x9084, 0x8FD8 }, { 0x908A, 0x8FB9 },
	{ 0x9109, 0x4E61 }, { 0x9127, 0x9093 }, { 0x912D, 0x90D1 }, { 0x9130, 0x90BB }, { 0x919C, 0x4E11 },
	{ 0x91AB, 0x533B }, { 0x91CB, 0x91CA }, { 0x91DD, 0x9488 }, { 0x9280, 0x94F6 }, { 0x92B7, 0x9500 },
	{ 0x92FC, 0x94A2 }, { 0x9304, 0x5F55 }, { 0x9322, 0x94B1 }, { 0x932F, 0x9519 }, { 0x937E, 0x949F },
	{ 0x9396, 0x9501 }, { 0x93AE, 0x9547 }, { 0x9418, 0x949F }, { 0x9435, 0x94C1 }, { 0x9451, 0x9274 },
	{ 0x9452, 0x9274 }, { 0x9577, 0x957F }, { 0x9580, 0x95E8 }, { 0x9589, 0x95ED }, { 0x958B, 0x5F00 },
	{ 0x9591, 0x95F2 }, { 0x9592, 0x95F2 }, { 0x9593, 0x95F4 }, { 0x95B1, 0x9605 }, { 0x95BB, 0x960E },
	{ 0x95C6, 0x677F }, { 0x95DC, 0x5173 }, { 0x9663, 0x9635 }, { 0x9670, 0x9634 }, { 0x9673, 0x9648 },
	{ 0x9678, 0x9646 }, { 0x967D, 0x9633 }, { 0x968A, 0x961F }, { 0x969B, 0x9645 }, { 0x96A8, 0x968F },
	{ 0x96AA, 0x9669 }, { 0x96D6, 0x867D }, { 0x96D9, 0x53CC }, { 0x96DC, 0x6742 }, { 0x96DE, 0x9E21 },
	{ 0x96E2, 0x79BB }, { 0x96E3, 0x96BE }, { 0x96F2, 0x4E91 }, { 0x96FB, 0x7535 }, { 0x9748, 0x7075 },
	{ 0x97CC, 0x97E7 }, { 0x97D3, 0x97E9 }, { 0x9805, 0x9879 }, { 0x9806, 0x987A }, { 0x9810, 0x9884 },
	{ 0x9818, 0x9886 }, { 0x982D, 0x5934 }, { 0x983B, 0x9891 }, { 0x984C, 0x9898 }, { 0x984D, 0x989D },
	{ 0x9858, 0x613F }, { 0x985E, 0x7C7B }, { 0x9867, 0x987E }, { 0x986F, 0x663E }, { 0x98A8, 0x98CE },
	{ 0x98B1, 0x53F0 }, { 0x98DB, 0x98DE }, { 0x98EF, 0x996D }, { 0x990A, 0x517B }, { 0x9918, 0x4F59 },
	{ 0x9928, 0x9986 }, { 0x99AC, 0x9A6C }, { 0x99AE, 0x51AF }, { 0x99D5, 0x9A7E }, { 0x99DB, 0x9A76 },
	{ 0x9A57, 0x9A8C }, { 0x9A62, 0x9A74 }, { 0x9AD4, 0x4F53 }, { 0x9AEE, 0x53D1 }, { 0x9B06, 0x677E },
	{ 0x9B25, 0x6597 }, { 0x9B27, 0x95F9 }, { 0x9B5A, 0x9C7C }, { 0x9CE5, 0x9E1F }, { 0x9D28, 0x9E2D },
	{ 0x9EA5, 0x9EA6 }, { 0x9EB5, 0x9762 }, { 0x9EBC, 0x4E48 }, { 0x9EC3, 0x9EC4 }, { 0x9F4A, 0x9F50 },
	{ 0x9F52, 0x9F7F }, { 0x9F61, 0x9F84 }, { 0x9F8D, 0x9F99 }, { 0x9F9C, 0x9F9F },
};

static unsigned simplified(unsigned c)
{
	int lo = 0, hi = (int)(sizeof t2s / sizeof t2s[0]) - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (t2s[mid][0] == c)
			return t2s[mid][1];
		if (t2s[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return c;
}

int zh_is_han(unsigned c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x3134F);
}

static int is_word_char(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* What a character becomes in normalised text: itself, its plain form, or 0 for a space. */
static unsigned fold(unsigned c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)		/* full-width ASCII */
		c -= 0xFEE0;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (is_word_char(c))
		return c;
	if (zh_is_han(c))
		return simplified(c);
	/* Letters and digits of other scripts are kept (a Greek or Cyrillic word, ①...). */
	if (c >= 0x00C0 && c < 0x2000 && c != 0x00D7 && c != 0x00F7)
		return c;
	return 0;
}

char *zh_normalize(const char *s)
{
	struct sbuf b = { 0 };
	size_t n = strlen(s), i = 0;
	int space = 1;

	sbuf_add(&b, "");
	while (i < n) {
		wchar_t wc;
		size_t used = utf8_decode(s + i, n - i, &wc);
		/* A byte that is not UTF-8 decodes as '?': punctuation, so a space. */
		unsigned c = fold((unsigned)wc);

		i += used ? used : 1;
		if (!c) {
			if (!space)
				sbuf_addc(&b, ' ');
			space = 1;
			continue;
		}
		{
			char out[4];

			sbuf_addn(&b, out, utf8_encode((wchar_t)c, out));
		}
		space = 0;
	}
	if (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return sbuf_take(&b);
}

int zh_tokens(const char *norm, unsigned kinds, zh_token_fn fn, void *ctx)
{
	size_t n = strlen(norm), i = 0;
	/* The previous character, when it was Han: the first half of a bigram. */
	size_t prev = 0, prev_len = 0;
	int rc;

	while (i < n) {
		wchar_t wc;
		size_t len = utf8_decode(norm + i, n - i, &wc);
		unsigned c = (unsigned)wc;

		if (!len)
			break;
		if (zh_is_han(c)) {
			if ((kinds & ZH_UNIGRAM) && (rc = fn(ctx, ZH_UNIGRAM, norm + i, (int)len)) != 0)
				return rc;
			if ((kinds & ZH_BIGRAM) && prev_len &&
			    (rc = fn(ctx, ZH_BIGRAM, norm + prev, (int)(prev_len + len))) != 0)
				return rc;
			prev = i;
			prev_len = len;
			i += len;
			continue;
		}
		prev_len = 0;
		if (c == ' ') {
			i++;
			continue;
		}
		{
			size_t start = i;

			/* A word: letters and digits (and other scripts' letters) up to a space or Han. */
			while (i < n) {
				len = utf8_decode(norm + i, n - i, &wc);
				if (!len || wc == ' ' || zh_is_han((unsigned)wc))
					break;
				i += len;
			}
			if ((kinds & ZH_WORD) && (rc = fn(ctx, ZH_WORD, norm + start, (int)(i - start))) != 0)
				return rc;
		}
	}
	return 0;
}

/* Particles, pronouns and other characters that say nothing about the subject on their own. */
static const char stop_chars[] =
	"的了吗呢啊吧哦嘛呀么我你他她它们是在有和与及或就都也还又要会能可以这那个一不没得地着过把被给让"
	"对到从向为上下里中些啥咋哪怎什样如何吗么咯噻撒嗦哈呗喽嗯诶唉哎请问想您们该去来说做";

int zh_stop_char(const char *tok, int len)
{
	for (const char *p = stop_chars; *p; p += 3)
		if (len == 3 && memcmp(p, tok, 3) == 0)
			return 1;
	return 0;
}

/* Synonyms. */

/*
 * Phrases that carry no subject: greetings, politeness, pronouns, "I'd like to ask". They are
 * read as variants of nothing, in the same pass as the table, so a longer wording in the table
 * that holds one (买那个) still wins, and stored and asked text lose them alike. Ways of asking
 * (能不能, 咋个办) are not here: the table maps them onto what is asked.
 */
static const char *const fillers[] = {
	"我想问一下", "我想问问", "我想了解一下", "想了解一下", "我想咨询一下", "想咨询一下", "咨询一下", "我想问",
	"想问一下", "想问下", "问一下", "问下", "请问一下", "请问", "帮我查一下", "帮我查查", "帮我看一下", "帮我看看",
	"帮忙看一下", "麻烦你", "麻烦问一下", "麻烦", "你好", "您好", "你们好", "同志", "师傅", "领导", "美女", "帅哥",
	"那个", "这个", "一下", "是不是", "有没有", "我们", "你们", "他们", "现在", "已经", "的话", "就是", "还是",
	"或者", "什么的", "之类的", "到底", "听说", "大概", "大约", "差不多", "马上", "突然", "真的", "其实", "反正",
	"好像", "咋回事", "怎么回事", NULL,
};

/* A variant, its word, and the order it was read in (so the first of equal variants wins). */
struct pair {
	char *from, *to;
	int pos;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->from, y->from);

	return c ? c : x->pos - y->pos;
}

static int chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void zh_synonyms_free(struct zh_synonyms *syn)
{
	for (int i = 0; i < syn->n; i++) {
		free(syn->from[i]);
		free(syn->to[i]);
	}
	free(syn->from);
	free(syn->to);
	memset(syn, 0, sizeof *syn);
}

int zh_synonyms_parse(struct zh_synonyms *syn, const char *text, const char *name, struct zerr *err)
{
	struct sbuf bad = { 0 };
	const char *p = text;
	int line = 0, cap = 0, nbad = 0;
	char **pairs = NULL;	/* from, to, from, to ... */
	int n = 0;

	memset(syn, 0, sizeof *syn);
	syn->hash = 5381;
	for (const char *q = text; *q; q++)
		syn->hash = syn->hash * 33 + (unsigned char)*q;
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *raw = xstrndup(p, len), *colon, *wide, *canon, **variants = NULL;
		size_t seplen = 1;
		int nv;

		line++;
		p += len + (p[len] == '\n');
		/* The word, then ':' (or '：'), then its variants separated by spaces. */
		colon = strchr(raw, ':');
		wide = strstr(raw, "：");
		if (wide && (!colon || wide < colon))
			colon = wide, seplen = 3;
		if (raw[strspn(raw, " \t\r")] == '#' || !*str_trim(raw)) {
			free(raw);
			continue;
		}
		if (!colon) {
			if (nbad++ < 10)
				sbuf_printf(&bad, _("%sline %d: no ':' between the word and its variants"), nbad > 1 ? "; " : "", line);
			free(raw);
			continue;
		}
		*colon = '\0';
		canon = zh_prepare(NULL, raw);
		nv = 0;
		{
			char *rest = zh_prepare(NULL, colon + seplen);
			char *tok, *save = NULL;

			for (tok = strtok_r(rest, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
				variants = xrealloc(variants, sizeof *variants * (size_t)(nv + 1));
				variants[nv++] = xstrdup(tok);
			}
			free(rest);
		}
		if (!*canon || !nv) {
			if (nbad++ < 10)
				sbuf_printf(&bad, _("%sline %d: a word and at least one variant are needed"), nbad > 1 ? "; " : "", line);
		}
		/*
		 * The word itself maps to itself, after its variants: a longer word that holds a
		 * variant (城乡居民医保 holds 居民医保) is then kept whole instead of growing.
		 */
		if (*canon && nv) {
			variants = xrealloc(variants, sizeof *variants * (size_t)(nv + 1));
			variants[nv++] = xstrdup(canon);
		}
		for (int i = 0; i < nv; i++) {
			if (*canon) {
				if (n + 2 > cap) {
					cap = cap ? 2 * cap : 64;
					pairs = xrealloc(pairs, sizeof *pairs * (size_t)cap);
				}
				pairs[n++] = variants[i];
				pairs[n++] = xstrdup(canon);
			} else {
				free(variants[i]);
			}
		}
		free(variants);
		free(canon);
		free(raw);
	}
	if (nbad) {
		zerr_set(err, _("%s: %s"), name, bad.s);
		sbuf_free(&bad);
		for (int i = 0; i < n; i++)
			free(pairs[i]);
		free(pairs);
		return -1;
	}
	sbuf_free(&bad);
	/* The phrases that say nothing, after the table's lines: a line of the table wins. */
	for (int i = 0; fillers[i]; i++) {
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 64;
			pairs = xrealloc(pairs, sizeof *pairs * (size_t)cap);
		}
		pairs[n++] = xstrdup(fillers[i]);
		pairs[n++] = xstrdup("");
		for (const char *q = fillers[i]; *q; q++)
			syn->hash = syn->hash * 33 + (unsigned char)*q;
	}
	/* Sorted by variant, so a lookup is a binary search; a repeated variant keeps its first word. */
	{
		int count = n / 2;
		struct pair *v = xcalloc((size_t)(count ? count : 1), sizeof *v);

		for (int i = 0; i < count; i++)
			v[i] = (struct pair){ pairs[2 * i], pairs[2 * i + 1], i };
		free(pairs);
		qsort(v, (size_t)count, sizeof *v, cmp_pair);
		syn->from = xcalloc((size_t)(count ? count : 1), sizeof *syn->from);
		syn->to = xcalloc((size_t)(count ? count : 1), sizeof *syn->to);
		for (int i = 0; i < count; i++) {
			if (syn->n && strcmp(syn->from[syn->n - 1], v[i].from) == 0) {
				free(v[i].from);
				free(v[i].to);
				continue;
			}
			syn->from[syn->n] = v[i].from;
			syn->to[syn->n] = v[i].to;
			if (chars(v[i].from) > syn->max_chars)
				syn->max_chars = chars(v[i].from);
			syn->n++;
		}
		free(v);
	}
	return 0;
}

int zh_synonyms_load(struct zh_synonyms *syn, const char *path, struct zerr *err)
{
	size_t len;
	char *text = fs_read_file(path, 4 << 20, &len, err);
	int rc;

	memset(syn, 0, sizeof *syn);
	if (!text)
		return -1;
	if (!str_valid_utf8(text, len)) {
		zerr_set(err, _("%s is not UTF-8 text"), path);
		free(text);
		return -1;
	}
	rc = zh_synonyms_parse(syn, text, path, err);
	free(text);
	return rc;
}

/* The longest variant of at most `limit` characters starting at s; -1 when none. */
static int longest_variant(const struct zh_synonyms *syn, const char *s, int limit, int *bytes)
{
	size_t ends[16];
	int k = 0;
	size_t n = strnlen(s, 4 * 16), i = 0;

	/* Byte ends of the first 1..max_chars characters. */
	while (i < n && k < syn->max_chars && k < limit && k < 16) {
		wchar_t wc;
		size_t len = utf8_decode(s + i, n - i, &wc);

		if (!len || wc == ' ')
			break;
		i += len;
		ends[k++] = i;
	}
	/*
	 * The variants starting with 1, 2, ... of those characters form nested runs of the sorted
	 * table; where a run is empty no longer variant can match. Most places have none at all.
	 */
	int lo[16], hi[16], depth = 0;

	for (int j = 0; j < k; j++) {
		int a = j ? lo[j - 1] : 0, b = j ? hi[j - 1] : syn->n, m;

		/* First with the prefix, then first past it. */
		for (int l = a, h = b; l < h;) {
			m = (l + h) / 2;
			if (strncmp(syn->from[m], s, ends[j]) < 0)
				l = m + 1;
			else
				h = m;
			a = l;
		}
		for (int l = a, h = b; l < h;) {
			m = (l + h) / 2;
			if (strncmp(syn->from[m], s, ends[j]) <= 0)
				l = m + 1;
			else
				h = m;
			b = l;
		}
		if (a >= b)
			break;
		lo[j] = a;
		hi[j] = b;
		depth = j + 1;
	}
	/* The prefix itself, when it is a variant, sorts first in its run. */
	for (int j = depth - 1; j >= 0; j--)
		if (syn->from[lo[j]][ends[j]] == '\0') {
			*bytes = (int)ends[j];
			return lo[j];
		}
	return -1;
}

/*
 * Where a word of the table (a canonical word, as written) starts inside the first `bytes` of
 * s and runs past them, in characters from s; 0 when none. A variant must not cut such a word
 * in two: 能报 in 能报销 leaves 报销 whole.
 */
static int cuts_word(const struct zh_synonyms *syn, const char *s, int bytes)
{
	int chars = 1;

	for (int at = 0; at < bytes; chars++) {
		wchar_t wc;
		int len = (int)utf8_decode(s + at, (size_t)(bytes - at), &wc), b, k;

		if (!len)
			break;
		at += len;
		if (at >= bytes)
			break;
		k = longest_variant(syn, s + at, 16, &b);
		if (k >= 0 && at + b > bytes && (strcmp(syn->from[k], syn->to[k]) == 0))
			return chars;
	}
	return 0;
}

/* The variant to replace at s: the longest that cuts no word of the table in two; -1 when none. */
static int variant_at(const struct zh_synonyms *syn, const char *s, int *bytes)
{
	int limit = 16, k;

	while ((k = longest_variant(syn, s, limit, bytes)) >= 0) {
		int cut = cuts_word(syn, s, *bytes);

		if (!cut)
			break;
		limit = cut;
	}
	return k;
}

static char *synonym_pass(const struct zh_synonyms *syn, const char *norm)
{
	struct sbuf b = { 0 };
	size_t n = strlen(norm), i = 0;

	sbuf_add(&b, "");
	while (i < n) {
		int bytes, k = variant_at(syn, norm + i, &bytes);
		wchar_t wc;
		size_t len;

		if (k >= 0) {
			sbuf_add(&b, syn->to[k]);
			i += (size_t)bytes;
			continue;
		}
		len = utf8_decode(norm + i, n - i, &wc);
		sbuf_addn(&b, norm + i, len ? len : 1);
		i += len ? len : 1;
	}
	return sbuf_take(&b);
}

char *zh_apply_synonyms(const struct zh_synonyms *syn, const char *norm)
{
	char *once, *twice;

	if (!syn || !syn->n)
		return xstrdup(norm);
	/* Twice: a phrase may only appear once its dialect words are plain (要带些啥子 → 要带些什么). */
	once = synonym_pass(syn, norm);
	twice = synonym_pass(syn, once);
	free(once);
	/* A filler dropped next to a space leaves two, or one at an end: single spaces, as normalised. */
	{
		char *w = twice;

		for (const char *r = twice; *r; r++)
			if (*r != ' ' || (w > twice && w[-1] != ' '))
				*w++ = *r;
		if (w > twice && w[-1] == ' ')
			w--;
		*w = '\0';
	}
	return twice;
}

/* The value of a Chinese numeral character: 0..9, or 10/100/1000/10000, or -1. */
static int numeral(unsigned c)
{
	static const unsigned digits[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };

	for (int i = 0; i < 10; i++)
		if (c == digits[i])
			return i;
	switch (c) {
	case 0x4E24: return 2;		/* 两 */
	case 0x5341: return 10;		/* 十 */
	case 0x767E: return 100;	/* 百 */
	case 0x5343: return 1000;	/* 千 */
	case 0x4E07: return 10000;	/* 万 */
	default: return -1;
	}
}

/*
 * Chinese numbers written out become digits, as the entries write them: 六十岁 → 60岁,
 * 十五年 → 15年, 两千 → 2000. Only runs that start with a digit or 十 and hold a unit (十百千万)
 * are numbers; 一 alone (一下, 一直) and 百 in 老百姓 stay as they are.
 */
char *zh_numerals(const char *norm)
{
	struct sbuf b = { 0 };
	size_t n = strlen(norm), i = 0;

	sbuf_add(&b, "");
	while (i < n) {
		size_t j = i, len;
		wchar_t wc;
		int chars = 0, has_unit = 0, first = -1;

		while (j < n && (len = utf8_decode(norm + j, n - j, &wc)) && numeral((unsigned)wc) >= 0) {
			int v = numeral((unsigned)wc);

			if (!chars)
				first = v;
			has_unit |= v >= 10;
			chars++;
			j += len;
		}
		if (chars && has_unit && (first < 10 || first == 10) && (chars >= 2 || first == 10)) {
			long total = 0, section = 0, num = 0;

			for (size_t k = i; k < j; k += utf8_decode(norm + k, j - k, &wc)) {
				int v;

				utf8_decode(norm + k, j - k, &wc);
				v = numeral((unsigned)wc);
				if (v < 10) {
					num = v;
				} else if (v < 10000) {
					section += (num ? num : 1) * v;
					num = 0;
				} else {
					total += (section + num) * v;
					section = num = 0;
				}
			}
			sbuf_printf(&b, "%ld", total + section + num);
			i = j;
			continue;
		}
		if (j > i) {
			sbuf_addn(&b, norm + i, j - i);
			i = j;
			continue;
		}
		len = utf8_decode(norm + i, n - i, &wc);
		sbuf_addn(&b, norm + i, len ? len : 1);
		i += len ? len : 1;
	}
	return sbuf_take(&b);
}

char *zh_prepare(const struct zh_synonyms *syn, const char *s)
{
	char *norm = zh_normalize(s), *digits = zh_numerals(norm), *out = zh_apply_synonyms(syn, digits);

	free(norm);
	free(digits);
	return out;
}

/* The FTS5 tokenizer. */

static const struct zh_synonyms *current_synonyms;

void zh_fts5_set_synonyms(const struct zh_synonyms *synonyms)
{
	current_synonyms = synonyms;
}

const struct zh_synonyms *zh_fts5_synonyms(void)
{
	return current_synonyms;
}

struct emit {
	void *fts_ctx;
	int (*token)(void *, int, const char *, int, int, int);
	int end;
};

static int emit_token(void *ctx, int kind, const char *tok, int len)
{
	struct emit *e = ctx;

	(void)kind;
	return e->token(e->fts_ctx, 0, tok, len, 0, e->end);
}

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ud;
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)&current_synonyms;	/* no state of its own */
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	char *raw = xstrndup(text ? text : "", (size_t)(len > 0 ? len : 0)), *prepared;
	struct emit e = { ctx, token, len > 0 ? len : 0 };
	int rc;

	(void)t;
	if (flags & FTS5_TOKENIZE_QUERY) {
		/* A quoted term of a query built by kb.c: one token, as it is. */
		prepared = zh_normalize(raw);
		rc = *prepared ? token(ctx, 0, prepared, (int)strlen(prepared), 0, e.end) : SQLITE_OK;
	} else {
		prepared = zh_prepare(current_synonyms, raw);
		rc = zh_tokens(prepared, ZH_ALL, emit_token, &e);
	}
	free(prepared);
	free(raw);
	return rc;
}

int zh_fts5_register(sqlite3 *db, struct zerr *err)
{
	static fts5_tokenizer tokenizer = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) {
		zerr_set(err, _("this SQLite has no full-text search (FTS5): %s"), sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->xCreateTokenizer(api, "zwgk", NULL, &tokenizer, NULL) != SQLITE_OK) {
		zerr_set(err, _("cannot set up the Chinese search tokenizer: %s"), sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* choice.c - the lists printed on 政府信息公开申请表 and used by the annual report. */
#include "choice.h"

#include <string.h>

#include "util.h"

const struct choice applicant_kinds[] = {
	{ "person", N_("Citizen"), "公民" },
	{ "org", N_("Legal person or other organisation"), "法人或其他组织" },
	{ NULL, NULL, NULL }
};

/* The columns of the annual report's table 三. */
const struct choice org_kinds[] = {
	{ "business", N_("Commercial enterprise"), "商业企业" },
	{ "research", N_("Research institution"), "科研机构" },
	{ "welfare", N_("Social welfare organisation"), "社会公益组织" },
	{ "legal", N_("Legal service institution"), "法律服务机构" },
	{ "other", N_("Other"), "其他" },
	{ NULL, NULL, NULL }
};

const struct choice provide_forms[] = {
	{ "paper", N_("On paper"), "纸质" },
	{ "email", N_("By e-mail"), "电子邮件" },
	{ "disc", N_("On disc"), "光盘" },
	{ "other", N_("Other"), "其他" },
	{ NULL, NULL, NULL }
};

const struct choice deliveries[] = {
	{ "post", N_("By post"), "邮寄" },
	{ "pickup", N_("Collected in person"), "自行领取" },
	{ "onsite", N_("Read or copied on site"), "当场阅读、抄录" },
	{ "email", N_("By e-mail"), "电子邮件" },
	{ "fax", N_("By fax"), "传真" },
	{ NULL, NULL, NULL }
};

const struct choice forward_methods[] = {
	{ "in_person", N_("Handed over in person"), "当面送达" },
	{ "post", N_("By post"), "邮寄" },
	{ "email", N_("By e-mail"), "电子邮件" },
	{ "intranet", N_("Government intranet"), "政务内网" },
	{ NULL, NULL, NULL }
};

/* How a policy question reached the desk. */
const struct choice ask_channels[] = {
	{ "onsite", N_("At the desk"), "现场" },
	{ "phone", N_("By phone"), "电话" },
	{ NULL, NULL, NULL }
};

/* How a suggestion reached the desk. */
const struct choice sug_channels[] = {
	{ "onsite", N_("At the desk"), "现场" },
	{ "phone", N_("By phone"), "电话" },
	{ "letter", N_("By letter"), "信件" },
	{ "box", N_("Suggestion box"), "意见箱" },
	{ NULL, NULL, NULL }
};

/*
 * What the reading room's shelves hold (附件1 二.2), in the notice's order, which is the order of
 * the catalogue. The shelf stores an item's kind as its index here: append, never reorder.
 */
const struct choice shelf_kinds[] = {
	{ "compilation", N_("Policy compilation"), "政策汇编" },
	{ "work_report", N_("Government work report"), "政府工作报告" },
	{ "state_gazette", N_("State Council gazette"), "国务院公报" },
	{ "city_gazette", N_("City government gazette"), "市级政府公报" },
	{ "rules", N_("Compilation of disclosure rules"), "政务公开制度汇编" },
	{ "guide", N_("Government information disclosure guide"), "政府信息公开指南" },
	{ "standard_catalogue", N_("Standard catalogue of local disclosure"), "基层政务公开标准目录" },
	{ "service_guide", N_("Service guide"), "办事指南" },
	{ NULL, NULL, NULL }
};

/* The rows of table 三 (国办公开办函〔2021〕30号), one outcome code per row. */
const struct choice outcomes[] = {
	{ "1", N_("Disclosed"), "予以公开" },
	{ "2", N_("Partly disclosed"), "部分公开" },
	{ "3.1", N_("Not disclosed: state secret"), "不予公开：属于国家秘密" },
	{ "3.2", N_("Not disclosed: other laws forbid it"), "不予公开：其他法律行政法规禁止公开" },
	{ "3.3", N_("Not disclosed: endangers security or stability"), "不予公开：危及“三安全一稳定”" },
	{ "3.4", N_("Not disclosed: protects a third party"), "不予公开：保护第三方合法权益" },
	{ "3.5", N_("Not disclosed: internal affairs"), "不予公开：属于三类内部事务信息" },
	{ "3.6", N_("Not disclosed: process information"), "不予公开：属于四类过程性信息" },
	{ "3.7", N_("Not disclosed: enforcement case file"), "不予公开：属于行政执法案卷" },
	{ "3.8", N_("Not disclosed: administrative enquiry"), "不予公开：属于行政查询事项" },
	{ "4.1", N_("Cannot provide: not held"), "无法提供：本机关不掌握相关政府信息" },
	{ "4.2", N_("Cannot provide: would have to be made"), "无法提供：没有现成信息需要另行制作" },
	{ "4.3", N_("Cannot provide: still unclear after supplement"), "无法提供：补正后申请内容仍不明确" },
	{ "5.1", N_("Not handled: petition or complaint"), "不予处理：信访举报投诉类申请" },
	{ "5.2", N_("Not handled: repeated application"), "不予处理：重复申请" },
	{ "5.3", N_("Not handled: published material"), "不予处理：要求提供公开出版物" },
	{ "5.4", N_("Not handled: many repeated applications"), "不予处理：无正当理由大量反复申请" },
	{ "5.5", N_("Not handled: confirm or reissue information"), "不予处理：要求行政机关确认或重新出具已获取信息" },
	{ "6.1", N_("Other: no supplement in time"), "其他处理：申请人无正当理由逾期不补正" },
	{ "6.2", N_("Other: fee not paid in time"), "其他处理：申请人逾期未按收费通知要求缴纳费用" },
	{ "6.3", N_("Other handling"), "其他处理：其他" },
	{ NULL, NULL, NULL }
};

int choice_parse(const struct choice *list, const char *s)
{
	for (int i = 0; list[i].code; i++)
		if (strcmp(s, list[i].code) == 0 || strcmp(s, list[i].zh) == 0 || strcmp(s, _(list[i].label)) == 0)
			return i;
	return -1;
}

const char *choice_label(const struct choice *list, const char *code)
{
	int i = choice_parse(list, code);

	return i < 0 ? code : _(list[i].label);
}

char *choice_allowed(const struct choice *list)
{
	struct sbuf b = { 0 };

	for (int i = 0; list[i].code; i++)
		sbuf_printf(&b, "%s%s (%s)", i ? ", " : "", list[i].code, _(list[i].label));
	return sbuf_take(&b);
}

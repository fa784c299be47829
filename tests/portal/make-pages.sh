#!/usr/bin/env bash
# make-pages.sh - writes the UTF-8 fixture pages of the demo county portal (invented content:
# 演示数据, no real documents or persons) from the table below, then the GBK ones (make-gbk.sh).
# The output is committed; run this again after changing the table or the templates.
# Hand-written and not generated: malformed.html, search/*, gbk-src/content_30x.*.
set -eu
export LC_ALL=C.UTF-8
cd "$(dirname "$0")"

# id|date|category|unit code|文号 ("" = none)|title
DOCS='101|2026-03-06|subsidy|01|巫山府办发〔2026〕12号|关于印发《巫山县2026年耕地地力保护补贴实施方案》的通知
102|2026-03-05|notice|00|巫山府发〔2026〕5号|巫山县人民政府关于调整部分公共服务事项办理时间的公告
103|2026-03-04|plan|01|巫山府办发〔2026〕11号|巫山县2026年春季森林防火工作方案
104|2026-03-03|subsidy|02||关于2026年春季学期农村义务教育学生营养改善计划补助标准的公示
105|2026-03-02|personnel|00|巫山府人〔2026〕3号|巫山县人民政府关于王某某等同志职务任免的通知
106|2026-02-27|plan|03|巫山农委发〔2026〕8号|巫山县农业农村委员会关于做好2026年春耕备耕工作的通知
107|2026-02-25|budget|04|巫山财发〔2026〕2号|巫山县2025年预算执行情况和2026年预算草案的报告（摘要）
108|2026-02-20|notice|05|巫山医保发〔2026〕4号|关于开展2026年度城乡居民基本医疗保险集中参保缴费工作的通知
109|2026-02-16|project|06|高唐街办发〔2026〕6号|巫山县高唐街道2026年老旧小区改造项目公示
110|2026-02-12|notice|01|巫山府办发〔2026〕7号|巫山县人民政府办公室关于做好2026年春节期间安全生产工作的通知
111|2026-01-30|plan|00|巫山府发〔2026〕2号|巫山县2026年政务公开工作要点
112|2026-01-28|subsidy|07|巫山人社发〔2026〕3号|关于2026年度城乡公益性岗位补贴申领有关事项的通知
113|2026-01-26|notice|08|巫山交发〔2026〕1号|关于G42沪蓉高速巫山段部分路段施工期间交通管制的通告
114|2026-01-22|budget|04|巫山财发〔2026〕1号|巫山县2026年县级部门预算公开说明
115|2026-01-20|project|09|巫山住建发〔2026〕5号|巫山县2026年农村危房改造对象公示（第一批）
116|2026-01-16|personnel|00|巫山府人〔2026〕1号|巫山县人民政府关于李某某同志职务任免的通知
117|2026-01-14|notice|05|巫山医保发〔2026〕1号|关于调整巫山县门诊慢特病待遇有关事项的通知
118|2026-01-12|subsidy|03|巫山农委发〔2026〕2号|巫山县2026年脆李产业发展扶持资金申报指南
119|2026-01-09|plan|10|巫山应急发〔2026〕1号|巫山县2026年防汛抗旱应急预案（修订）
120|2026-01-06|notice|01|巫山府办发〔2026〕1号|巫山县人民政府办公室关于2026年元旦春节期间值班安排的通知
121|2025-12-30|budget|04|巫山财发〔2025〕31号|巫山县2025年第三季度财政收支情况
122|2025-12-26|project|06|高唐街办发〔2025〕22号|高唐街道2025年农村人居环境整治项目竣工公示
123|2025-12-22|subsidy|07|巫山人社发〔2025〕40号|关于2025年度一次性吸纳就业补贴发放情况的公示
124|2025-12-18|notice|02|巫山教委发〔2025〕55号|关于2026年春季学期中小学开学时间的通知
125|2025-12-15|plan|10|巫山应急发〔2025〕19号|巫山县冬春季地质灾害防治工作方案
126|2025-12-10|personnel|00|巫山府人〔2025〕21号|巫山县人民政府关于赵某某等同志职务任免的通知
127|2025-12-05|notice|01|巫山府办发〔2025〕60号|巫山县人民政府办公室关于废止部分行政规范性文件的决定'

unit() {
	case $1 in
	00) echo 巫山县人民政府 ;;
	01) echo 巫山县人民政府办公室 ;;
	02) echo 巫山县教育委员会 ;;
	03) echo 巫山县农业农村委员会 ;;
	04) echo 巫山县财政局 ;;
	05) echo 巫山县医疗保障局 ;;
	06) echo 巫山县高唐街道办事处 ;;
	07) echo 巫山县人力资源和社会保障局 ;;
	08) echo 巫山县交通运输委员会 ;;
	09) echo 巫山县住房和城乡建设委员会 ;;
	10) echo 巫山县应急管理局 ;;
	esac
}

theme() {
	case $1 in
	subsidy) echo 财政、金融、审计/财政 ;;
	notice) echo 综合政务/其他 ;;
	plan) echo 综合政务/政务公开 ;;
	personnel) echo 人事/任免 ;;
	budget) echo 财政、金融、审计/预决算 ;;
	project) echo 城乡建设、环境保护/城乡建设 ;;
	esac
}

# body CATEGORY TITLE UNIT DATE: the text of a document, inside <div class="zwgk-content">.
body() {
	local cat=$1 title=$2 unit=$3 date=$4
	case $cat in
	subsidy) cat <<HTML
<p>各乡镇人民政府、街道办事处，县政府各部门，有关单位：</p>
<p>为进一步做好${date%%-*}年有关补贴工作，经研究，现将有关事项通知如下（本文为演示数据，内容均为虚构）。</p>
<h3>一、补贴对象</h3>
<p>在本县行政区域内依法承包耕地、实际从事生产经营并符合条件的农户和新型农业经营主体。已改变用途的耕地、长期抛荒地不纳入补贴范围。</p>
<h3>二、补贴标准</h3>
<p>补贴资金按面积或人数核定，具体标准见下表。</p>
<table class="bzb" border="1">
<caption>补贴标准表</caption>
<tr><th>补贴类别</th><th>补贴标准</th><th>资金来源</th><th>发放方式</th></tr>
<tr><td>耕地地力保护补贴</td><td>每亩98.5元</td><td>中央财政</td><td>“一卡通”直接发放</td></tr>
<tr><td>种粮大户补贴</td><td>每亩50元</td><td>县级财政</td><td>银行转账</td></tr>
<tr><td>营养改善计划补助</td><td>每生每天5元</td><td>中央、市级财政</td><td>学校食堂统一供餐</td></tr>
<tr><td>公益性岗位补贴</td><td>每人每月1800元</td><td>就业补助资金</td><td>按月发放</td></tr>
</table>
<h3>三、工作步骤</h3>
<ol>
<li>申报登记：3月10日前，农户向所在村（社区）申报，村（社区）核实后登记造册。</li>
<li>审核公示：乡镇（街道）审核后在村务公开栏公示7天。</li>
<li>资金发放：5月底前，由县财政局通过“一卡通”发放到户。</li>
</ol>
<h3>四、工作要求</h3>
<p>各乡镇（街道）要加强政策宣传，严禁虚报冒领、截留挪用补贴资金。政策咨询电话：023-00000000（演示号码）。</p>
<p class="luokuan">${unit}<br>${date}</p>
HTML
	;;
	notice) cat <<HTML
<p>各有关单位、广大群众：</p>
<p>根据工作安排，现就${title}有关事项告知如下（演示数据，内容均为虚构）：</p>
<ul>
<li>办理地点：巫山县政务服务中心（演示地址）一楼综合窗口；</li>
<li>办理时间：工作日上午9:00—12:00，下午14:00—17:30；</li>
<li>所需材料：居民身份证原件及复印件、相关证明材料；</li>
<li>咨询电话：023-00000000（演示号码）。</li>
</ul>
<p>本通知自发布之日起施行。此前规定与本通知不一致的，以本通知为准。</p>
<p class="luokuan">${unit}<br>${date}</p>
HTML
	;;
	plan) cat <<HTML
<p>为认真贯彻落实上级有关工作部署，结合我县实际，制定本方案（演示数据，内容均为虚构）。</p>
<h3>一、总体要求</h3>
<p>坚持以人民为中心，坚持问题导向，统筹推进各项工作，确保各项任务按期完成。</p>
<h3>二、重点任务</h3>
<ol>
<li>健全工作机制。明确责任分工，建立月调度、季通报制度。</li>
<li>强化宣传引导。通过政府网站、政务新媒体和政务公开专区等渠道做好政策解读。</li>
<li>加强监督检查。县政府督查室会同有关部门开展专项督查，督查结果纳入年度考核。</li>
</ol>
<h3>三、保障措施</h3>
<p>各乡镇（街道）、各部门要高度重视，主要负责同志亲自抓，分管负责同志具体抓，确保工作落到实处。</p>
<table border="1">
<caption>任务分工表</caption>
<tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>制定实施细则</td><td>${unit}</td><td>3月底前</td></tr>
<tr><td>2</td><td>开展业务培训</td><td>各乡镇（街道）</td><td>6月底前</td></tr>
<tr><td>3</td><td>总结评估</td><td>县政府办公室</td><td>12月底前</td></tr>
</table>
HTML
	;;
	personnel) cat <<HTML
<p>各乡镇人民政府、街道办事处，县政府各部门：</p>
<p>经县人民政府研究决定（演示数据，人名均为虚构）：</p>
<ul>
<li>任命王某某为巫山县某某局副局长；</li>
<li>任命李某某为巫山县某某中心主任；</li>
<li>免去赵某某的巫山县某某局副局长职务。</li>
</ul>
<p class="luokuan">${unit}<br>${date}</p>
HTML
	;;
	budget) cat <<HTML
<p>现将有关预算情况报告如下，请予审议（演示数据，数字均为虚构）。</p>
<h3>一、一般公共预算</h3>
<table border="1">
<caption>一般公共预算收支表（单位：万元）</caption>
<tr><th>项目</th><th>预算数</th><th>执行数</th><th>完成预算</th></tr>
<tr><td>一般公共预算收入</td><td>150000</td><td>152300</td><td>101.5%</td></tr>
<tr><td>其中：税收收入</td><td>98000</td><td>96500</td><td>98.5%</td></tr>
<tr><td>一般公共预算支出</td><td>520000</td><td>511200</td><td>98.3%</td></tr>
</table>
<h3>二、政府性基金预算</h3>
<p>政府性基金收入完成年度预算的92.1%，主要是国有土地使用权出让收入减少。</p>
<h3>三、“三公”经费</h3>
<p>“三公”经费支出较上年下降5.2%，其中因公出国（境）费为0。</p>
HTML
	;;
	project) cat <<HTML
<p>根据有关规定，现将项目情况予以公示（演示数据，内容均为虚构）。公示期为7个工作日，如有异议，请在公示期内向${unit}反映。</p>
<table border="1">
<caption>项目明细表</caption>
<tr><th>项目名称</th><th>所在社区</th><th>建设内容</th><th>受益户数</th><th>估算投资（万元）</th></tr>
<tr><td>平湖东路小区</td><td>平湖社区</td><td>屋面防水、管网改造</td><td>216</td><td>385.6</td></tr>
<tr><td>广东中路片区</td><td>广东路社区</td><td>加装电梯、道路硬化</td><td>148</td><td>420</td></tr>
<tr><td>宁河路小区</td><td>宁河社区</td><td>外墙整治、增设停车位</td><td>95</td><td>163.2</td></tr>
</table>
<p>监督电话：023-00000000（演示号码）</p>
HTML
	;;
	esac
}

# page FILE ID DATE CAT UNIT NUMBER TITLE: one document page.
page() {
	local file=$1 id=$2 date=$3 cat=$4 unit=$5 number=$6 title=$7 idx=$8
	local written
	written=$(date -d "$date -3 days" +%F)
	mkdir -p "$(dirname "$file")"
	cat >"$file" <<HTML
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${title}_巫山县人民政府网（演示）</title>
<link rel="stylesheet" href="/css/zwgk.css">
<script>var _hmt = _hmt || []; /* 统计代码（演示） */</script>
</head>
<body>
<div class="header"><a href="/">巫山县人民政府网（演示数据）</a></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgkml/list_1.html">政府信息公开目录</a> &gt; 正文</div>
<table class="zwgk-meta">
<tr><th>索引号：</th><td>${idx}</td><th>发布机构：</th><td>${unit}</td></tr>
<tr><th>文号：</th><td>${number}</td><th>成文日期：</th><td>${written}</td></tr>
<tr><th>标题：</th><td colspan="3">${title}</td></tr>
<tr><th>发布日期：</th><td>${date}</td><th>主题分类：</th><td>$(theme "$cat")</td></tr>
</table>
<div class="zwgk-title"><h1>${title}</h1></div>
<div class="zwgk-content">
$(body "$cat" "$title" "$unit" "$date")
</div>
<div class="share">分享到：<a href="javascript:void(0)">微信</a></div>
<div class="footer">主办：巫山县人民政府办公室（演示数据，与真实机构无关）<script>document.write("访问量");</script></div>
</body>
</html>
HTML
}

# list FILE N OF ITEMS...: one page of the directory.
list() {
	local file=$1 n=$2 of=$3
	shift 3
	{
		cat <<HTML
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>政府信息公开目录_巫山县人民政府网（演示）</title>
</head>
<body>
<div class="header"><a href="/">巫山县人民政府网（演示数据）</a></div>
<div class="left">
<ul class="nav">
<li><a href="/zfxxgkzn/">政府信息公开指南</a></li>
<li><a href="/zfxxgkzd/">政府信息公开制度</a></li>
<li><a href="/zfxxgkml/list_1.html">法定主动公开内容</a></li>
<li><a href="/zfxxgknb/">政府信息公开年报</a></li>
</ul>
</div>
<div class="right">
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; 政府信息公开目录</div>
<ul class="zwgk-list">
HTML
		printf '%s\n' "$@"
		cat <<HTML
</ul>
<div class="page"><span>共27条</span> <span>第${n}/${of}页</span>
HTML
		[ "$n" -gt 1 ] && printf '<a href="list_1.html">首页</a> <a href="list_%d.html">上一页</a>\n' $((n - 1))
		[ "$n" -lt "$of" ] && printf '<a href="list_%d.html">下一页</a> <a href="list_%d.html">尾页</a>\n' $((n + 1)) "$of"
		cat <<HTML
</div>
</div>
<div class="footer">主办：巫山县人民政府办公室（演示数据，与真实机构无关）</div>
</body>
</html>
HTML
	} >"$file"
}

# item ID DATE-SHOWN HREF TITLE NUMBER UNIT INDEX: one <li> of a list page; a long title is cut
# in the text (as portals do) and whole in the title attribute.
item() {
	local id=$1 shown=$2 href=$3 title=$4 number=$5 unit=$6 idx=$7 text=$4 bm=""
	[ "${#title}" -gt 26 ] && text="${title:0:24}…"
	[ -n "$number" ] && bm="<span class=\"bm\">$number</span>"
	printf '<li><a href="%s" title="%s" target="_blank">%s</a>%s<span class="fbjg">%s</span><span class="syh">%s</span><span class="date">%s</span></li>' \
		"$href" "$title" "$text" "$bm" "$unit" "$idx" "$shown"
}

rm -rf content zfxxgkml
mkdir -p zfxxgkml
items=()
page_no=1
count=0
while IFS='|' read -r id date cat uc number title; do
	u=$(unit "$uc")
	y=${date%%-*}
	m=${date:5:2}
	idx="11500237DEMO00${uc}/${y}-00${id}"
	rel="content/$y/$m/content_$id.html"
	# Portals mix link forms: relative to the list page, from the root, and absolute.
	case $((id % 3)) in
	0) href="../$rel" ;;
	1) href="/$rel" ;;
	2) href="{{ORIGIN}}/$rel" ;;
	esac
	shown=$date
	[ "$id" = 102 ] && shown="2026年3月5日"
	# 127 is a dead link: its page is missing on purpose.
	[ "$id" != 127 ] && page "$rel" "$id" "$date" "$cat" "$u" "$number" "$title" "$idx"
	items+=("$(item "$id" "$shown" "$href" "$title" "$number" "$u" "$idx")")
	count=$((count + 1))
	if [ "$count" = 10 ] || [ "$id" = 127 ]; then
		list "zfxxgkml/list_$page_no.html" "$page_no" 3 "${items[@]}"
		items=()
		count=0
		page_no=$((page_no + 1))
	fi
done <<<"$DOCS"

# The GBK variant: the same markup, its pages next to its list, charset GBK.
GDOCS='201|2026-03-06|subsidy|01|巫山府办发〔2026〕12号|关于印发《巫山县2026年耕地地力保护补贴实施方案》的通知
202|2026-03-04|plan|01|巫山府办发〔2026〕11号|巫山县2026年春季森林防火工作方案
203|2026-03-02|personnel|00|巫山府人〔2026〕3号|巫山县人民政府关于王某某等同志职务任免的通知
204|2026-02-25|budget|04|巫山财发〔2026〕2号|巫山县2025年预算执行情况和2026年预算草案的报告（摘要）
205|2026-02-16|project|06||巫山县高唐街道2026年老旧小区改造项目公示'
rm -rf gbk-src/gbk
mkdir -p gbk-src/gbk
items=()
while IFS='|' read -r id date cat uc number title; do
	u=$(unit "$uc")
	idx="11500237DEMO00${uc}/${date%%-*}-00${id}"
	f=gbk-src/gbk/content_$id.gbk.html.utf8
	page "$f" "$id" "$date" "$cat" "$u" "$number" "$title" "$idx"
	sed -i 's/<meta charset="utf-8">/<meta http-equiv="Content-Type" content="text\/html; charset=gbk">/' "$f"
	items+=("$(item "$id" "$date" "content_$id.gbk.html" "$title" "$number" "$u" "$idx")")
done <<<"$GDOCS"
list gbk-src/gbk/list_1.gbk.html.utf8 1 1 "${items[@]}"
sed -i 's/<meta charset="utf-8">/<meta http-equiv="Content-Type" content="text\/html; charset=gbk">/; s/共27条/共5条/' gbk-src/gbk/list_1.gbk.html.utf8

./make-gbk.sh

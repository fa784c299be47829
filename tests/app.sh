#!/usr/bin/env bash
# app.sh - batch tests of the application register: intake from key=value files, scope and
# guidance records, receipts through a fake lp that records what it got, state changes.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/app
LP="$SRC/tests/fake-lp"
export FAKE_LP_DIR=$T/lp
# The register speaks the site's language (zh_CN, as `zwgk init` writes it), as at the desk.
unset LANGUAGE

"$ZWGK" init --demo site >/dev/null || exit 1
# The desk's printer: a queue, an option, and the fake lp in place of the real one.
sed -i "s|^;command = lp|command = $LP|; s|^;queue = |queue = desk|; s|^;options = |options = media=A4|; s|^;phone = |phone = 023-00000000|" site/zwgk.ini
Z() { "$ZWGK" -c site/zwgk.ini "$@"; }

cat >person.txt <<'IN'
# 张三's application, handed in at the desk
applicant_kind=person
name=张三
id_type=居民身份证
id_number=11010519491231002X
phone=13812345678
address=巫山县高唐街道平湖东路 8 号
postcode=404700
target_unit=巫山县高唐街道办事处
description=2025年高唐街道老旧小区改造项目的资金使用情况，包括各小区的改造清单、预算和决算，以及施工单位的招标结果
form=纸质
delivery=自行领取
IN
run add-person Z app add --from person.txt
run show-person Z app show WSGT-2026-00001
check "show: ID and phone numbers masked" sh -c "! '$ZWGK' -c site/zwgk.ini app show WSGT-2026-00001 | grep -q -e 11010519491231002X -e 13812345678"
run show-person-full Z app show WSGT-2026-00001 --full
check "show --full: the history says who saw the numbers in full" \
	sh -c "'$ZWGK' -c site/zwgk.ini app show WSGT-2026-00001 | grep -q 'shown_full *测试员'"
run receipt-person Z app receipt WSGT-2026-00001
check "receipt: lp got -d desk -n 1 -t and -o media=A4" \
	test "$(tr '\n' ' ' <lp/args.1)" = "-d desk -n 1 -t 回执 WSGT-2026-00001 -o media=A4 "
compare "receipt: the text lp got" lp/job.1 "$EXP/receipt-WSGT-2026-00001.txt"
check "receipt: no line wider than 80 columns" test "$(wc -L <lp/job.1)" -le 80

# Every problem on its own line, naming the key; nothing is saved.
cat >bad.txt <<'IN'
applicant_kind=person
name=
id_number=110105194912310021
phone=5768
postcode=40470
target_unit=巫山县不存在局
form=纸质
delivery=电子邮件
received=2026-03-10
colour=red
IN
run add-bad Z app add --from bad.txt
sed -i '/^colour=/d' bad.txt
run add-bad-fields Z app add --from bad.txt
run add-missing-file Z app add --from nosuch.txt
printf '\xef\xbb\xbfapplicant_kind=person\nname=甲\nname=乙\n' >twice.txt
run add-bom-and-twice Z app add --from twice.txt
printf 'applicant_kind=person\nname==HYPERLINK("http://x")\nid_number=11010519491231002X\nphone=13812345678\ntarget_unit=巫山县高唐街道办事处\ndescription=x\nform=paper\ndelivery=pickup\nreceived=2024-06-01\n' >old.txt
run add-too-old Z app add --from old.txt

# An organisation whose credit code fails the old check: a warning, still registered.
cat >org.txt <<'IN'
applicant_kind=法人或其他组织
name=重庆某某律师事务所
org_kind=法律服务机构
uscc=91500237MA5UABCD10
legal_rep=李四
contact_name=王五
phone=023-57681234
email=office@example.org
target_unit=巫山县高唐街道办事处
description=高唐街道2025年行政执法公示信息
form=电子邮件
delivery=电子邮件
received=2026-02-13
IN
run add-org Z app add --from org.txt
run show-org Z app show WSGT-2026-00002

# Outside the scope of a township site: a guidance record, and where to go instead.
sed 's/^target_unit=.*/target_unit=巫山县民政局/' person.txt >county.txt
run add-out-of-scope Z app add --from county.txt
check "out of scope: a guidance record is kept, no application" \
	test "$(sqlite3 site/zwgk.db 'SELECT count(*) FROM guidance'; sqlite3 site/zwgk.db 'SELECT count(*) FROM application')" = "$(printf '1\n2')"

# Printing failures leave the record saved and say what failed.
sed 's/^received=.*//' org.txt >org2.txt
run add-print-unknown-queue env FAKE_LP_MODE=unknown-queue "$ZWGK" -c site/zwgk.ini app add --from person.txt --print
run receipt-scheduler-down env FAKE_LP_MODE=scheduler-down "$ZWGK" -c site/zwgk.ini app receipt WSGT-2026-00003
run list-not-printed Z app list --format tsv
sed "s|^command = .*|command = $T/no/lp|" site/zwgk.ini >site/nolp.ini
run receipt-no-lp "$ZWGK" -c site/nolp.ini app receipt WSGT-2026-00003
run receipt-reprint Z app receipt WSGT-2026-00003
check "print log: every attempt recorded" \
	test "$(sqlite3 site/zwgk.db 'SELECT group_concat(ok, "") FROM print_log')" = "10001"

# Same-day forwarding, 补正, extension, answer.
run forward Z app forward WSGT-2026-00001 --method 当面送达 --to 刘洋
run slip-show Z app slip --unit 巫山县高唐街道办事处 --date 2026-03-09 --show
run slip-print Z app slip --unit 巫山县高唐街道办事处
run slip-none Z app slip --unit 巫山县民政局
run slip-usage Z app slip
run forward-again Z app forward WSGT-2026-00001 --method post --to 刘洋
run forward-late Z app forward WSGT-2026-00002 --method email --to 刘洋 --date 2026-02-24
run supplement-request Z app supplement WSGT-2026-00002 --request 请写明具体年份 --date 2026-02-25
run supplement-received Z app supplement WSGT-2026-00002 --date 2026-03-02
run extend Z app extend WSGT-2026-00002 --approver 街道办主任 --date 2026-03-05
run supplement-twice Z app supplement WSGT-2026-00002 --request 再补一次 --date 2026-03-05
run receipt-after-extension Z app receipt WSGT-2026-00002
check "receipt: after 补正 and extension it says how the deadline was counted" \
	grep -q '自收到补正材料之日起 20 个工作日，已延期 20 个工作日' "lp/job.$(ls lp | grep -c '^job\.')"
check "receipt: a reprint keeps the clerk and date of the registration" \
	grep -q '经 办 人：测试员' "lp/job.$(ls lp | grep -c '^job\.')"
run answer-bad Z app answer WSGT-2026-00002 --outcome 9 --date 2026-03-06
run answer Z app answer WSGT-2026-00002 --outcome 4.1 --date 2026-03-06
run show-answered Z app show WSGT-2026-00002
run list Z app list
run list-csv Z app list --format csv --state forwarded
sed 's/^received=.*//; s/^phone=.*/phone=13912345678/' old.txt >formula.txt
Z app add --from formula.txt >/dev/null
check "csv export: a formula typed as a name stays text" sh -c "'$ZWGK' -c site/zwgk.ini app list --format csv | grep -q \"'=HYPERLINK\""
run list-overdue env ZWGK_TODAY=2026-05-01 "$ZWGK" -c site/zwgk.ini app list --overdue
run list-range Z app list --from 2026-02-01 --to 2026-02-28 --unit 巫山县高唐街道办事处 --format tsv
run list-en env LANGUAGE=en "$ZWGK" -c site/zwgk.ini app list
run show-unknown Z app show WSGT-2026-09999
run guidance-list Z app guidance

# Suggestions (意见建议): anonymous allowed, their own series of serials, forwarded and answered.
cat >sug.txt <<'IN'
target_unit=巫山县高唐街道办事处
content=建议在政务公开专区增加老年人查询辅助服务
channel=意见箱
IN
run sug-add-anonymous Z sug add --from sug.txt
printf 'name=李四\ncontact=13800000000\ntarget_unit=巫山县高唐街道办事处\ncontent=希望公开社区停车位分配办法\nchannel=现场\n' >sug2.txt
run sug-add-named Z sug add --from sug2.txt
printf 'target_unit=巫山县民政局\ncontent=x\nchannel=fax\n' >sug3.txt
run sug-add-bad Z sug add --from sug3.txt
sed -i 's/^channel=fax/channel=信件/' sug3.txt
run sug-add-out-of-scope Z sug add --from sug3.txt
run sug-forward Z sug forward WSGT-JY-2026-00001 --method 政务内网 --to 刘洋
run sug-reply Z sug reply WSGT-JY-2026-00001 --text 已在专区增设引导员
run sug-reply-again Z sug reply WSGT-JY-2026-00001 --text 再次答复
run sug-show Z sug show WSGT-JY-2026-00001
run sug-list Z sug list --format csv
run sug-usage Z sug frob

# A crash between the commit and the print: killed while lp hangs. The record is there, marked
# not printed, and the next serial follows without a gap.
rm -rf lp
FAKE_LP_MODE=hang "$ZWGK" -c site/zwgk.ini app add --from person.txt --print >crash.out 2>&1 &
victim=$!
for i in $(seq 1 100); do [ -s lp/job.1 ] && break; sleep 0.1; done
kill -9 $victim; wait $victim 2>/dev/null
pkill -f "fake-lp" 2>/dev/null
crashed=$(cat crash.out | head -1)
check "crash: the serial printed before the kill is registered" \
	sh -c "'$ZWGK' -c site/zwgk.ini app show '$crashed' | grep -q '^receipt: 未打印'"
sed 's/^phone=.*/phone=13912345678/' person.txt >next.txt
next=$("$ZWGK" -c site/zwgk.ini app add --from next.txt)
check "crash: the next serial follows without a gap" \
	test "${next##*-}" = "$(printf '%05d' $((10#${crashed##*-} + 1)))"

# A second instance holding the database longer than the busy timeout: a clear message, and
# nothing half-written (the serial is not used up).
{ echo "BEGIN IMMEDIATE;"; echo "SELECT 'locked';"; sleep 8; } | sqlite3 site/zwgk.db >lock.out 2>&1 &
for i in $(seq 1 50); do grep -q locked lock.out 2>/dev/null && break; sleep 0.1; done
run add-while-locked Z app add --from person.txt
wait
run add-after-lock Z app add --from person.txt

# Forwarding by e-mail through a local SMTP server, when [smtp] is set up.
SINK=$SRC/build/check/smtp-sink
printf 'name,kind,township,email\n巫山县高唐街道办事处,township,高唐街道,gaotang@example.org\n' >email.csv
Z unit import email.csv >/dev/null
mail_ini() {	# mail_ini PORT [SED-EXPRESSION]: site/mail.ini with [smtp] pointing at the sink
	sed "s/^;url = $/url = smtp:\/\/127.0.0.1:$1/; s/^;from = $/from = desk@example.org/; s/^;starttls = yes/starttls = no/; ${2:-}" \
		site/zwgk.ini >site/mail.ini
	chmod 600 site/mail.ini
}
"$SINK" mail.txt 1 >sink.port & sleep 0.3
mail_ini "$(cat sink.port)"
run forward-mail "$ZWGK" -c site/mail.ini app forward WSGT-2026-00003 --method 电子邮件
wait
check "mail: the sink got one message for the unit's address" grep -q '^To: gaotang@example.org' mail.txt
check "mail: the application travels in the body (base64, UTF-8)" \
	sh -c "sed -n '/^\r\$/,\$p' mail.txt | tr -d '\r' | base64 -d | grep -q 'WSGT-2026-00003'"
check "mail: the forwarding is recorded with the address" \
	sh -c "'$ZWGK' -c site/zwgk.ini app show WSGT-2026-00003 | grep -q 'forwarded.*email; gaotang@example.org'"
# No server listening: a clear message, nothing recorded.
mail_ini 9
run forward-mail-no-server "$ZWGK" -c site/mail.ini app forward WSGT-2026-00004 --method email
check "mail: a failed send records no forwarding" \
	sh -c "'$ZWGK' -c site/zwgk.ini app show WSGT-2026-00004 | grep -q '^state: received'"
# A password in a file others can read is refused.
mail_ini 9 's/^;user = $/user = desk/; s/^;password = $/password = secret/'
chmod 644 site/mail.ini
run mail-password-readable "$ZWGK" -c site/mail.ini app list

# The forms of the shelf: on screen, and to the printer.
run form-application Z print form application --show
run form-sample Z print form sample --show
run form-suggestion Z print form suggestion --show
run form-contacts Z print form contacts --show
run form-print Z print form contacts
Z print form contacts --show >contacts.txt
check "forms: the contacts table went to lp whole" cmp -s "lp/job.$(ls lp | grep -c '^job\.')" contacts.txt
run form-fees-free Z print form fees --show
cp site/zwgk.ini site/fees.ini
printf '[fees]\nper_page = 0.50\nfree_pages = 10\ndocument = 巫发改价〔2026〕12号\n' >>site/fees.ini
run form-fees-approved "$ZWGK" -c site/fees.ini print form fees --show
run form-fees-print "$ZWGK" -c site/fees.ini print form fees
"$ZWGK" -c site/fees.ini print form fees --show >fees.txt
check "forms: the schedule went to lp whole" cmp -s "lp/job.$(ls lp | grep -c '^job\.')" fees.txt
sed -i 's/^per_page = 0.50$/per_page = 五毛/' site/fees.ini
run form-fees-bad "$ZWGK" -c site/fees.ini print form fees --show
rm site/fees.ini
run form-unknown Z print form poster
for f in application sample suggestion contacts fees; do Z print form $f --show; done >forms.txt
check "forms: no line wider than 80 columns" test "$(wc -L <forms.txt)" -le 80
run usage Z app frob

# 补正 asked too late (more than 7 working days after receipt): recorded, with a warning.
sed 's/^phone=.*/phone=13612345678/; $a received=2026-02-13' person.txt >late.txt
late=$(Z app add --from late.txt 2>/dev/null)
Z app forward "$late" --method post --to 刘洋 --date 2026-02-13 >/dev/null
run supplement-late Z app supplement "$late" --request 请补充身份证复印件 --date 2026-03-05

# The ledgers (台账): on screen as pages, for a spreadsheet, and on paper in landscape.
run ledger-applications Z report ledger applications --from 2026-02-01 --to 2026-03-09
run ledger-suggestions Z report ledger suggestions
run ledger-csv Z report ledger applications --format csv
run ledger-tsv Z report ledger suggestions --from 2026-03-09 --to 2026-03-09 --format tsv
run ledger-empty Z report ledger suggestions --from 2026-01-01 --to 2026-01-31
run ledger-print Z report ledger suggestions --format print
check "ledger: lp was asked for landscape" \
	sh -c "tr '\n' ' ' <lp/args.$(ls lp | grep -c '^args\.') | grep -q -- '-o media=A4 -o landscape '"
Z report ledger suggestions >ledger-sug.txt
check "ledger: the printed ledger is the one shown" cmp -s "lp/job.$(ls lp | grep -c '^job\.')" ledger-sug.txt
check "ledger: printed through a spool file that is not left behind" test -z "$(ls -A site/spool)"
run ledger-bad-register Z report ledger visitors
run ledger-bad-date Z report ledger applications --from 2026-02-30
run ledger-bad-range Z report ledger applications --from 2026-03-09 --to 2026-03-01
run ledger-bad-format Z report ledger applications --format xls
run ledger-output-no-dir Z report ledger applications --format csv --output export/ledger.csv
mkdir -p export
run ledger-output Z report ledger applications --format csv --output export/ledger.csv
check "ledger: an export file is the owner's only (0600)" test "$(stat -c %a export/ledger.csv)" = 600
check "ledger: the export file is what standard output gets" \
	sh -c "'$ZWGK' -c site/zwgk.ini report ledger applications --format csv | cmp -s - export/ledger.csv"
check "ledger: a CSV export starts with a BOM for WPS and Excel" \
	sh -c "head -c 3 export/ledger.csv | od -An -tx1 | grep -q 'ef bb bf'"
# A long ledger: pages of 40 lines, each with the header and its number, no row split.
for i in $(seq 1 24); do
	sed "s/^phone=.*/phone=1381234$(printf %04d "$i")/; \$a received=2026-03-0$((i % 9 + 1))" person.txt >many.txt
	Z app add --from many.txt >/dev/null 2>&1
done
Z report ledger applications >ledger-long.txt
check "ledger: a long ledger runs over several pages" test "$(grep -c $'\f' ledger-long.txt)" -ge 2
check "ledger: every page is at most 40 lines" \
	awk 'BEGIN { RS = "\f" } { n = split($0, l, "\n"); if (n - 1 > 40) bad = 1 } END { exit bad }' ledger-long.txt
check "ledger: every page has its header and number" \
	awk 'BEGIN { RS = "\f" } !/政府信息公开申请台账/ || !/第 [0-9]+ 页/ { bad = 1 } END { exit bad }' ledger-long.txt
check "ledger: no line wider than 104 columns" test "$(sed 's/\f//' ledger-long.txt | wc -L)" -le 104
compare "ledger: the long ledger" ledger-long.txt "$EXP/ledger-long.txt"

# The same ledger on A4 portrait: narrower columns (cells wrap), 60-line pages, no landscape option.
Z report ledger applications --paper portrait >ledger-portrait.txt
check "ledger portrait: no line wider than 76 columns" test "$(sed 's/\f//' ledger-portrait.txt | wc -L)" -le 76
check "ledger portrait: every page is at most 60 lines, with its header and number" \
	awk 'BEGIN { RS = "\f" } { n = split($0, l, "\n"); if (n - 1 > 60) bad = 1 } !/政府信息公开申请台账/ || !/第 [0-9]+ 页/ { bad = 1 } END { exit bad }' ledger-portrait.txt
check "ledger portrait: its pages run longer than landscape's 40 lines" awk 'BEGIN { RS = "\f" } { n = split($0, l, "\n"); if (n - 1 > 40) long = 1 } END { exit !long }' ledger-portrait.txt
check "ledger portrait: every application is on it" test "$(grep -c '^WSGT-2026-' ledger-portrait.txt)" = "$(grep -c '^WSGT-2026-' ledger-long.txt)"
jobs_before=$(ls lp | grep -c '^args\.')
Z report ledger applications --paper portrait --format print >/dev/null
check "ledger portrait: lp was not asked for landscape" sh -c "! grep -q landscape lp/args.$((jobs_before + 1))"
run ledger-bad-paper Z report ledger applications --paper a3

# A CSV export read back as a table (sqlite3's CSV reader): every row and cell as registered.
Z report ledger applications --format csv --output export/all.csv
sqlite3 readback.db ".import --csv export/all.csv t"
check "ledger csv: read back, one row per application" \
	test "$(sqlite3 readback.db 'SELECT count(*) FROM t')" = "$(sqlite3 site/zwgk.db 'SELECT count(*) FROM application')"
check "ledger csv: serials, units and descriptions come back as stored" \
	test "$(sqlite3 readback.db 'SELECT group_concat(c, "|") FROM (SELECT "编号" || "," || "被申请单位" || "," || "所需信息" AS c FROM t ORDER BY rowid)')" = \
	"$(sqlite3 site/zwgk.db 'SELECT group_concat(c, "|") FROM (SELECT serial || "," || unit_name || "," || description AS c FROM application ORDER BY received, id)')"
check "ledger csv: no ID or phone number in an export" \
	sh -c "! grep -q -e 11010519491231002X -e 13812345678 export/all.csv"
# A TSV export read back: tabs inside cells cannot break its columns.
Z report ledger applications --format tsv --output export/all.tsv
check "ledger tsv: every line has the 14 columns" awk -F'\t' 'NF != 14 { bad = 1 } END { exit bad }' export/all.tsv
# An export that cannot be finished leaves nothing behind.
mkdir -p export/taken.csv/inside
run ledger-output-is-dir Z report ledger applications --format csv --output export/taken.csv
check "ledger: a failed export leaves no temporary file and the folder as it was" \
	sh -c "test -d export/taken.csv/inside && ! ls export | grep -q tmp"

# The guidance records and the print log as ledgers.
run ledger-guidance Z report ledger guidance
run ledger-guidance-csv Z report ledger guidance --format csv
Z report ledger prints >ledger-prints.txt
check "ledger prints: receipts, slips, forms and ledgers printed, each with its count" \
	sh -c "grep -q '回执' ledger-prints.txt && grep -q '转交单' ledger-prints.txt && grep -q '政府信息公开申请台账' ledger-prints.txt"
check "ledger prints: the totals line counts every print" \
	grep -q "^合计 $(sqlite3 site/zwgk.db 'SELECT count(*) FROM print_log') 件：已打印 $(sqlite3 site/zwgk.db 'SELECT count(*) FROM print_log WHERE ok') 次" ledger-prints.txt
run ledger-prints-empty Z report ledger prints --from 2025-01-01 --to 2025-01-31
run ledger-fees-free Z report ledger fees

summary

#!/usr/bin/env bash
# ask.sh - batch tests of the consultation register (政策咨询登记、交办、回复台账): logging from
# key=value files, answering from the knowledge base (and learning the citizen's wording),
# dispatching with the 5-working-day deadline, replies, follow-up calls, the knowledge loop,
# the slips through a fake lp, the 交办单 by e-mail, the list and its overdue filter.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/ask
LP="$SRC/tests/fake-lp"
export FAKE_LP_DIR=$T/lp
unset LANGUAGE

"$ZWGK" init --demo site >/dev/null || exit 1
sed -i "s|^;command = lp|command = $LP|; s|^;queue = |queue = desk|; s|^;phone = |phone = 023-00000000|" site/zwgk.ini
Z() { "$ZWGK" -c site/zwgk.ini "$@"; }
Z kb import "$SRC/tests/kb/policy-qa.tsv" >/dev/null || exit 1

# A citizen at the desk, in dialect; the clerk answers with the entry on pension age (KB007).
cat >q1.txt <<'IN'
name=王大爷
question=老汉儿满六十了，养老钱咋个领哦？
IN
q='老汉儿满六十了，养老钱咋个领哦？'
run add Z ask add --from q1.txt
check "learn: before, the wording does not find KB007 first and sure" \
	sh -c "! '$ZWGK' -c site/zwgk.ini kb search --limit 1 '$q' | grep -q '^KB007	[0-9.]*	yes'"
run answer Z ask answer WSGT-ZX-2026-00001 --entry KB007
run answer-again Z ask answer WSGT-ZX-2026-00001 --entry KB007
run learned-search Z kb search --limit 1 "$q"
run slip-show Z ask print WSGT-ZX-2026-00001 --show
run slip-print Z ask print WSGT-ZX-2026-00001
Z ask print WSGT-ZX-2026-00001 --show >slip.txt
check "slip: the printed answer slip is the one shown" cmp -s "lp/job.1" slip.txt
check "slip: no line wider than 80 columns" test "$(wc -L <slip.txt)" -le 80

# Logged and answered in one go (entry=), as a script would.
printf 'question=合作医疗好久开始交钱\nchannel=电话\nentry=KB050\n' >q2.txt
run add-answered Z ask add --from q2.txt

# Bad input: every problem by field, nothing logged; an unknown entry leaves it logged, unanswered.
printf 'question=\nchannel=信鸽\nreceived=2026-03-10\nwho=me\n' >bad.txt
run add-bad Z ask add --from bad.txt
printf 'question=\nchannel=信鸽\nreceived=2026-03-10\n' >bad.txt
run add-bad-fields Z ask add --from bad.txt
printf 'question=低保咋个申请\nentry=KB999\n' >q3.txt
run add-unknown-entry Z ask add --from q3.txt
run add-missing-file Z ask add --from nosuch.txt
run show-unknown Z ask show WSGT-ZX-2026-09999

# 交办: a name and contact are needed, the unit must be in the directory; five working days.
printf 'name=李四\ncontact=13900000000\nquestion=村里修便道的补助啥时候发下来？\nreceived=2026-03-06\n' >q4.txt
run add-to-dispatch Z ask add --from q4.txt
run dispatch-no-contact Z ask dispatch WSGT-ZX-2026-00003 --unit 巫山县交通运输委员会
run dispatch-unknown-unit Z ask dispatch WSGT-ZX-2026-00004 --unit 巫山县修路局
run dispatch Z ask dispatch WSGT-ZX-2026-00004 --unit 巫山县交通运输委员会 --date 2026-03-06
run dispatch-slip Z ask print WSGT-ZX-2026-00004 --show
run reply-early Z ask reply WSGT-ZX-2026-00004 --date 2026-03-05 --text 已答复
run reply-no-text Z ask reply WSGT-ZX-2026-00004 --date 2026-03-09
run followup-early Z ask followup WSGT-ZX-2026-00004 --result satisfied
run list-overdue-none Z ask list --overdue
run list-overdue-later env ZWGK_TODAY=2026-03-16 "$ZWGK" -c site/zwgk.ini ask list --overdue
run reply Z ask reply WSGT-ZX-2026-00004 --date 2026-03-09 --text 补助资金已下达，四月底前发放到户。
run followup Z ask followup WSGT-ZX-2026-00004 --result 满意 --note 电话回访
run draft Z ask draft WSGT-ZX-2026-00004
run draft-again Z ask draft WSGT-ZX-2026-00004
run draft-show Z kb show KB-1
run show Z ask show WSGT-ZX-2026-00004

# Outside the remit: redirected with the unit's phone and address, printable.
run redirect Z ask redirect WSGT-ZX-2026-00003 --unit 巫山县民政局
run redirect-slip Z ask print WSGT-ZX-2026-00003 --show

# The list: text, for a spreadsheet, by state.
run list Z ask list
run list-tsv Z ask list --format tsv
run list-csv Z ask list --format csv --state answered
run list-bad-state Z ask list --state 已办结
run usage Z ask frob
# The ledger (台账): on paper in landscape, and for a spreadsheet (no contacts in it).
run ledger Z report ledger consultations --to 2026-03-09
run ledger-csv Z report ledger consultations --format csv
check "ledger: no phone number in the spreadsheet" sh -c "! '$ZWGK' -c site/zwgk.ini report ledger consultations --format csv | grep -q 13900000000"
run usage-list Z ask list --format text

# The 交办单 by e-mail to the unit's address, through a local SMTP server.
SINK=$SRC/build/check/smtp-sink
printf 'name=赵六\ncontact=13700000000\nquestion=老房子改造有补贴没得？\n' >q5.txt
Z ask add --from q5.txt >/dev/null
"$SINK" mail.txt 1 >sink.port & sleep 0.3
sed "s/^;url = $/url = smtp:\/\/127.0.0.1:$(cat sink.port)/; s/^;from = $/from = desk@example.org/; s/^;starttls = yes/starttls = no/" \
	site/zwgk.ini >site/mail.ini
chmod 600 site/mail.ini
run dispatch-mail "$ZWGK" -c site/mail.ini ask dispatch WSGT-ZX-2026-00005 --unit 巫山县人民政府办公室 --mail
wait
check "mail: one message to the unit's address" grep -q '^To: demo-zfb@example.org' mail.txt
check "mail: the 交办单 travels in the body" \
	sh -c "sed -n '/^\r\$/,\$p' mail.txt | tr -d '\r' | base64 -d | grep -q '政策咨询交办单'"
check "mail: the dispatch is recorded as by e-mail" \
	sh -c "'$ZWGK' -c site/zwgk.ini ask show WSGT-ZX-2026-00005 | grep -q '^dispatched: 2026-03-09 (email)'"

summary

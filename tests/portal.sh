#!/usr/bin/env bash
# portal.sh - the 自助查询区's mirror against a local HTTP server serving pages shaped like a
# county portal (tests/portal): sync, search, show; conditional requests (nothing refetched when
# nothing changed); a sync stopped and resumed; a GBK site and a lying charset; and every way a
# portal fails (404, 500, a redirect loop, a page over the size cap, no answer), each with a
# clear message and the mirror left as it was.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/portal-out
# The fixture server is on this machine: no proxy between.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
FIX=$SRC/build/check/http-fixture
unset LANGUAGE

"$ZWGK" init --demo site >/dev/null || exit 1
"$FIX" "$SRC/tests/portal" http.log >http.port &
FIXPID=$!
trap 'kill $FIXPID ${FIX2PID:-} 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
for i in $(seq 1 50); do [ -s http.port ] && break; sleep 0.1; done
PORT=$(cat http.port)
# The port changes from run to run: outputs show @PORT@.
RUN_SED="s/127.0.0.1:$PORT/127.0.0.1:@PORT@/g; s/after [0-9]* ms/after N ms/"

# portal_ini NAME [SED...]: site/NAME.ini = the site's ini with the fixture's [portal], edited.
portal_ini() {
	local name=$1
	shift
	{
		cat site/zwgk.ini
		sed "s/PORT/$PORT/g" "$SRC/tests/portal/fixture.ini.part"
	} | sed "$@" >"site/$name.ini"
}
portal_ini zwgk.portal -e ''
Z() { "$ZWGK" -c site/zwgk.portal.ini "$@"; }
requests() { grep -c "$1" http.log; }

run search-empty-mirror Z portal search 补贴
run status-never Z portal status
run sync Z portal sync
run status Z portal status
run search Z portal search 补贴
run search-number Z portal search 巫山府办发
run search-nothing Z portal search 火星移民
run search-blank Z portal search " "
first=$(Z portal search 补贴 | head -1 | cut -f4)
run show Z portal show "$first"
run show-unknown Z portal show http://127.0.0.1/none.html
check "show: a document's CJK table keeps its columns" \
	sh -c "'$ZWGK' -c site/zwgk.portal.ini portal show '$first' | grep -q '^补贴类别  *补贴标准  *资金来源  *发放方式$'"

# Printing a document (the CLI twin of p on the document page): free unless a charge is approved,
# and then each paid print in the fees ledger; a failed print is not charged.
export FAKE_LP_DIR=$T/lp
portal_ini free -e "s|^;command = lp|command = $SRC/tests/fake-lp|"
portal_ini fees -e "s|^;command = lp|command = $SRC/tests/fake-lp|"
printf '[fees]\nper_page = 0.50\ndocument = 巫发改价〔2026〕12号\n' >>site/fees.ini
portal_ini nolp -e "s|^;command = lp|command = $T/no/lp|"
printf '[fees]\nper_page = 0.50\ndocument = 巫发改价〔2026〕12号\n' >>site/nolp.ini
check "print --show: the printout has the title, the text and the address" \
	sh -c "'$ZWGK' -c site/zwgk.portal.ini portal print --show '$first' | grep -q '补贴类别' && '$ZWGK' -c site/zwgk.portal.ini portal print --show '$first' | grep -qx '$first'"
run print-free "$ZWGK" -c site/free.ini portal print "$first"
check "print: lp got the document" grep -q '补贴类别' lp/job.1
run print-paid "$ZWGK" -c site/fees.ini portal print "$first"
run print-failed "$ZWGK" -c site/nolp.ini portal print "$first"
run print-not-fetched "$ZWGK" -c site/fees.ini portal print http://127.0.0.1:$PORT/content/2025/12/content_127.html
run ledger-fees "$ZWGK" -c site/fees.ini report ledger fees --format tsv
check "ledger fees: one paid print of two pages, 1.00 元, in the totals" \
	sh -c "'$ZWGK' -c site/fees.ini report ledger fees | grep -q '^合计 1 件：共 2 页，1.00 元$'"
check "ledger prints: the three attempts, one failed" \
	test "$("$ZWGK" -c site/fees.ini report ledger prints --format tsv | grep -c $'\t门户网站文件\t')" = 3 -a \
	"$("$ZWGK" -c site/fees.ini report ledger prints --format tsv | grep -c $'\t失败\t')" = 1

# Nothing changed on the portal: the list pages answer 304, no document is fetched again (but the
# dead link of item 127, which failed, is tried again).
docs_before=$(grep 'GET /content' http.log | grep -vc content_127)
Z portal sync >sync2.out 2>&1
check "sync again: every list page asked conditionally" \
	test "$(grep -E 'GET /zfxxgkml/list_[123]\.html' http.log | tail -3 | grep -c ' 304 0 inm')" = 3
check "sync again: no document fetched again" test "$(grep 'GET /content' http.log | grep -vc content_127)" = "$docs_before"
check "sync again: says nothing was new" grep -q '获取信息 0 条，未变 3' sync2.out

# Stopped half-way (SIGTERM) and resumed: nothing half-written, every document in the end.
portal_ini slow -e 's/^delay_ms = .*/delay_ms = 300/'
rm -f site/zwgk.db-shm
"$ZWGK" init --demo fresh >/dev/null
{ cat fresh/zwgk.ini; sed "s/PORT/$PORT/g; s/^delay_ms = .*/delay_ms = 300/" "$SRC/tests/portal/fixture.ini.part"; } >fresh/slow.ini
"$ZWGK" -c fresh/slow.ini portal sync >stopped.out 2>&1 &
pid=$!
sleep 2.5
kill -TERM $pid
wait $pid
rc=$?
check "stopped sync: exit status 1 and said so" sh -c "test $rc = 1 && grep -q '已停止' stopped.out"
check "stopped sync: having read list pages, it counts as the last sync" \
	sh -c "'$ZWGK' -c fresh/slow.ini portal status | grep -q '^最近同步：2026-03-09 10:00:00，已停止：读取列表页 [1-9]'"
half=$(sqlite3 fresh/zwgk.db "SELECT count(*) FROM portal_doc WHERE state = 'fetched'")
check "stopped sync: some documents, not all ($half)" test "$half" -gt 0 -a "$half" -lt 30
check "stopped sync: no fetched document without its text" \
	test "$(sqlite3 fresh/zwgk.db "SELECT count(*) FROM portal_doc WHERE state = 'fetched' AND text = ''")" = 0
"$ZWGK" -c fresh/slow.ini portal sync >resumed.out 2>&1
check "resumed sync: it finishes" grep -q '已同步' resumed.out
check "resumed sync: every document fetched but the dead link" \
	test "$(sqlite3 fresh/zwgk.db "SELECT group_concat(url) FROM portal_doc WHERE state <> 'fetched'")" = "http://127.0.0.1:$PORT/content/2025/12/content_127.html"
check "resumed sync: the index has each fetched document once" \
	test "$(sqlite3 fresh/zwgk.db "SELECT count(*) FROM portal_fts_docsize")" = "$(sqlite3 fresh/zwgk.db "SELECT count(*) FROM portal_doc WHERE state = 'fetched'")"
check "resumed sync: the interrupted sync is recorded as stopped" \
	test "$(sqlite3 fresh/zwgk.db "SELECT group_concat(state) FROM portal_sync ORDER BY id")" = "stopped,done"

# A GBK site: the text comes out as UTF-8.
portal_ini gbk -e "s|/zfxxgkml/list_{page}.html|/gbk/list_{page}.gbk.html|"
"$ZWGK" init --demo gbksite >/dev/null
{ cat gbksite/zwgk.ini; sed "s/PORT/$PORT/g; s|/zfxxgkml/list_{page}.html|/gbk/list_{page}.gbk.html|" "$SRC/tests/portal/fixture.ini.part"; } >gbksite/p.ini
run gbk-sync "$ZWGK" -c gbksite/p.ini portal sync
run gbk-search "$ZWGK" -c gbksite/p.ini portal search 通知

# Killed outright (SIGKILL, as when the PC loses power) mid-sync: the database is sound, no
# fetched document lacks its text or index entry, and the next run finishes the work.
"$ZWGK" init --demo killed >/dev/null
{ cat killed/zwgk.ini; sed "s/PORT/$PORT/g; s/^delay_ms = .*/delay_ms = 200/" "$SRC/tests/portal/fixture.ini.part"; } >killed/slow.ini
"$ZWGK" -c killed/slow.ini portal sync >killed.out 2>&1 &
pid=$!
sleep 2
kill -KILL $pid
wait $pid 2>/dev/null
q() { sqlite3 killed/zwgk.db "$1"; }
check "killed sync: integrity_check ok" test "$(q 'PRAGMA integrity_check')" = ok
half=$(q "SELECT count(*) FROM portal_doc WHERE state = 'fetched'")
check "killed sync: some documents, not all ($half)" test "$half" -gt 0 -a "$half" -lt 26
check "killed sync: every fetched document has its text and one index entry" \
	test "$(q "SELECT count(*) FROM portal_doc WHERE state = 'fetched' AND text <> ''")" = "$half" \
	-a "$(q 'SELECT count(*) FROM portal_fts_docsize')" = "$half"
"$ZWGK" -c killed/slow.ini portal sync >killed-resumed.out 2>&1
check "killed sync: the next run finishes, fetching only what was missing" \
	test "$(q "SELECT count(*) FROM portal_doc WHERE state = 'fetched'")" = 26 \
	-a "$(q 'SELECT count(*) FROM portal_fts_docsize')" = 26
check "killed sync: the dead run is recorded as stopped" \
	test "$(q "SELECT group_concat(state) FROM portal_sync ORDER BY id")" = "stopped,done"

# Pages that lie about their charset, say none, or are broken markup: read as the text they are.
"$ZWGK" init --demo oddsite >/dev/null
{ cat oddsite/zwgk.ini; sed "s/PORT/$PORT/g; s|/zfxxgkml/list_{page}.html|/odd/list_{page}.html|" "$SRC/tests/portal/fixture.ini.part"; } >oddsite/odd.ini
oddshow() { "$ZWGK" -c oddsite/odd.ini portal show "http://127.0.0.1:$PORT/$1"; }
oddhas() { oddshow "$1" | grep -q "$2"; }
run odd-sync "$ZWGK" -c oddsite/odd.ini portal sync
for page in content_301.lying.html content_302.lying.html content_303.nocharset.html; do
	check "odd pages: $page read as GBK whatever the header says" oddhas $page '^ *低保标准表$'
done
run odd-lying oddshow content_301.lying.html
run odd-malformed oddshow malformed.html
check "odd pages: the malformed page keeps its table's columns" oddhas malformed.html '^基地名称  *见习岗位  *岗位数$'
# A ten-column 补贴发放明细 too wide for 72 columns: a record of "label：value" lines per row;
# an eight-column summary in columns with its names and amounts whole.
run odd-wide-table oddshow wide-table.html
check "wide table: each person a record, name and ID number whole" \
	sh -c "'$ZWGK' -c oddsite/odd.ini portal show http://127.0.0.1:$PORT/wide-table.html | grep -A1 '^姓名：  *欧阳某某$' | grep -q '^身份证号：  *500237\*\*\*\*\*\*\*\*567X$'"
check "wide table: the summary's villages whole in their column" oddhas wide-table.html '^3  *高唐街道  *平湖社区  *1  '

# The ways a portal fails: a clear message, exit 1, the mirror as it was.
before=$(Z portal search 补贴)
for case in "status/404" "status/500" "loop" "big" "hang"; do
	name=fail-$(echo "$case" | tr / -)
	portal_ini "$name" -e "s|^list_url = .*|list_url = http://127.0.0.1:$PORT/$case?p={page}|" -e 's/^timeout = .*/timeout = 5/'
	run "$name" "$ZWGK" -c "site/$name.ini" portal sync
done
check "failures: the mirror still answers as before" test "$(Z portal search 补贴)" = "$before"

# Stopped while the portal does not answer: the request is abandoned then, not at its timeout.
# Ten days on, so that the mirror is out of date: a sync that read no page does not make it fresh.
portal_ini hang-stop -e "s|^list_url = .*|list_url = http://127.0.0.1:$PORT/hang?p={page}|" -e 's/^timeout = .*/timeout = 60/'
ZWGK_TODAY=2026-03-19 ZWGK_NOW="2026-03-19 10:00:00" "$ZWGK" -c site/hang-stop.ini portal sync >hang-stop.out 2>&1 &
pid=$!
sleep 1
kill -TERM $pid
t0=$(date +%s)
wait $pid
rc=$?
check "stopped while the portal hangs: ends long before the 60 s timeout, exit 1, says stopped" \
	sh -c "test $rc = 1 && test $(($(date +%s) - t0)) -lt 30 && grep -q '^已停止：读取列表页 0 个' hang-stop.out"
state=$(sqlite3 site/zwgk.db 'SELECT state FROM portal_sync ORDER BY id DESC LIMIT 1')
check "stopped while the portal hangs: recorded as stopped, the mirror as it was" \
	test "$state" = stopped -a "$(Z portal search 补贴)" = "$before"
ZWGK_TODAY=2026-03-19 ZWGK_NOW="2026-03-19 10:00:00" run status-after-hang Z portal status

# The portal's own search: HTML read with the list XPaths, JSON by field names; offline said plainly.
run live-html Z portal search --live 补贴
check "live: the words reached the portal" grep -q 'q=补贴' http.log
# The first page was full: the second is read too ([portal] live_pages = 2 by default), and no third.
check "live: pages 1 and 2 asked once each, no page 3" \
	test "$(grep -c '^GET /search?q=%E8%A1%A5%E8%B4%B4&page=[12] 200 ' http.log)" = 2 \
	-a "$(grep -c '^GET /search?q=%E8%A1%A5%E8%B4%B4&page=3 ' http.log)" = 0
portal_ini live1 -e 's/^stale_days = .*/&\nlive_pages = 1/'
check "live: live_pages = 1 reads the first page only" \
	test "$("$ZWGK" -c site/live1.ini portal search --live 补贴 | wc -l)" = 8
portal_ini live3 -e 's/^stale_days = .*/&\nlive_pages = 3/'
"$ZWGK" -c site/live3.ini portal search --live 森林 >/dev/null
check "live: page 2 shorter than the first is the last (live_pages = 3: no page 3 asked)" \
	test "$(grep -c '^GET /search?q=%E6%A3%AE%E6%9E%97&page=' http.log)" = 2
"$ZWGK" -c site/live3.ini portal search --live 无结果 >/dev/null
check "live: an empty first page: no second asked" \
	test "$(grep -c '^GET /search?q=%E6%97%A0%E7%BB%93%E6%9E%9C&page=' http.log)" = 1
# The second page never answers: at its timeout the first page's results are given all the same.
portal_ini livehang -e "s|^search_url = .*|search_url = http://127.0.0.1:$PORT/search?q={q}\\&page={page}\\&hang=2|"
run live-page2-fails "$ZWGK" -c site/livehang.ini portal search --live 脆李
portal_ini nopage -e "s|^search_url = .*|search_url = http://127.0.0.1:$PORT/search?q={q}|"
"$ZWGK" -c site/nopage.ini portal search --live 防汛 >/dev/null
check "live: an address without {page} is asked once" \
	test "$(grep -c '^GET /search?q=%E9%98%B2%E6%B1%9B' http.log)" = 1
portal_ini json -e "s|^search_url = .*|search_url = http://127.0.0.1:$PORT/search.json?q={q}\\&page={page}|" \
	-e 's/^search_format = html/search_format = json/'
run live-json "$ZWGK" -c site/json.ini portal search --live 补贴
portal_ini offline -e 's|^search_url = .*|search_url = http://127.0.0.1:9/search?q={q}|'
run live-offline "$ZWGK" -c site/offline.ini portal search --live 补贴
portal_ini badjson -e "s|^search_url = .*|search_url = http://127.0.0.1:$PORT/content/2026/03/content_101.html?q={q}|" \
	-e 's/^search_format = html/search_format = json/'
run live-not-json "$ZWGK" -c site/badjson.ini portal search --live 补贴

# The site's synonym table changes: the mirror's index follows it (a made-up word for a phrase
# of the documents finds them only once they are indexed again).
check "synonyms: the made-up word finds nothing before" test -z "$(Z portal search 甲乙丙丁)"
echo '甲乙丙丁: 脆李' >>site/synonyms.txt
check "synonyms: the mirror is indexed again and the word finds the documents" \
	sh -c "'$ZWGK' -c site/zwgk.portal.ini portal search 甲乙丙丁 | grep -q 'content_118.html'"

# --- 信息同源: the portal takes a document down, or changes one in place; the mirror follows.
# A copy of the fixture site, served by a second server, is changed under the mirror.
cp -r "$SRC/tests/portal" mut
"$FIX" mut http2.log >http2.port &
FIX2PID=$!
for i in $(seq 1 50); do [ -s http2.port ] && break; sleep 0.1; done
PORT2=$(cat http2.port)
RUN_SED="$RUN_SED; s/127.0.0.1:$PORT2/127.0.0.1:@PORT@/g"
"$ZWGK" init --demo agree >/dev/null
{ cat agree/zwgk.ini; sed "s/PORT/$PORT2/g" "$SRC/tests/portal/fixture.ini.part"; } >agree/p.ini
A() { "$ZWGK" -c agree/p.ini "$@"; }
aq() { sqlite3 agree/zwgk.db "$1"; }
u105="http://127.0.0.1:$PORT2/content/2026/03/content_105.html"
A portal sync >/dev/null 2>&1
check "agree: the first sync fetches every document but the dead link" test "$(aq "SELECT count(*) FROM portal_doc WHERE state = 'fetched'")" = 26
# 105 (王某某等同志职务任免) is taken off the portal's list.
grep -v 'content_105.html' mut/zfxxgkml/list_1.html >list_1.tmp && mv list_1.tmp mut/zfxxgkml/list_1.html
A portal sync --max-pages 1 >/dev/null 2>&1
check "agree: a partial walk (--max-pages) withdraws nothing" test "$(aq "SELECT count(*) FROM portal_doc WHERE withdrawn_at <> ''")" = 0
mv mut/zfxxgkml/list_2.html list_2.away
A portal sync >/dev/null 2>&1
check "agree: a list page missing in the middle (page 2 gone after a full page 1) withdraws nothing" \
	test "$(aq "SELECT count(*) FROM portal_doc WHERE withdrawn_at <> ''")" = 0
mv list_2.away mut/zfxxgkml/list_2.html
run agree-sync-withdrawn A portal sync
check "agree: 105 withdrawn, the day noticed, its row and text kept" \
	test "$(aq "SELECT withdrawn_at || ' ' || state || ' ' || (text <> '') FROM portal_doc WHERE url = '$u105'")" = "2026-03-09 10:00:00 fetched 1"
check "agree: nothing else withdrawn" test "$(aq "SELECT count(*) FROM portal_doc WHERE withdrawn_at <> ''")" = 1
run agree-search-withdrawn A portal search 职务任免
run agree-search-all A portal search --all 职务任免
run agree-show-withdrawn A portal show "$u105"
check "agree: the printout says it was withdrawn" \
	sh -c "'$ZWGK' -c agree/p.ini portal print --show '$u105' | grep -q '^已从门户网站撤下：2026-03-09 同步时发现门户网站已不再列出本文。$'"
run agree-status A portal status
check "agree: a withdrawn document is not asked for again" \
	test "$(grep -c '^GET /content/2026/03/content_105.html ' http2.log)" = 1
# 103's text changes on the portal; its list entry does not.
sed -i 's/坚持以人民为中心，/坚持以人民为中心（修订：增设乡镇政务公开专区），/' mut/content/2026/03/content_103.html
A portal sync >/dev/null 2>&1
check "agree: an ordinary sync does not see a change behind an unchanged list entry" \
	test "$(aq "SELECT count(*) FROM portal_doc WHERE text LIKE '%增设乡镇政务公开专区%'")" = 0
aq "SELECT url, fetched_at, text FROM portal_doc WHERE url NOT LIKE '%content_103.html' AND withdrawn_at = '' ORDER BY url" >before.txt
ZWGK_NOW="2026-03-10 09:00:00" run agree-recheck A portal sync --recheck
check "agree: --recheck picks up the changed text, found by search" \
	sh -c "'$ZWGK' -c agree/p.ini portal search 增设乡镇政务公开专区 | head -1 | grep -q 'content_103.html'"
check "agree: 103 fetched again and indexed once" \
	test "$(aq "SELECT fetched_at FROM portal_doc WHERE url LIKE '%content_103.html'")" = "2026-03-10 09:00:00" \
	-a "$(aq 'SELECT count(*) FROM portal_fts_docsize')" = 26
check "agree: every other document answered 304 to its ETag" \
	test "$(grep -c '^GET /content/.* 304 0 inm' http2.log)" = 24
aq "SELECT url, fetched_at, text FROM portal_doc WHERE url NOT LIKE '%content_103.html' AND withdrawn_at = '' ORDER BY url" >after.txt
check "agree: a 304 leaves the document untouched (text, fetched_at), only confirmed" \
	sh -c "cmp -s before.txt after.txt && test \"\$(sqlite3 agree/zwgk.db \"SELECT count(*) FROM portal_doc WHERE checked_at = '2026-03-10 09:00:00'\")\" = 25"
# [portal] recheck_days (30): a month and more later an ordinary sync asks again by itself.
sed -i 's/（修订：增设乡镇政务公开专区）/（再次修订：设立政务公开体验区）/' mut/content/2026/03/content_103.html
ZWGK_NOW="2026-04-10 09:00:00" A portal sync >recheck-days.out 2>&1
check "agree: after recheck_days an ordinary sync rechecks, and finds the change" \
	sh -c "grep -q '^重新核对已获取的信息 25 条：门户网站上有变化的 1 条，已更新正文。$' recheck-days.out && '$ZWGK' -c agree/p.ini portal search 政务公开体验区 | head -1 | grep -q 'content_103.html'"
# 105 comes back on the list: no longer withdrawn, found again.
cp "$SRC/tests/portal/zfxxgkml/list_1.html" mut/zfxxgkml/list_1.html
A portal sync >/dev/null 2>&1
check "agree: listed again, 105 is no longer withdrawn and is found again" \
	sh -c "test -z \"\$(sqlite3 agree/zwgk.db \"SELECT withdrawn_at FROM portal_doc WHERE url = '$u105'\")\" && '$ZWGK' -c agree/p.ini portal search 职务任免 | grep -q content_105.html"
kill $FIX2PID

run usage Z portal frob
run usage-sync Z portal sync --max-pages 0

kill $FIXPID
summary

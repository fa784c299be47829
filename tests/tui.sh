#!/usr/bin/env bash
# tui.sh - golden-screen tests: zwgk in a fixed-size tmux session under a UTF-8 locale; keys are
# sent, the screen is captured with capture-pane -p and compared with tests/tui/NAME.screen.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/tui
SOCK=zwgk-test-$$
# No LANGUAGE: the Chinese on screen comes from the site's [ui] language, as in `make run`.
unset LANGUAGE
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'TM kill-server >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT

"$ZWGK" init --demo site >/dev/null || exit 1
# Backed up today: the status bar warns about a missing backup only where a test wants it.
"$ZWGK" -c site/zwgk.ini backup >/dev/null || exit 1

# start NAME [ARGS...]: a new session of 80x24 running zwgk; its exit status lands in NAME.exit.
start() {
	local name=$1
	shift
	local try
	TM kill-server >/dev/null 2>&1
	while TM has-session 2>/dev/null; do sleep 0.1; done
	touch "$T/started"
	for try in 1 2 3; do
		TM new-session -d -s z -x 80 -y 24 \
			"env TERM=screen ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$SRC/tests/lsan.supp:print_suppressions=0 $(printf '%q ' "$ZWGK" "$@"); echo \$? >$T/$name.exit; sleep 600" \
			2>/dev/null && break
		sleep 0.5
	done
	TM set-option -g window-size manual >/dev/null
}

screen() { TM capture-pane -p -t z; }

# wait_for TEXT: until the screen shows TEXT (10 s at most: the check build is slow).
wait_for() {
	local i
	for i in $(seq 1 100); do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		# zwgk has exited (its status was written): waiting longer cannot help
		[ -n "$(find "$T" -maxdepth 1 -name '*.exit' -newer "$T/started" -size +0c 2>/dev/null)" ] && break
		sleep 0.1
	done
	not_ok "waiting for: $1" "$(screen 2>/dev/null)"
	return 1
}

keys() { TM send-keys -t z "$@"; }

# golden NAME: compares the screen with tests/tui/NAME.screen (the test folder shown as @T@).
golden() {
	sleep 0.3
	screen | sed "s|$T|@T@|g; s|$SRC|@SRC@|g" >"$T/screen"
	compare "screen: $1" "$T/screen" "$EXP/$1.screen"
}

exited() {
	local name=$1 i
	for i in $(seq 1 100); do
		[ -s "$T/$name.exit" ] && return 0
		sleep 0.1
	done
	return 1
}

# --- the main menu in Chinese at 80x24, after choosing the operator ---
start menu -c site/zwgk.ini
wait_for "谁在值班" && golden operator-pick
keys Enter
wait_for "主菜单" && golden main-menu

# --- F1 lists the keys of the current screen ---
keys F1
wait_for "本屏按键" && golden help-main-menu
keys Escape
wait_for "主菜单"

# F1 pressed again and again on the help page does not stack pages (nor crash)
keys F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1 F1
wait_for "本屏按键"
keys Escape
wait_for "主菜单" && golden main-menu

# PuTTY's default function keys: F1 arrives as ESC [ 1 1 ~ and still opens the help
keys -l $'\e[11~'
wait_for "本屏按键" && check "PuTTY F1 (ESC[11~) opens the help" true
keys Escape
wait_for "主菜单"

# --- the reading room's shelf: the demo's eight items, two of them out of date ---
keys 2
wait_for "资料阅览（8）" && golden shelf-list
# a resize inside a dialog: too small, then back, and the dialog is still there
keys p
wait_for "张贴或放在阅览桌上" && golden shelf-print-confirm
TM resize-window -t z -x 60 -y 18
wait_for "80x24"
TM resize-window -t z -x 80 -y 24
wait_for "张贴或放在阅览桌上" && golden shelf-print-confirm
keys n
wait_for "资料阅览（8）"
# a wider window gives the titles the room
TM resize-window -t z -x 100 -y 30
wait_for "高唐街道便民服务事项办事指南                 办事指南" && golden shelf-list-100x30
TM resize-window -t z -x 80 -y 24
wait_for "巫山县人民政府政府信息~" && keys t
wait_for "只看过期：2 种" && golden shelf-stale
keys F1
wait_for "本屏按键" && golden help-shelf
keys Escape
wait_for "只看过期：2 种" && keys t
wait_for "资料阅览（8）" && keys Escape
wait_for "主菜单"

# --- resize to 60x18 and back: a message, then the same menu again ---
TM resize-window -t z -x 60 -y 18
wait_for "80x24" && golden too-small
TM resize-window -t z -x 80 -y 24
wait_for "主菜单" && golden main-menu

# --- a larger window is used, not just tolerated ---
TM resize-window -t z -x 100 -y 30
wait_for "主菜单" && golden main-menu-100x30
TM resize-window -t z -x 80 -y 24
wait_for "主菜单"

# --- the settings page shows the site's files, calendar coverage and every key ---
keys 7
wait_for "配置文件" && golden settings
keys PageDown
sleep 0.2 && golden settings-page-2
keys Escape
wait_for "主菜单"

# --- quitting restores the terminal and exits 0 ---
keys q
if exited menu; then check "quit: exit status 0" test "$(cat "$T/menu.exit")" = 0; else not_ok "quit: zwgk did not exit"; fi

# --- the unit directory: browse, search, add with Chinese input and Backspace ---
start units -c site/zwgk.ini
wait_for "谁在值班" && keys 2
wait_for "主菜单" && keys 6
wait_for "单位目录" && golden unit-list
keys /
wait_for "查找（" && keys "龙" Enter
wait_for "找到" && golden unit-search
keys Escape
wait_for "单位目录"
keys a
wait_for "新增单位"
keys "巫山县测试局局"
keys BSpace
wait_for "巫山县测试局" && golden unit-form-typed
# the form survives a resize, larger and back, with what was typed
TM resize-window -t z -x 100 -y 30
sleep 0.3 && golden unit-form-100x30
TM resize-window -t z -x 80 -y 24
wait_for "巫山县测试局" && golden unit-form-typed
keys Tab Tab Tab "023-12" F2
wait_for "电话号码；" && golden unit-form-error
keys BSpace BSpace "12345678" C-s
wait_for "单位目录" && golden unit-list-after-add
keys Escape
wait_for "主菜单" && keys q
exited units && check "unit directory: exit status 0 (no leaks)" test "$(cat "$T/units.exit")" = 0
check "unit form: the saved unit is in the database, with the operator" \
	sh -c "'$ZWGK' -c site/zwgk.ini unit export | grep -q '^巫山县测试局,county_dept,,023-12345678,'"
check "unit form: recorded with the operator chosen at start" \
	sh -c "sqlite3 site/zwgk.db \"SELECT updated_by FROM unit WHERE name='巫山县测试局'\" | grep -qx 李华"

# --- a long field scrolls by display width, the cursor stays visible ---
start scroll -c site/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 6
wait_for "单位目录" && keys a
wait_for "新增单位"
keys "巫山县人民政府办公室政务公开科巫山县人民政府办公室政务公开科"
keys BSpace BSpace Left Left
wait_for "公开科" && golden unit-form-scrolled
keys C-c
wait_for "确认" && golden unit-form-discard
keys n
wait_for "新增单位"
check "C-c on a form asks first, and n keeps what was typed" sh -c "tmux -L $SOCK -f /dev/null capture-pane -p -t z | grep -q 公开科"
keys Escape
wait_for "确认"
keys y
wait_for "单位目录" && keys Escape
wait_for "主菜单" && keys q
exited scroll

# --- a large directory pages by keyset: End, PgUp, Down, Home ---
"$ZWGK" init big >/dev/null && "$ZWGK" -c big/zwgk.ini backup >/dev/null
{
	echo "name,kind,township"
	for i in $(seq -w 1 600); do echo "测试村委会$i,village,高唐街道"; done
} >big.csv
"$ZWGK" -c big/zwgk.ini unit import big.csv >/dev/null
start big -c big/zwgk.ini
wait_for "您的姓名" && keys "王五" Enter
wait_for "主菜单" && keys 6
wait_for "单位目录（600）" && keys End
wait_for "测试村委会600" && golden big-end
keys PageUp Up Up
sleep 0.3 && golden big-pgup
keys PageDown PageDown Down
sleep 0.3 && golden big-pgdn-at-end
keys Home Down Down
sleep 0.3 && golden big-home
keys Escape
wait_for "主菜单" && keys q
exited big && check "large directory: exit status 0 (no leaks)" test "$(cat "$T/big.exit")" = 0

# --- the shelf at work: an item put on it, a new issue, details and history, one taken off, the catalogue printed ---
"$ZWGK" init --demo shelf >/dev/null && "$ZWGK" -c shelf/zwgk.ini backup >/dev/null
sed -i "s|^;command = lp|command = $SRC/tests/fake-lp|" shelf/zwgk.ini
export FAKE_LP_DIR=$T/shelf-lp
start shelf -c shelf/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 2
wait_for "资料阅览（8）" && keys a
wait_for "资料上架" && golden shelf-add
# the take-away choice is only there for 办事指南
keys "巫山县医疗保障服务事项办事指南" Tab Right Right Right Right Right Right Right Tab
wait_for "可否带走" && keys "2026年第1版" Tab "C架2层" Tab BSpace "40" Tab
sleep 0.3 && golden shelf-add-typed
keys F2
wait_for "已上架，编号 9" && golden shelf-added
keys Enter
wait_for "资料阅览（9）"
check "shelf: the new service guide may be taken away, placed today by the operator" \
	test "$("$ZWGK" -c shelf/zwgk.ini shelf list --format tsv | awk -F'\t' '$1 == 9 { print $6, $7, $9 }')" = "40 2026-03-09 yes"
# an item that is not a 办事指南 cannot be marked to be taken away; a bad number of copies is said at the field
keys a
wait_for "资料上架" && keys "巫山县惠民惠农政策汇编" Tab Tab "2026年版" Tab "A架1层" Tab BSpace "0" F2
wait_for "不是有效的份数" && golden shelf-add-errors
# put right, it is refused as a second copy of what is on the shelf: its edition is to be replaced
keys BSpace "1" F2
wait_for "已在架上" && golden shelf-add-duplicate
keys Escape
wait_for "确认" && keys y
# the state gazette is out of date: a new issue, then it is current again
wait_for "资料阅览（9）" && keys Home Down Down
wait_for "自 2026-02-24 起过期" && keys r
wait_for "换新版（现为 2026年第3号）" && keys "2026年第5号" F2
wait_for "有效期至 2026-04-09" && golden shelf-replaced
keys Enter
wait_for "办理记录" && golden shelf-detail
keys Escape
# copies and place
wait_for "资料阅览（9）" && keys e
wait_for "份数和摆放位置" && keys BSpace "2" Tab BSpace BSpace "4层" F2
wait_for "A架4层" && keys End
# taken off the shelf: asked first
wait_for "资料阅览（9）" && keys d
wait_for "下架后仍保留记录" && keys y
wait_for "资料阅览（8）" && golden shelf-after-take-off
keys p
wait_for "张贴或放在阅览桌上" && keys y
wait_for "已发送到打印机" && golden shelf-printed
keys Enter
wait_for "资料阅览（8）" && keys Escape
wait_for "主菜单" && keys q
exited shelf && check "shelf: exit status 0 (no leaks)" test "$(cat "$T/shelf.exit")" = 0
"$ZWGK" -c shelf/zwgk.ini shelf print --show >shelf-catalogue.txt
check "shelf: the printed catalogue is the one zwgk shelf print --show gives" cmp -s shelf-lp/job.1 shelf-catalogue.txt
check "shelf: the history of the gazette, with the operator" \
	sh -c "'$ZWGK' -c shelf/zwgk.ini shelf show 3 | grep -q '换新版       张敏  2026年第3号（2026-01-23 上架）换为 2026年第5号'"
check "shelf: copies and place changed" \
	test "$("$ZWGK" -c shelf/zwgk.ini shelf list --format tsv | awk -F'\t' '$1 == 3 { print $5, $6 }')" = "A架4层 2"
check "shelf: the taken-off item is retired, not gone" \
	test "$("$ZWGK" -c shelf/zwgk.ini shelf list --all --format tsv | awk -F'\t' '$11 == "yes" { print $1 }')" = 9

# --- a whole intake in Chinese: a mistyped ID caught and corrected, the receipt to the printer ---
"$ZWGK" init --demo desk >/dev/null && "$ZWGK" -c desk/zwgk.ini backup >/dev/null
sed -i "s|^;command = lp|command = $SRC/tests/fake-lp|; s|^;phone = |phone = 023-00000000|" desk/zwgk.ini
export FAKE_LP_DIR=$T/lp
start intake -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 3
wait_for "登记申请" && golden appl-zone-menu
keys 1
wait_for "登记申请" && wait_for "姓名/名称"
keys "张三" Tab Tab Tab "110105194912310021" Tab "13812345678" Tab Tab Tab Tab
keys Enter
wait_for "选择被申请单位"
keys / "高唐" Enter
wait_for "找到 1 个" && keys Enter
wait_for "巫山县高唐街道办事处" && keys Tab "2025年高唐街道老旧小区改造项目的资金使用情况"
keys F2
wait_for "校验码" && golden intake-id-error
keys BSpace X F2
wait_for "申请已登记" && golden intake-registered
check "intake: the receipt went to the printer" test -s lp/job.1
compare "intake: the receipt lp got" lp/job.1 "$EXP/intake-receipt.txt"
check "intake: saved with the operator and printed" \
	test "$(sqlite3 desk/zwgk.db "SELECT serial, created_by, receipt_printed FROM application")" = "WSGT-2026-00001|张敏|1"
keys Enter
wait_for "申请台账" && keys 2
wait_for "WSGT-2026-00001" && golden appl-ledger
keys Enter
wait_for "WSGT-2026-00001  已接收" && golden appl-detail
keys End
wait_for "办理记录" && golden appl-detail-history
keys Escape
wait_for "申请台账" && keys Escape
# a suggestion, anonymous, through the same zone
wait_for "登记意见建议" && keys 3
wait_for "姓名（可不填）" && keys Tab Tab Enter
wait_for "选择被申请单位"
keys / "高唐" Enter
wait_for "找到 1 个" && keys Enter
wait_for "巫山县高唐街道办事处" && keys Tab "建议在专区增加老年人查询辅助服务" F2
wait_for "意见建议已登记" && golden sug-registered
keys Enter
wait_for "登记意见建议" && keys 4
wait_for "WSGT-JY-2026-00001" && golden sug-ledger
# forwarded, answered, then read whole
keys f
wait_for "转交方式" && keys BSpace 4 Enter
wait_for "接收人" && keys "刘洋" Enter
wait_for "已转交" && keys a
wait_for "答复：" && keys "已增设引导员" Enter
wait_for "已答复" && keys Enter
wait_for "办理记录" && golden sug-detail
keys Escape
# the suggestion ledger on paper: the month so far, the range asked first
wait_for "意见建议台账" && keys l
wait_for "台账起始日期" && golden sug-ledger-from
keys Enter
wait_for "截止日期" && keys Enter
# laid out first: the pages are said before any paper is used
wait_for "页？" && golden sug-ledger-confirm
keys y
wait_for "意见建议台账 正在打印。" && golden sug-ledger-printed
check "sug ledger: the printer got the ledger of the month" \
	sh -c "grep -l '意见建议台账' lp/job.* | xargs grep -q '收到日期 2026-03-01 至 2026-03-09'"
keys Enter
wait_for "意见建议台账" && keys Escape
wait_for "引导记录" && keys 5
wait_for "引导记录" && golden guidance-list
keys Escape
wait_for "登记申请" && keys Escape
wait_for "待转交: 1" && golden status-to-forward
# Quitting with an application not yet forwarded asks first.
keys q
wait_for "尚未转交" && golden quit-unforwarded
keys n
wait_for "主菜单" && keys q
wait_for "尚未转交" && keys y
exited intake && check "intake: exit status 0 (no leaks)" test "$(cat "$T/intake.exit")" = 0

# --- an organisation whose credit code fails the old check: shown once, saved on the second F2;
#     late in the day the unforwarded count turns red ---
start org -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 3
wait_for "登记申请" && keys 1
wait_for "姓名/名称" && keys Up Right
wait_for "法人或其他组织" && keys Tab "重庆某某律师事务所" Tab Tab "91500237MA5UABCD10" Tab "李四" Tab "王五" Tab "023-57681234" Tab Tab Tab Tab
keys Enter
wait_for "选择被申请单位" && keys / "高唐" Enter
wait_for "找到 1 个" && keys Enter
wait_for "巫山县高唐街道办事处" && keys Tab "高唐街道2025年行政执法公示信息" F2
wait_for "F2 即按原样保存" && golden org-warning
keys F2
wait_for "申请已登记" && keys Enter
wait_for "登记申请" && keys Escape
wait_for "主菜单"
red_status() { TM capture-pane -e -p -t z | tail -2 | grep -q $'\e\\[[0-9;]*31m'; }
not_red_status() { ! red_status; }
check "status bar: not red before the hour" not_red_status
keys q
wait_for "尚未转交" && keys y
exited org
ZWGK_NOW="2026-03-09 17:00:00" start late -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单"
check "status bar: red from [registers] forward_by_hour" red_status
keys q
wait_for "尚未转交" && keys y
exited late

# --- the database held by a second instance longer than the busy timeout: the form says so and
#     keeps what was typed; once the other instance lets go, F2 saves ---
start locked -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 3
wait_for "登记申请" && keys 1
wait_for "姓名/名称" && keys "赵六" Tab Tab Tab "11010519491231002X" Tab "13712345678" Tab Tab Tab Tab "巫山县高唐街道办事处" Tab "高唐街道2026年预算" Tab Tab
{ echo "BEGIN IMMEDIATE;"; echo "SELECT 'locked';"; sleep 9; } | sqlite3 desk/zwgk.db >lock.out 2>&1 &
holder=$!
for i in $(seq 1 50); do grep -q locked lock.out 2>/dev/null && break; sleep 0.1; done
keys F2
wait_for "另一个 zwgk 窗口" && golden locked-form
wait $holder
keys F2
wait_for "申请已登记" && keys Enter
wait_for "登记申请" && keys Escape
wait_for "主菜单" && keys q
wait_for "尚未转交" && keys y
exited locked

# --- after forwarding, at the ledger: forward with its slip, 补正 and back, extension, answer ---
start actions -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 3
wait_for "申请台账" && keys 2
wait_for "WSGT-2026-00001" && keys Home f
wait_for "转交方式" && keys Enter
wait_for "接收人" && keys "刘洋" Enter
wait_for "转交单" && golden ask-slip
keys y
wait_for "已转交" && keys b
wait_for "补充" && keys "请写明具体年份" Enter
wait_for "要求日期" && keys Enter
wait_for "待补正" && golden ledger-supplement
keys b
wait_for "收到补正" && keys Enter
wait_for "已转交" && keys x
wait_for "批准" && keys "街道办主任" Enter
wait_for "延期日期" && keys Enter
sleep 0.3 && keys a
wait_for "予以公开" && golden answer-outcomes
keys Enter
wait_for "答复日期" && keys Enter
wait_for "已答复" && golden ledger-answered
# the filters: answered ones only, then Esc shows all again
keys t
wait_for "筛选台账" && keys Right Right Right Right F2
wait_for "筛选：" && golden ledger-filtered
keys Escape
wait_for "已答复"
"$ZWGK" -c desk/zwgk.ini app show WSGT-2026-00001 | sed -n '/^history:/,$p' | awk '{ print $4 }' >history.txt
check "ledger actions: the history has every step" \
	test "$(tr '\n' ' ' <history.txt)" = " received receipt_printed forwarded supplement_requested supplement_received extended answered "
check "ledger actions: the slip went to the printer" sh -c "grep -l 转交单 lp/job.* | grep -q ."
keys Escape
wait_for "登记申请" && keys Escape
wait_for "主菜单" && keys q
exited actions && check "ledger actions: exit status 0 (no leaks)" test "$(cat "$T/actions.exit")" = 0

# --- 政策咨询: a colloquial question typed, the entry picked (not the first), the answer slip printed;
# the same words find it first afterwards; an overdue dispatch shows in the ledger and the status bar ---
"$ZWGK" -c desk/zwgk.ini kb import "$SRC/tests/kb/policy-qa.tsv" >/dev/null
printf 'name=李四\ncontact=13900000000\nquestion=村里修便道的补助啥时候发下来？\nreceived=2026-02-27\n' >late-ask.txt
late=$("$ZWGK" -c desk/zwgk.ini ask add --from late-ask.txt)
"$ZWGK" -c desk/zwgk.ini ask dispatch "$late" --unit 巫山县交通运输委员会 --date 2026-02-27 >/dev/null
start ask -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 4
wait_for "答复政策咨询" && golden ask-zone-menu
keys 1
wait_for "群众的问题"
keys "老汉儿满六十了，养老钱咋个领？"
wait_for "群众的问题： 老汉儿满六十了，养老钱咋个领？" && wait_for "KB007" && golden ask-search
# KB007 (pension age) is fourth: the clerk reads it and gives it.
keys Down Down Down Enter
wait_for "用此条答复" && golden ask-entry
keys Enter
wait_for "已登记为" && golden ask-answered
keys Enter
wait_for "打印答复单" && keys y
wait_for "WSGT-ZX-2026-00002 正在打印。" && keys Enter
check "ask: the answer slip went to the printer" sh -c "grep -l 政策咨询答复单 lp/job.* | xargs grep -l '老汉儿满六十了' | xargs grep -q 'KB007'"
wait_for "按群众的原话输入"
keys "老汉儿满六十了，养老钱咋个领？"
wait_for "群众的问题： 老汉儿满六十了，养老钱咋个领？" && wait_for "KB007" && golden ask-learned
# Typed ahead with Enter at once (as over a slow link, or pasted): Enter reads what the whole question finds.
keys C-u "老汉儿满六十了，养老钱咋个领？" Enter
wait_for "用此条答复" && check "ask: Enter after typing ahead opens the whole question's first entry" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | head -3 | grep -q 'KB007  社会保障'"
keys Escape
keys Escape
wait_for "答复政策咨询" && keys 2
wait_for "咨询台账" && golden ask-ledger
# An answered question goes nowhere else: said at once, before any form.
keys F5
wait_for "现在不能交办" && keys Enter
keys Escape
wait_for "答复政策咨询" && keys 3
wait_for "政策咨询问答库"
keys / "KB007" Enter
wait_for "城乡居民养老保险满足什么条件" && keys n
wait_for "学到的" && golden ask-kb-aliases
# A new entry typed in; the search dropped first (Esc), then the base left.
keys Escape
wait_for "KB007" && keys Escape
wait_for "KB001" && keys a
wait_for "新增条目"
keys Tab Tab "村道硬化补助标准是多少？" Tab "每公里补助按当年县交通部门文件执行。" F2
wait_for "KB-1" && golden ask-kb-added
# An answer in lines (KB022) edited and saved: its line breaks show as ↵ and are kept.
keys / "KB022" Enter
wait_for "工伤认定" && keys e
wait_for "修改条目" && keys Tab Tab Tab Home
wait_for "需提交：↵1.工伤认定申请表" && golden ask-kb-edit-lines
keys End "（以最新规定为准）" F2
wait_for "工伤认定" && keys Escape
check "kb edit: the answer keeps its line breaks" \
	sh -c "'$ZWGK' -c desk/zwgk.ini kb export | grep '^KB022' | grep -q '需提交：\\\\n1\.工伤认定申请表；\\\\n2\..*（以最新规定为准）'"
keys Escape
# The overdue dispatch: the unit's reply, the follow-up call, and the reply made a draft entry.
wait_for "答复政策咨询" && keys 2
wait_for "咨询台账" && keys Home r
wait_for "单位答复日期" && keys Enter
wait_for "答复内容摘要" && keys "补助已拨付到镇，月底前发放。" Enter
wait_for "已回复" && keys c
wait_for "群众对单位的答复满意吗" && keys 1
wait_for "备注" && keys "电话回访" Enter
wait_for "已回复" && keys m
wait_for "草稿条目" && golden ask-ledger-draft
keys Enter
wait_for "咨询台账" && keys Escape
wait_for "答复政策咨询" && keys Escape
wait_for "主菜单" && keys q
exited ask && check "ask: exit status 0 (no leaks)" test "$(cat "$T/ask.exit")" = 0
check "ask: the reply and the follow-up call are recorded" \
	sh -c "'$ZWGK' -c desk/zwgk.ini ask show '$late' | grep -q '^followup: 2026-03-09 满意; 电话回访'"
check "ask: the draft entry holds the reply, linked to the consultation" \
	sh -c "'$ZWGK' -c desk/zwgk.ini kb show KB-2 | grep -q '^answer: 补助已拨付到镇，月底前发放。' && '$ZWGK' -c desk/zwgk.ini kb show KB-2 | grep -q '^status: draft'"
check "ask: the typed entry is published" sh -c "'$ZWGK' -c desk/zwgk.ini kb show KB-1 | grep -q '^status: published'"

# --- 自助查询: the mirror synced from the local fixture server, searched as typed, a document
# opened, found in, printed (free: no charge approved), and its QR code shown ---
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
"$SRC/build/check/http-fixture" "$SRC/tests/portal" http.log 300 >http.port &
FIXPID=$!
for i in $(seq 1 50); do [ -s http.port ] && break; sleep 0.1; done
{ cat desk/zwgk.ini; sed "s/PORT/$(cat http.port)/g" "$SRC/tests/portal/fixture.ini.part"; } >desk/portal.ini
# 渝快办's address as long as a real portal's (120 bytes): its code must still fit 80x24.
ykb_url="http://127.0.0.1:$(cat http.port)/ykb/index.html?channel=zwgk-desk&site=wushan-gaotang-street&from=qr-at-the-disclosure-zone-desk"
sed -i "s|^entrance_ykb = .*|entrance_ykb = ${ykb_url//&/\\&}|" desk/portal.ini
"$ZWGK" -c desk/portal.ini portal sync >/dev/null 2>&1
start query -c desk/portal.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 1
wait_for "查询公开目录"
keys "耕地地力保护补贴"
# Typing pauses: the portal's own search is asked and what the mirror lacks is added, marked.
wait_for "查询公开目录： 耕地地力保护补贴" && wait_for "门户网站搜索另有" && golden query-search
# A wider window has room for the issuing unit beside the 文号.
TM resize-window -t z -x 100 -y 30
wait_for "发布机构" && golden query-search-100x30
TM resize-window -t z -x 80 -y 24
wait_for "查询公开目录： 耕地地力保护补贴"
check "query: the live search was asked once, for the words typed" \
	sh -c "grep -c '^GET /search?q=%E8%80%95%E5%9C%B0%E5%9C%B0%E5%8A%9B%E4%BF%9D%E6%8A%A4%E8%A1%A5%E8%B4%B4&page=1 ' http.log | grep -qx 1"
check "query: and its second page once (the first was full)" \
	sh -c "grep -c '^GET /search?q=%E8%80%95%E5%9C%B0%E5%9C%B0%E5%8A%9B%E4%BF%9D%E6%8A%A4%E8%A1%A5%E8%B4%B4&page=2 ' http.log | grep -qx 1"
keys F4
wait_for "最新在前；" && check "query: F4 sorts newest first" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | sed -n '6,10p' | cut -c2-11 | tr '\n' ' ' | grep -qx '2026-03-06 2026-03-03 2026-01-28 2026-01-12 2025-12-22 '"
keys F4
wait_for "最相关在前；"
keys Enter
wait_for "索引号：" && golden query-doc
keys / "补贴标准" Enter
wait_for "二、补贴标准" && keys p
wait_for "不收费" && golden query-print-free
keys y
wait_for "正在打印。" && keys Enter
doc_url="http://127.0.0.1:$(cat http.port)/content/2026/03/content_101.html"
job=$(grep -l '巫山县2026年耕地地力保护补贴实施方案' lp/job.* | tail -1)
check "query: the document went to the printer with a QR code that scans to its address" \
	test "$(grep -E '^[ #]*#[ #]*$' "$job" | qr_decode)" = "$doc_url"
keys F7
# The address holds the fixture server's port, so the code differs run by run: its shape is checked.
wait_for "█▀▀▀▀▀█" && check "query: the QR code on screen has its finder patterns and fits the window" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | grep -o '█▀▀▀▀▀█' | wc -l | grep -qx 3"
check "query: the QR code on screen scans to the document's address" \
	test "$(screen | grep -E '^[ █▀▄]*[█▀▄][ █▀▄]*$' | qr_decode)" = "$doc_url"
# a on the code's page: drawn with #, which needs a line a module: too tall for 24 lines, said so
keys a
wait_for "行" && check "query: a code drawn with # that cannot fit says how many lines it needs" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | grep -q '需要 [0-9]* 行'"
keys Enter
wait_for "█▀▀▀▀▀█"
keys Escape Escape
# F7 on the results: the document or an entrance; a long address takes the whole screen and scans
wait_for "查询公开目录" && keys F7
wait_for "带走哪一个" && golden query-qr-choose
keys Down Enter
wait_for "█▀▀▀▀▀█" && check "query: 渝快办's long address is drawn over the whole 80x24 screen" \
	sh -c "test \"\$(tmux -L '$SOCK' capture-pane -p -t z | grep -c '[█▀▄]')\" -ge 21"
check "query: 渝快办's QR code scans to its long address" \
	test "$(screen | grep -E '^[ █▀▄]*[█▀▄][ █▀▄]*$' | qr_decode)" = "$ykb_url"
keys Escape
wait_for "查询公开目录" && keys F7
wait_for "带走哪一个" && keys Down Down Enter
wait_for "█▀▀▀▀▀█" && check "query: the service map's QR code scans to its address" \
	test "$(screen | grep -E '^[ █▀▄]*[█▀▄][ █▀▄]*$' | qr_decode)" = "http://127.0.0.1:$(cat http.port)/bmdt/"
keys Escape
wait_for "查询公开目录" && keys Escape
wait_for "主菜单" && keys q
exited query && check "query: exit status 0 (no leaks)" test "$(cat "$T/query.exit")" = 0
# On approved fees: the charge is said before printing, and the paid print goes into the fees ledger.
sed 's/^;per_page = $/per_page = 0.50/; s/^;document = $/document = 巫山发改〔2024〕12号/' desk/portal.ini >desk/fees.ini
start fees -c desk/fees.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 1
wait_for "查询公开目录" && keys "耕地地力保护补贴"
wait_for "巫山府办发〔2026〕12号" && keys Enter
wait_for "索引号：" && keys p
wait_for "元" && golden query-print-paid
keys y
wait_for "正在打印。" && keys Enter
check "query: the paid print is in the fees ledger with its pages and amount" \
	sh -c "'$ZWGK' -c desk/fees.ini report ledger fees --format tsv | grep -q '/content_101.html	2	1.00 元	张敏	巫山发改〔2024〕12号\$'"
keys Escape Escape
wait_for "主菜单" && keys q
exited fees && check "fees: exit status 0 (no leaks)" test "$(cat "$T/fees.exit")" = 0
# Ten days on, after a sync the portal never answered (stopped before reading a page): the
# mirror is out of date, said in words that fit 80 columns, with the last sync that counts.
sed "s|^list_url = .*|list_url = http://127.0.0.1:$(cat http.port)/hang?p={page}|" desk/portal.ini >desk/hang.ini
ZWGK_TODAY=2026-03-19 ZWGK_NOW="2026-03-19 10:00:00" "$ZWGK" -c desk/hang.ini portal sync >/dev/null 2>&1 &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
ZWGK_TODAY=2026-03-19 ZWGK_NOW="2026-03-19 10:00:00" start stale -c desk/portal.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 1
wait_for "查询公开目录" && wait_for "镜像已过期" && golden query-stale
check "query: the stale flag is whole on the line, not cut" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | grep -q '（10 天前），按 F5 同步$'"
keys Escape
wait_for "主菜单" && keys q
exited stale && check "stale: exit status 0 (no leaks)" test "$(cat "$T/stale.exit")" = 0
# The portal's second page of results does not come: a key typed meanwhile stops the wait, and
# what the first page found is shown (the request would otherwise run to its 30 s timeout).
sed -e "s|^search_url = .*|search_url = http://127.0.0.1:$(cat http.port)/search?q={q}\\&page={page}\\&hang=2|" \
	-e 's/^timeout = .*/timeout = 30/' desk/portal.ini >desk/livehang.ini
start livekey -c desk/livehang.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 1
wait_for "查询公开目录" && keys "森林防火"
for i in $(seq 1 100); do grep -q '^GET /search?q=%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB&page=2&hang=2 - 0' http.log && break; sleep 0.1; done
check "live: the first page was full, so the second is asked" \
	grep -q '^GET /search?q=%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB&page=2&hang=2 - 0' http.log
t0=$(date +%s)
keys Down
wait_for "在线：门户网站搜索另有" && check "live: a key typed stops the wait for page 2, page 1's results shown" \
	sh -c "test $(($(date +%s) - t0)) -lt 10 && tmux -L '$SOCK' capture-pane -p -t z | grep -q '\[在线\] 巫山县2025年预算执行情况'"
keys Escape
wait_for "主菜单" && keys q
exited livekey && check "livekey: exit status 0 (no leaks)" test "$(cat "$T/livekey.exit")" = 0
# A document the portal took down (a complete sync marks it so: tests/portal.sh; set directly
# here) is left out of the search, shown with F6 marked [已撤下], and its page says so first.
sqlite3 desk/zwgk.db "UPDATE portal_doc SET withdrawn_at = '2026-03-09 10:00:00' WHERE url LIKE '%/content_105.html'"
sed 's|^search_url = .*|search_url =|' desk/portal.ini >desk/nolive.ini
start withdrawn -c desk/nolive.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 1
wait_for "查询公开目录" && keys "职务任免"
wait_for "李某某同志职务任免" && check "withdrawn: left out of the search" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t z | grep -q '王某某等同志职务任免'"
keys F6 F4
wait_for "[已撤下] 巫山县人民政府关于王某某" && golden query-withdrawn
keys Enter
wait_for "已从门户网站撤下" && golden query-withdrawn-doc
keys Escape F6
wait_for "李某某同志职务任免" && check "withdrawn: F6 again leaves it out" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t z | grep -q '王某某等同志职务任免'"
keys Escape
wait_for "主菜单" && keys q
exited withdrawn && check "withdrawn: exit status 0 (no leaks)" test "$(cat "$T/withdrawn.exit")" = 0
kill $FIXPID 2>/dev/null
wait $FIXPID 2>/dev/null
# The network gone: the mirror still answers, and the desk says plainly that it is offline.
start offline -c desk/portal.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 1
wait_for "查询公开目录" && keys "营养改善"
wait_for "离线：无法连接" && check "query: offline, the mirror's results are still shown" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | grep -q '关于2026年春季学期农村义务教育学生营养改善'"
keys Escape
wait_for "主菜单" && keys q
exited offline && check "offline: exit status 0 (no leaks)" test "$(cat "$T/offline.exit")" = 0

# --- 台账与统计: a ledger for a range of days on screen, a row whole, portrait, printed, exported ---
start reports -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 5
wait_for "台账与统计" && golden reports-menu
keys 1
wait_for "台账起始日期" && keys Enter
wait_for "截止日期" && keys Enter
wait_for "纸张：A4 横向" && golden reports-ledger
keys Enter
wait_for "登记人" && golden reports-ledger-row
keys Escape
wait_for "纸张：A4 横向" && keys o
wait_for "纸张：A4 纵向" && keys p
# n at the question: nothing goes to the printer, nothing is logged
jobs_before=$(ls lp | grep -c '^job\.')
logged_before=$(sqlite3 desk/zwgk.db "SELECT count(*) FROM print_log")
wait_for "页？" && keys n
sleep 0.3
check "reports: a ledger declined at the question is neither printed nor logged" \
	test "$(ls lp | grep -c '^job\.') $(sqlite3 desk/zwgk.db "SELECT count(*) FROM print_log")" = "$jobs_before $logged_before"
keys p
wait_for "页？" && keys y
wait_for "政府信息公开申请台账 正在打印。" && keys Enter
job=lp/args.$(ls lp | grep -c '^args\.')
check "reports: the ledger went to the printer in portrait (no landscape option)" \
	sh -c "grep -qx '政府信息公开申请台账' '$job' && ! grep -q landscape '$job'"
keys x
wait_for "导出台账" && keys 1
wait_for "导出到：" && keys Enter
wait_for "01_2026-03-09.csv" && golden reports-exported
keys Enter
csv=desk/exports/applications_2026-03-01_2026-03-09.csv
check "reports: the export is the CLI's CSV for the same days, mode 0600" \
	sh -c "test \"\$(stat -c %a $csv)\" = 600 && '$ZWGK' -c desk/zwgk.ini report ledger applications --from 2026-03-01 --to 2026-03-09 --format csv | cmp -s - $csv"
keys Escape
wait_for "台账与统计" && keys 5
wait_for "台账起始日期" && keys Enter
wait_for "截止日期" && keys Enter
wait_for "打印内容" && golden reports-prints
keys Escape
# The supervision report of this month, read as a page, printed, exported; table 三 of last year.
wait_for "台账与统计" && keys 7
wait_for "月份（YYYY-MM）：" && keys Enter
wait_for "2026年3月" && golden reports-month
keys p
wait_for "督查月报 正在打印。" && keys Enter
check "reports: the month's report went to the printer" grep -q '2026年3月' "lp/job.$(ls lp | grep -c '^job\.')"
keys x
wait_for "导出到：" && keys Enter
wait_for "month_2026-03.csv" && keys Enter
check "reports: the month's CSV is the CLI's" \
	sh -c "'$ZWGK' -c desk/zwgk.ini report month 2026-03 --format csv | cmp -s - desk/exports/month_2026-03.csv"
keys Escape
wait_for "台账与统计" && keys 9
wait_for "年份：" && keys BSpace 6 Enter
wait_for "生成哪些表" && keys 1
wait_for "本年新收" && golden reports-annual
keys Right
wait_for "←左右键" && golden reports-annual-right
keys End
wait_for "相符。" && check "reports: the annual table's check holds, said under it" true
keys Escape Escape
wait_for "主菜单" && keys q
exited reports && check "reports: exit status 0 (no leaks)" test "$(cat "$T/reports.exit")" = 0

# --- two instances: the clerk's ledger shows what a supporter registers from the shell meanwhile ---
start twin -c desk/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 3
wait_for "申请台账" && keys 2
wait_for "编号" && keys End
next=WSGT-2026-$(printf %05d $(($(sqlite3 desk/zwgk.db 'SELECT count(*) FROM application') + 1)))
check "two instances: the new serial is not on screen yet" sh -c "! tmux -L '$SOCK' capture-pane -p -t z | grep -q '$next'"
cat >twin.txt <<'IN'
applicant_kind=person
name=孙七
id_type=居民身份证
id_number=11010519491231002X
phone=13812345678
target_unit=巫山县高唐街道办事处
description=高唐街道2026年临时救助发放名单
form=纸质
delivery=自行领取
IN
"$ZWGK" -c desk/zwgk.ini app add --from twin.txt >/dev/null
wait_for "$next" && check "two instances: the ledger shows the other instance's registration by itself" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | grep '$next' | grep -q 孙七"
keys Escape Escape
wait_for "主菜单" && keys q
wait_for "尚未转交" && keys y
exited twin && check "two instances: exit status 0 (no leaks)" test "$(cat "$T/twin.exit")" = 0

# --- monochrome: no colour sequences at all; colour: some ---
coloured() { TM capture-pane -e -p -t z | grep -q $'\e\\[[0-9;]*[34][0-7]m'; }
not_coloured() { ! coloured; }
sed "s/^;colour = auto/colour = off/" site/zwgk.ini >site/mono.ini
start mono -c site/mono.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && check "monochrome: no colour in the output" not_coloured
# out of date on the shelf: in words without colour, and red as well with it
keys 2
wait_for "资料阅览（8）" && check "monochrome: no colour on the shelf either" not_coloured
check "monochrome: the out-of-date items say so in words" \
	test "$(screen | grep -c '过期$')" = 2
start colour -c site/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && check "colour: the bars are coloured" coloured
keys 2 Down
red_with() { TM capture-pane -e -p -t z | grep $'\e\\[[0-9;]*31m' | grep -q "$1"; }
not_red_with() { ! red_with "$1"; }
wait_for "资料阅览（8）" && check "colour: the out-of-date items are red" red_with 中华人民共和国国务院公报
check "colour: the other out-of-date item too" red_with 高唐街道基层政务公开标
check "colour: a current item is not red" not_red_with 重庆市人民政府公报

# --- backups: the status bar says when there is none or the newest is too old ---
"$ZWGK" init --demo nobak >/dev/null
start nobak -c nobak/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && golden backup-none
# A backup made while the desk is open: a whole, checked copy.
check "backup: made while the desk is open" \
	sh -c "ZWGK_NOW='2026-03-05 02:00:00' '$ZWGK' -c nobak/zwgk.ini backup >/dev/null && test \"\$(sqlite3 nobak/backups/zwgk-2026-03-05-0200.db 'PRAGMA integrity_check')\" = ok"
keys q
exited nobak
# four days old, more than [backup] max_age_days = 2
start oldbak -c nobak/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && golden backup-old
keys q
exited oldbak
# --- a database others can open: said before anything else, with the chmod that fixes it ---
chmod 644 nobak/zwgk.db
start perm -c nobak/zwgk.ini
wait_for "chmod 600" && golden perm-warning
keys Enter
wait_for "谁在值班" && keys q
exited perm && check "permissions: the desk goes on after the warning, exit status 0" test "$(cat "$T/perm.exit")" = 0

# --- the terminal closed in the middle of a form: what was typed is kept, and offered back ---
"$ZWGK" init --demo draft >/dev/null && "$ZWGK" -c draft/zwgk.ini backup >/dev/null
start cut -c draft/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 3
wait_for "登记申请" && keys 1
wait_for "姓名/名称" && keys "王小丫" Tab Tab Tab "11010519491231002X" Tab "13812345678"
wait_for "13812345678"
kill -HUP "$(pgrep -P "$(TM display -p -t z '#{pane_pid}')")"
exited cut && check "draft: the desk stopped by the closed terminal (status 129)" test "$(cat "$T/cut.exit")" = 129
check "draft: what was typed is kept in spool/, readable by the owner only" \
	sh -c "test \"\$(stat -c %a draft/spool/draft-application.txt)\" = 600 && grep -qx 王小丫 draft/spool/draft-application.txt"
check "draft: nothing was registered" test "$(sqlite3 draft/zwgk.db 'SELECT count(*) FROM application')" = 0
start back -c draft/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "未保存" && golden draft-mentioned
keys Enter
wait_for "主菜单" && keys 3
wait_for "登记申请" && keys 1
wait_for "接着填写" && keys y
wait_for "王小丫" && golden draft-restored
check "draft: offered once, then gone" test ! -e draft/spool/draft-application.txt
keys Escape
wait_for "不保存" && keys y
wait_for "登记申请" && keys Escape
wait_for "主菜单" && keys q
exited back && check "draft: exit status 0 (no leaks)" test "$(cat "$T/back.exit")" = 0

# --- closing the terminal (SIGHUP) ends zwgk cleanly, with status 128 + 1 ---
start hup -c site/zwgk.ini
wait_for "谁在值班" && keys Enter
wait_for "主菜单"
kill -HUP "$(pgrep -P "$(TM display -p -t z '#{pane_pid}')")"
if exited hup; then check "SIGHUP: clean exit, status 129" test "$(cat "$T/hup.exit")" = 129; else not_ok "SIGHUP: zwgk did not exit"; fi

summary

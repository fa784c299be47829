#!/usr/bin/env bash
# report.sh - batch tests of the reports: table 三 of the annual report (收到和处理政府信息公开申请
# 情况) over a register made by hand through the CLI, every cell checked against numbers worked
# out by hand below; the check line, one unit, each unit, CSV read back; and the monthly and
# quarterly supervision report with records on the edges of the periods and an overdue list
# counted in working days over the National Day holiday.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/report-out
LP="$SRC/tests/fake-lp"
export FAKE_LP_DIR=$T/lp
# The reports speak the site's language (zh_CN, as `zwgk init` writes it).
unset LANGUAGE

# A county centre: it registers applications to the county government and its departments.
new_site() {	# new_site DIR
	"$ZWGK" init --demo "$1" >/dev/null || exit 1
	sed -i "s|^type = township|type = county_center|; s|^;command = lp|command = $LP|; s|^;queue = |queue = desk|" \
		"$1/zwgk.ini"
}
new_site site
INI=site/zwgk.ini
U1=巫山县民政局
U2=巫山县教育委员会
U3=巫山县人民政府办公室

# at DAY CMD...: the command as the desk runs it on that day.
at() {
	local day=$1
	shift
	ZWGK_TODAY=$day ZWGK_NOW="$day 10:00:00" "$ZWGK" -c "$INI" "$@"
}

# step DAY CMD...: a step of building the register; a failure is a failed test, said at once.
step() {
	local out
	if ! out=$(at "$@" 2>&1); then
		not_ok "setup: $*" "$out"
	fi
}

# add KIND UNIT RECEIVED: registers an application on the day it was received; prints its serial.
# KIND is person, or the organisation's kind (business, research, welfare, legal, other).
add() {
	local kind=$1 unit=$2 day=$3 serial n
	# Counted in a file: add runs in a subshell.
	n=$(($(cat count 2>/dev/null || echo 0) + 1))
	echo "$n" >count
	if [ "$kind" = person ]; then
		printf 'applicant_kind=person\nname=申请人%d\nid_type=居民身份证\nid_number=11010519491231002X\n' "$n"
	else
		printf 'applicant_kind=org\nname=单位%d\norg_kind=%s\nuscc=91500237MA5UABCD10\nlegal_rep=李四\ncontact_name=王五\n' \
			"$n" "$kind"
	fi >in.txt
	printf 'phone=138%08d\ntarget_unit=%s\ndescription=测试申请 %d\nform=纸质\ndelivery=自行领取\nreceived=%s\n' \
		"$n" "$unit" "$n" "$day" >>in.txt
	# An old credit code only warns (its checksum fails); anything else would be a broken setup.
	serial=$(at "$day" app add --from in.txt 2>in.err)
	if [ -z "$serial" ]; then
		not_ok "setup: register $kind $unit $day" "$(cat in.err)"
	fi
	echo "$serial"
}
fwd() { step "$2" app forward "$1" --method 当面送达 --to 刘洋 --date "$2"; }
answer() { step "$2" app answer "$1" --outcome "$3" --date "$2"; }

# --- The register, year by year. Each line: who applied, to which unit, and what became of it.
# 2025: six applications; two of them closed the same year (A1, A6), four go on into 2026.
A1=$(add person "$U1" 2025-11-03); fwd "$A1" 2025-11-03; answer "$A1" 2025-11-20 1
A2=$(add business "$U1" 2025-12-15); fwd "$A2" 2025-12-15; answer "$A2" 2026-01-12 2
A3=$(add person "$U1" 2025-12-30); fwd "$A3" 2025-12-30; answer "$A3" 2026-01-05 3.1
A4=$(add legal "$U2" 2025-12-31); fwd "$A4" 2025-12-31
step 2026-01-06 app supplement "$A4" --request 请写明所需信息的年份 --date 2026-01-06
step 2026-02-10 app lapse "$A4" --date 2026-02-10
A5=$(add other "$U2" 2025-12-31); fwd "$A5" 2025-12-31
A6=$(add welfare "$U1" 2025-12-20); step 2025-12-28 app withdraw "$A6" --date 2025-12-28
# 2026: every outcome row of table 三, every kind of applicant, and two left open at the year's end.
B1=$(add person "$U1" 2026-01-01); fwd "$B1" 2026-01-04; answer "$B1" 2026-01-20 3.2
B2=$(add business "$U1" 2026-02-13); fwd "$B2" 2026-02-13; answer "$B2" 2026-03-02 1
B3=$(add research "$U1" 2026-03-02); fwd "$B3" 2026-03-02; answer "$B3" 2026-03-20 3.3
B4=$(add welfare "$U1" 2026-03-31); fwd "$B4" 2026-03-31; answer "$B4" 2026-04-01 3.4
B5=$(add legal "$U1" 2026-04-01); fwd "$B5" 2026-04-01; answer "$B5" 2026-04-28 3.5
B6=$(add other "$U1" 2026-05-06); fwd "$B6" 2026-05-06; answer "$B6" 2026-05-20 3.6
B7=$(add person "$U1" 2026-06-01); fwd "$B7" 2026-06-01; answer "$B7" 2026-06-15 3.7
B8=$(add business "$U1" 2026-06-30); fwd "$B8" 2026-06-30; answer "$B8" 2026-07-01 3.8
B9=$(add research "$U2" 2026-07-01); fwd "$B9" 2026-07-01; answer "$B9" 2026-07-20 4.1
B10=$(add welfare "$U2" 2026-08-03); fwd "$B10" 2026-08-03; answer "$B10" 2026-08-20 4.2
B11=$(add legal "$U2" 2026-09-01); fwd "$B11" 2026-09-01
step 2026-09-03 app supplement "$B11" --request 请补充申请内容 --date 2026-09-03
step 2026-09-10 app supplement "$B11" --date 2026-09-10
answer "$B11" 2026-09-24 4.3
B12=$(add other "$U2" 2026-09-30); fwd "$B12" 2026-09-30; answer "$B12" 2026-10-09 5.1
B13=$(add person "$U2" 2026-10-01); fwd "$B13" 2026-10-08; answer "$B13" 2026-10-12 5.2
B14=$(add business "$U2" 2026-10-15); fwd "$B14" 2026-10-15; answer "$B14" 2026-10-20 5.3
B15=$(add research "$U2" 2026-11-02); fwd "$B15" 2026-11-02; answer "$B15" 2026-11-10 5.4
B16=$(add welfare "$U2" 2026-11-16); fwd "$B16" 2026-11-16; answer "$B16" 2026-11-30 5.5
B17=$(add legal "$U3" 2026-12-01); fwd "$B17" 2026-12-01; answer "$B17" 2026-12-10 6.2
B18=$(add other "$U3" 2026-12-07); fwd "$B18" 2026-12-07; answer "$B18" 2026-12-15 6.3
B19=$(add person "$U3" 2026-12-08); step 2026-12-09 app withdraw "$B19" --date 2026-12-09
B20=$(add business "$U1" 2026-12-31); fwd "$B20" 2026-12-31; answer "$B20" 2027-01-05 1
B21=$(add research "$U2" 2026-12-30); fwd "$B21" 2026-12-30
B22=$(add person "$U3" 2026-12-31); answer "$B22" 2026-12-31 1
B23=$(add welfare "$U3" 2026-05-06); fwd "$B23" 2026-05-06; answer "$B23" 2026-05-07 2
B24=$(add person "$U3" 2026-03-31); fwd "$B24" 2026-03-31
step 2026-04-02 app supplement "$B24" --request 请补充身份证明 --date 2026-04-02
step 2026-05-11 app lapse "$B24" --date 2026-05-11
# Withdrawn before zwgk stored 6.3 for a withdrawal: an old row with no outcome code.
B25=$(add other "$U3" 2026-04-10); step 2026-04-15 app withdraw "$B25" --date 2026-04-15
sqlite3 site/zwgk.db "UPDATE application SET outcome = '' WHERE serial = '$B25'"

check "withdraw: stored as outcome 6.3 (其他处理：其他)" \
	sh -c "ZWGK_TODAY=2027-01-10 '$ZWGK' -c $INI app show $B19 | grep -q '^outcome: 6.3 '"
check "withdraw: an old withdrawn row has no outcome code" \
	test "$(sqlite3 site/zwgk.db "SELECT state || '/' || outcome FROM application WHERE serial = '$B25'")" = "withdrawn/"

# --- Table 三 for 2026, worked out by hand from the register above. Columns: 自然人, 商业企业,
# 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. One line per row of the form that holds numbers.
#   一  received in 2026: B1–B25.
#   二  received in 2025, open on 2025-12-31: A2 (商业), A3 (自然人), A4 (法律), A5 (其他).
#   三  closed in 2026, by outcome; 六.1 = A4, B24 (lapsed); 六.3 = B18 (answered 6.3), B19, B25
#       (withdrawn, B25 without a code); B20 closes in 2027 and is not here.
#   四  open on 2026-12-31: A5 (其他), B20 (商业, answered 2027-01-05), B21 (科研).
cat >expect-2026.txt <<'EOF'
一 6 4 4 4 3 4 25
二 1 1 0 0 1 1 4
1 1 1 0 0 0 0 2
2 0 1 0 1 0 0 2
3.1 1 0 0 0 0 0 1
3.2 1 0 0 0 0 0 1
3.3 0 0 1 0 0 0 1
3.4 0 0 0 1 0 0 1
3.5 0 0 0 0 1 0 1
3.6 0 0 0 0 0 1 1
3.7 1 0 0 0 0 0 1
3.8 0 1 0 0 0 0 1
4.1 0 0 1 0 0 0 1
4.2 0 0 0 1 0 0 1
4.3 0 0 0 0 1 0 1
5.1 0 0 0 0 0 1 1
5.2 1 0 0 0 0 0 1
5.3 0 1 0 0 0 0 1
5.4 0 0 1 0 0 0 1
5.5 0 0 0 1 0 0 1
6.1 1 0 0 0 1 0 2
6.2 0 0 0 0 1 0 1
6.3 1 0 0 0 0 2 3
七 7 4 3 4 4 4 26
四 0 1 1 0 0 1 3
EOF
# By unit (巫山县民政局: A2, A3, B1–B8, B20; 巫山县教育委员会: A4, A5, B9–B16, B21;
# 巫山县人民政府办公室: B17–B19, B22–B25), the rows 一, 二, 七, 四 only.
cat >expect-units.txt <<'EOF'
巫山县人民政府办公室 一 3 0 0 1 1 2 7
巫山县人民政府办公室 二 0 0 0 0 0 0 0
巫山县人民政府办公室 七 3 0 0 1 1 2 7
巫山县人民政府办公室 四 0 0 0 0 0 0 0
巫山县教育委员会 一 1 1 3 2 1 1 9
巫山县教育委员会 二 0 0 0 0 1 1 2
巫山县教育委员会 七 1 1 2 2 2 1 9
巫山县教育委员会 四 0 0 1 0 0 1 2
巫山县民政局 一 2 3 1 1 1 1 9
巫山县民政局 二 1 1 0 0 0 0 2
巫山县民政局 七 3 3 1 1 1 1 10
巫山县民政局 四 0 1 0 0 0 0 1
EOF

# numbers FILE: the rows of a text table that hold numbers, as "NAME n1 … n7" in form order
# (the names are those of expect-2026.txt).
ROWS="一 二 1 2 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 4.1 4.2 4.3 5.1 5.2 5.3 5.4 5.5 6.1 6.2 6.3 七 四"
numbers() {
	awk -v rows="$ROWS" 'BEGIN { n = split(rows, name, " ") }
		NF >= 8 && $NF ~ /^[0-9]+$/ && $(NF-6) ~ /^[0-9]+$/ {
			k++; printf "%s", name[k]; for (i = NF - 6; i <= NF; i++) printf " %s", $i; print "" }' "$1"
}
# The rows 一, 二, 七 and 四 (as an awk pattern; awk's character classes may not know CJK).
MAIN_ROWS='$1 == "一" || $1 == "二" || $1 == "七" || $1 == "四"'
# csv_numbers FILE: the same read back from the CSV (BOM and CRLF dropped, cells split at commas).
csv_numbers() {
	sed '1s/^\xEF\xBB\xBF//; s/\r$//' "$1" | awk -F, -v rows="$ROWS" 'BEGIN { n = split(rows, name, " ") }
		NF == 8 && $8 ~ /^[0-9]+$/ {
			k++; printf "%s", name[k]; for (i = 2; i <= 8; i++) printf " %s", $i; print "" }'
}

run annual-2026 at 2027-01-15 report annual 2026
at 2027-01-15 report annual 2026 >annual.txt
numbers annual.txt >got-2026.txt
compare "annual: every cell of table 三 for 2026 is the number worked out by hand" got-2026.txt expect-2026.txt
check "annual: 25 rows of numbers, as on the form" test "$(wc -l <got-2026.txt)" = 25
check "annual: the check line says the columns agree" grep -qx '核对：一＋二＝三（七）＋四，各栏相符。' annual.txt
check "annual: fits A4 landscape: no line wider than 104 columns" test "$(wc -L <annual.txt)" -le 104
check "annual: fits A4 landscape: 40 lines" test "$(wc -l <annual.txt)" -le 40
# Every column is a fixed width, so a row whose last number ends at column 104 has them all in place.
check "annual: the numbers line up: every row of numbers ends at column 104" \
	test "$(grep -E ' [0-9]+$' annual.txt | grep -v 制表 | while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done | sort -u)" = 104
check "annual: the check holds column by column (一 + 二 = 七 + 四)" \
	awk '{ for (i = 2; i <= 8; i++) v[$1, i] = $i }
		END { for (i = 2; i <= 8; i++) if (v["一", i] + v["二", i] != v["七", i] + v["四", i]) exit 1 }' got-2026.txt
check "annual: 七 is the sum of the outcome rows" \
	awk '$1 ~ /^[1-6]/ { for (i = 2; i <= 8; i++) s[i] += $i } $1 == "七" { for (i = 2; i <= 8; i++) t[i] = $i }
		END { for (i = 2; i <= 8; i++) if (s[i] != t[i]) exit 1 }' got-2026.txt

# The year before and after: 2025 by hand (A1–A6), and 2027's 二 is 2026's 四.
cat >expect-2025.txt <<'EOF'
一 2 1 0 1 1 1 6
二 0 0 0 0 0 0 0
1 1 0 0 0 0 0 1
6.3 0 0 0 1 0 0 1
七 1 0 0 1 0 0 2
四 1 1 0 0 1 1 4
EOF
at 2027-01-15 report annual 2025 >annual-2025.txt
numbers annual-2025.txt | awk "$MAIN_ROWS"' || $NF != 0' >got-2025.txt
compare "annual: 2025 by hand (the rows that are not all 0)" got-2025.txt expect-2025.txt
at 2027-01-15 report annual 2027 >annual-2027.txt
check "annual: 2027's 二 (carried over) is 2026's 四 (carried into the next year)" \
	test "$(numbers annual-2027.txt | awk '$1 == "二" { $1 = ""; print }')" = "$(awk '$1 == "四" { $1 = ""; print }' expect-2026.txt)"

# One unit; each unit (a table for each, by name, then all units together).
run annual-unit at 2027-01-15 report annual 2026 --unit "$U2"
at 2027-01-15 report annual 2026 --unit "$U2" >unit.txt
check "annual --unit: the title names the unit" grep -q "被申请单位：$U2" unit.txt
numbers unit.txt | awk -v u="$U2" "$MAIN_ROWS"' { print u, $0 }' >got-unit.txt
grep "^$U2 " expect-units.txt >expect-unit.txt
compare "annual --unit: 一, 二, 七, 四 of $U2 by hand" got-unit.txt expect-unit.txt
run annual-each-unit at 2027-01-15 report annual 2026 --each-unit
at 2027-01-15 report annual 2026 --each-unit >each.txt
check "annual --each-unit: four tables (three units, then all), one page each" test "$(grep -c '收到和处理' each.txt)" = 4
check "annual --each-unit: a form feed between the tables" test "$(tr -cd '\f' <each.txt | wc -c)" = 3
awk 'BEGIN { RS = "\f" } { print > ("page" NR ".txt") }' each.txt
: >got-units.txt
for i in 1 2 3; do
	u=$(sed -n 's/.*被申请单位：\([^ ]*\).*/\1/p' page$i.txt)
	numbers page$i.txt | awk -v u="$u" "$MAIN_ROWS"' { print u, $0 }' >>got-units.txt
done
compare "annual --each-unit: 一, 二, 七, 四 of each unit by hand, units by name" got-units.txt expect-units.txt
numbers page4.txt >got-all.txt
compare "annual --each-unit: the last table is all units, as without --each-unit" got-all.txt expect-2026.txt
check "annual --each-unit: the last table is titled all units" grep -q '被申请单位：全部单位' page4.txt

# CSV: BOM, CRLF, a caption, the heads, then row label and 7 numbers; read back it is the table.
run annual-csv at 2027-01-15 report annual 2026 --format csv
at 2027-01-15 report annual 2026 --format csv >annual.csv
check "annual csv: starts with a BOM" sh -c "head -c 3 annual.csv | od -An -tx1 | grep -q 'ef bb bf'"
check "annual csv: lines end in CRLF" test "$(grep -c $'\r$' annual.csv)" = "$(wc -l <annual.csv)"
check "annual csv: the heads are the form's columns" \
	sh -c "sed -n '2p' annual.csv | tr -d '\r' | grep -qx '项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计'"
csv_numbers annual.csv >got-csv.txt
compare "annual csv: read back, every cell is the number worked out by hand" got-csv.txt expect-2026.txt
check "annual csv: an item is named with its group" grep -qx $'（三）不予公开 1.属于国家秘密,1,0,0,0,0,0,1\r' annual.csv
mkdir -p export
run annual-output at 2027-01-15 report annual 2026 --format csv --output export/table3.csv
check "annual --output: the file is the owner's only (0600)" test "$(stat -c %a export/table3.csv)" = 600
check "annual --output: the file is what standard output gets" cmp -s export/table3.csv annual.csv
run annual-output-no-dir at 2027-01-15 report annual 2026 --output nodir/table3.txt

# Printed: the text, in landscape, logged.
run annual-print at 2027-01-15 report annual 2026 --format print
check "annual print: lp was asked for landscape" sh -c "tr '\n' ' ' <lp/args.1 | grep -q -- '-o landscape '"
check "annual print: the printed page is the one shown" cmp -s lp/job.1 annual.txt
check "annual print: logged in the print log" \
	test "$(sqlite3 site/zwgk.db "SELECT what || ' ' || ref || ' ' || ok FROM print_log ORDER BY id DESC LIMIT 1")" = "annual 2026 1"
run annual-print-fails env FAKE_LP_MODE=scheduler-down ZWGK_TODAY=2027-01-15 "$ZWGK" -c $INI report annual 2026 --format print
check "annual print: a failed print is logged too" \
	test "$(sqlite3 site/zwgk.db "SELECT ok FROM print_log ORDER BY id DESC LIMIT 1")" = 0

# English: the same table with English labels (LANGUAGE wins over the site's language).
run annual-en env LANGUAGE=en ZWGK_TODAY=2027-01-15 "$ZWGK" -c $INI report annual 2026 --unit "$U3"

# The check fails: closed without an outcome code, with a code that is no row, answered before it
# was received. The table is still printed, the failing columns and applications named, exit 1.
cp -r site broken
sqlite3 broken/zwgk.db "UPDATE application SET outcome = '' WHERE serial = '$B2';
	UPDATE application SET outcome = '7.1' WHERE serial = '$B15';
	UPDATE application SET answered = '2025-12-30' WHERE serial = '$B7'"
run annual-unbalanced env ZWGK_TODAY=2027-01-15 "$ZWGK" -c broken/zwgk.ini report annual 2026
ZWGK_TODAY=2027-01-15 "$ZWGK" -c broken/zwgk.ini report annual 2026 >broken.txt 2>broken.err
check "annual unbalanced: exit status 1" test $? = 1
tr -d '\n' <broken.txt >broken-joined.txt
check "annual unbalanced: the failing columns with both sides (the line wraps at 104 columns)" \
	grep -q '以下各栏不相符：自然人（一＋二＝7，三（七）＋四＝6），商业企业（一＋二＝5，三（七）＋四＝4），科研机构（一＋二＝4，三（七）＋四＝3），总计（一＋二＝29，三（七）＋四＝26）' broken-joined.txt
check "annual unbalanced: each application that breaks it is named" \
	sh -c "grep -q '$B2  2026-03-02 已办结，但没有记录办理结果代码' broken.txt &&
		grep -q '$B15  2026-11-10 已办结，办理结果代码“7.1”不是表中的任何一行' broken.txt &&
		grep -q '$B7  办结日期 2025-12-30 早于接收日期 2026-06-01' broken.txt"
check "annual unbalanced: the message on stderr says it in Chinese" \
	grep -q '^zwgk: 表三核对不相符（一＋二≠三（七）＋四）：全部单位：自然人，商业企业，科研机构，总计栏不相符（造成不相符的申请 3 件）' broken.err
ZWGK_TODAY=2027-01-15 "$ZWGK" -c broken/zwgk.ini report annual 2026 --format csv >broken.csv 2>/dev/null
check "annual unbalanced: CSV is written whole, exit 1" test $? = 1 -a "$(csv_numbers broken.csv | wc -l)" = 25

# Bad input: Chinese messages, exit 2.
run annual-bad-year at 2027-01-15 report annual 26
run annual-bad-year-text at 2027-01-15 report annual 二〇二六
run annual-future-year at 2027-01-15 report annual 2028
run annual-unknown-unit at 2027-01-15 report annual 2026 --unit 巫山县不存在局
run annual-unit-and-each at 2027-01-15 report annual 2026 --unit "$U1" --each-unit
run annual-bad-format at 2027-01-15 report annual 2026 --format xls
run annual-usage at 2027-01-15 report annual
run annual-bad-option at 2027-01-15 report annual 2026 --frob x

# --- The supervision report, on a site of its own.
new_site sv
INI=sv/zwgk.ini
step 2026-03-09 kb import "$SRC/tests/kb/policy-qa.tsv"
# Applications (S1–S12): forwarded the same day, late, not at all; closed on time, late, withdrawn.
S1=$(add person "$U1" 2026-02-28); fwd "$S1" 2026-02-28; answer "$S1" 2026-03-27 1
S2=$(add person "$U1" 2026-03-01); fwd "$S2" 2026-03-02; answer "$S2" 2026-03-20 1
S3=$(add business "$U1" 2026-03-31); fwd "$S3" 2026-03-31; answer "$S3" 2026-04-20 1
S4=$(add person "$U2" 2026-03-31); fwd "$S4" 2026-04-01; answer "$S4" 2026-04-28 1
S5=$(add person "$U1" 2026-03-16); answer "$S5" 2026-03-16 5.3
S6=$(add legal "$U2" 2026-02-02); fwd "$S6" 2026-02-02; answer "$S6" 2026-03-31 4.1
S7=$(add person "$U2" 2026-01-05); fwd "$S7" 2026-01-05; answer "$S7" 2026-04-15 1
S8=$(add person "$U1" 2026-03-02); fwd "$S8" 2026-03-02; step 2026-03-10 app withdraw "$S8" --date 2026-03-10
S9=$(add person "$U3" 2026-09-01); fwd "$S9" 2026-09-01
S10=$(add person "$U3" 2026-09-30); fwd "$S10" 2026-10-08
S11=$(add person "$U3" 2026-10-01); fwd "$S11" 2026-10-08
S12=$(add welfare "$U3" 2026-07-01); fwd "$S12" 2026-07-01; answer "$S12" 2026-09-30 2
# Consultations (Q1–Q9): answered from the knowledge base, dispatched, redirected, only logged.
ask() {	# ask DAY [KEY=VALUE...]: logs a consultation on the day; prints its serial
	local day=$1
	shift
	printf 'name=咨询人\ncontact=13900000000\nquestion=测试咨询\nreceived=%s\n' "$day" >q.txt
	for kv in "$@"; do echo "$kv" >>q.txt; done
	at "$day" ask add --from q.txt | head -1 | awk '{ print $1 }'
}
Q1=$(ask 2026-03-02 entry=KB007)
Q2=$(ask 2026-03-31); step 2026-03-31 ask dispatch "$Q2" --unit "$U1" --date 2026-03-31
step 2026-04-10 ask reply "$Q2" --date 2026-04-10 --text 已电话答复
Q3=$(ask 2026-03-05); step 2026-03-05 ask dispatch "$Q3" --unit "$U1" --date 2026-03-05
step 2026-03-12 ask reply "$Q3" --date 2026-03-12 --text 已电话答复
Q4=$(ask 2026-03-09); step 2026-03-09 ask dispatch "$Q4" --unit "$U2" --date 2026-03-09
step 2026-03-20 ask reply "$Q4" --date 2026-03-20 --text 已书面答复
Q5=$(ask 2026-03-10); step 2026-03-10 ask dispatch "$Q5" --unit "$U2" --date 2026-03-10
step 2026-04-20 ask reply "$Q5" --date 2026-04-20 --text 已书面答复
Q6=$(ask 2026-03-11); step 2026-03-11 ask redirect "$Q6" --unit "$U3"
Q7=$(ask 2026-03-12)
Q8=$(ask 2026-02-27); step 2026-02-27 ask dispatch "$Q8" --unit "$U1" --date 2026-02-27
step 2026-03-03 ask reply "$Q8" --date 2026-03-03 --text 已电话答复
Q9=$(ask 2026-04-01)
# Suggestions (G1–G3).
sug() {	# sug DAY REPLIED: a suggestion received on the day and answered on REPLIED
	printf 'target_unit=%s\ncontent=测试意见\nchannel=意见箱\nreceived=%s\n' "$U1" "$1" >g.txt
	local s
	s=$(at "$1" sug add --from g.txt)
	step "$2" sug reply "$s" --text 已采纳 --date "$2"
}
sug 2026-03-01 2026-03-05
sug 2026-03-31 2026-04-02
sug 2026-02-28 2026-03-02
check "supervision setup: 12 applications, 9 consultations, 3 suggestions" \
	test "$(sqlite3 sv/zwgk.db 'SELECT (SELECT count(*) FROM application) || (SELECT count(*) FROM consultation) || (SELECT count(*) FROM suggestion)')" = 1293

# figures FILE: "label value" for the figures of a text report (the value is the last field).
figures() { awk '/^=+$/ { on = 1; next } /^-+$/ && on { n++ } n == 1 && NF >= 2 { print $1, $NF } n == 2 { exit }' "$1"; }

# March 2026, run in April: as of 31 March. Worked out by hand:
#   received in March: S2 (1 March, forwarded 2 March: late), S3 (31 March, same day), S4 (31
#   March, forwarded 1 April: not yet at the 31st), S5 (answered at the desk, never forwarded),
#   S8 (same day, withdrawn 10 March). Closed in March: S1 on its deadline day (27 March), S2 on
#   time (deadline 27 March), S5 on time, S6 late (deadline 6 March: 20 working days over the
#   Spring Festival), S8 withdrawn.
#   Open and overdue on the 31st: S7 (deadline 2 February; answered only on 15 April).
#   Consultations in March: Q1 answered from KB007; Q2–Q5 dispatched; Q6 redirected; Q7 only
#   logged: 1 of 7 on the spot = 14.3%. Replies in March: Q3 (12 March, due 12 March) and Q8
#   (3 March, due 5 March: the make-up Saturday 28 February counts) on time, Q4 (20 March, due 16 March) late. Q5 (due 17 March,
#   replied 20 April) open and overdue on the 31st. Suggestions: received G1, G2; answered G1, G3.
cat >expect-march.txt <<'EOF'
本期接收申请 5
当日转交 2
逾期转交（晚于接收当日） 1
尚未转交 1
未经转交即办结 1
本期办结申请 5
按期答复 3
逾期答复 1
申请人撤回或逾期不补正 1
截至统计日超期未办结申请 1
本期接收咨询 7
依问答库当场答复 1
交办承办单位 4
引导至其他单位 1
仅登记 1
问答库当场答复率 14.3%
本期交办咨询按期回复 2
本期交办咨询逾期回复 1
截至统计日交办咨询超期未回复 1
本期接收意见建议 2
本期答复意见建议 2
EOF
run month-2026-03 at 2026-04-15 report month 2026-03
at 2026-04-15 report month 2026-03 >march.txt
figures march.txt >got-march.txt
compare "month 2026-03: every figure is the number worked out by hand" got-march.txt expect-march.txt
check "month 2026-03: as of the period's last day" grep -q '统计期 2026-03-01 至 2026-03-31   截至 2026-03-31' march.txt
# The overdue list: S7 from 2 February to 31 March is 37 working days (2/3–2/6: 4, 2/9–2/13: 5,
# the make-up Saturday 2/14: 1, 2/24–2/27: 4, the make-up Saturday 2/28: 1, 3/2–3/27: 20,
# 3/30–3/31: 2); Q5 from 17 to 31 March is 10 (3/18–3/20, 3/23–3/27, 3/30–3/31).
check "month 2026-03: overdue list: S7, 37 working days" grep -Eq "^申请 +$S7 +$U2 +2026-02-02 +37\$" march.txt
check "month 2026-03: overdue list: Q5, 10 working days" grep -Eq "^咨询 +$Q5 +$U2 +2026-03-17 +10\$" march.txt
check "month 2026-03: the overdue list is on a page of its own, numbered on" \
	sh -c "awk 'BEGIN { RS = \"\f\" } END { exit !(NR == 2 && /第 2 页/ && /截至 2026-03-31 超期未办结清单/) }' march.txt"
check "month 2026-03: no line wider than 80 columns (A4 portrait)" test "$(wc -L <march.txt)" -le 80

# February: a record on the 28th (S1, G3) and the 27th (Q8); nothing of 1 March.
at 2026-04-15 report month 2026-02 >feb.txt
check "month 2026-02: S1 (28 Feb) and S6 (2 Feb) received, S2 (1 Mar) not" \
	test "$(figures feb.txt | awk '$1 == "本期接收申请" { print $2 }')" = 2
check "month 2026-02: G3 (28 Feb) received, G1 (1 Mar) not" \
	test "$(figures feb.txt | awk '$1 == "本期接收意见建议" { print $2 }')" = 1
check "month 2026-02: Q8 (27 Feb) received and dispatched" \
	test "$(figures feb.txt | awk '$1 == "本期接收咨询" || $1 == "交办承办单位" { printf "%s ", $2 }')" = "1 1 "

# Quarters: Q3 ends on 30 September (S10 received that day, forwarded after the holiday), Q4
# begins on 1 October (S11, a holiday). S9's deadline is 29 September (20 working days from
# 1 September, the make-up Sunday 20 September counted, 25–27 September off).
at 2026-10-15 report quarter 2026-Q3 >q3.txt
cat >expect-q3.txt <<'EOF'
本期接收申请 3
当日转交 2
逾期转交（晚于接收当日） 0
尚未转交 1
未经转交即办结 0
本期办结申请 1
按期答复 0
逾期答复 1
申请人撤回或逾期不补正 0
截至统计日超期未办结申请 1
本期接收咨询 0
依问答库当场答复 0
交办承办单位 0
引导至其他单位 0
仅登记 0
问答库当场答复率 —
本期交办咨询按期回复 0
本期交办咨询逾期回复 0
截至统计日交办咨询超期未回复 0
本期接收意见建议 0
本期答复意见建议 0
EOF
figures q3.txt >got-q3.txt
compare "quarter 2026-Q3: every figure worked out by hand (S9, S10, S12; S12 answered late)" got-q3.txt expect-q3.txt
check "quarter 2026-Q3: S9 overdue by 1 working day on 30 September" grep -Eq "^申请 +$S9 +$U3 +2026-09-29 +1\$" q3.txt
run quarter-2026-Q4 at 2026-10-09 report quarter 2026-Q4
at 2026-10-09 report quarter 2026-Q4 >q4.txt
check "quarter 2026-Q4 (not over): as of today" grep -q '统计期 2026-10-01 至 2026-12-31   截至 2026-10-09' q4.txt
check "quarter 2026-Q4: S11 (1 October) received and forwarded late; S10 (30 September) not here" \
	test "$(figures q4.txt | awk '$1 == "本期接收申请" || $1 ~ /^逾期转交/ { printf "%s ", $2 }')" = "1 1 "
# Over the National Day holiday (1–7 October off): 30 September, 8 and 9 October.
check "quarter 2026-Q4: S9 overdue by 3 working days on 9 October, over the holiday" \
	grep -Eq "^申请 +$S9 +$U3 +2026-09-29 +3\$" q4.txt
at 2026-11-02 report month 2026-10 >oct.txt
# 30 September, 8–9 October, the make-up Saturday 10 October, then 12–16, 19–23, 26–30: 19.
check "month 2026-10: S9 overdue by 19 working days on 31 October" grep -Eq "^申请 +$S9 +$U3 +2026-09-29 +19\$" oct.txt
check "month 2026-10: S10 (30 September) is not received in October, S11 (1 October) is" \
	test "$(figures oct.txt | awk '$1 == "本期接收申请" { print $2 }')" = 1
# Into a year the calendar does not cover (2027): the count is marked provisional.
at 2027-01-15 report month 2027-01 >jan.txt
check "month 2027-01: working days counted into 2027 are marked provisional" \
	grep -Eq "^申请 +$S9 +$U3 +2026-09-29 +[0-9]+（暂定）\$" jan.txt
at 2026-10-15 report month 2026-09 >sep.txt
check "month 2026-09: S9 and S10 (30 September) received in September" \
	test "$(figures sep.txt | awk '$1 == "本期接收申请" { print $2 }')" = 2
at 2026-10-15 report quarter 2026-Q2 >q2.txt
check "quarter 2026-Q2: nothing overdue at 30 June, said so" grep -q '截至 2026-06-30 没有超期未办结的申请和交办咨询。' q2.txt
check "quarter 2026-Q2: no list page when nothing is overdue" test "$(tr -cd '\f' <q2.txt | wc -c)" = 0

# CSV, --output, print.
run month-csv at 2026-04-15 report month 2026-03 --format csv
at 2026-04-15 report month 2026-03 --format csv >march.csv
check "month csv: starts with a BOM" sh -c "head -c 3 march.csv | od -An -tx1 | grep -q 'ef bb bf'"
sed '1s/^\xEF\xBB\xBF//; s/\r$//' march.csv | awk -F, 'NR > 2 && NF == 2 && $2 != "" { print $1, $2 }' >got-march-csv.txt
compare "month csv: read back, every figure worked out by hand" got-march-csv.txt expect-march.txt
check "month csv: the overdue list follows its heads" \
	sh -c "tr -d '\r' <march.csv | grep -A2 '^类别,编号,承办单位,办理期限,超期工作日\$' | tail -2 | cut -d, -f1,4,5 | tr '\n' ' ' | grep -qx '申请,2026-02-02,37 咨询,2026-03-17,10 '"
run month-output at 2026-04-15 report month 2026-03 --output export/march.txt
check "month --output: 0600, what standard output gets" \
	sh -c "test \$(stat -c %a export/march.txt) = 600 && cmp -s export/march.txt march.txt"
run month-print at 2026-04-15 report month 2026-03 --format print
check "month print: the printed report is the one shown, logged" \
	sh -c "cmp -s lp/job.\$(ls lp | grep -c '^job\.') march.txt &&
		test \"\$(sqlite3 sv/zwgk.db \"SELECT what || ' ' || ref FROM print_log ORDER BY id DESC LIMIT 1\")\" = 'supervision 2026-03'"

# Bad input: Chinese messages, exit 2.
run month-bad at 2026-04-15 report month 2026-13
run month-bad-shape at 2026-04-15 report month 2026-3
run month-future at 2026-04-15 report month 2026-05
run quarter-bad at 2026-04-15 report quarter 2026-Q5
run quarter-bad-shape at 2026-04-15 report quarter 2026Q1
run quarter-future at 2026-04-15 report quarter 2026-Q3
run period-bad-format at 2026-04-15 report month 2026-03 --format tsv
run period-usage at 2026-04-15 report quarter
run report-usage at 2026-04-15 report frob

summary

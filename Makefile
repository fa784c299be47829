# zwgk - the desk program of a 政务公开专区. Plain GNU make; see README.md.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    := $(PREFIX)/bin
DATADIR   := $(PREFIX)/share/zwgk
LOCALEDIR := $(PREFIX)/share/locale
MANDIR    := $(PREFIX)/share/man
DOCDIR    := $(PREFIX)/share/doc/zwgk

CC        ?= cc
PKG_CONFIG ?= pkg-config
PKGS      := ncursesw sqlite3 libcurl libxml-2.0 libqrencode
CFLAGS    ?= -O2 -g
WARNINGS  := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
ZWGK_CPPFLAGS = -D_GNU_SOURCE -Isrc -Isrc/core -I/usr/include/iniparser \
	-DZWGK_VERSION='"$(VERSION)"' -DZWGK_DATADIR='"$(DATADIR)"' -DZWGK_LOCALEDIR='"$(LOCALEDIR)"' \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS      := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -liniparser -lm

# The check build: warnings are errors, AddressSanitizer and UBSan on.
CHECK_FLAGS := -O1 -g -Werror -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

CORE_SRC  := $(sort $(wildcard src/core/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
UI_SRC    := $(sort $(wildcard src/ui/*.c))
APP_SRC   := $(CORE_SRC) $(CLI_SRC) $(UI_SRC) src/main.c
TEST_SRC  := $(sort $(wildcard tests/unit/*.c))

OBJ       := $(APP_SRC:%.c=build/obj/%.o)
CHECK_OBJ := $(APP_SRC:%.c=build/check/%.o)
CHECK_CORE_OBJ := $(CORE_SRC:%.c=build/check/%.o)
TEST_OBJ  := $(TEST_SRC:%.c=build/check/%.o)

LINGUAS   := zh_CN
MO        := $(LINGUAS:%=build/locale/%/LC_MESSAGES/zwgk.mo)

# What `make deps` makes sure is installed (Debian 12 package names).
DEB_BUILD := make gcc pkg-config libncurses-dev libsqlite3-dev libiniparser-dev libcurl4-openssl-dev libxml2-dev libqrencode-dev gettext
DEB_RUN   := cups-client
DEB_TEST  := tmux sqlite3 locales curl zbar-tools time clang libclang-rt-14-dev valgrind bsdutils
DEB_PKGS  := $(DEB_BUILD) $(DEB_RUN) $(DEB_TEST)

# Quiet build lines unless V=1.
ifeq ($(V),1)
Q :=
else
Q := @
endif

# `make run` keeps its demo site here.
RUN_DIR   ?= data/demo

.PHONY: all run deps check unit-tests clean install uninstall pot update-po bench fuzz fuzz-build

all: build/zwgk $(MO)

build/zwgk: $(OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ZWGK_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(WARNINGS) -MMD -MP -c -o $@ $<

build/check/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (check)"
	$(Q)$(CC) $(ZWGK_CPPFLAGS) $(CPPFLAGS) $(CHECK_FLAGS) $(WARNINGS) -MMD -MP -c -o $@ $<

build/check/zwgk: $(CHECK_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(CHECK_FLAGS) -o $@ $(CHECK_OBJ) $(LIBS)

build/check/unit-tests: $(TEST_OBJ) $(CHECK_CORE_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(CHECK_FLAGS) -o $@ $(TEST_OBJ) $(CHECK_CORE_OBJ) $(LIBS)

build/locale/%/LC_MESSAGES/zwgk.mo: locale/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	$(Q)msgfmt --check --statistics -o $@ $<

-include $(OBJ:.o=.d) $(CHECK_OBJ:.o=.d) $(TEST_OBJ:.o=.d)

# Installs the Debian packages that are missing: as root directly, otherwise through sudo.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; exit 0; fi; \
	echo "deps: missing:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	else echo "deps: cannot install as $$(id -un). Run as root:"; \
	     echo "  apt-get update && apt-get install -y$$missing"; exit 1; fi; \
	echo "deps: installing with $${SUDO:-apt-get as root}"; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null || \
	  { echo "deps: apt-get failed; run: apt-get update && apt-get install -y$$missing"; exit 1; }

# Builds, creates the demo site on first use, and opens the desk on it in Chinese.
run: deps
	@$(MAKE) --no-print-directory all
	@if [ ! -f $(RUN_DIR)/zwgk.ini ]; then \
	  ZWGK_DATADIR=$(CURDIR)/contrib ZWGK_LOCALEDIR=$(CURDIR)/build/locale build/zwgk init --demo $(RUN_DIR) || exit 1; \
	  ZWGK_DATADIR=$(CURDIR)/contrib ZWGK_LOCALEDIR=$(CURDIR)/build/locale build/zwgk -c $(RUN_DIR)/zwgk.ini \
	    kb import tests/kb/policy-qa.tsv || exit 1; \
	fi
	@loc=$$(locale charmap 2>/dev/null); \
	if [ "$$loc" != "UTF-8" ]; then echo "run: the locale is not UTF-8 ($$loc); using C.UTF-8"; \
	  export LC_ALL=C.UTF-8; fi; \
	env -u LANGUAGE ZWGK_DATADIR=$(CURDIR)/contrib ZWGK_FORMSDIR=$(CURDIR)/forms ZWGK_LOCALEDIR=$(CURDIR)/build/locale build/zwgk -c $(RUN_DIR)/zwgk.ini

unit-tests: build/check/unit-tests

# A local SMTP server for the e-mail forwarding tests.
build/check/smtp-sink: tests/smtp-sink.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) -D_GNU_SOURCE -O1 -g $(WARNINGS) -Werror -o $@ $<

# A local HTTP server for the portal tests (fixtures in tests/portal).
build/check/http-fixture: tests/http-fixture.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) -D_GNU_SOURCE -O1 -g $(WARNINGS) -Werror -o $@ $<

check: build/check/zwgk build/check/unit-tests build/check/smtp-sink build/check/http-fixture $(MO) fuzz-build
	@ZWGK_SRC=$(CURDIR) tests/run

# The fuzz harnesses (tests/fuzz): libFuzzer with clang, ASan and UBSan, over the core objects
# built once more with coverage. `make fuzz` runs each for FUZZ_SECONDS on its corpus
# (build/fuzz/corpus/NAME, seeded from tests/fuzz/corpus/NAME); FUZZ_ONLY=NAME runs one.
# `make check` replays tests/fuzz/regress and fuzzes each a few seconds (tests/fuzz.sh).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_CORE_OBJ := $(CORE_SRC:%.c=build/fuzz/obj/%.o) build/fuzz/obj/tests/fuzz/fuzz.o

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (fuzz)"
	$(Q)$(FUZZ_CC) $(ZWGK_CPPFLAGS) -Itests/fuzz -DFUZZ_SRCDIR='"$(CURDIR)"' $(CPPFLAGS) $(FUZZ_FLAGS) \
	  -fsanitize=fuzzer-no-link $(WARNINGS) -Wno-missing-field-initializers -Wno-format-nonliteral -MMD -MP -c -o $@ $<

build/fuzz/fuzz_%: build/fuzz/obj/tests/fuzz/fuzz_%.o $(FUZZ_CORE_OBJ)
	@echo "  LD      $@"
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

-include $(FUZZ_CORE_OBJ:.o=.d) $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/obj/tests/fuzz/%.d)

# Kept between runs (make would delete them as intermediates, after the check's last line).
.SECONDARY: $(FUZZ_CORE_OBJ) $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/obj/tests/fuzz/%.o)

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	@ZWGK_SRC=$(CURDIR) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_ONLY="$(FUZZ_ONLY)" tests/fuzz/run

# The benchmarks (not part of check), with the optimised core objects, not the sanitized ones:
# the knowledge-base search (BENCH_SIZES="1000 10000" for a quicker run), then the reports over
# a generated site (BENCH_ROWS="100000" for a quicker run), then the desk itself on the largest
# of those sites (start-up, lists, memory per screen, bytes to the terminal); BENCH_ONLY=kb,
# BENCH_ONLY=reports or BENCH_ONLY=ui runs one of them.
CORE_OBJ  := $(CORE_SRC:%.c=build/obj/%.o)

build/bench/kbgen: tests/bench/kbgen.c tests/bench/rng.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) -D_GNU_SOURCE $(CFLAGS) $(WARNINGS) -o $@ $<

build/bench/kb-bench: build/obj/tests/bench/kb-bench.o $(CORE_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

-include build/obj/tests/bench/kb-bench.d

build/bench/sitegen: build/obj/tests/bench/sitegen.o build/obj/tests/bench/sitegen-portal.o $(CORE_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

-include build/obj/tests/bench/sitegen.d build/obj/tests/bench/sitegen-portal.d

build/bench/page-bench: build/obj/tests/bench/page-bench.o $(CORE_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

-include build/obj/tests/bench/page-bench.d

bench: build/zwgk $(MO) build/bench/kbgen build/bench/kb-bench build/bench/sitegen build/bench/page-bench
	@if [ -z "$(BENCH_ONLY)" ] || [ "$(BENCH_ONLY)" = kb ]; then ZWGK_SRC=$(CURDIR) BENCH_SIZES="$(BENCH_SIZES)" tests/bench/run || exit 1; fi
	@if [ -z "$(BENCH_ONLY)" ] || [ "$(BENCH_ONLY)" = reports ]; then echo; ZWGK_SRC=$(CURDIR) BENCH_ROWS="$(BENCH_ROWS)" tests/bench/report-bench || exit 1; fi
	@if [ -z "$(BENCH_ONLY)" ] || [ "$(BENCH_ONLY)" = ui ]; then echo; ZWGK_SRC=$(CURDIR) BENCH_ROWS="$(BENCH_ROWS)" tests/bench/ui-bench; fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/forms $(DESTDIR)$(DATADIR)/contrib \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	install -m 0755 build/zwgk $(DESTDIR)$(BINDIR)/zwgk
	install -m 0644 contrib/holidays.txt contrib/synonyms.txt contrib/units-wushan.csv $(DESTDIR)$(DATADIR)/
	install -m 0644 contrib/zwgk.ini.sample contrib/portal-wushan.ini contrib/README.md $(DESTDIR)$(DATADIR)/contrib/
	install -m 0644 forms/* $(DESTDIR)$(DATADIR)/forms/
	install -m 0644 contrib/zwgk.1 $(DESTDIR)$(MANDIR)/man1/zwgk.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0644 contrib/zwgk.bash-completion $(DESTDIR)$(PREFIX)/share/bash-completion/completions/zwgk
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 0644 contrib/zwgk-backup.cron contrib/zwgk-backup.service contrib/zwgk-backup.timer $(DESTDIR)$(DOCDIR)/
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 0644 build/locale/$$l/LC_MESSAGES/zwgk.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/zwgk.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/zwgk $(DESTDIR)$(MANDIR)/man1/zwgk.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/zwgk
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/zwgk.mo; done

pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-comments=i18n \
	  --package-name=zwgk --package-version=$(VERSION) --msgid-bugs-address= \
	  -o locale/zwgk.pot $(APP_SRC)

update-po: pot
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none locale/$$l.po locale/zwgk.pot && msgattrib --no-obsolete -o locale/$$l.po locale/$$l.po; done
	@for l in $(LINGUAS); do msgfmt --check --statistics -o /dev/null locale/$$l.po; done

clean:
	rm -rf build

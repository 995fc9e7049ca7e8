# connlint: plain GNU make.  `make demo` and `make check` install what is
# missing (Debian's packages) before building; `make` alone only builds.

PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
CFLAGS ?= -O2 -g
# DEVELOPER=1 turns warnings into errors (CI sets it).
DEVELOPER ?=
# SANITIZE=address,undefined builds everything with those sanitizers.
SANITIZE ?=

DEPS = json-c libpcre2-8
APT_PACKAGES = pkg-config libjson-c-dev libpcre2-dev libcmocka-dev
VERSION := $(shell cat VERSION)

B ?= build
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla \
       -Wpointer-arith -fno-common
ifneq ($(DEVELOPER),)
WARN += -Werror
endif
SAN_FLAGS = $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer)

DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	     -DCONNLINT_VERSION='"$(VERSION)"' -Isrc -I$(B) $(WARN) \
	     $(DEP_CFLAGS) $(CFLAGS) $(SAN_FLAGS) -MMD -MP
ALL_CFLAGS += -pthread
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS) -pthread
LIBS = $(DEP_LIBS) -lm

LIB_SRC = baseline buf check config diag doc emit emit_pretty emit_sarif \
	  emit_xml glob hash indexjs jsexports layout lint outfile pool regex \
	  repeat rule scan selector source utf8 walk xalloc
LIB_OBJ = $(LIB_SRC:%=$(B)/obj/%.o) $(B)/obj/builtin.o
RULES = $(sort $(wildcard rules/*.json))
UNIT_TESTS = $(patsubst tests/unit/%.c,$(B)/%,$(wildcard tests/unit/test_*.c))
BENCH_TOOLS = $(B)/bench-gen $(B)/bench-floor $(B)/bench-measure
BENCH_SEED = 7
BENCH_CORPORA = $(B)/bench/files-10000/manifest $(B)/bench/files-20000/manifest \
		$(B)/bench/big-100000/manifest $(B)/bench/big-200000/manifest

.PHONY: all deps demo check test bench bench-run install uninstall clean \
	rules-man fuzz fuzz-smoke leakcheck coverage FORCE
.DELETE_ON_ERROR:

all: $(B)/connlint

# Rebuild everything when the flags change (SANITIZE=..., CFLAGS=...).
$(B)/FLAGS: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' | cmp -s - $@ || \
	 echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' > $@

$(B)/obj/%.o: src/%.c $(B)/FLAGS
	@mkdir -p $(B)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/builtin.o: $(B)/builtin.c $(B)/FLAGS
	@mkdir -p $(B)/obj
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(B)/embed: tools/embed.c
	@mkdir -p $(B)
	$(CC) -O2 -o $@ $<

$(B)/builtin.c: $(B)/embed $(RULES)
	$(B)/embed $@ $(RULES)

$(B)/libconnlint.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# A built-in rule that does not load fails the build, not a user's run.
$(B)/connlint: $(B)/obj/main.o $(B)/libconnlint.a
	$(CC) $(ALL_LDFLAGS) -o $@+ $^ $(LIBS)
	$@+ --no-config --list-rules >/dev/null
	mv $@+ $@

# The rules man page is generated from rules/*.json and committed;
# tests/rules-man.sh fails when it is out of date.
$(B)/rules-man: tools/rules-man.c $(B)/libconnlint.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libconnlint.a $(ALL_LDFLAGS) $(LIBS)

man/connlint-rules.7: $(B)/rules-man $(RULES)
	$(B)/rules-man $@.tmp && mv $@.tmp $@

rules-man: man/connlint-rules.7

# The benchmark's tools (tools/bench/): the corpus generator, the parse
# floor and the timer.  The floor links json-c alone, as a program that
# only parses would.
$(B)/bench-gen $(B)/bench-measure: $(B)/bench-%: tools/bench/%.c $(B)/libconnlint.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libconnlint.a $(ALL_LDFLAGS) -lm

$(B)/bench-floor: tools/bench/floor.c $(B)/libconnlint.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libconnlint.a $(ALL_LDFLAGS) \
	      $(shell $(PKG_CONFIG) --libs json-c 2>/dev/null)

$(B)/test_%: tests/unit/test_%.c tests/unit/unit.h $(B)/libconnlint.a
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< \
	      $(B)/libconnlint.a $(ALL_LDFLAGS) $(LIBS) $(CMOCKA_LIBS)

# Installs the libraries connlint builds with, when pkg-config cannot find
# them (Debian's packages; as root, or through sudo).
deps:
	@if command -v $(PKG_CONFIG) >/dev/null 2>&1 && \
	    $(PKG_CONFIG) --exists $(DEPS) cmocka; then :; else \
	  echo "Installing $(APT_PACKAGES)"; \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && \
	  $$sudo apt-get install -y -q --no-install-recommends $(APT_PACKAGES); \
	fi

# The sub-make reads pkg-config again, after deps has installed it all.
demo: deps
	@$(MAKE) --no-print-directory $(B)/connlint
	@echo '$$ connlint fixtures/demo/'
	@$(B)/connlint fixtures/demo/; status=$$?; \
	 echo "(exit status $$status: 1 means errors were found)"; \
	 [ $$status -le 1 ]

check: deps
	@$(MAKE) --no-print-directory test

test: $(B)/connlint $(B)/rules-man $(UNIT_TESTS) $(BENCH_TOOLS)
	@SANITIZE='$(SANITIZE)' tests/run.sh $(B)

# The benchmark: not part of check.  The corpora are written once, and
# again only when the generator changes.
bench: deps
	@$(MAKE) --no-print-directory bench-run

bench-run: $(B)/connlint $(BENCH_TOOLS) $(BENCH_CORPORA)
	@CC='$(CC)' CFLAGS='$(CFLAGS) $(SAN_FLAGS)' sh tools/bench/bench.sh $(B)

$(B)/bench/files-%/manifest: tools/bench/gen.c | $(B)/bench-gen
	@mkdir -p $(B)/bench && rm -rf $(@D)
	$(B)/bench-gen files $(@D) $* $(BENCH_SEED)

$(B)/bench/big-%/manifest: tools/bench/gen.c | $(B)/bench-gen
	@mkdir -p $(B)/bench && rm -rf $(@D)
	$(B)/bench-gen big $(@D) $* $(BENCH_SEED)
# Every unit test, and connlint in the golden, format, CLI, config and
# baseline tests, under valgrind: any memory error or leak fails.
leakcheck: $(B)/connlint $(UNIT_TESTS)
	@if [ -n '$(SANITIZE)' ]; then \
	  echo 'leakcheck: valgrind does not run sanitized builds; unset SANITIZE'; \
	  exit 2; fi
	@sh tests/leakcheck.sh $(B)

# A gcov build in $(B)/coverage runs the whole suite, then gcovr reports
# the line and branch coverage of src/ (text on standard output, HTML in
# $(B)/coverage/html/).  gcovr is Debian's package.  The counters are
# made writable for all, because some CLI cases run connlint as nobody.
COVERAGE_B = $(B)/coverage
coverage:
	@command -v gcovr >/dev/null 2>&1 || { \
	  echo "Installing gcovr"; \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && \
	  $$sudo apt-get install -y -q --no-install-recommends gcovr; }
	@find $(COVERAGE_B) -name '*.gcda' -delete 2>/dev/null || true
	@$(MAKE) --no-print-directory B=$(COVERAGE_B) SANITIZE= \
	  CFLAGS='-O0 -g --coverage' LDFLAGS='--coverage' \
	  $(COVERAGE_B)/connlint $(COVERAGE_B)/rules-man \
	  $(UNIT_TESTS:$(B)/%=$(COVERAGE_B)/%)
	@$(COVERAGE_B)/connlint --version >/dev/null
	@chmod a+rw $(COVERAGE_B)/obj/*.gcda
	@SLOW_BUILD=coverage $(MAKE) --no-print-directory B=$(COVERAGE_B) \
	  SANITIZE= CFLAGS='-O0 -g --coverage' LDFLAGS='--coverage' test
	@mkdir -p $(COVERAGE_B)/html
	gcovr --root . --filter 'src/' --object-directory $(COVERAGE_B)/obj \
	  --exclude-unreachable-branches --print-summary \
	  --html-details $(COVERAGE_B)/html/index.html \
	  --txt $(COVERAGE_B)/coverage.txt $(COVERAGE_B)/obj
	@cat $(COVERAGE_B)/coverage.txt

install: $(B)/connlint
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' \
		'$(DESTDIR)$(MANDIR)/man7'
	install -m 0755 $(B)/connlint '$(DESTDIR)$(BINDIR)/connlint'
	install -m 0644 man/connlint.1 '$(DESTDIR)$(MANDIR)/man1/connlint.1'
	install -m 0644 man/connlint-rules.7 \
		'$(DESTDIR)$(MANDIR)/man7/connlint-rules.7'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/connlint' \
		'$(DESTDIR)$(MANDIR)/man1/connlint.1' \
		'$(DESTDIR)$(MANDIR)/man7/connlint-rules.7'

clean:
	rm -rf $(B)

# --- Fuzzing: libFuzzer targets (fuzz/*.c), built with clang, ASan and
# UBSan into $(B)/fuzz from objects of their own; the gcc build above is
# not touched.  `make fuzz-smoke` runs each target FUZZ_SECONDS on the seed
# corpus (fuzz/seed.sh) and fails on any crash; fuzz/run.sh runs longer
# campaigns.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 15
FB = $(B)/fuzz
FUZZ_TARGETS = scan lint config rule jsexports
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	      -DCONNLINT_VERSION='"$(VERSION)"' -Isrc -Ifuzz $(WARN) \
	      $(DEP_CFLAGS) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP
FUZZ_LIB_OBJ = $(LIB_SRC:%=$(FB)/obj/%.o) $(FB)/obj/builtin.o
# The config target reads files: it checks every path config_load reads.
FUZZ_LDFLAGS_config = -Wl,--wrap=source_read

$(FB)/FLAGS: FORCE
	@mkdir -p $(FB)
	@echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' | cmp -s - $@ || \
	 echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' > $@

$(FB)/obj/%.o: src/%.c $(FB)/FLAGS
	@mkdir -p $(FB)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FB)/obj/builtin.o: $(B)/builtin.c $(FB)/FLAGS
	@mkdir -p $(FB)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(FB)/obj/invariants.o: fuzz/invariants.c $(FB)/FLAGS
	@mkdir -p $(FB)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FB)/libconnlint.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_TARGETS:%=$(FB)/%): $(FB)/%: fuzz/%.c $(FB)/obj/invariants.o \
		$(FB)/libconnlint.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(FB)/obj/invariants.o $(FB)/libconnlint.a $(LIBS) \
		$(FUZZ_LDFLAGS_$*)

fuzz: $(FUZZ_TARGETS:%=$(FB)/%)

fuzz-smoke: fuzz
	sh fuzz/run.sh $(FB) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

-include $(wildcard $(B)/obj/*.d $(B)/*.d $(FB)/obj/*.d $(FB)/*.d)

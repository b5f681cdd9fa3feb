# Thin wrapper over CMake presets. `make test` is what CI runs.
PACKAGES := build-essential cmake pkg-config libzmq3-dev libjansson-dev libcmocka-dev jq bsdextrautils \
            python3 python3-zmq python3-jsonschema valgrind bc procps iso-codes \
            systemd util-linux wordnet-dev wordnet-base strace
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
JOBS ?= $(shell nproc)

.PHONY: all deps build demo test test-fast bench fuzz extract install clean format

all: build

# Installs the Debian packages that are missing; does nothing when all are there.
deps:
	@missing=$$(for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	cmake --preset dev -DHERALD_TESTS=ON >/dev/null
	cmake --build build/dev -j $(JOBS)

# The newcomer's first command: heraldd publishes the bundled article and herald
# tail prints it as it comes; it ends by itself after the last event. It builds
# the two programs it runs, not the sixty test programs of `make`.
DEMO_TARGETS := heraldd herald-cli
demo: deps
	cmake --preset dev >/dev/null
	cmake --build build/dev -j $(JOBS) --target $(DEMO_TARGETS)
	@tests/demo.sh build/dev 400

# Every test, built with ASan + UBSan.
test: deps
	cmake --preset asan >/dev/null
	cmake --build build/asan -j $(JOBS)
	ctest --test-dir build/asan --output-on-failure -j $(JOBS)

# The same tests without sanitizers, for a quick loop.
test-fast: build
	ctest --test-dir build/dev --output-on-failure -j $(JOBS)

# Every hot path beside its reference in the same run (README, Performance); the
# last line is machine-readable. BENCH_RUNS=N for other than the median of 5.
bench: deps
	cmake --preset release -DHERALD_TESTS=ON >/dev/null
	cmake --build build/release -j $(JOBS)
	tests/bench.sh build/release

# Prints the events of the bundled article as JSON Lines.
extract: build
	build/dev/heraldd --extract

# Runs libFuzzer on the pure core for FUZZ_SECONDS (needs clang); new crashers land in build/fuzz.
# FUZZ_TARGET=config|gazetteer|rules|lexicon|timex|journal fuzzes a loader instead, from
# tests/fuzz-corpus/<target>/ (its crashers land in build/fuzz/<target>).
FUZZ_SECONDS ?= 60
FUZZ_TARGET ?= extract
fuzz: deps
	@command -v clang >/dev/null || $(SUDO) apt-get install -y -qq clang
	CC=clang cmake -S . -B build/fuzz -DHERALD_FUZZ=ON -DHERALD_SANITIZER=address,undefined >/dev/null
	cmake --build build/fuzz -j $(JOBS) --target fuzz_$(FUZZ_TARGET)
ifeq ($(FUZZ_TARGET),extract)
	mkdir -p build/fuzz/corpus && cp $$(find tests/fuzz-corpus -maxdepth 1 -type f) events/articles/*.txt \
		tests/golden/articles/*.txt build/fuzz/corpus/
	cd build/fuzz && ./tests/fuzz_extract -max_total_time=$(FUZZ_SECONDS) -max_len=65536 corpus
else
	mkdir -p build/fuzz/$(FUZZ_TARGET)/corpus && cp tests/fuzz-corpus/$(FUZZ_TARGET)/* build/fuzz/$(FUZZ_TARGET)/corpus/
	cd build/fuzz/$(FUZZ_TARGET) && ../tests/fuzz_$(FUZZ_TARGET) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 corpus
endif

# make install PREFIX=/usr: the units where systemd looks, the config in /etc/herald.
PREFIX ?= /usr/local
# What is installed is built, not the tests as well.
INSTALL_TARGETS := heraldd herald-cli herald
install: deps
	cmake --preset release -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	cmake --build build/release -j $(JOBS) --target $(INSTALL_TARGETS)
	cmake --install build/release

format:
	clang-format -i daemon/*.c daemon/*.h daemon/*/*.c daemon/*/*.h client/*/*.c client/*/*.h include/herald/*.h include/internal/*.h tests/*.c

clean:
	rm -rf build

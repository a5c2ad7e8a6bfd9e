# newsflow — the two commands a new user needs:
#   make demo   install dependencies, build, run newsflowd on an embedded Kafka, print events
#   make test   install dependencies, build, run the whole test suite (ctest)
# Also: make build, make deps, make bench, make fuzz, make format, make clean.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
# Every dependency is a Debian 12 package.
DEBIAN_PACKAGES := build-essential cmake pkg-config \
  librdkafka-dev libprotobuf-dev protobuf-compiler librocksdb-dev libspdlog-dev \
  libgtest-dev libgmock-dev libcld2-dev libmodest-dev libuchardet-dev libicu-dev \
  liblinear-dev libtomlplusplus-dev libxxhash-dev zlib1g-dev libjemalloc-dev libsystemd-dev \
  prometheus-cpp-dev libcivetweb-dev libcurl4-openssl-dev \
  python3 clang libclang-rt-14-dev \
  python3-confluent-kafka python3-protobuf
# Only for `make bench`: the peer the HTML extraction benchmark measures (readability-lxml).
BENCH_DEBIAN_PACKAGES := python3-readability
# Seconds each libFuzzer target runs in `make fuzz` (CI runs it after `make test`).
FUZZ_SECONDS ?= 60

.PHONY: all deps build test demo bench fuzz format clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# The demo builds only what it runs: the two binaries and the example consumer's bindings.
demo: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS) --target newsflowd newsflowctl example_python_bindings
	./deploy/demo.sh $(BUILD_DIR)

bench: build
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(BENCH_DEBIAN_PACKAGES)"
	./bench/run_all.sh $(BUILD_DIR)

fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSFLOW_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS) --target fuzz_targets
	./fuzz/run_all.sh build-fuzz $(FUZZ_SECONDS)

format:
	find daemon pipeline stages storage tests bench fuzz -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) build-fuzz

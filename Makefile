# Jericommerce Streams: the commands a developer and CI use.
SLN           := Jericommerce.Streams.sln
CONFIGURATION ?= Release
DOTNET        ?= dotnet
BROKER_ADDR   ?= 127.0.0.1:9092

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: help build test chaos soak bench bench-quick broker clean run demo tool compose-check k8s-validator k8s-check k8s-sync

# jcs, the command-line tool (src/Jericommerce.Streams.Cli), run from its build output: instant, and the same
# configuration as the services `make run` starts.
CLI_PROJECT := src/Jericommerce.Streams.Cli
JCS_DLL     := $(CLI_PROJECT)/bin/$(CONFIGURATION)/net10.0/jcs.dll
JCS         := $(DOTNET) $(JCS_DLL)
COMPOSE     ?= docker-compose

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## restore and build everything (warnings are errors)
	$(DOTNET) build $(SLN) -c $(CONFIGURATION)

# A hung test must fail the run, not eat CI's time.
TEST_TIMEOUT ?= 15m

test: build k8s-validator ## run the whole test suite against the dev broker (or a real Kafka, see README)
	$(DOTNET) test --solution $(SLN) -c $(CONFIGURATION) --no-build --timeout $(TEST_TIMEOUT)

# The reliability proofs' long profile: a minute of load per scenario, more faults, 5,000 fuzz requests.
CHAOS_DIR     ?= artifacts/chaos
RELIABILITY   := tests/Jericommerce.Streams.Reliability.Tests

chaos: build ## the fault scenarios, fuzz and security proofs at length (~8 min); results table into docs/reliability.md
	rm -rf $(CHAOS_DIR) && mkdir -p $(CHAOS_DIR)
	JCS_CHAOS=long JCS_CHAOS_RESULTS=$(abspath $(CHAOS_DIR))/results.md \
	  $(DOTNET) test --project $(RELIABILITY) -c $(CONFIGURATION) --no-build --timeout 40m
	$(RELIABILITY)/scripts/results-table.sh $(CHAOS_DIR)/results.md docs/reliability.md
	@cat $(CHAOS_DIR)/results.md

# The soak: the stack at a steady rate for SOAK_DURATION (30m, 90s, 2h...), a small share of invalid events and
# re-deliveries, both services sampled every few seconds. Fails on loss, on a lag that does not return to zero, and on
# growth that does not level off; writes its table into docs/soak.md and its plots beside it. Not part of `make test`.
SOAK_DURATION ?= 30m
SOAK_RATE     ?= 50

soak: build ## run the stack at a steady rate for SOAK_DURATION (default 30m): loss, lag and growth; results in docs/soak.md
	JCS_SOAK_DURATION=$(SOAK_DURATION) JCS_SOAK_RATE=$(SOAK_RATE) JCS_SOAK_OUTPUT=$(abspath docs) \
	  $(DOTNET) test --project $(RELIABILITY) -c $(CONFIGURATION) --no-build --explicit only --filter-class '*.SoakTests' --output Detailed

# The benchmark harness (tests/Jericommerce.Streams.LoadTests): hot paths with BenchmarkDotNet, then the dev broker,
# the ingress and the worker against their same-run ceilings, the pipeline end to end, and the whole stack as
# `make run` starts it (jcs dev). One table, also written to tests/Jericommerce.Streams.Benchmarks/results/.
# BENCH_ARGS=... passes more (--only micro,ingress,worker,e2e,stack; --service-env KEY=VALUE; --dev-arg ARG for jcs dev).
LOADTESTS     := tests/Jericommerce.Streams.LoadTests
LOADTESTS_DLL := $(LOADTESTS)/bin/$(CONFIGURATION)/net10.0/Jericommerce.Streams.LoadTests.dll

bench: ## the full benchmark (about 15 minutes): results/latest.md
	$(DOTNET) build $(LOADTESTS) -c $(CONFIGURATION) -v quiet -nologo
	$(DOTNET) $(LOADTESTS_DLL) --mode full $(BENCH_ARGS)

bench-quick: ## a short benchmark (under 2 minutes after the build): results/latest-quick.md
	$(DOTNET) build $(LOADTESTS) -c $(CONFIGURATION) -v quiet -nologo
	$(DOTNET) $(LOADTESTS_DLL) --mode quick $(BENCH_ARGS)

broker: ## start the embedded dev Kafka broker at $(BROKER_ADDR) until Ctrl-C
	$(DOTNET) run --project src/Jericommerce.Streams.DevBroker -c $(CONFIGURATION) -- --address $(BROKER_ADDR) $(BROKER_ARGS)

run: ## build, then run the dev stack until Ctrl-C: dev broker :9092, ingress :8080, worker :8081 (DEV_ARGS=...)
	$(DOTNET) build $(CLI_PROJECT) -c $(CONFIGURATION) -v quiet -nologo
	$(JCS) dev $(DEV_ARGS)

demo: ## with `make run` in another terminal: send every event type plus bad ones, show where each ended up
	@test -f $(JCS_DLL) || $(DOTNET) build $(CLI_PROJECT) -c $(CONFIGURATION) -v quiet -nologo
	$(JCS) demo $(DEMO_ARGS)

tool: ## pack jcs as a dotnet tool into artifacts/ (then: dotnet tool install -g --add-source artifacts Jericommerce.Streams.Cli)
	$(DOTNET) pack $(CLI_PROJECT) -c $(CONFIGURATION) -o artifacts

# Validates docker-compose.yml without a Docker engine. Debian's docker-compose is installed when missing
# (as root, with apt), without the Docker engine it recommends.
compose-check: ## validate docker-compose.yml with docker-compose config (no Docker needed)
	@command -v $(firstword $(COMPOSE)) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing docker-compose (apt)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; \
	  else \
	    echo "compose-check needs docker-compose (apt-get install docker-compose), or COMPOSE='docker compose'"; exit 1; \
	  fi; }
	$(COMPOSE) -f docker-compose.yml config --quiet
	@echo "docker-compose.yml is valid"

# deploy/kubernetes: the kustomize base and overlays. The tests (tests/Jericommerce.Streams.Deploy.Tests) render them
# with kubectl and validate every object against the Kubernetes, KEDA and Prometheus Operator schemas of the npm
# packages pinned in $(K8S_VALIDATOR)/package-lock.json, installed here with npm ci (no cluster needed).
K8S_DIR       := deploy/kubernetes
K8S_VALIDATOR := tests/Jericommerce.Streams.Deploy.Tests/validator
OBSERVABILITY := src/Jericommerce.Streams.Observability

k8s-validator: $(K8S_VALIDATOR)/node_modules/.installed ## install the manifest validator the tests use (npm ci)

$(K8S_VALIDATOR)/node_modules/.installed: $(K8S_VALIDATOR)/package.json $(K8S_VALIDATOR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "the Kubernetes manifest tests need Node.js and npm (node 20 or later)"; exit 1; }
	npm ci --prefix $(K8S_VALIDATOR) --no-audit --no-fund --loglevel=error
	@touch $@

k8s-check: k8s-validator ## render the Kubernetes overlays (kubectl kustomize) and validate every object
	@for overlay in $(K8S_DIR)/overlays/*/; do \
	  kubectl kustomize $$overlay | node $(K8S_VALIDATOR)/validate.mjs check - >/dev/null || exit 1; \
	  echo "$$overlay: every object is valid"; \
	done

k8s-sync: k8s-validator ## copy the alert rules and the dashboard into deploy/kubernetes (after editing them)
	node $(K8S_VALIDATOR)/validate.mjs prometheusrule $(OBSERVABILITY)/alerts.yml > $(K8S_DIR)/components/prometheus-operator/prometheusrule.yaml
	cp $(OBSERVABILITY)/grafana/dashboards/jericommerce-streams.json $(K8S_DIR)/components/prometheus-operator/

clean: ## remove build outputs
	$(DOTNET) clean $(SLN) -c $(CONFIGURATION) >/dev/null
	find src tests -type d \( -name bin -o -name obj -o -name TestResults \) -prune -exec rm -rf {} +

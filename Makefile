# Jericommerce Streams: the commands a developer and CI use.
SLN           := Jericommerce.Streams.sln
CONFIGURATION ?= Release
DOTNET        ?= dotnet
BROKER_ADDR   ?= 127.0.0.1:9092

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: help build test broker clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## restore and build everything (warnings are errors)
	$(DOTNET) build $(SLN) -c $(CONFIGURATION)

# A hung test must fail the run, not eat CI's time.
TEST_TIMEOUT ?= 15m

test: build ## run the whole test suite against the dev broker (or a real Kafka, see README)
	$(DOTNET) test --solution $(SLN) -c $(CONFIGURATION) --no-build --timeout $(TEST_TIMEOUT)

broker: ## start the embedded dev Kafka broker at $(BROKER_ADDR) until Ctrl-C
	$(DOTNET) run --project src/Jericommerce.Streams.DevBroker -c $(CONFIGURATION) -- --address $(BROKER_ADDR) $(BROKER_ARGS)

clean: ## remove build outputs
	$(DOTNET) clean $(SLN) -c $(CONFIGURATION) >/dev/null
	find src tests -type d \( -name bin -o -name obj -o -name TestResults \) -prune -exec rm -rf {} +

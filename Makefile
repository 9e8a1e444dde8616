# Every target sources scripts/ensure-node.sh (Node 24 into .tools/ when the system's is older)
# and installs dependencies when node_modules is missing or older than package-lock.json.
SHELL := /bin/bash
NODE_ENV_SH := source scripts/ensure-node.sh

.PHONY: demo test bench build deps clean

node_modules/.installed: package-lock.json
	@$(NODE_ENV_SH) && npm ci --no-fund --no-audit --loglevel=error && touch $@

deps: node_modules/.installed

build: deps
	@$(NODE_ENV_SH) && npm run --silent build

test: deps
	@$(NODE_ENV_SH) && npm test

demo: build
	@$(NODE_ENV_SH) && bash scripts/demo.sh

bench: build
	@$(NODE_ENV_SH) && node bench/run.js

clean:
	rm -rf dist node_modules .tools

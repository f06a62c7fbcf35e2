# Two commands do everything on a fresh Debian machine (as root or with sudo):
#   make run    installs what is missing, starts a private PostgreSQL (unless DATABASE_URL is
#               set), loads demo data and serves http://127.0.0.1:3000
#   make test   installs what is missing (also Chromium, Playwright) and runs every test
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test deps bench pg-start pg-stop

# Builds go to a target dir outside the checkout so every clone reuses the compiled crates.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/anxun/target
export PATH := $(HOME)/.cargo/bin:$(HOME)/.cache/anxun/tools/node_modules/.bin:$(PATH)

run:
	scripts/run.sh

test:
	scripts/test.sh

deps:
	scripts/deps.sh test

bench:
	bench/run.sh

pg-start:
	scripts/pg.sh start

pg-stop:
	scripts/pg.sh stop

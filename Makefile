# Two commands do everything on a fresh Debian machine (as root or with sudo):
#   make run    installs what is missing, starts a private PostgreSQL (unless DATABASE_URL is
#               set), loads demo data and serves http://127.0.0.1:3000
#   make test   installs what is missing (also Chromium, Playwright) and runs every test
#   make fault  the offline outbox's fault suite at full size (bench/fault.sh)
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test deps bench fault pg-start pg-stop

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

# The offline outbox's fault suite (issue 10): 1,000 records queued offline, replayed under
# server kills and a PostgreSQL restart, four times; counts lost and duplicated rows.
fault:
	bench/fault.sh

pg-start:
	scripts/pg.sh start

pg-stop:
	scripts/pg.sh stop

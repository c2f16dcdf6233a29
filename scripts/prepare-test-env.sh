#!/usr/bin/env bash
# What the end-to-end tests need beyond npm packages: the pinned n8n (cached), Debian's Chromium
# for the editor test and Debian's Redis for the queue-mode test. Installs only what is missing.
set -euo pipefail
here=$(dirname "$0")
say() { echo "[prepare-test-env] $*" >&2; }

# One preparation at a time (CI starts one early; npm test runs another): the second waits, then finds everything.
cache=${N8N_PROOFPOINT_CACHE:-$HOME/.cache/n8n-nodes-proofpoint}
mkdir -p "$cache"
exec 8> "$cache/.prepare-test-env.lock"
flock 8

bash "$here/prepare-n8n.sh" > /dev/null

missing=()
command -v chromium > /dev/null || missing+=(chromium)
command -v redis-server > /dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		say "missing ${missing[*]}: install them with: sudo apt-get install -y ${missing[*]}"
		exit 1
	fi
	say "installing ${missing[*]} from Debian (about a minute)…"
	apt-get update -qq > /dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
say "n8n, chromium $(chromium --version 2>/dev/null | awk '{print $2}') and redis $(redis-server --version | awk '{print $3}') are ready"

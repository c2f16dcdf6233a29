#!/usr/bin/env bash
# Installs a pinned n8n and the Node 24 it needs outside the repo, once; later calls reuse the cache.
# Prints progress on stderr and the install folder on stdout.
set -euo pipefail

N8N_VERSION=2.41.1
NODE_MAJOR=24
cache=${N8N_PROOFPOINT_CACHE:-$HOME/.cache/n8n-nodes-proofpoint}
dir="$cache/n8n-$N8N_VERSION"
say() { echo "[prepare-n8n] $*" >&2; }
# Run from an npm script, npm's own settings arrive as npm_config_* (this repo's ignore-scripts among
# them) and would leak into the installs below, which set what they need explicitly.
while read -r name; do unset "$name"; done < <(env | grep -o '^npm_config_[^=]*' || true)

if [ -f "$dir/.ready" ]; then
	say "using cached n8n $N8N_VERSION in $dir"
	echo "$dir"
	exit 0
fi

# One install at a time: a second caller (CI's early start, a parallel test file) waits for it.
mkdir -p "$cache"
exec 9> "$cache/.install.lock"
if ! flock -n 9; then
	say "another process is installing n8n $N8N_VERSION; waiting for it…"
	flock 9
fi
if [ -f "$dir/.ready" ]; then
	say "using n8n $N8N_VERSION in $dir, just installed by another process"
	echo "$dir"
	exit 0
fi

rm -rf "$dir" && mkdir -p "$dir"
cd "$dir"
printf '{"name":"n8n-runtime","private":true}\n' > package.json
started=$(date +%s)

# Node gets a folder of its own: installing n8n beside it would prune its platform package.
say "installing Node $NODE_MAJOR from the npm registry…"
mkdir -p "$dir/node" && printf '{"name":"node-runtime","private":true}\n' > "$dir/node/package.json"
(cd "$dir/node" && npm install "node@$NODE_MAJOR" --ignore-scripts=false --no-audit --no-fund --loglevel=error >&2)
node24="$dir/node/node_modules/node/bin/node"
"$node24" --version >&2
# node-gyp wants a folder holding include/node/ and common.gypi; the registry package keeps the latter inside include/node.
version_h=$(find -L "$dir/node/node_modules" -path '*include/node/node_version.h' | head -1)
headers=${version_h%/include/node/node_version.h}
cp "$headers/include/node/common.gypi" "$headers/common.gypi"

say "installing n8n $N8N_VERSION (about 4 minutes; install scripts off, they would fetch binaries)…"
PATH="$dir/node/node_modules/node/bin:$PATH" npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error >&2

say "building sqlite3 for Node $NODE_MAJOR (about a minute)…"
(cd "$dir" && PATH="$dir/node/node_modules/node/bin:$PATH" npm_config_nodedir="$headers" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2)

cat > "$dir/n8n" <<SH
#!/usr/bin/env bash
exec "$node24" "$dir/node_modules/n8n/bin/n8n" "\$@"
SH
chmod +x "$dir/n8n"
"$dir/n8n" --version >&2
touch "$dir/.ready"
say "ready in $(( $(date +%s) - started )) s"
echo "$dir"

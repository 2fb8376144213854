#!/usr/bin/env bash
# Native AOT against the JIT, for a fresh app that references only the NetGen package and sets PublishAot=true:
# packs NetGen into a temporary local feed, creates the app outside the repository (bench/aot/Program.cs, its own
# csproj and nuget.config), and measures W3 (784-128-64-10 training step, m = 64, samples/s) and W4 (its forward,
# one example, µs) (a) under the JIT (dotnet run -c Release), (b) as a default Native AOT publish (no
# IlcInstructionSet: the x86-64 baseline) and (c) as Native AOT publishes with each of $ISAS (IlcInstructionSet).
# Prints the CPU and a table of ratios to the JIT. Re-runnable: everything lives in a temporary folder.
#
#   bench/aot/run.sh                       # ISAS="native x86-64-v3", 3 s of timed batches per figure, 2 rounds
#   ISAS=native SECONDS_PER=5 ROUNDS=3 bench/aot/run.sh
#   KEEP=1 bench/aot/run.sh                # keep the temporary folder (its path is printed)
#
# Each figure is the best over ROUNDS runs of each binary (the runs interleaved), each run's figure the fastest of
# its timed batches in thread CPU time. Installs clang and zlib1g-dev when missing (Debian/Ubuntu).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${SECONDS_PER:-3}"
rounds="${ROUNDS:-2}"
work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
feed="$work/feed"

case "$(uname -m)" in
  x86_64) rid=linux-x64; isas=(${ISAS-native x86-64-v3}) ;;
  aarch64) rid=linux-arm64; isas=() ;;
  *) echo "unsupported machine $(uname -m)"; exit 1 ;;
esac

linker=()
if command -v clang >/dev/null 2>&1; then :
elif command -v clang-14 >/dev/null 2>&1; then linker=(-p:CppCompilerAndLinker=clang-14)
else need_clang=1; fi
if [ "${need_clang:-0}" = 1 ] || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq clang zlib1g-dev
fi

echo "=== pack $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?') ($(git -C "$repo" branch --show-current 2>/dev/null || true))"
dotnet pack "$repo/NetGen.sln" -c Release -o "$feed" --nologo -v quiet
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")
test -f "$feed/NetGen.$version.nupkg" || { echo "expected $feed/NetGen.$version.nupkg"; ls "$feed"; exit 1; }

# One copy of the app per variant, so that no publish reuses another's intermediate files.
make_app() {
  local app="$1"
  mkdir -p "$app"
  cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="NetGen" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
</configuration>
XML
  cat > "$app/AotBench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <PublishAot>true</PublishAot>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="NetGen" Version="$version" />
  </ItemGroup>
</Project>
XML
  cp "$repo/bench/aot/Program.cs" "$app/Program.cs"
}

names=(jit aot-default)
labels=("JIT (dotnet run -c Release)" "Native AOT, no IlcInstructionSet")
for isa in "${isas[@]}"; do names+=("aot-$isa"); labels+=("Native AOT, IlcInstructionSet=$isa"); done

echo "=== build the JIT app"
make_app "$work/jit"
dotnet build "$work/jit" -c Release --nologo -v quiet
for i in "${!names[@]}"; do
  name="${names[$i]}"
  [ "$name" = jit ] && continue
  isa="${name#aot-}"
  props=(); [ "$isa" != default ] && props=("-p:IlcInstructionSet=$isa")
  echo "=== publish $name: dotnet publish -c Release -r $rid ${props[*]}"
  make_app "$work/$name"
  start=$(date +%s)
  if ! dotnet publish "$work/$name" -c Release -r "$rid" -o "$work/$name/out" "${props[@]}" "${linker[@]}" --nologo \
    > "$work/$name/publish.log" 2>&1; then cat "$work/$name/publish.log"; exit 1; fi
  grep -E 'warning|error' "$work/$name/publish.log" | sort -u || true
  echo "    $(( $(date +%s) - start )) s, binary $(du -h "$work/$name/out/AotBench" | cut -f1)"
done

run() {
  if [ "$1" = jit ]; then dotnet run --project "$work/jit" -c Release --no-build -- "$seconds"
  else "$work/$1/out/AotBench" "$seconds"; fi
}

declare -A w3 w4
for r in $(seq 1 "$rounds"); do
  for name in "${names[@]}"; do
    echo "=== round $r/$rounds: $name"
    out=$(run "$name")
    echo "$out"
    a=$(sed -n 's/^W3 \([0-9.]*\) .*/\1/p' <<<"$out"); b=$(sed -n 's/^W4 \([0-9.]*\) .*/\1/p' <<<"$out")
    [ -n "$a" ] && [ -n "$b" ] || { echo "no W3/W4 line from $name"; exit 1; }
    w3[$name]=$(awk -v o="${w3[$name]:-0}" -v n="$a" 'BEGIN { print (n > o ? n : o) }')
    w4[$name]=$(awk -v o="${w4[$name]:-1e30}" -v n="$b" 'BEGIN { print (n < o ? n : o) }')
  done
done

echo
echo "=== CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) logical cores;" \
  "flags: $(for f in avx2 fma avx512f; do grep -qw "$f" /proc/cpuinfo && printf '%s ' "$f" || printf 'no-%s ' "$f"; done)"
echo "    $(dotnet --version) SDK; NetGen $version from $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
printf '| %-40s | %14s | %9s | %10s | %11s |\n' "variant" "W3 samples/s" "W3 ÷ JIT" "W4 µs" "W4 × JIT"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "$(printf -- '-%.0s' {1..16})" "$(printf -- '-%.0s' {1..11})" \
  "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..13})"
for i in "${!names[@]}"; do
  n="${names[$i]}"
  awk -v l="${labels[$i]}" -v a="${w3[$n]}" -v b="${w4[$n]}" -v ja="${w3[jit]}" -v jb="${w4[jit]}" \
    'BEGIN { printf "| %-40s | %14.0f | %8.0f%% | %10.2f | %10.2f× |\n", l, a, 100 * a / ja, b, b / jb }'
done
echo
awk -v a="${w3[aot-default]}" -v b="${w4[aot-default]}" -v ja="${w3[jit]}" -v jb="${w4[jit]}" 'BEGIN {
  printf "default Native AOT: W3 trains at %.0f%% of the JIT rate (requirement: at least 35%%), ", 100 * a / ja
  printf "W4 takes %.2f× the JIT latency (requirement: at most 3×), i.e. a forward at %.0f%% of the JIT speed\n", b / jb, 100 * jb / b
  exit !(a / ja >= 0.35 && b / jb <= 3)
}' && echo "requirement met" || echo "requirement NOT met"
if [ -n "${w3[aot-x86-64-v3]:-}" ]; then
  awk -v a="${w3[aot-default]}" -v b="${w4[aot-default]}" -v c="${w3[aot-x86-64-v3]}" -v d="${w4[aot-x86-64-v3]}" \
      -v ja="${w3[jit]}" -v jb="${w4[jit]}" 'BEGIN {
    printf "NG0040 figures (src/NetGen.Runtime/buildTransitive/NetGen.targets, docs/diagnostics.md): training %.0f%%, forward %.0f%%;", 100 * a / ja, 100 * jb / b
    printf " with x86-64-v3: %.0f%% and %.0f%%\n", 100 * c / ja, 100 * jb / d }'
fi

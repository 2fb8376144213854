#!/usr/bin/env bash
# Packs NetGen, then builds and runs a fresh console app (outside the repository) that references
# only the NetGen package from a local folder feed: attributes, runtime and generator must all come from it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
app="$work/app"

dotnet pack "$repo/NetGen.sln" -c Release -o "$feed" --nologo
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")
test -f "$feed/NetGen.$version.nupkg" || { echo "expected $feed/NetGen.$version.nupkg"; ls "$feed"; exit 1; }
count=$(ls "$feed"/*.nupkg | wc -l)
[ "$count" -eq 1 ] || { echo "expected exactly one package, found $count:"; ls "$feed"; exit 1; }
contents=$(unzip -l "$feed/NetGen.$version.nupkg")
for file in analyzers/dotnet/cs/NetGen.Generator.dll lib/net10.0/NetGen.Runtime.dll README.md \
    buildTransitive/NetGen.targets build/NetGen.targets; do
  grep -q "$file" <<<"$contents" || { echo "the package lacks $file:"; echo "$contents"; exit 1; }
done

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
cat > "$app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <!-- For the NG0040 checks below: suppressed the way docs/diagnostics.md tells. -->
    <NoWarn Condition="'\$(SuppressNG0040)' == 'true'">\$(NoWarn);NG0040</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="NetGen" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$app/Program.cs" <<'CS'
using System;
using NetGen;

var net = new XorNet(seed: 3);
float[] x = [0, 0, 0, 1, 1, 0, 1, 1];
float[] y = [0, 1, 1, 0];
net.Fit(x, y, new Adam(0.05f), epochs: 500, batchSize: 4);
Console.WriteLine($"XOR accuracy {net.Accuracy(x, y):P0} with {XorNet.ParameterCount} parameters");
return net.Accuracy(x, y) == 1f ? 0 : 1;

[Network(2, Loss = Loss.BinaryCrossEntropy)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
partial class XorNet;
CS
dotnet run --project "$app/App.csproj" -c Release

# NG0040 (docs/diagnostics.md): the package's MSBuild targets warn when a Native AOT publish for x64 sets no
# IlcInstructionSet. The check runs before PrepareForPublish, so running that target as dotnet publish would (no
# restore for the runtime identifier, no native compile) tests it in seconds instead of minutes.
publish_check() {
  dotnet msbuild "$app/App.csproj" -t:PrepareForPublish -nologo -v:m -p:Configuration=Release -p:_IsPublishing=true "$@" 2>&1
}
expect() { # expect <what> <exit code: 0 or nonzero> <grep pattern, or - for no NG0040> -- <msbuild arguments>
  local what="$1" want_rc="$2" pattern="$3"; shift 4
  local out rc=0
  out=$(publish_check "$@") || rc=$?
  if { [ "$want_rc" = 0 ] && [ "$rc" != 0 ]; } || { [ "$want_rc" != 0 ] && [ "$rc" = 0 ]; } \
     || { [ "$pattern" = - ] && grep -q NG0040 <<<"$out"; } || { [ "$pattern" != - ] && ! grep -qE "$pattern" <<<"$out"; }; then
    echo "NG0040 check failed: $what (exit code $rc, expected $want_rc; expected ${pattern/#-/no NG0040}):"; echo "$out"; exit 1
  fi
  echo "NG0040: $what: ok"
}
aot=(-p:PublishAot=true -p:RuntimeIdentifier=linux-x64)
expect "x64 AOT publish without an instruction set warns" 0 'warning NG0040: Native AOT for x64 without IlcInstructionSet.*x86-64-v3' \
  -- "${aot[@]}" -p:TreatWarningsAsErrors=false
expect "... and is an error under TreatWarningsAsErrors (the app's setting)" 1 'error NG0040:' -- "${aot[@]}"
expect "... and under -warnaserror" 1 'error NG0040:' -- "${aot[@]}" -p:TreatWarningsAsErrors=false -warnaserror
expect "... and also on win-x64" 1 'error NG0040:' -- -p:PublishAot=true -p:RuntimeIdentifier=win-x64
expect "silent with IlcInstructionSet=x86-64-v3" 0 - -- "${aot[@]}" -p:IlcInstructionSet=x86-64-v3
expect "silent with <NoWarn>\$(NoWarn);NG0040</NoWarn>" 0 - -- "${aot[@]}" -p:SuppressNG0040=true
expect "... also under -warnaserror" 0 - -- "${aot[@]}" -p:SuppressNG0040=true -warnaserror
expect "silent for linux-arm64" 0 - -- -p:PublishAot=true -p:RuntimeIdentifier=linux-arm64
expect "silent without PublishAot" 0 - -- -p:RuntimeIdentifier=linux-x64

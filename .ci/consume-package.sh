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
for file in analyzers/dotnet/cs/NetGen.Generator.dll lib/net10.0/NetGen.Runtime.dll README.md; do
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

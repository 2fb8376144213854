#!/usr/bin/env bash
# Runs every benchmark (W1–W6, their peers and the FMA peak) and prints the summary table.
# Extra arguments go to BenchmarkDotNet, e.g.  bench/run.sh --filter '*W3*'
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
exec dotnet run -c Release --project bench/NetGen.Benchmarks -- "$@"

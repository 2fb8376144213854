#!/usr/bin/env bash
# ARM64 correctness under emulation: publishes the kernel and network test suites and the main sample for linux-arm64
# (self-contained), runs them under qemu-user-static, and checks that the sample prints what the x64 JIT run prints
# (numbers within float tolerance). The arm64 process takes the AdvSimd path: Vector128 accelerated, Vector256 not
# (PlatformTests asserts it). Speed under emulation means nothing; only correctness is checked here.
# The same sample is also cross-compiled with Native AOT for linux-arm64 (clang-14 and lld with the Debian arm64 cross
# C runtime as the target's libraries) and its native binary runs under qemu against the same x64 output.
# Installs qemu-user-static, the arm64 C runtime and the cross linker when missing (Debian/Ubuntu, needs root or sudo).
#
#   bash .ci/arm64.sh            # everything
#   bash .ci/arm64.sh prepare    # install, publish, and the x64 run of the sample (into $ARM64_WORK)
#   bash .ci/arm64.sh run        # the emulated runs and the comparison (from $ARM64_WORK; CI overlaps this with other steps)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
phase="${1:-all}"
work="${ARM64_WORK:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  [ "$phase" = all ] || { echo "set ARM64_WORK to a folder shared by the prepare and run phases"; exit 2; }
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
sample=BreastCancer
libs="$work/arm64-libs"

if [ "$phase" != run ]; then   # prepare: tools, arm64 builds, and the x64 reference output

# libc6-dev/libgcc-12-dev-arm64-cross: the crt files and libraries the Native AOT link needs; binutils: aarch64 objcopy.
cross=(qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libc6-dev-arm64-cross libgcc-12-dev-arm64-cross
       binutils-aarch64-linux-gnu clang-14 lld-14)
if ! command -v qemu-aarch64-static >/dev/null 2>&1 || ! dpkg -s "${cross[@]}" >/dev/null 2>&1; then
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${cross[@]}" >/dev/null
fi
# The .NET runtime also loads OpenSSL (xunit hashes test IDs) and ICU: their arm64 builds, unpacked beside the tests.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
fi
(cd "$work" && apt-get download -qq libssl3:arm64 libicu72:arm64 2>/dev/null) || { echo "apt-get download libssl3:arm64 libicu72:arm64 failed"; exit 1; }
for deb in "$work"/libssl3_*_arm64.deb "$work"/libicu72_*_arm64.deb; do dpkg-deb -x "$deb" "$libs"; done

for suite in NetGen.Kernels.Tests NetGen.Tests; do
  dotnet publish "$repo/tests/$suite" -c Release -r linux-arm64 --self-contained -o "$work/$suite" --nologo -v:q
done
dotnet publish "$repo/samples/$sample" -c Release -r linux-arm64 --self-contained -p:PublishAot=false -o "$work/$sample" --nologo -v:q
# Native AOT, cross-compiled: SysRoot=/ because Debian's cross libc lives in /usr/aarch64-linux-gnu and its libc.so
# script names absolute paths there; clang finds it from --target=aarch64-linux-gnu and the gcc-cross folder.
dotnet publish "$repo/samples/$sample" -c Release -r linux-arm64 -p:PublishAot=true -p:CppCompilerAndLinker=clang-14 \
  -p:SysRoot=/ -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy -warnaserror \
  -o "$work/$sample-aot" --nologo -v:q
# e_machine (bytes 18–19 of the ELF header) is 0xb7 for AArch64.
[ "$(od -An -tx1 -j18 -N2 "$work/$sample-aot/$sample" | tr -d ' ')" = b700 ] || { echo "the Native AOT publish is not an arm64 binary"; exit 1; }
(cd "$repo/samples/$sample" && dotnet run -c Release --no-launch-profile -- --data data/breast_cancer.csv) > "$work/x64.txt"
fi
[ "$phase" != prepare ] || exit 0

# DOTNET_EnableWriteXorExecute=0: the runtime's W^X double mapping of JIT-ted code trips qemu-user (random crashes).
run_arm64() {
  DOTNET_EnableWriteXorExecute=0 LD_LIBRARY_PATH="$libs/usr/lib/aarch64-linux-gnu" \
    qemu-aarch64-static -L /usr/aarch64-linux-gnu "$@"
}

# Kernels: the minimal shape set (DenseKernelTests.Minimal) and one test at a time (each case compiles a new generic
# instantiation, and the emulated JIT is what takes the time). Networks: the whole suite.
echo "--- NetGen.Kernels.Tests on linux-arm64 (qemu)"
NETGEN_KERNEL_TESTS=minimal run_arm64 "$work/NetGen.Kernels.Tests/NetGen.Kernels.Tests" -noColor -noLogo -parallel none
echo "--- NetGen.Tests on linux-arm64 (qemu)"
run_arm64 "$work/NetGen.Tests/NetGen.Tests" -noColor -noLogo

(cd "$repo/samples/$sample" && run_arm64 "$work/$sample/$sample" --data data/breast_cancer.csv) > "$work/arm64.txt"
echo "--- $sample: linux-arm64 (qemu) against the x64 JIT run"
awk -v tol=1e-3 -f "$repo/.ci/compare-output.awk" "$work/x64.txt" "$work/arm64.txt" || {
  echo "x64:"; cat "$work/x64.txt"; echo "arm64:"; cat "$work/arm64.txt"; exit 1; }

# The Native AOT binary needs no runtime libraries beside it (qemu -L gives it the arm64 C runtime).
(cd "$repo/samples/$sample" && qemu-aarch64-static -L /usr/aarch64-linux-gnu "$work/$sample-aot/$sample" --data data/breast_cancer.csv) \
  > "$work/arm64-aot.txt"
echo "--- $sample: linux-arm64 Native AOT ($(du -h "$work/$sample-aot/$sample" | cut -f1), qemu) against the x64 JIT run"
awk -v tol=1e-3 -f "$repo/.ci/compare-output.awk" "$work/x64.txt" "$work/arm64-aot.txt" || {
  echo "x64:"; cat "$work/x64.txt"; echo "arm64 Native AOT:"; cat "$work/arm64-aot.txt"; exit 1; }

using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using Xunit;

namespace NetGen.Kernels.Tests;

/// <summary>Which vector width the kernels take on this machine: the ARM64 run in CI must exercise the AdvSimd path.</summary>
public class PlatformTests
{
    /// <summary>
    /// On ARM64 (unless hardware intrinsics are switched off) Vector128 is accelerated with AdvSimd and Vector256 is not, so
    /// every kernel takes its 128-bit form with fused multiply-adds; the rest of this suite then checks that form against
    /// the scalar references.
    /// </summary>
    [Fact]
    public void ARM64_runs_the_128_bit_AdvSimd_kernels()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.Arm64 || Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
            return;
        Assert.True(AdvSimd.Arm64.IsSupported, "AdvSimd.Arm64 is not supported");
        Assert.True(Vector128.IsHardwareAccelerated, "Vector128 is not accelerated");
        Assert.False(Vector256.IsHardwareAccelerated, "Vector256 is accelerated: the 128-bit kernels would not run");
    }
}

using System;
using System.Collections.Generic;

namespace NetGen.Tests;

/// <summary>
/// "Allocates nothing once warm", measured so that the runtime's own one-off work cannot fail it: the work runs in
/// windows of <c>perWindow</c> calls, and some window must allocate 0 bytes on this thread. A tier-up or another
/// one-off event of the runtime can land in one window (CI saw 4 216 bytes once, with the other core busy); an
/// allocation per call lands in every window, so the test still fails for a kernel or network that allocates.
/// </summary>
internal static class SteadyAllocations
{
    public static void AssertNone(Action work, int perWindow = 20, int windows = 6)
    {
        var seen = new List<long>();
        for (int w = 0; w < windows; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < perWindow; r++) work();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0) return;
            seen.Add(allocated);
        }
        Assert.Fail($"every window of {perWindow} calls allocated: {string.Join(", ", seen)} bytes");
    }
}

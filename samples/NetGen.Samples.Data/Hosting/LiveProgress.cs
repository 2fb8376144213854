using System;
using System.Diagnostics;
using System.IO;
using static System.FormattableString;

namespace NetGen.Samples;

/// <summary>
/// A progress line inside long epochs — batches done, running loss, examples per second, time left in the epoch —
/// redrawn in place with carriage returns at most every <see cref="Interval"/>, from <c>Fit</c>'s batch reports. Draws
/// only when enabled (an interactive console); <see cref="Clear"/> wipes it before the epoch's line is written.
/// </summary>
public sealed class LiveProgress(TextWriter log, bool enabled) : IProgress<BatchReport>
{
    /// <summary>Least time between two redraws.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private long _lastDraw = Stopwatch.GetTimestamp();
    private int _length;

    /// <summary>Whether the line is drawn.</summary>
    public bool Enabled => enabled;

    /// <inheritdoc/>
    public void Report(BatchReport value)
    {
        if (!enabled || value.Batch == value.Batches || Stopwatch.GetElapsedTime(_lastDraw) < Interval) return;
        _lastDraw = Stopwatch.GetTimestamp();
        Draw(Invariant(
            $"epoch {value.Epoch}/{value.Epochs}  batch {value.Batch}/{value.Batches}  loss {value.Loss:0.0000}  {value.ExamplesPerSecond:0} examples/s  {value.Remaining.TotalSeconds:0.0} s left"));
    }

    /// <summary>Wipes the line (call before writing anything else).</summary>
    public void Clear()
    {
        if (_length == 0) return;
        log.Write('\r');
        log.Write(new string(' ', _length));
        log.Write('\r');
        log.Flush();
        _length = 0;
    }

    private void Draw(string text)
    {
        log.Write('\r');
        log.Write(text.PadRight(_length));
        log.Flush();
        _length = text.Length;
    }
}

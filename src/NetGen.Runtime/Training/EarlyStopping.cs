using System;

namespace NetGen;

/// <summary>
/// Stops <c>Fit</c> when the monitored loss — the validation loss, or the training loss when <c>Fit</c> has no
/// validation set — has not improved for <see cref="Patience"/> epochs in a row. An epoch improves when its loss is
/// below the best so far by more than <see cref="MinDelta"/>. With <see cref="RestoreBest"/>, the parameters after
/// <c>Fit</c> are those at the end of the best epoch, bit for bit (whether training stopped early or ran all its epochs);
/// the optimiser's state (moments, step count) is not rewound. One instance may serve several <c>Fit</c> calls; each
/// starts afresh.
/// </summary>
public sealed class EarlyStopping
{
    /// <summary>Creates an early-stopping rule.</summary>
    /// <param name="patience">Epochs without improvement after which training stops (at least 1).</param>
    /// <param name="minDelta">Least decrease of the monitored loss that counts as an improvement (zero or positive, finite).</param>
    /// <param name="restoreBest">Whether to put back the parameters of the best epoch when training ends.</param>
    public EarlyStopping(int patience, float minDelta = 0f, bool restoreBest = true)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "The patience must be at least one epoch.");
        if (!(minDelta >= 0f) || float.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "The minimum improvement must be zero or positive and finite.");
        Patience = patience;
        MinDelta = minDelta;
        RestoreBest = restoreBest;
    }

    /// <summary>Epochs without improvement after which training stops.</summary>
    public int Patience { get; }

    /// <summary>Least decrease of the monitored loss that counts as an improvement.</summary>
    public float MinDelta { get; }

    /// <summary>Whether the best epoch's parameters are restored when training ends.</summary>
    public bool RestoreBest { get; }
}

using System;
using System.Collections.Generic;

namespace NetGen.Samples;

/// <summary>Metrics after one training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training cost J over the epoch's mini-batches.</param>
/// <param name="TrainAccuracy">Accuracy on the training set after the epoch.</param>
/// <param name="TestAccuracy">Accuracy on the test set after the epoch.</param>
/// <param name="Elapsed">Wall-clock training time of the epoch (evaluation excluded).</param>
public readonly record struct EpochMetrics(int Epoch, float Loss, float TrainAccuracy, float TestAccuracy, TimeSpan Elapsed);

/// <summary>The outcome of a sample's training run.</summary>
/// <param name="Name">The sample or network trained.</param>
/// <param name="TrainExamples">Examples trained on.</param>
/// <param name="TestExamples">Examples held out for the final evaluation.</param>
/// <param name="TrainAccuracy">Final accuracy on the training set.</param>
/// <param name="TestAccuracy">Final accuracy on the test set (the number a sample is judged by).</param>
/// <param name="History">Metrics per epoch.</param>
/// <param name="TrainingTime">Total training time (evaluation excluded).</param>
public sealed record SampleResult(
    string Name,
    int TrainExamples,
    int TestExamples,
    float TrainAccuracy,
    float TestAccuracy,
    IReadOnlyList<EpochMetrics> History,
    TimeSpan TrainingTime)
{
    /// <summary>Number of epochs trained.</summary>
    public int Epochs => History.Count;

    /// <summary>Mean training cost of the last epoch (NaN when no epoch ran).</summary>
    public float FinalLoss => History.Count > 0 ? History[^1].Loss : float.NaN;
}

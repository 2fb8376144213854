using System;
using System.Collections.Generic;

namespace NetGen.Samples;

/// <summary>Metrics after one training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training cost J over the epoch's mini-batches.</param>
/// <param name="TrainAccuracy">Training accuracy over the epoch (each example counted at its own step, as Keras reports it).</param>
/// <param name="ValidationLoss">Cost on the validation split after the epoch.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split after the epoch.</param>
/// <param name="LearningRate">The learning rate of the epoch.</param>
/// <param name="Elapsed">Wall-clock time of the epoch (its validation included).</param>
public readonly record struct EpochMetrics(int Epoch, float Loss, float TrainAccuracy, float ValidationLoss, float ValidationAccuracy,
    float LearningRate, TimeSpan Elapsed);

/// <summary>The outcome of a sample's training run.</summary>
/// <param name="Name">The sample or network trained.</param>
/// <param name="TrainExamples">Examples trained on.</param>
/// <param name="ValidationExamples">Examples evaluated after every epoch (early stopping watches their loss).</param>
/// <param name="TestExamples">Examples held out for the final evaluation only.</param>
/// <param name="TrainAccuracy">Final accuracy on the training split, with the kept parameters.</param>
/// <param name="TestAccuracy">Final accuracy on the test split, with the kept parameters (the number a sample is judged by).</param>
/// <param name="History">Metrics per epoch trained.</param>
/// <param name="BestEpoch">The epoch whose parameters were kept (the best validation loss).</param>
/// <param name="TrainingTime">Total training time.</param>
public sealed record SampleResult(
    string Name,
    int TrainExamples,
    int ValidationExamples,
    int TestExamples,
    float TrainAccuracy,
    float TestAccuracy,
    IReadOnlyList<EpochMetrics> History,
    int BestEpoch,
    TimeSpan TrainingTime)
{
    /// <summary>Number of epochs trained.</summary>
    public int Epochs => History.Count;

    /// <summary>Mean training cost of the last epoch (NaN when no epoch ran).</summary>
    public float FinalLoss => History.Count > 0 ? History[^1].Loss : float.NaN;
}

using System;

namespace NetGen;

/// <summary>Progress of one training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="Loss">Mean training cost J over the epoch's examples (each batch's J weighted by its size, with the
/// parameters before that batch's step).</param>
/// <param name="Steps">Optimiser steps taken in this epoch.</param>
/// <param name="Elapsed">Wall-clock time of this epoch (validation included).</param>
public readonly record struct EpochReport(int Epoch, int Epochs, float Loss, int Steps, TimeSpan Elapsed)
{
    /// <summary>
    /// Training accuracy of a classifier (a network trained with binary or categorical cross-entropy): the fraction of
    /// the epoch's examples whose predicted class matched the target's, each predicted by the forward pass of its own
    /// training step (before that step's update), as <see cref="Loss"/> is. NaN for a regression network.
    /// </summary>
    public float Accuracy { get; init; } = float.NaN;

    /// <summary>
    /// Cost J on the validation set with the parameters at the end of the epoch (equal to the network's
    /// <c>Cost(validationInputs, validationTargets)</c> then); NaN without a validation set.
    /// </summary>
    public float ValidationLoss { get; init; } = float.NaN;

    /// <summary>
    /// Accuracy on the validation set with the parameters at the end of the epoch (equal to the network's
    /// <c>Accuracy(validationInputs, validationTargets)</c> then); NaN without a validation set or for a regression network.
    /// </summary>
    public float ValidationAccuracy { get; init; } = float.NaN;

    /// <summary>The learning rate of the epoch's last step (with a per-epoch schedule, the rate of every step of the epoch).</summary>
    public float LearningRate { get; init; } = float.NaN;

    /// <summary>
    /// Whether the loss that <see cref="EarlyStopping"/> and <see cref="LearningRateSchedule.ReduceOnPlateau"/> watch (the
    /// validation loss, or the training loss without a validation set) was the best so far at this epoch.
    /// </summary>
    public bool IsBest { get; init; }
}

/// <summary>Progress inside an epoch, reported after every step when <c>Fit</c> is given a batch progress.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="Batch">1-based number of the step just taken in this epoch.</param>
/// <param name="Batches">Steps in an epoch.</param>
/// <param name="Examples">Examples of this epoch trained on so far.</param>
/// <param name="EpochExamples">Examples in an epoch.</param>
/// <param name="Loss">Mean training cost over this epoch's examples so far.</param>
/// <param name="Elapsed">Wall-clock time since the epoch started.</param>
public readonly record struct BatchReport(int Epoch, int Epochs, int Batch, int Batches, int Examples, int EpochExamples, float Loss, TimeSpan Elapsed)
{
    /// <summary>Training speed of this epoch so far.</summary>
    public double ExamplesPerSecond => Elapsed > TimeSpan.Zero ? Examples / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to the end of the epoch's steps at the speed so far (validation not included).</summary>
    public TimeSpan Remaining => Examples > 0 ? Elapsed * ((double)(EpochExamples - Examples) / Examples) : TimeSpan.Zero;
}

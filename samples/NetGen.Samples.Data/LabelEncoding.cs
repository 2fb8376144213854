using System;

namespace NetGen.Samples.Data;

/// <summary>Turns class labels into the target rows a network is trained against.</summary>
public static class LabelEncoding
{
    /// <summary>
    /// One-hot rows: for each label a row of <paramref name="classes"/> values, 1 at the label and 0 elsewhere
    /// (the targets of a Softmax output trained with cross-entropy).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classes).</exception>
    public static float[] OneHot(ReadOnlySpan<int> labels, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        var targets = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), label, FormattableString.Invariant($"Label {label} of example {i} is outside the {classes} classes (0 to {classes - 1})."));
            targets[i * classes + label] = 1f;
        }
        return targets;
    }

    /// <summary>One value per example, 0 or 1 (the targets of a single Sigmoid output trained with binary cross-entropy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is neither 0 nor 1.</exception>
    public static float[] Binary(ReadOnlySpan<int> labels)
    {
        var targets = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (label is not (0 or 1))
                throw new ArgumentOutOfRangeException(nameof(labels), label, FormattableString.Invariant($"Label {label} of example {i} is not 0 or 1."));
            targets[i] = label;
        }
        return targets;
    }
}

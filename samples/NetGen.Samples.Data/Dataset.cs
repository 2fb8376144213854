using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Samples.Data;

/// <summary>
/// A labelled classification data set in the layout NetGen networks consume: <see cref="Count"/> examples,
/// each <see cref="FeatureCount"/> contiguous floats (row-major, one example per row), and one class label
/// (0 … <see cref="ClassCount"/> − 1) per example. Instances are immutable: transformations return new sets.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;

    /// <summary>Creates a data set, taking ownership of the arrays (they are not copied).</summary>
    /// <param name="features">Count × <paramref name="featureCount"/> values, one example per row.</param>
    /// <param name="labels">One class label per example, each in [0, classNames.Count).</param>
    /// <param name="featureCount">Features per example.</param>
    /// <param name="classNames">The name of each class, indexed by label.</param>
    /// <param name="source">Where the data came from (a file path), used in messages.</param>
    /// <exception cref="ArgumentException">The lengths do not agree or a label is out of range.</exception>
    public Dataset(float[] features, int[] labels, int featureCount, IReadOnlyList<string> classNames, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (classNames.Count == 0) throw new ArgumentException("Expected at least one class name.", nameof(classNames));
        if ((long)labels.Length * featureCount != features.Length)
            throw new ArgumentException(Invariant($"Expected {(long)labels.Length * featureCount} feature values ({labels.Length} examples × {featureCount} features) but the length is {features.Length}."), nameof(features));
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
                throw new ArgumentException(Invariant($"Example {i} has label {labels[i]} but there are {classNames.Count} classes (labels 0 to {classNames.Count - 1})."), nameof(labels));
        }
        _features = features;
        _labels = labels;
        FeatureCount = featureCount;
        ClassNames = classNames;
        Source = source;
    }

    /// <summary>Number of examples.</summary>
    public int Count => _labels.Length;

    /// <summary>Features per example.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Class names indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Where the data came from (for messages).</summary>
    public string Source { get; }

    /// <summary>All features: <see cref="Count"/> rows of <see cref="FeatureCount"/> values.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>The label of each example.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The features of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Example(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>How many examples each class has, indexed by label.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int label in _labels) counts[label]++;
        return counts;
    }

    /// <summary>The examples at <paramref name="indices"/>, in that order (duplicates allowed).</summary>
    public Dataset Select(ReadOnlySpan<int> indices)
    {
        var features = new float[indices.Length * FeatureCount];
        var labels = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), i, Invariant($"Index {i} at position {k} is outside the {Count} examples."));
            _features.AsSpan(i * FeatureCount, FeatureCount).CopyTo(features.AsSpan(k * FeatureCount));
            labels[k] = _labels[i];
        }
        return new Dataset(features, labels, FeatureCount, ClassNames, Source);
    }

    /// <summary>
    /// Splits the examples at random into a training set and a test set of
    /// round(<paramref name="testFraction"/> × <see cref="Count"/>) examples. The permutation comes from
    /// <see cref="Rng"/> seeded with <paramref name="seed"/>, so the split is the same on every machine and .NET version.
    /// </summary>
    /// <param name="testFraction">Fraction of examples held out for testing, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public (Dataset Train, Dataset Test) Split(double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be between 0 and 1 (exclusive).");
        int testCount = (int)Math.Round(Count * testFraction, MidpointRounding.AwayFromZero);
        if (testCount == 0 || testCount == Count)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, Invariant($"A test fraction of {testFraction} leaves an empty split of the {Count} examples."));
        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var rng = new Rng(seed);
        rng.Shuffle(order);
        return (Select(order.AsSpan(testCount)), Select(order.AsSpan(0, testCount)));
    }

    /// <summary>A copy whose features are multiplied by <paramref name="factor"/> (e.g. 1/255 for 8-bit pixels).</summary>
    public Dataset Scale(float factor)
    {
        var features = new float[_features.Length];
        for (int k = 0; k < features.Length; k++) features[k] = _features[k] * factor;
        return WithFeatures(features);
    }

    /// <summary>A data set with the same labels and classes and new features of the same shape.</summary>
    public Dataset WithFeatures(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new Dataset(features, _labels, FeatureCount, ClassNames, Source);
    }

    /// <summary>
    /// Training targets for a network with <paramref name="outputSize"/> outputs: for one output (a Sigmoid
    /// unit) the 0/1 label of a two-class set; for <see cref="ClassCount"/> outputs (Softmax) one-hot rows.
    /// </summary>
    /// <exception cref="ArgumentException">The output size does not suit the number of classes.</exception>
    public float[] Targets(int outputSize)
    {
        if (outputSize == 1)
        {
            if (ClassCount != 2)
                throw new ArgumentException(Invariant($"A single output needs a two-class data set but {Source} has {ClassCount} classes."), nameof(outputSize));
            return LabelEncoding.Binary(_labels);
        }
        if (outputSize != ClassCount)
            throw new ArgumentException(Invariant($"Expected a network with {ClassCount} outputs (one per class of {Source}) or 1 output for two classes, but it has {outputSize}."), nameof(outputSize));
        return LabelEncoding.OneHot(_labels, ClassCount);
    }

    /// <summary>Class names "0", "1", …, for data sets whose classes are numbered (digits).</summary>
    public static IReadOnlyList<string> NumberedClasses(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = i.ToString(CultureInfo.InvariantCulture);
        return names;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

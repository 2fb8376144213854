using System;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// Counts of a classifier's predictions: entry [actual, predicted] is the number of examples of class actual predicted
/// as class predicted (rows: the truth, as scikit-learn's <c>confusion_matrix</c>). Per-class precision, recall and F1
/// follow scikit-learn's definitions, with 0 where a ratio has no examples (its <c>zero_division=0</c>).
/// Make one with <see cref="Of"/>, or refill one with <see cref="Fill"/> (which allocates nothing).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes (at least 2).</summary>
    public ConfusionMatrix(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "A confusion matrix needs at least two classes.");
        Classes = classes;
        _counts = new long[classes * classes];
    }

    /// <summary>
    /// The confusion matrix of a classifier over a data set: entry [actual, predicted] counts the examples whose target's
    /// class (<see cref="Metrics.Class"/>) is actual and whose output's class is predicted. Two classes for a one-output
    /// network (0/1 at the 0.5 threshold), else one per output.
    /// </summary>
    /// <param name="network">The classifier.</param>
    /// <param name="inputs">n examples, each InputSize contiguous features.</param>
    /// <param name="targets">n × OutputSize targets (0/1 labels or one-hot rows).</param>
    public static ConfusionMatrix Of(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        ArgumentNullException.ThrowIfNull(network);
        var matrix = new ConfusionMatrix(ClassesOf(network.OutputSize));
        matrix.Fill(network, inputs, targets);
        return matrix;
    }

    /// <summary>Clears the counts and counts the data set again (see <see cref="Of"/>), allocating nothing.</summary>
    /// <exception cref="ArgumentException">The network predicts another number of classes than <see cref="Classes"/>, or a length is wrong.</exception>
    public void Fill(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        ArgumentNullException.ThrowIfNull(network);
        int classes = ClassesOf(network.OutputSize);
        if (classes != Classes)
            throw new ArgumentException($"The matrix has {Classes} classes but {network.GetType().Name} predicts {classes}.", nameof(network));
        var filler = new Metrics.MatrixFiller(this);
        // Checked before the counts are cleared, so a wrong argument leaves the matrix as it was.
        int n = Guard.BatchSize(inputs.Length, network.InputSize, nameof(inputs));
        Guard.Batch(targets.Length, n, network.OutputSize, nameof(targets));
        Clear();
        Metrics.Evaluate(network, inputs, targets, ref filler);
    }

    /// <summary>The number of classes: 2 for a one-output network, else its OutputSize.</summary>
    public int Classes { get; }

    /// <summary>The classes a network with <paramref name="outputSize"/> outputs predicts.</summary>
    internal static int ClassesOf(int outputSize) => outputSize == 1 ? 2 : outputSize;

    /// <summary>The number of examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[Index(actual, nameof(actual)) * Classes + Index(predicted, nameof(predicted))];

    /// <summary>All examples counted.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long c in _counts) total += c;
            return total;
        }
    }

    /// <summary>The examples on the diagonal: predicted as their own class.</summary>
    public long Correct
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < Classes; c++) correct += _counts[c * Classes + c];
            return correct;
        }
    }

    /// <summary>The fraction of examples on the diagonal (0 for an empty matrix).</summary>
    public float Accuracy => Ratio(Correct, Total);

    /// <summary>Precision of class c: TP / (TP + FP), the fraction of the examples predicted as c that are c.</summary>
    public float Precision(int @class)
    {
        int c = Index(@class, nameof(@class));
        long predicted = 0;
        for (int a = 0; a < Classes; a++) predicted += _counts[a * Classes + c];
        return Ratio(_counts[c * Classes + c], predicted);
    }

    /// <summary>Recall of class c: TP / (TP + FN), the fraction of the examples of class c predicted as c.</summary>
    public float Recall(int @class)
    {
        int c = Index(@class, nameof(@class));
        long actual = 0;
        for (int p = 0; p < Classes; p++) actual += _counts[c * Classes + p];
        return Ratio(_counts[c * Classes + c], actual);
    }

    /// <summary>F1 of class c: the harmonic mean 2PR / (P + R) of its precision and recall (0 when both are 0).</summary>
    public float F1(int @class)
    {
        double p = Precision(@class), r = Recall(@class);
        return p + r == 0 ? 0f : (float)(2 * p * r / (p + r));
    }

    /// <summary>The unweighted mean of the classes' precisions (scikit-learn's <c>average="macro"</c>).</summary>
    public float MacroPrecision => Macro(Precision);

    /// <summary>The unweighted mean of the classes' recalls.</summary>
    public float MacroRecall => Macro(Recall);

    /// <summary>The unweighted mean of the classes' F1 scores.</summary>
    public float MacroF1 => Macro(F1);

    /// <summary>Sets every count to zero.</summary>
    public void Clear() => Array.Clear(_counts);

    /// <summary>Counts one example.</summary>
    internal void Add(int actual, int predicted) => _counts[actual * Classes + predicted]++;

    /// <summary>The matrix as a table: one row per actual class, one column per predicted class.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int width = Math.Max(6, MaxCount().ToString(CultureInfo.InvariantCulture).Length + 1);
        text.Append("actual \\ predicted".PadRight(19));
        for (int p = 0; p < Classes; p++) text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        text.AppendLine();
        for (int a = 0; a < Classes; a++)
        {
            text.Append(a.ToString(CultureInfo.InvariantCulture).PadRight(19));
            for (int p = 0; p < Classes; p++) text.Append(_counts[a * Classes + p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            text.AppendLine();
        }
        return text.ToString();
    }

    private long MaxCount()
    {
        long max = 0;
        foreach (long c in _counts) max = Math.Max(max, c);
        return max;
    }

    private float Macro(Func<int, float> metric)
    {
        double sum = 0;
        for (int c = 0; c < Classes; c++) sum += metric(c);
        return (float)(sum / Classes);
    }

    private int Index(int c, string name) =>
        (uint)c < (uint)Classes ? c : throw new ArgumentOutOfRangeException(name, c, $"The classes are 0 … {Classes - 1}.");

    private static float Ratio(long part, long whole) => whole == 0 ? 0f : (float)((double)part / whole);
}

/// <summary>Errors of a regression network over a data set, over all m × OutputSize values.</summary>
/// <param name="MeanAbsoluteError">1/(m·n) Σ |ŷ − y|.</param>
/// <param name="RootMeanSquaredError">√(1/(m·n) Σ (ŷ − y)²).</param>
public readonly record struct RegressionErrors(float MeanAbsoluteError, float RootMeanSquaredError)
{
    /// <summary>
    /// The errors of <paramref name="network"/>'s outputs over a data set (as Keras' <c>MeanAbsoluteError</c> and
    /// <c>RootMeanSquaredError</c> metrics), accumulated in double; allocates nothing.
    /// </summary>
    public static RegressionErrors Of(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        var sums = new Metrics.ErrorSums();
        int n = Metrics.Evaluate(network, inputs, targets, ref sums);
        double count = (double)n * network.OutputSize;
        return new RegressionErrors((float)(sums.Absolute / count), (float)Math.Sqrt(sums.Squared / count));
    }
}

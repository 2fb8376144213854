using System;
using System.Buffers;

namespace NetGen;

/// <summary>Evaluation helpers over any generated network; they allocate nothing in steady state.</summary>
public static class Metrics
{
    private const int Chunk = 64;

    /// <summary>Index of the largest value (the first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("Expected at least one value but the span is empty.", nameof(values));
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }

    /// <summary>
    /// The predicted class of one output vector: for one output, 1 when it is ≥ 0.5 (a Sigmoid probability) else 0;
    /// for several outputs, the index of the largest.
    /// </summary>
    public static int Class(ReadOnlySpan<float> output) => output.Length == 1 ? (output[0] >= 0.5f ? 1 : 0) : ArgMax(output);

    /// <summary>
    /// Fraction of examples whose predicted class (<see cref="Class"/>) equals the target's class
    /// (a 0/1 label for one output, one-hot or probabilities otherwise).
    /// </summary>
    public static float Accuracy(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        var counter = new CorrectCounter();
        int n = Evaluate(network, inputs, targets, ref counter);
        return (float)counter.Correct / n;
    }

    /// <summary>What <see cref="Evaluate"/> does with each chunk of outputs and their targets.</summary>
    internal interface IChunkVisitor
    {
        void Visit(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize);
    }

    private struct CorrectCounter : IChunkVisitor
    {
        public int Correct;

        public void Visit(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize) =>
            Correct += CountCorrect(outputs, targets, outputSize);
    }

    internal readonly struct MatrixFiller(ConfusionMatrix matrix) : IChunkVisitor
    {
        public void Visit(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize)
        {
            for (int i = 0, m = outputs.Length / outputSize; i < m; i++)
                matrix.Add(Class(targets.Slice(i * outputSize, outputSize)), Class(outputs.Slice(i * outputSize, outputSize)));
        }
    }

    internal struct ErrorSums : IChunkVisitor
    {
        public double Absolute, Squared;

        public void Visit(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize)
        {
            for (int k = 0; k < outputs.Length; k++)
            {
                double d = outputs[k] - targets[k];
                Absolute += Math.Abs(d);
                Squared += d * d;
            }
        }
    }

    /// <summary>
    /// Runs the network over the data set in chunks of <see cref="Chunk"/> examples (outputs on the stack, or rented when
    /// large) and hands each chunk to the visitor; returns the number of examples. Checks the lengths first.
    /// </summary>
    internal static int Evaluate<TVisitor>(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ref TVisitor visitor)
        where TVisitor : struct, IChunkVisitor
    {
        ArgumentNullException.ThrowIfNull(network);
        int nIn = network.InputSize, nOut = network.OutputSize;
        int n = Guard.BatchSize(inputs.Length, nIn, nameof(inputs));
        Guard.Batch(targets.Length, n, nOut, nameof(targets));
        float[]? rented = null;
        Span<float> outputs = Chunk * nOut <= 1024 ? stackalloc float[Chunk * nOut] : (rented = ArrayPool<float>.Shared.Rent(Chunk * nOut));
        try
        {
            for (int first = 0; first < n; first += Chunk)
            {
                int m = Math.Min(Chunk, n - first);
                Span<float> o = outputs.Slice(0, m * nOut);
                network.Forward(inputs.Slice(first * nIn, m * nIn), o);
                visitor.Visit(o, targets.Slice(first * nOut, m * nOut), nOut);
            }
            return n;
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// How many of the m = outputs.Length / <paramref name="outputSize"/> examples have the predicted class
    /// (<see cref="Class"/>) of their target (targets: m × outputSize values, as for <see cref="Accuracy"/>).
    /// </summary>
    public static int CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize)
    {
        if (outputSize <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "The output size must be positive.");
        if (outputs.Length % outputSize != 0)
            throw new ArgumentException($"Expected a multiple of {outputSize} values but the length is {outputs.Length}.", nameof(outputs));
        if (targets.Length != outputs.Length)
            throw new ArgumentException($"Expected length {outputs.Length} (one target per output) but the length is {targets.Length}.", nameof(targets));
        int nOut = outputSize;
        int correct = 0;
        for (int i = 0, m = outputs.Length / nOut; i < m; i++)
            if (Class(outputs.Slice(i * nOut, nOut)) == Class(targets.Slice(i * nOut, nOut))) correct++;
        return correct;
    }

    /// <summary>Whether a network trained with <paramref name="loss"/> is a classifier (its accuracy means something).</summary>
    internal static bool IsClassifier(Loss loss) => loss is Loss.BinaryCrossEntropy or Loss.CrossEntropy;
}

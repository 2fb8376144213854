using System;

namespace NetGen.Samples.Data;

/// <summary>
/// Feature standardisation x′ = (x − μ) / σ with the mean μ and population standard deviation σ of each
/// feature. Fit it on the training split only and apply the same statistics to the test split, so no
/// information about the test examples leaks into training. A constant feature (σ = 0) is only centred.
/// </summary>
public sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _standardDeviation;
    private readonly float[] _scale;

    private Standardizer(float[] mean, float[] standardDeviation)
    {
        _mean = mean;
        _standardDeviation = standardDeviation;
        _scale = new float[standardDeviation.Length];
        for (int j = 0; j < _scale.Length; j++) _scale[j] = standardDeviation[j] > 0f ? 1f / standardDeviation[j] : 1f;
    }

    /// <summary>Features per example.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>μ of each feature.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>σ of each feature (0 for a constant feature).</summary>
    public ReadOnlySpan<float> StandardDeviation => _standardDeviation;

    /// <summary>Computes μ and σ of each feature of <paramref name="training"/>.</summary>
    public static Standardizer Fit(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return Fit(training.Features, training.FeatureCount);
    }

    /// <summary>Computes μ and σ of each of the <paramref name="featureCount"/> features of the rows in <paramref name="features"/>.</summary>
    public static Standardizer Fit(ReadOnlySpan<float> features, int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (features.IsEmpty || features.Length % featureCount != 0)
            throw new ArgumentException(FormattableString.Invariant($"Expected a positive multiple of {featureCount} values (examples × features) but the length is {features.Length}."), nameof(features));
        int n = features.Length / featureCount;
        // Two passes in double precision: exact enough for any realistic data set and free of cancellation.
        var sum = new double[featureCount];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < featureCount; j++) sum[j] += features[i * featureCount + j];
        var mean = new double[featureCount];
        for (int j = 0; j < featureCount; j++) mean[j] = sum[j] / n;
        var squares = new double[featureCount];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < featureCount; j++)
            {
                double d = features[i * featureCount + j] - mean[j];
                squares[j] += d * d;
            }
        var mu = new float[featureCount];
        var sigma = new float[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            mu[j] = (float)mean[j];
            sigma[j] = (float)Math.Sqrt(squares[j] / n);
        }
        return new Standardizer(mu, sigma);
    }

    /// <summary>A copy of <paramref name="data"/> with standardised features.</summary>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
            throw new ArgumentException(FormattableString.Invariant($"Expected examples of {FeatureCount} features (the data the statistics were fitted on) but {data.Source} has {data.FeatureCount}."), nameof(data));
        var features = data.Features.ToArray();
        Transform(features);
        return data.WithFeatures(features);
    }

    /// <summary>Standardises rows of <see cref="FeatureCount"/> features in place.</summary>
    public void Transform(Span<float> features)
    {
        if (features.Length % FeatureCount != 0)
            throw new ArgumentException(FormattableString.Invariant($"Expected a multiple of {FeatureCount} values (examples × features) but the length is {features.Length}."), nameof(features));
        for (int start = 0; start < features.Length; start += FeatureCount)
        {
            Span<float> row = features.Slice(start, FeatureCount);
            for (int j = 0; j < row.Length; j++) row[j] = (row[j] - _mean[j]) * _scale[j];
        }
    }
}

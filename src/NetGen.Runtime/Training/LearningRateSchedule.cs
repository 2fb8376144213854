using System;

namespace NetGen;

/// <summary>
/// The learning rate of each step of <c>Fit</c>, from the optimiser's own rate α₀ (its <see cref="Optimizer.LearningRate"/>
/// when <c>Fit</c> starts, which <c>Fit</c> puts back when it returns). Per-epoch schedules fix one rate for all the steps
/// of an epoch; per-step schedules (<see cref="IsPerStep"/>) change it before every step. Epochs e and steps s count from
/// 0 at the start of each <c>Fit</c>. Create them with the static methods.
/// </summary>
public abstract class LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>Whether the rate changes from step to step (otherwise it changes only between epochs).</summary>
    public virtual bool IsPerStep => false;

    /// <summary>The rate of step <paramref name="step"/> in epoch <paramref name="epoch"/>, from the base rate α₀.</summary>
    /// <param name="baseRate">α₀, the optimiser's rate when <c>Fit</c> started.</param>
    /// <param name="epoch">0-based epoch.</param>
    /// <param name="step">0-based step since <c>Fit</c> started.</param>
    public abstract float Rate(float baseRate, int epoch, long step);

    /// <summary>Starts a new <c>Fit</c>: forgets what <see cref="Observe"/> saw.</summary>
    internal virtual void Reset()
    {
    }

    /// <summary>The monitored loss at the end of an epoch (only <see cref="ReduceOnPlateau"/> uses it).</summary>
    internal virtual void Observe(float loss)
    {
    }

    /// <summary>α = α₀ for every step.</summary>
    public static LearningRateSchedule Constant() => new ConstantSchedule();

    /// <summary>Step decay (PyTorch <c>StepLR</c>): α = α₀ · γ^⌊e / <paramref name="epochs"/>⌋, per epoch.</summary>
    /// <param name="epochs">Epochs between decays (at least 1).</param>
    /// <param name="gamma">Factor γ in (0, 1].</param>
    public static LearningRateSchedule StepDecay(int epochs, float gamma)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The decay period must be at least one epoch.");
        return new StepDecaySchedule(epochs, Factor(gamma, nameof(gamma)));
    }

    /// <summary>Exponential decay (PyTorch <c>ExponentialLR</c>): α = α₀ · γ^e, per epoch.</summary>
    /// <param name="gamma">Factor γ in (0, 1].</param>
    public static LearningRateSchedule Exponential(float gamma) => new ExponentialSchedule(Factor(gamma, nameof(gamma)));

    /// <summary>
    /// Linear warm-up, then cosine decay, per step: α = α₀ · (s + 1) / W for s &lt; W, then
    /// α = α_min + (α₀ − α_min) · ½ (1 + cos(π (s − W) / (T − W))) up to step T, and α_min after it.
    /// </summary>
    /// <param name="warmupSteps">W ≥ 0 (0: no warm-up).</param>
    /// <param name="totalSteps">T &gt; W, the step at which the rate reaches α_min (e.g. epochs × steps per epoch).</param>
    /// <param name="minRate">α_min ≥ 0, finite.</param>
    public static LearningRateSchedule CosineWithWarmup(int warmupSteps, int totalSteps, float minRate = 0f)
    {
        if (warmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "The warm-up cannot be negative.");
        if (totalSteps <= warmupSteps)
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, $"The total number of steps must exceed the {warmupSteps} warm-up steps.");
        return new CosineSchedule(warmupSteps, totalSteps, NonNegative(minRate, nameof(minRate)));
    }

    /// <summary>
    /// Reduce on plateau (PyTorch <c>ReduceLROnPlateau</c>, mode "min"), per epoch: when the monitored loss (as
    /// <see cref="EarlyStopping"/> monitors it) has not fallen below its best by more than <paramref name="minDelta"/> for
    /// more than <paramref name="patience"/> epochs (an absolute threshold, PyTorch's <c>threshold_mode="abs"</c>), the rate is multiplied by <paramref name="factor"/> (never below
    /// <paramref name="minRate"/>) and the count starts again.
    /// </summary>
    /// <param name="factor">Factor in (0, 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before a reduction (zero or more).</param>
    /// <param name="minDelta">Least decrease that counts as an improvement (zero or positive, finite).</param>
    /// <param name="minRate">Floor of the rate (zero or positive, finite).</param>
    public static LearningRateSchedule ReduceOnPlateau(float factor = 0.1f, int patience = 10, float minDelta = 0f, float minRate = 0f)
    {
        if (!(factor > 0f && factor < 1f)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be between 0 and 1 (exclusive).");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "The patience cannot be negative.");
        return new PlateauSchedule(factor, patience, NonNegative(minDelta, nameof(minDelta)), NonNegative(minRate, nameof(minRate)));
    }

    private static float Factor(float gamma, string name) =>
        gamma > 0f && gamma <= 1f ? gamma : throw new ArgumentOutOfRangeException(name, gamma, "The decay factor must be in (0, 1].");

    private static float NonNegative(float value, string name) =>
        value >= 0f && !float.IsInfinity(value) ? value : throw new ArgumentOutOfRangeException(name, value, "The value must be zero or positive and finite.");

    private sealed class ConstantSchedule : LearningRateSchedule
    {
        public override float Rate(float baseRate, int epoch, long step) => baseRate;
    }

    private sealed class StepDecaySchedule(int epochs, float gamma) : LearningRateSchedule
    {
        public override float Rate(float baseRate, int epoch, long step) => (float)(baseRate * Math.Pow(gamma, epoch / epochs));
    }

    private sealed class ExponentialSchedule(float gamma) : LearningRateSchedule
    {
        public override float Rate(float baseRate, int epoch, long step) => (float)(baseRate * Math.Pow(gamma, epoch));
    }

    private sealed class CosineSchedule(int warmup, int total, float minRate) : LearningRateSchedule
    {
        public override bool IsPerStep => true;

        public override float Rate(float baseRate, int epoch, long step)
        {
            if (step < warmup) return (float)(baseRate * (step + 1.0) / warmup);
            if (step >= total) return minRate;
            double t = (double)(step - warmup) / (total - warmup);
            return (float)(minRate + (baseRate - minRate) * 0.5 * (1 + Math.Cos(Math.PI * t)));
        }
    }

    private sealed class PlateauSchedule(float factor, int patience, float minDelta, float minRate) : LearningRateSchedule
    {
        private float _best = float.PositiveInfinity;
        private int _bad;
        private double _scale = 1;

        public override float Rate(float baseRate, int epoch, long step) => (float)Math.Max(baseRate * _scale, Math.Min(minRate, baseRate));

        internal override void Reset()
        {
            _best = float.PositiveInfinity;
            _bad = 0;
            _scale = 1;
        }

        internal override void Observe(float loss)
        {
            if (loss < _best - minDelta)
            {
                _best = loss;
                _bad = 0;
            }
            else if (++_bad > patience)
            {
                _scale *= factor;
                _bad = 0;
            }
        }
    }
}

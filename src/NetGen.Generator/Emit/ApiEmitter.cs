using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>Convenience API over the core passes: prediction, accuracy, training, the INetwork members.</summary>
internal static class ApiEmitter
{
    private const string RS = "global::System.ReadOnlySpan<float>";
    private const string S = "global::System.Span<float>";

    /// <summary>Largest vector emitted as a fixed-size value type (64 Ki floats = 256 KiB on the stack).</summary>
    internal const int TypedVectorLimit = 65536;

    public static void Write(IndentedWriter w, Shapes s)
    {
        w.Line("private Cache? _cache;");
        w.Line();
        w.Open("private Cache EnsureCache(int m)");
        w.Line("Cache? cache = _cache;");
        w.Line("if (cache is null || cache.Capacity < m) _cache = cache = new Cache(global::System.Math.Max(m, 1));");
        w.Line("return cache;");
        w.Close();
        w.Line();

        w.Line("/// <summary>Ŷ for one example. Thread-safe; allocates nothing.</summary>");
        w.Line("/// <param name=\"input\">Exactly <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"output\">Receives exactly <see cref=\"OutputSize\"/> values.</param>");
        w.Open($"public void Predict({RS} input, {S} output)");
        w.Line("global::NetGen.Guard.Length(input.Length, InputSize, nameof(input), \"InputSize\");");
        w.Line("global::NetGen.Guard.Length(output.Length, OutputSize, nameof(output), \"OutputSize\");");
        w.Line("Forward(input, output);");
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// The predicted class of one example: for one output, 1 when it is ≥ 0.5, else 0; for several, the index of the largest.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"input\">Exactly <see cref=\"InputSize\"/> features.</param>");
        w.Open($"public int PredictClass({RS} input)");
        w.Line("global::NetGen.Guard.Length(input.Length, InputSize, nameof(input), \"InputSize\");");
        if (s.Model.OutputSize <= 1024)
            w.Line($"{S} output = stackalloc float[OutputSize];");
        else
            w.Line($"{S} output = new float[OutputSize];");
        w.Line("Forward(input, output);");
        w.Line("return global::NetGen.Metrics.Class(output);");
        w.Close();
        w.Line();

        if (s.Model.InputSize <= TypedVectorLimit && s.Model.OutputSize <= TypedVectorLimit)
            WriteTypedPredict(w);

        w.Line("/// <summary>Fraction of examples whose predicted class matches the target's (see <see cref=\"PredictClass(global::System.ReadOnlySpan{float})\"/>).</summary>");
        w.Line("/// <param name=\"inputs\">m examples, each <see cref=\"InputSize\"/> contiguous features.</param>");
        w.Line("/// <param name=\"targets\">m × <see cref=\"OutputSize\"/> targets (0/1 labels or one-hot rows).</param>");
        w.Line($"public float Accuracy({RS} inputs, {RS} targets) => global::NetGen.Metrics.Accuracy(this, inputs, targets);");
        w.Line();

        w.Line("/// <summary>A trainer that applies <paramref name=\"optimizer\"/> after each batch; reuse it across steps.</summary>");
        w.Line("/// <param name=\"optimizer\">GradientDescent, Momentum or Adam.</param>");
        w.Line("/// <param name=\"threads\">Most threads a step uses; large batches are split into parts whose gradients are combined in a fixed order (see <see cref=\"global::NetGen.Trainer.Step\"/>).</param>");
        w.Line("public global::NetGen.Trainer CreateTrainer(global::NetGen.Optimizer optimizer, int threads = 1) => new global::NetGen.Trainer(this, optimizer, threads);");
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// Mini-batch training: up to <paramref name=\"epochs\"/> passes over the data in batches of <paramref name=\"batchSize\"/>,");
        w.Line("/// in an order shuffled from <paramref name=\"seed\"/>; reports each epoch (loss, accuracy, validation figures, rate) to <paramref name=\"progress\"/>.");
        w.Line("/// Every argument is checked before any parameter changes (see <see cref=\"global::NetGen.Trainer.Fit\"/>).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">n examples, each <see cref=\"InputSize\"/> contiguous features.</param>");
        w.Line("/// <param name=\"targets\">n × <see cref=\"OutputSize\"/> targets.</param>");
        w.Line("/// <param name=\"optimizer\">GradientDescent, Momentum or Adam.</param>");
        w.Line("/// <param name=\"epochs\">Most passes over the data.</param>");
        w.Line("/// <param name=\"batchSize\">Examples per step.</param>");
        w.Line("/// <param name=\"seed\">Seed of the shuffle; the same seed gives the same run.</param>");
        w.Line("/// <param name=\"progress\">Receives one report per epoch.</param>");
        w.Line("/// <param name=\"cancellationToken\">Stops training between batches; the history so far is returned.</param>");
        w.Line("/// <param name=\"threads\">Most threads a step uses (see <see cref=\"CreateTrainer\"/>); the same seed and thread count give the same run.</param>");
        w.Line("/// <param name=\"validationInputs\">Validation examples (none by default), evaluated after every epoch.</param>");
        w.Line("/// <param name=\"validationTargets\">Their targets.</param>");
        w.Line("/// <param name=\"earlyStopping\">Stops when the validation loss (the training loss without validation data) stops improving; restores the best parameters.</param>");
        w.Line("/// <param name=\"schedule\">The learning rate of each step (the optimiser's rate throughout without one).</param>");
        w.Line("/// <param name=\"maxGradientNorm\">Clipping by global norm (see <see cref=\"global::NetGen.Trainer.MaxGradientNorm\"/>); infinity for none.</param>");
        w.Line("/// <param name=\"checkpointPath\">A safetensors file that receives the parameters, atomically, after every epoch that improves the monitored loss.</param>");
        w.Line("/// <param name=\"batchProgress\">Receives a report after every step (for a live progress line: batches done, examples/s, time left).</param>");
        w.Line("/// <returns>One report per completed epoch (a cancelled run returns those completed so far).</returns>");
        w.Line($"public global::NetGen.EpochReport[] Fit({RS} inputs, {RS} targets, global::NetGen.Optimizer optimizer, int epochs, int batchSize = 32, int seed = 0,");
        w.Line("    global::System.IProgress<global::NetGen.EpochReport>? progress = null, global::System.Threading.CancellationToken cancellationToken = default, int threads = 1,");
        w.Line($"    {RS} validationInputs = default, {RS} validationTargets = default, global::NetGen.EarlyStopping? earlyStopping = null,");
        w.Line("    global::NetGen.LearningRateSchedule? schedule = null, float maxGradientNorm = float.PositiveInfinity, string? checkpointPath = null,");
        w.Line("    global::System.IProgress<global::NetGen.BatchReport>? batchProgress = null) =>");
        w.Line("    new global::NetGen.Trainer(this, optimizer, threads) { MaxGradientNorm = maxGradientNorm }.Fit(inputs, targets, epochs, batchSize, seed, shuffle: true,");
        w.Line("        progress, cancellationToken, validationInputs, validationTargets, earlyStopping, schedule, checkpointPath, batchProgress);");
        w.Line();

        WriteWeightsIO(w);

        w.Line("int global::NetGen.INetwork.InputSize => InputSize;");
        w.Line("int global::NetGen.INetwork.OutputSize => OutputSize;");
        w.Line("int global::NetGen.INetwork.ParameterCount => ParameterCount;");
        w.Line("int global::NetGen.INetwork.LayerCount => LayerCount;");
        w.Line($"global::NetGen.Loss global::NetGen.INetwork.Loss => global::NetGen.Loss.{s.Model.Loss};");
        w.Line("global::NetGen.INetworkCache global::NetGen.INetwork.CreateCache(int capacity) => new Cache(capacity);");
        w.Line($"float global::NetGen.INetwork.ComputeGradients({RS} inputs, {RS} targets, {S} gradients, global::NetGen.INetworkCache cache) =>");
        w.Line("    ComputeGradients(inputs, targets, gradients, global::NetGen.Guard.Cache<Cache>(cache, nameof(cache)));");
    }

    /// <summary>Fixed-size Input/Output value types and the Predict overloads that take them: no length to get wrong.</summary>
    private static void WriteTypedPredict(IndentedWriter w)
    {
        w.Line("/// <summary>Ŷ for one example given as an <see cref=\"Input\"/> (its length is fixed by the type). Thread-safe; allocates nothing.</summary>");
        w.Line("/// <param name=\"input\">The example's features.</param>");
        w.Open("public Output Predict(in Input input)");
        w.Line("Output output = default;");
        w.Line("Forward(input, output);");
        w.Line("return output;");
        w.Close();
        w.Line();
        w.Line("/// <summary>The predicted class of one example given as an <see cref=\"Input\"/> (see <see cref=\"PredictClass(global::System.ReadOnlySpan{float})\"/>).</summary>");
        w.Line("/// <param name=\"input\">The example's features.</param>");
        w.Open("public int PredictClass(in Input input)");
        w.Line("Output output = Predict(input);");
        w.Line("return global::NetGen.Metrics.Class(output);");
        w.Close();
        w.Line();
        WriteVector(w, "Input", "InputSize", "One example's <see cref=\"InputSize\"/> features as a fixed-size value: a network with another input size cannot take it.");
        w.Line();
        WriteVector(w, "Output", "OutputSize", "One example's <see cref=\"OutputSize\"/> outputs as a fixed-size value.");
        w.Line();
    }

    private static void WriteVector(IndentedWriter w, string name, string size, string summary)
    {
        w.Line($"/// <summary>{summary} Converts implicitly to <see cref=\"global::System.Span{{T}}\"/> and <see cref=\"global::System.ReadOnlySpan{{T}}\"/>.</summary>");
        w.Line($"[global::System.Runtime.CompilerServices.InlineArray({size})]");
        w.Open($"public struct {name}");
        w.Line("private float _element0;");
        w.Line();
        w.Line($"/// <summary>Copies exactly <see cref=\"{size}\"/> values into a new <see cref=\"{name}\"/>.</summary>");
        w.Line($"/// <param name=\"values\">The values; the length must be <see cref=\"{size}\"/>.</param>");
        w.Open($"public static {name} From(global::System.ReadOnlySpan<float> values)");
        w.Line($"global::NetGen.Guard.Length(values.Length, {size}, nameof(values), \"{size}\");");
        w.Line($"{name} result = default;");
        w.Line("values.CopyTo(result);");
        w.Line("return result;");
        w.Close();
        w.Close();
    }

    /// <summary>SaveWeights/LoadWeights: safetensors through the runtime's shape-checked reader and writer.</summary>
    private static void WriteWeightsIO(IndentedWriter w)
    {
        w.Line("/// <summary>Writes the parameters as safetensors (F32 tensors 0.weight, 0.bias, 1.weight, …), atomically: a temporary file is renamed over <paramref name=\"path\"/>.</summary>");
        w.Line("/// <param name=\"path\">The file to create or replace.</param>");
        w.Line("public void SaveWeights(string path) => global::NetGen.Safetensors.Save(this, path);");
        w.Line();
        w.Line("/// <summary>Writes the parameters as safetensors (F32 tensors 0.weight, 0.bias, 1.weight, …) to <paramref name=\"stream\"/>.</summary>");
        w.Line("/// <param name=\"stream\">A writable stream.</param>");
        w.Line("public void SaveWeights(global::System.IO.Stream stream) => global::NetGen.Safetensors.Save(this, stream);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Loads parameters from a safetensors file written by NetGen or by PyTorch (nn.Sequential keys such as 0.weight, 2.weight;");
        w.Line("/// F32, F64, F16 and BF16). Throws <see cref=\"global::System.IO.InvalidDataException\"/> or <see cref=\"global::System.FormatException\"/>");
        w.Line("/// saying what is wrong (e.g. which tensor has which shape instead of which) and then leaves the parameters unchanged.");
        w.Line("/// An ONNX model (told by its content) is read too when its graph matches the layers (Gemm or MatMul + Add, Conv, the");
        w.Line("/// activations, pooling, Flatten); a mismatch names the node, the expected and the actual shape or op.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The safetensors file or ONNX model.</param>");
        w.Line("/// <param name=\"nameMap\">Optional map from NetGen names (\"0.weight\", \"0.bias\", …) to the file's tensor names.</param>");
        w.Line("public void LoadWeights(string path, global::System.Collections.Generic.IReadOnlyDictionary<string, string>? nameMap = null) => global::NetGen.Safetensors.Load(this, path, nameMap);");
        w.Line();
        w.Line("/// <summary>Loads parameters from safetensors or an ONNX model in <paramref name=\"stream\"/>; see <see cref=\"LoadWeights(string, global::System.Collections.Generic.IReadOnlyDictionary{string, string})\"/>.</summary>");
        w.Line("/// <param name=\"stream\">A readable stream.</param>");
        w.Line("/// <param name=\"nameMap\">Optional map from NetGen names (\"0.weight\", \"0.bias\", …) to the file's tensor names.</param>");
        w.Line("public void LoadWeights(global::System.IO.Stream stream, global::System.Collections.Generic.IReadOnlyDictionary<string, string>? nameMap = null) => global::NetGen.Safetensors.Load(this, stream, nameMap);");
        w.Line();
    }
}

using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace NetGen.Generator.Tests;

/// <summary>
/// Generated code compared exactly with approved files in Baselines/{Test}/{HintName}.txt (line endings
/// normalised, the generator version replaced by {VERSION}). With NETGEN_UPDATE_BASELINES=1 the files are
/// rewritten and the test fails, so a run that updates baselines can never pass CI.
/// </summary>
public class BaselineTests
{
    [Fact]
    public void BreastCancerNetwork() => Verify("""
        using NetGen;

        namespace Samples.Medical;

        /// <summary>The seeds' 3-layer network.</summary>
        [Network(inputs: 30, Loss = Loss.BinaryCrossEntropy)]
        [Dense(16, Activation.ReLU)]
        [Dense(8, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class CancerNet;
        """);

    [Fact]
    public void SoftmaxClassifierInGlobalNamespace() => Verify("""
        using NetGen;

        [Network(64, Loss = Loss.CrossEntropy)]
        [Dense(32, Activation.Tanh, Inputs = 64)]
        [Dense(10, Activation.Softmax)]
        internal sealed partial class DigitsNet { }
        """);

    [Fact]
    public void NestedEscapedSingleLayerRegression() => Verify("""
        using NetGen;

        namespace Controllers
        {
            public static partial class Models
            {
                internal partial struct Holder
                {
                    [Network(3)]
                    [Dense(2, Activation.LeakyReLU)]
                    public partial class @event;
                }
            }
        }
        """);

    private static void Verify(string source, [CallerMemberName] string test = "", [CallerFilePath] string thisFile = "")
    {
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);

        string directory = Path.Combine(Path.GetDirectoryName(thisFile)!, "Baselines", test);
        bool update = Environment.GetEnvironmentVariable("NETGEN_UPDATE_BASELINES") == "1";
        foreach (string hintName in result.HintNames)
        {
            string actual = Normalize(result.GeneratedSource(hintName)).Replace(Emit.NetworkEmitter.Version, "{VERSION}");
            string path = Path.Combine(directory, hintName + ".txt");
            if (update)
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(path, actual);
                continue;
            }
            Assert.True(File.Exists(path), $"No baseline {path}; run the tests with NETGEN_UPDATE_BASELINES=1 and review the file.");
            Assert.Equal(Normalize(File.ReadAllText(path)), actual);
        }
        Assert.False(update, "Baselines were rewritten (NETGEN_UPDATE_BASELINES=1); review the diff and run again without it.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');
}

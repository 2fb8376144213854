using System.Globalization;
using System.Text;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>
/// For a network with <c>Weights = "file"</c>: the parameters compiled in as a static <c>ReadOnlySpan&lt;float&gt;</c> over a
/// constant array (which C# stores in the assembly's read-only data: no allocation, no file at run time), and the
/// parameterless constructor that starts from them.
/// </summary>
internal static class EmbeddedWeightsEmitter
{
    /// <summary>Most values written on one line of the data.</summary>
    private const int ValuesPerLine = 16;

    public static void WriteHeaderComment(IndentedWriter w, EmbeddedWeights weights) =>
        w.Line($"// The parameters are compiled in from the weights file '{Comment(weights.Path)}' (see EmbeddedParameters).");

    public static void WriteConstructor(IndentedWriter w, Shapes s)
    {
        var m = s.Model;
        w.Line("/// <summary>");
        w.Line($"/// Creates the network with the parameters compiled in from <c>{Xml(m.Weights!.Path)}</c> (see <see cref=\"EmbeddedParameters\"/>).");
        w.Line("/// Use <c>new " + m.ClassName + "(seed)</c> for a random initialisation instead.");
        w.Line("/// </summary>");
        w.Open($"public {m.ClassName}()");
        w.Line("EmbeddedParameters.CopyTo(Parameters);");
        w.Close();
    }

    public static void Write(IndentedWriter w, Shapes s)
    {
        var weights = s.Model.Weights;
        if (weights is null) return;
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The parameters compiled in from the weights file <c>{Xml(weights.Path)}</c>, in the layout of <see cref=\"Parameters\"/>:");
        w.Line(s.IsDenseStack
            ? "/// W1, b1, …, WL, bL, each W[l] row-major n[l] × n[l−1] (tensors 0.weight, 0.bias, 1.weight, … of the file). They live in"
            : "/// each parameterised layer's W then b, W row-major in PyTorch's layout (tensors 0.weight, 0.bias, 1.weight, … of the file). They live in");
        w.Line("/// the assembly's read-only data: reading them allocates nothing. The parameterless constructor starts from them;");
        w.Line("/// <c>EmbeddedParameters.CopyTo(net.Parameters)</c> restores them after training.");
        w.Line("/// </summary>");
        w.Line("public static global::System.ReadOnlySpan<float> EmbeddedParameters => new float[]");
        w.Line("{");
        int offset = 0;
        var values = weights.Values;
        for (int t = 0; t < s.ParameterisedLayers.Count; t++)
        {
            int l = s.ParameterisedLayers[t];
            var layer = s.Layer(l);
            string tensor = t.ToString(CultureInfo.InvariantCulture);
            string row = layer is Layers.Dense.DenseLayer ? "unit" : "filter";
            w.Line($"    // W{l}[{s.WeightShapeText(l)}] ← tensor '{tensor}.weight', one row ({row}) per line");
            for (int r = 0; r < layer.WeightRows; r++)
            {
                WriteValues(w, values, offset, layer.WeightRowLength);
                offset += layer.WeightRowLength;
            }
            w.Line($"    // b{l}[{layer.BiasCount}] ← tensor '{tensor}.bias'");
            WriteValues(w, values, offset, layer.BiasCount);
            offset += layer.BiasCount;
        }
        w.Line("};");
    }

    private static void WriteValues(IndentedWriter w, FloatArray values, int start, int count)
    {
        var line = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (line.Length > 0) line.Append(' ');
            line.Append(Literal(values[start + i])).Append(',');
            if ((i + 1) % ValuesPerLine == 0 || i == count - 1)
            {
                w.Line("    " + line);
                line.Clear();
            }
        }
    }

    /// <summary>
    /// A C# float literal that the compiler reads back to exactly <paramref name="value"/>: the shortest round-trip form
    /// ("R") when it parses back to the same bits, else 9 significant digits (always enough for a float), with the
    /// invariant culture (so a culture whose minus sign is U+2212 cannot break the code). −0 keeps its sign.
    /// </summary>
    internal static string Literal(float value)
    {
        if (value == 0) return FloatArray.Bits(value) == 0 ? "0f" : "-0f";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float back) || FloatArray.Bits(back) != FloatArray.Bits(value))
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        return text + "f";
    }

    /// <summary>A path inside a // comment: no line breaks.</summary>
    private static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text) builder.Append(c < ' ' || c is '\u0085' or '\u2028' or '\u2029' ? '?' : c);
        return builder.ToString();
    }

    /// <summary>A path inside an XML doc comment: escaped, no line breaks.</summary>
    private static string Xml(string text) => Comment(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

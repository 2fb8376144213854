using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace NetGen.Generator.Parsing;

/// <summary>The kinds of JSON values.</summary>
internal enum JsonKind { Object, Array, String, Number, True, False, Null }

/// <summary>A property of a JSON object, with the span of its name (quotes included).</summary>
internal sealed class JsonProperty(string name, int nameStart, int nameEnd, JsonNode value)
{
    public string Name { get; } = name;
    public int NameStart { get; } = nameStart;
    public int NameEnd { get; } = nameEnd;
    public JsonNode Value { get; } = value;
}

/// <summary>A parsed JSON value and its span [<see cref="Start"/>, <see cref="End"/>) in the text.</summary>
internal sealed class JsonNode
{
    private JsonNode(JsonKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
    }

    public JsonKind Kind { get; }
    public int Start { get; }
    public int End { get; }

    /// <summary>The value of a string.</summary>
    public string? String { get; private set; }

    /// <summary>The value of a number, as the nearest double (±∞ beyond its range; NaN for the token NaN).</summary>
    public double Number { get; private set; }

    /// <summary>A number as written.</summary>
    public string? NumberText { get; private set; }

    /// <summary>The properties of an object, in the order written (names are unique).</summary>
    public IReadOnlyList<JsonProperty> Properties { get; private set; } = [];

    /// <summary>The items of an array.</summary>
    public IReadOnlyList<JsonNode> Items { get; private set; } = [];

    public static JsonNode Literal(JsonKind kind, int start, int end) => new(kind, start, end);
    public static JsonNode FromString(string value, int start, int end) => new(JsonKind.String, start, end) { String = value };
    public static JsonNode FromNumber(double value, string text, int start, int end) =>
        new(JsonKind.Number, start, end) { Number = value, NumberText = text };
    public static JsonNode FromObject(List<JsonProperty> properties, int start, int end) =>
        new(JsonKind.Object, start, end) { Properties = properties };
    public static JsonNode FromArray(List<JsonNode> items, int start, int end) => new(JsonKind.Array, start, end) { Items = items };

    /// <summary>The property named <paramref name="name"/>, or null.</summary>
    public JsonProperty? Property(string name)
    {
        foreach (var property in Properties)
            if (property.Name == name) return property;
        return null;
    }

    /// <summary>"an object", "a number", … for messages.</summary>
    public string Describe() => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Null => "null",
        _ => "a boolean",
    };
}

/// <summary>A JSON syntax error at <see cref="Start"/>..<see cref="End"/> of the text.</summary>
internal sealed class JsonSyntaxException(string message, int start, int end) : Exception(message)
{
    public int Start { get; } = start;
    public int End { get; } = end;
}

/// <summary>
/// A small strict JSON (RFC 8259) reader for the generator, which may not depend on System.Text.Json: objects, arrays,
/// strings with every escape, numbers with fractions and exponents, true, false, null. Errors are
/// <see cref="JsonSyntaxException"/>s carrying the offending span, which the caller turns into a line and column.
/// Duplicate property names are rejected. The tokens NaN, Infinity and -Infinity are read as numbers (which JSON
/// does not allow) so that a file written by Python's json module gets a precise "not finite" error instead of a
/// syntax error.
/// </summary>
internal sealed class JsonReader
{
    /// <summary>The deepest nesting accepted; deeper documents are refused rather than risking the stack.</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private readonly CancellationToken _cancellationToken;
    private int _position;
    private int _sinceCancellationCheck;

    private JsonReader(string text, CancellationToken cancellationToken)
    {
        _text = text;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses one JSON document (whitespace and a byte-order mark around it are allowed).</summary>
    public static JsonNode Parse(string text, CancellationToken cancellationToken = default)
    {
        var reader = new JsonReader(text, cancellationToken);
        if (text.Length > 0 && text[0] == '\uFEFF') reader._position = 1;
        reader.SkipWhitespace();
        if (reader._position == text.Length) throw new JsonSyntaxException("the file is empty; expected a JSON object", text.Length, text.Length);
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position < text.Length)
            throw reader.ErrorHere($"unexpected {reader.DescribeHere()} after the end of the JSON document");
        return value;
    }

    private JsonNode ReadValue(int depth)
    {
        if (++_sinceCancellationCheck >= 4096)
        {
            _sinceCancellationCheck = 0;
            _cancellationToken.ThrowIfCancellationRequested();
        }
        if (_position >= _text.Length) throw ErrorHere("unexpected end of file; expected a value");
        char c = _text[_position];
        switch (c)
        {
            case '{': return ReadObject(depth + 1);
            case '[': return ReadArray(depth + 1);
            case '"':
            {
                int start = _position;
                string value = ReadString();
                return JsonNode.FromString(value, start, _position);
            }
            case 't': return ReadLiteral("true", JsonKind.True);
            case 'f': return ReadLiteral("false", JsonKind.False);
            case 'n': return ReadLiteral("null", JsonKind.Null);
            case 'N':
            case 'I':
            case '-':
            case >= '0' and <= '9':
                return ReadNumber();
            default:
                throw ErrorHere($"expected a value (an object, array, string, number, true, false or null), found {DescribeHere()}");
        }
    }

    private JsonNode ReadObject(int depth)
    {
        int start = _position;
        CheckDepth(depth);
        _position++; // {
        var properties = new List<JsonProperty>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return JsonNode.FromObject(properties, start, _position);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw ErrorHere(Peek() == '}' && properties.Count > 0
                    ? "a trailing comma before '}' is not allowed"
                    : $"expected a property name in double quotes, found {DescribeHere()}");
            int nameStart = _position;
            string name = ReadString();
            int nameEnd = _position;
            if (!names.Add(name)) throw new JsonSyntaxException($"duplicate property \"{Shorten(name)}\"", nameStart, nameEnd);
            SkipWhitespace();
            if (Peek() != ':') throw ErrorHere($"expected ':' after the property name \"{Shorten(name)}\", found {DescribeHere()}");
            _position++;
            SkipWhitespace();
            var value = ReadValue(depth);
            properties.Add(new JsonProperty(name, nameStart, nameEnd, value));
            SkipWhitespace();
            char next = Peek();
            if (next == ',')
            {
                _position++;
                continue;
            }
            if (next == '}')
            {
                _position++;
                return JsonNode.FromObject(properties, start, _position);
            }
            throw ErrorHere($"expected ',' or '}}' after the value of \"{Shorten(name)}\", found {DescribeHere()}");
        }
    }

    private JsonNode ReadArray(int depth)
    {
        int start = _position;
        CheckDepth(depth);
        _position++; // [
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return JsonNode.FromArray(items, start, _position);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() == ']' && items.Count > 0) throw ErrorHere("a trailing comma before ']' is not allowed");
            items.Add(ReadValue(depth));
            SkipWhitespace();
            char next = Peek();
            if (next == ',')
            {
                _position++;
                continue;
            }
            if (next == ']')
            {
                _position++;
                return JsonNode.FromArray(items, start, _position);
            }
            throw ErrorHere($"expected ',' or ']' after item {items.Count} of the array, found {DescribeHere()}");
        }
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth) throw ErrorHere($"the document nests objects and arrays more than {MaxDepth} levels deep");
    }

    private JsonNode ReadLiteral(string literal, JsonKind kind)
    {
        int start = _position;
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0 || IsWordChar(_position + literal.Length))
            throw new JsonSyntaxException($"expected a value, found '{Shorten(Word(start))}'", start, start + Math.Max(1, Word(start).Length));
        _position += literal.Length;
        return JsonNode.Literal(kind, start, _position);
    }

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, or NaN, Infinity, -Infinity.</summary>
    private JsonNode ReadNumber()
    {
        int start = _position;
        bool negative = Peek() == '-';
        if (negative) _position++;
        foreach (string special in new[] { "Infinity", "NaN" })
        {
            if (string.CompareOrdinal(_text, _position, special, 0, special.Length) == 0 && !IsWordChar(_position + special.Length)
                && !(negative && special == "NaN"))
            {
                _position += special.Length;
                double value = special == "NaN" ? double.NaN : negative ? double.NegativeInfinity : double.PositiveInfinity;
                return JsonNode.FromNumber(value, _text.Substring(start, _position - start), start, _position);
            }
        }

        if (!negative && !IsDigit(Peek()))
            throw ErrorHere($"expected a value (an object, array, string, number, true, false or null), found {DescribeHere()}");
        if (!IsDigit(Peek())) throw Invalid("expected a digit");
        if (Peek() == '0')
        {
            _position++;
            if (IsDigit(Peek())) throw Invalid("a number cannot have a leading zero");
        }
        else
        {
            while (IsDigit(Peek())) _position++;
        }
        if (Peek() == '.')
        {
            _position++;
            if (!IsDigit(Peek())) throw Invalid("expected a digit after '.'");
            while (IsDigit(Peek())) _position++;
        }
        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-') _position++;
            if (!IsDigit(Peek())) throw Invalid("expected a digit in the exponent");
            while (IsDigit(Peek())) _position++;
        }
        if (IsWordChar(_position)) throw Invalid("unexpected character in a number");

        string text = _text.Substring(start, _position - start);
        return JsonNode.FromNumber(ParseDouble(text, negative), text, start, _position);

        JsonSyntaxException Invalid(string why)
        {
            int end = _position;
            while (IsWordChar(end) || (end < _text.Length && _text[end] is '.' or '+' or '-')) end++;
            end = Math.Max(end, Math.Min(_text.Length, start + 1));
            return new JsonSyntaxException($"'{Shorten(_text.Substring(start, end - start))}' is not a valid number ({why})", start, end);
        }
    }

    /// <summary>
    /// The double nearest to a valid JSON number. .NET Framework (Visual Studio's compiler host) throws on overflow where
    /// .NET Core returns ±∞, so overflow is mapped to ±∞ here on both.
    /// </summary>
    private static double ParseDouble(string text, bool negative)
    {
        try
        {
            return double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
    }

    private string ReadString()
    {
        int start = _position;
        _position++; // opening quote
        StringBuilder? builder = null;
        int runStart = _position;
        while (true)
        {
            if (_position >= _text.Length)
                throw new JsonSyntaxException("unterminated string: the file ends before its closing '\"'", start, _text.Length);
            char c = _text[_position];
            if (c == '"')
            {
                string value = builder is null
                    ? _text.Substring(runStart, _position - runStart)
                    : builder.Append(_text, runStart, _position - runStart).ToString();
                _position++;
                return value;
            }
            if (c < ' ')
            {
                throw c is '\n' or '\r'
                    ? new JsonSyntaxException("unterminated string: it reaches the end of the line before its closing '\"'", start, _position)
                    : ErrorHere($"a string cannot contain the control character U+{(int)c:X4}; write it as an escape such as \\u{(int)c:X4}");
            }
            if (c != '\\')
            {
                _position++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _position - runStart);
            int escape = _position;
            _position++;
            char e = _position < _text.Length ? _text[_position] : '\0';
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    int code = 0;
                    for (int i = 1; i <= 4; i++)
                    {
                        int digit = _position + i < _text.Length ? HexValue(_text[_position + i]) : -1;
                        if (digit < 0)
                            throw new JsonSyntaxException("invalid escape: \\u must be followed by four hexadecimal digits",
                                escape, Math.Min(_text.Length, _position + i + 1));
                        code = code * 16 + digit;
                    }
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new JsonSyntaxException(
                        $"invalid escape '\\{(e == '\0' ? "" : e.ToString())}'; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                        escape, Math.Min(_text.Length, _position + 1));
            }
            _position++;
            runStart = _position;
        }
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r') _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private bool IsWordChar(int index) => index < _text.Length && (char.IsLetterOrDigit(_text[index]) || _text[index] == '_');

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private string Word(int start)
    {
        int end = start;
        while (IsWordChar(end)) end++;
        return _text.Substring(start, end - start);
    }

    /// <summary>An error at the current character, or at the whole word (e.g. <c>True</c>) that starts there.</summary>
    private JsonSyntaxException ErrorHere(string message) =>
        new(message, _position, IsWordChar(_position) ? _position + Word(_position).Length : Math.Min(_text.Length, _position + 1));

    /// <summary>The character at the current position, for messages.</summary>
    private string DescribeHere()
    {
        if (_position >= _text.Length) return "the end of the file";
        char c = _text[_position];
        if (IsWordChar(_position)) return $"'{Shorten(Word(_position))}'";
        return c switch
        {
            '\n' or '\r' => "a line break",
            '\t' => "a tab",
            < ' ' => $"the control character U+{(int)c:X4}",
            _ => $"'{c}'",
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}

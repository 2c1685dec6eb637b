// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Text;

namespace FarQuery.Admin.Protocol;

/// <summary>Writes and reads SQL values so their type survives the round trip (PROTOCOL.md, "Values"): integers
/// stay JSON integers, reals always carry a fraction or exponent (1.0, never 1), blobs become <c>{"blob": base64}</c>,
/// and non-finite reals become <c>{"real": "Infinity"}</c> because JSON has no literal for them.</summary>
internal static class SqlValueJson
{
    /// <summary>Writes one value.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                // "R" prints 1.0 as "1", which a reader would take for an integer.
                var text = d.ToString("R", CultureInfo.InvariantCulture);
                if (text.AsSpan().IndexOfAny('.', 'E', 'e') < 0)
                {
                    text += ".0";
                }

                writer.WriteRawValue(text, skipInputValidation: true);
                break;
            case double d:
                writer.WriteStartObject();
                writer.WriteString("real", double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                writer.WriteEndObject();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case byte[] bytes:
                writer.WriteStartObject();
                writer.WriteBase64String("blob", bytes);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Reads one value at the reader's current token.</summary>
    public static object? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
                if (raw.AsSpan().IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && Utf8Parser.TryParse(raw, out long l, out var used) && used == raw.Length)
                {
                    return l;
                }

                return reader.GetDouble();
            case JsonTokenType.StartObject:
                object? result = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    result = name switch
                    {
                        "blob" => reader.GetBytesFromBase64(),
                        "real" => reader.GetString() switch
                        {
                            "Infinity" => double.PositiveInfinity,
                            "-Infinity" => double.NegativeInfinity,
                            _ => double.NaN,
                        },
                        _ => throw new JsonException($"unknown value object member '{name}'"),
                    };
                }

                return result;
            default:
                throw new JsonException($"unexpected {reader.TokenType} where a value was expected");
        }
    }
}

/// <summary>Rows as arrays of typed values (see <see cref="SqlValueJson"/>).</summary>
internal sealed class RowsJsonConverter : JsonConverter<IReadOnlyList<object?[]>>
{
    /// <inheritdoc/>
    public override IReadOnlyList<object?[]> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadRows(ref reader);

    /// <summary>Reads the rows array at the reader's current token (the generated serializer and the client's own
    /// reader, <see cref="ClientFrameJson"/>, share it).</summary>
    public static List<object?[]> ReadRows(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("rows must be an array");
        }

        var rows = new List<object?[]>();
        var row = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("each row must be an array");
            }

            row.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                row.Add(SqlValueJson.Read(ref reader));
            }

            rows.Add([.. row]);
        }

        return rows;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<object?[]> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var row in value)
        {
            writer.WriteStartArray();
            foreach (var v in row)
            {
                SqlValueJson.Write(writer, v);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}

/// <summary>Status values as a JSON object whose member order is the source's order.</summary>
internal sealed class StatusValuesJsonConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, object?>>>
{
    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object?>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("values must be an object");
        }

        var values = new List<KeyValuePair<string, object?>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            values.Add(new(name, SqlValueJson.Read(ref reader)));
        }

        return values;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, object?>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in value)
        {
            writer.WritePropertyName(k);
            SqlValueJson.Write(writer, v);
        }

        writer.WriteEndObject();
    }
}

// SPDX-License-Identifier: Apache-2.0
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;

namespace FarQuery.Ecs;

/// <summary>Tolerant field readers over a <see cref="JsonElement"/>: a missing field, a null or a value of an
/// unexpected kind gives null for that field only, because AWS adds fields over time and a starting task omits many
/// (docs/ecs-and-ssm.md §1.1, §1.5). Reflection-free, so it works under NativeAOT without a serializer context.</summary>
internal static class JsonFields
{
    private static readonly JsonWriterOptions CompactOptions = new()
    {
        Indented = false,

        // The text goes into SQL columns and logs, not HTML: keep '+', '<' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses one JSON value from <paramref name="json"/>; anything after it is an error.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out JsonDocument? document, out string error)
    {
        document = null;
        error = "";
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            var parsed = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                // Utf8JsonReader throws on most trailing garbage itself; this catches a second complete value.
                parsed.Dispose();
                error = "malformed JSON: more than one value";
                return false;
            }

            document = parsed;
            return true;
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>The named property of an object, or false when <paramref name="e"/> is not an object or lacks it.</summary>
    public static bool TryGet(this JsonElement e, string name, out JsonElement value)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A string field; a number is returned as its literal text (a revision sent as 5 instead of "5").</summary>
    public static string? Str(this JsonElement e, string name) =>
        e.TryGet(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>An integer field. Numbers above Int64 (an unlimited cgroup on some kernels sends 2^64-1) saturate;
    /// fractions are truncated; numeric strings are accepted.</summary>
    public static long? Int(this JsonElement e, string name) => e.TryGet(name, out var v) ? AsInt(v) : null;

    /// <summary>The value as an integer, or null.</summary>
    public static long? AsInt(this JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                if (v.TryGetInt64(out var l))
                {
                    return l;
                }

                if (v.TryGetUInt64(out _))
                {
                    return long.MaxValue;
                }

                return v.TryGetDouble(out var d) ? Saturate(d) : null;
            case JsonValueKind.String:
                return long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
            default:
                return null;
        }
    }

    /// <summary>A floating-point field; numeric strings are accepted.</summary>
    public static double? Dbl(this JsonElement e, string name)
    {
        if (!e.TryGet(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDouble(out var d) => d,
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    /// <summary>An object field, or false.</summary>
    public static bool TryObject(this JsonElement e, string name, out JsonElement value) =>
        e.TryGet(name, out value) && value.ValueKind == JsonValueKind.Object;

    /// <summary>An array field, or false.</summary>
    public static bool TryArray(this JsonElement e, string name, out JsonElement value) =>
        e.TryGet(name, out value) && value.ValueKind == JsonValueKind.Array;

    /// <summary>The string elements of an array field; other elements are skipped.</summary>
    public static IReadOnlyList<string> Strings(this JsonElement e, string name)
    {
        if (!e.TryArray(name, out var array))
        {
            return [];
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { } s)
            {
                list.Add(s);
            }
        }

        return list;
    }

    /// <summary>The object elements of an array field, each read by <paramref name="read"/>; other elements are skipped.</summary>
    public static List<T> Objects<T>(this JsonElement e, string name, Func<JsonElement, T> read)
    {
        var list = new List<T>();
        if (e.TryArray(name, out var array))
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    list.Add(read(item));
                }
            }
        }

        return list;
    }

    /// <summary>An object or array field rewritten as compact JSON (for label and tag columns), or null.</summary>
    public static string? CompactJson(this JsonElement e, string name, JsonValueKind kind)
    {
        if (!e.TryGet(name, out var v) || v.ValueKind != kind)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            v.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static long Saturate(double d) => double.IsNaN(d) ? 0 : d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
}

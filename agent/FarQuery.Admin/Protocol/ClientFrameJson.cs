// SPDX-License-Identifier: Apache-2.0
using System.Buffers;

namespace FarQuery.Admin.Protocol;

/// <summary>The client's side of the JSON on its hot path: its requests, and the answer to a query, written and read with
/// <see cref="Utf8JsonWriter"/> and <see cref="Utf8JsonReader"/> directly. The source-generated serializer builds its
/// metadata for every type it knows at first use (the response type covers status and table lists too, and each type's
/// attributes are read through the runtime's reflection): in a cold <c>farquery query</c> that was the largest part of
/// the CLI's own work (docs/tracer.md, "The admin socket's client", issue 19). The server keeps the generated serializer;
/// <c>ClientFrameJsonTests</c> holds both ends to the same bytes.</summary>
internal static class ClientFrameJson
{
    /// <summary>One request as a frame (the length prefix included), with the members the generated serializer writes,
    /// in its order, nulls left out.</summary>
    public static ArrayBufferWriter<byte> EncodeRequest(AdminRequest request)
    {
        var buffer = Frames.Begin();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id"u8, request.Id);
            WriteIfSet(writer, "type"u8, request.Type);
            WriteIfSet(writer, "sql"u8, request.Sql);
            if (request.TimeoutMs is { } timeout)
            {
                writer.WriteNumber("timeout_ms"u8, timeout);
            }

            if (request.MaxRows is { } rows)
            {
                writer.WriteNumber("max_rows"u8, rows);
            }

            writer.WriteEndObject();
        }

        return Frames.Finish(buffer);
    }

    /// <summary>Reads a response to a query or an error response: <c>id</c>, <c>code</c>, <c>error</c>, <c>columns</c>,
    /// <c>rows</c> and <c>elapsed_ms</c>. Other members (a status or table list, members a later server adds) are skipped,
    /// as the generated serializer skips unmapped ones; a member given twice keeps its last value.</summary>
    /// <exception cref="JsonException">The payload is not one JSON object, or a member has the wrong type.</exception>
    public static AdminResponse ReadQueryResponse(ReadOnlySpan<byte> payload)
    {
        try
        {
            return Read(payload);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // The reader's typed getters throw these for a token of another type or a number out of range: to the
            // client, as to the generated serializer, that is an invalid response.
            throw new JsonException(e.Message, e);
        }
    }

    private static AdminResponse Read(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a response must be a JSON object");
        }

        var response = new AdminResponse();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                response.Id = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                response.Code = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                response.Error = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("columns"u8))
            {
                reader.Read();
                response.Columns = ReadColumns(ref reader);
            }
            else if (reader.ValueTextEquals("rows"u8))
            {
                reader.Read();
                response.Rows = reader.TokenType == JsonTokenType.Null ? null : RowsJsonConverter.ReadRows(ref reader);
            }
            else if (reader.ValueTextEquals("elapsed_ms"u8))
            {
                reader.Read();
                response.ElapsedMs = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("a response must be one JSON object");
        }

        return response;
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"expected a string, found {reader.TokenType}"),
    };

    private static List<string>? ReadColumns(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("columns must be an array");
        }

        var columns = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            columns.Add(ReadString(ref reader) ?? throw new JsonException("a column name must be a string"));
        }

        return columns;
    }
}

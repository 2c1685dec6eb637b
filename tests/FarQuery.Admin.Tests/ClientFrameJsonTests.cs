// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using FarQuery.Admin.Protocol;

namespace FarQuery.Admin.Tests;

/// <summary>The client's own JSON against the generated serializer the server uses: the same request bytes, the same
/// response fields.</summary>
public sealed class ClientFrameJsonTests
{
    public static TheoryData<long, string?, string?, int?, int?> Requests => new()
    {
        { 1, RequestTypes.Query, "select pid, name from processes", 10000, 1000 },
        { 2, RequestTypes.Query, "select 't\u00e9xt', '\"q\"', char(10), '</script>'", null, null },
        { 3, RequestTypes.Query, "select 1", null, 5 },
        { 4, RequestTypes.Status, null, null, null },
        { 5, RequestTypes.Tables, null, null, null },
        { long.MaxValue, null, "", 0, int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void EncodeRequest_EachShape_SameFrameAsTheGeneratedSerializer(long id, string? type, string? sql, int? timeoutMs, int? maxRows)
    {
        var request = new AdminRequest { Id = id, Type = type, Sql = sql, TimeoutMs = timeoutMs, MaxRows = maxRows };

        var expected = Frames.Encode(request, AdminJsonContext.Default.AdminRequest).WrittenSpan.ToArray();
        var actual = ClientFrameJson.EncodeRequest(request).WrittenSpan.ToArray();

        Assert.Equal(Encoding.UTF8.GetString(expected.AsSpan(Frames.HeaderSize)), Encoding.UTF8.GetString(actual.AsSpan(Frames.HeaderSize)));
        Assert.Equal(expected, actual);
        Assert.Equal(actual.Length - Frames.HeaderSize, BinaryPrimitives.ReadInt32BigEndian(actual));
    }

    public static TheoryData<string> Responses => new()
    {
        "rows of every type",
        "an error",
        "no rows",
        "id only",
    };

    private static AdminResponse Fixture(string name) => name switch
    {
        "rows of every type" => new AdminResponse
        {
            Id = 7,
            Columns = ["n", "r", "t", "b", "z"],
            Rows =
            [
                [1L, 1.0, "t\u00e9xt\n\"q\"", new byte[] { 0, 255, 7 }, null],
                [long.MinValue, double.NegativeInfinity, "", Array.Empty<byte>(), null],
                [long.MaxValue, -2.5e10, "\u65e5\u672c", null, double.NaN],
            ],
            ElapsedMs = 1.8,
        },
        "an error" => new AdminResponse { Id = 8, Code = ErrorCodes.Sql, Error = "no such table: nope", ElapsedMs = 0.2 },
        "no rows" => new AdminResponse { Id = 9, Columns = ["pid"], Rows = [], ElapsedMs = 0 },
        _ => new AdminResponse { Id = 10 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public void ReadQueryResponse_GeneratedFrame_SameFieldsAsTheGeneratedDeserializer(string fixture)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(Fixture(fixture), AdminJsonContext.Default.AdminResponse);

        var expected = JsonSerializer.Deserialize(payload, AdminJsonContext.Default.AdminResponse)!;
        var actual = ClientFrameJson.ReadQueryResponse(payload);

        AssertSame(expected, actual);
    }

    [Fact]
    public void ReadQueryResponse_MembersInAnyOrderUnknownOnesAndAStatus_ReadLikeTheGeneratedDeserializer()
    {
        var payload = """
            {"elapsed_ms": 3, "future": {"x": [1, {"y": null}], "z": "w"}, "rows": [[1, "a"]], "status": {"version": "1"},
             "tables": [], "columns": ["n", "s"], "id": 4, "code": null, "error": null, "id": 5}
            """u8.ToArray();

        var expected = JsonSerializer.Deserialize(payload, AdminJsonContext.Default.AdminResponse)!;
        var actual = ClientFrameJson.ReadQueryResponse(payload);

        AssertSame(expected, actual);
        Assert.Equal(5, actual.Id);
        Assert.Equal(3.0, actual.ElapsedMs);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{} {}")]
    [InlineData("{\"id\": \"x\"}")]
    [InlineData("{\"id\": 1.5}")]
    [InlineData("{\"columns\": [1]}")]
    [InlineData("{\"rows\": [1]}")]
    [InlineData("{\"error\": 3}")]
    [InlineData("{\"id\": 1")]
    [InlineData("")]
    public void ReadQueryResponse_Malformed_ThrowsJsonException(string payload)
    {
        Assert.ThrowsAny<JsonException>(() => ClientFrameJson.ReadQueryResponse(Encoding.UTF8.GetBytes(payload)));
    }

    private static void AssertSame(AdminResponse expected, AdminResponse actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.ElapsedMs, actual.ElapsedMs);
        Assert.Equal(expected.Rows is null, actual.Rows is null);
        if (expected.Rows is not null)
        {
            Assert.Equal(expected.Rows.Count, actual.Rows!.Count);
            for (var r = 0; r < expected.Rows.Count; r++)
            {
                Assert.Equal(expected.Rows[r].Length, actual.Rows[r].Length);
                for (var c = 0; c < expected.Rows[r].Length; c++)
                {
                    Assert.Equal(expected.Rows[r][c]?.GetType(), actual.Rows[r][c]?.GetType());
                    Assert.Equal(expected.Rows[r][c], actual.Rows[r][c]);
                }
            }
        }
    }
}

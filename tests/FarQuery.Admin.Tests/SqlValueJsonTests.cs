// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json;
using FarQuery.Admin.Protocol;

namespace FarQuery.Admin.Tests;

public sealed class SqlValueJsonTests
{
    private static object?[] RoundTrip(object?[] row, out string json)
    {
        json = JsonSerializer.Serialize(new AdminResponse { Id = 1, Columns = [.. row.Select((_, i) => "c" + i)], Rows = [row] }, AdminJsonContext.Default.AdminResponse);
        return JsonSerializer.Deserialize(json, AdminJsonContext.Default.AdminResponse)!.Rows![0];
    }

    [Fact]
    public void Write_EveryType_ReadsBackSameTypeAndValue()
    {
        object?[] row = [null, 0L, -1L, long.MaxValue, long.MinValue, 1.0, -0.5, 1e300, 5e-324, double.PositiveInfinity, double.NegativeInfinity, "", "t\u00e9xt\n\"q\"", Array.Empty<byte>(), new byte[] { 0, 255, 7 }];

        var back = RoundTrip(row, out _);

        Assert.Equal(row.Length, back.Length);
        for (var i = 0; i < row.Length; i++)
        {
            Assert.Equal(row[i]?.GetType(), back[i]?.GetType());
            Assert.Equal(row[i], back[i]);
        }
    }

    [Fact]
    public void Write_WholeReal_KeepsAFraction()
    {
        RoundTrip([2.0, 3L], out var json);

        Assert.Contains("\"rows\":[[2.0,3]]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BlobAndInfinity_DocumentedObjects()
    {
        RoundTrip([new byte[] { 1, 2 }, double.PositiveInfinity], out var json);

        Assert.Contains("[{\"blob\":\"AQI=\"},{\"real\":\"Infinity\"}]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownValueObject_Throws()
    {
        var json = Encoding.UTF8.GetBytes("{\"id\":1,\"rows\":[[{\"date\":\"x\"}]]}");

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, AdminJsonContext.Default.AdminResponse));
    }
}

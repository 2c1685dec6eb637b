// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin.Protocol;

/// <summary>One request frame (PROTOCOL.md, "Requests").</summary>
public sealed class AdminRequest
{
    /// <summary>Chosen by the client and echoed in the response.</summary>
    public long Id { get; set; }

    /// <summary><see cref="RequestTypes.Query"/>, <see cref="RequestTypes.Status"/> or <see cref="RequestTypes.Tables"/>.</summary>
    public string? Type { get; set; }

    /// <summary>The statement, for queries.</summary>
    public string? Sql { get; set; }

    /// <summary>Time limit asked by the client; the server caps it at its own maximum.</summary>
    public int? TimeoutMs { get; set; }

    /// <summary>Row limit asked by the client; the server caps it at its own maximum.</summary>
    public int? MaxRows { get; set; }
}

/// <summary>The request <c>type</c> values.</summary>
public static class RequestTypes
{
    /// <summary>Run one SQL statement.</summary>
    public const string Query = "query";

    /// <summary>Agent status.</summary>
    public const string Status = "status";

    /// <summary>The tables the agent serves, with their columns.</summary>
    public const string Tables = "tables";
}

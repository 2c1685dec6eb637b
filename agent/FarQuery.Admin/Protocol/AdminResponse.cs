// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin.Protocol;

/// <summary>One response frame (PROTOCOL.md, "Responses"): either <see cref="Error"/> is set, or the part that answers
/// the request type is.</summary>
public sealed class AdminResponse
{
    /// <summary>The request's id; 0 for a frame the server sends before reading any request (refusals).</summary>
    public long Id { get; set; }

    /// <summary>Machine-readable error kind (<see cref="ErrorCodes"/>), or null on success.</summary>
    public string? Code { get; set; }

    /// <summary>The error message for the operator, or null on success.</summary>
    public string? Error { get; set; }

    /// <summary>Result column names.</summary>
    public IReadOnlyList<string>? Columns { get; set; }

    /// <summary>Result rows with typed values: JSON integers are SQL integers, numbers with a fraction or exponent are
    /// reals, strings are text, null is NULL, and <c>{"blob": base64}</c> is a blob.</summary>
    [JsonConverter(typeof(RowsJsonConverter))]
    public IReadOnlyList<object?[]>? Rows { get; set; }

    /// <summary>Server-side wall time in milliseconds, waiting for a free query slot included.</summary>
    public double? ElapsedMs { get; set; }

    /// <summary>The answer to a status request.</summary>
    public StatusReport? Status { get; set; }

    /// <summary>The answer to a tables request.</summary>
    public IReadOnlyList<TableInfo>? Tables { get; set; }
}

/// <summary>The <c>code</c> values of error responses.</summary>
public static class ErrorCodes
{
    /// <summary>SQLite or a table refused or failed the statement (syntax error, write refused, table error).</summary>
    public const string Sql = "sql_error";

    /// <summary>The statement ran past its time limit and was interrupted.</summary>
    public const string Timeout = "timeout";

    /// <summary>The result was larger than the row or byte limit.</summary>
    public const string TooLarge = "result_too_large";

    /// <summary>Every query slot stayed busy for the whole time limit, or the server has too many clients.</summary>
    public const string Busy = "busy";

    /// <summary>The frame was not a valid request (bad JSON, unknown type, missing sql, oversized frame).</summary>
    public const string BadRequest = "bad_request";

    /// <summary>The peer's uid is neither root nor the agent's; the connection is closed after this frame.</summary>
    public const string PermissionDenied = "permission_denied";

    /// <summary>The server is shutting down.</summary>
    public const string ShuttingDown = "shutting_down";
}

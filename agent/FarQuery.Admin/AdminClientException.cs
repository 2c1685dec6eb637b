// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin;

/// <summary>The client could not talk to the agent: no socket, connection refused, permission denied, the agent went
/// away or answered with something that is not a frame. Query errors are <see cref="Sql.SqlQueryException"/> instead.</summary>
public class AdminClientException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when no request reached the server's SQL (connect failed or the peer check refused), so running
    /// the query in-process instead is safe.</summary>
    public bool BeforeRequest { get; init; }
}

// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Carving;

/// <summary>The distributed query a statement runs for, so a carve it starts carries that query's id as osquery's
/// <c>request_id</c>. SQLite calls the carves table on the thread that runs the statement, so an ambient value set
/// around the query reaches it without threading an id through the SQL host.</summary>
public static class CarveRequest
{
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The id of the distributed query being answered on this flow, or empty.</summary>
    public static string Id => Current.Value ?? "";

    /// <summary>Marks the statements run until disposal as answering distributed query <paramref name="id"/>.</summary>
    public static IDisposable For(string id)
    {
        var previous = Current.Value;
        Current.Value = id;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

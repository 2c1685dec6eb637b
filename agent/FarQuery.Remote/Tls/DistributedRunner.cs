// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Carving;

namespace FarQuery.Remote.Tls;

/// <summary>osquery's distributed (ad hoc) queries (docs/osquery-compat.md §2.5): read work, run each query's discovery SQL first (the
/// query runs only if it returns a row), run the queries on the agent's own SQL connection, and write rows (as strings),
/// statuses, messages and stats. An integer <c>accelerate</c> polls every 5 s for that many seconds.</summary>
public sealed class DistributedRunner(TlsRemoteClient client, SqlHost host, Action<string> warn)
{
    private long acceleratedUntil;

    /// <summary>Queries answered so far.</summary>
    public long Answered { get; private set; }

    /// <summary>How long to wait before the next read.</summary>
    public TimeSpan NextInterval => Environment.TickCount64 < Volatile.Read(ref acceleratedUntil)
        ? client.Options.AcceleratedInterval
        : client.Options.DistributedInterval;

    /// <summary>Polls until cancelled; failures are reported and the next poll comes at the usual interval.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                // A config may turn distributed queries off (disable_distributed); the loop stays to follow it back on.
                if (!client.Options.DistributedDisabled)
                {
                    await PollOnceAsync(cancellation).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                warn("farquery: distributed: " + client.Redact(e.Message));
            }

            try
            {
                await Task.Delay(NextInterval, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One read → run → write round; returns the number of queries answered.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellation)
    {
        Dictionary<string, string> queries = new(StringComparer.Ordinal);
        Dictionary<string, string> discovery = new(StringComparer.Ordinal);
        using (var doc = await client.ReadDistributedAsync(cancellation).ConfigureAwait(false))
        {
            var root = doc.RootElement;
            ReadStrings(root, "queries", queries);
            ReadStrings(root, "discovery", discovery);

            // Only a JSON integer counts; osquery ignores "60" as a string (docs/osquery-compat.md §2.5).
            if (root.TryGetProperty("accelerate", out var acc) && acc.ValueKind == JsonValueKind.Number && acc.TryGetInt64(out var seconds) && seconds > 0)
            {
                Volatile.Write(ref acceleratedUntil, Environment.TickCount64 + (seconds * 1000));
            }
        }

        if (queries.Count == 0)
        {
            return 0;
        }

        var results = new List<(string Id, List<Dictionary<string, string>> Rows, int Status, string Message, DistributedQueryStats Stats)>();
        foreach (var (id, sql) in queries)
        {
            if (discovery.TryGetValue(id, out var gate) && !Discovered(gate))
            {
                continue;
            }

            results.Add(Run(id, sql));
        }

        if (results.Count == 0)
        {
            return 0;
        }

        // osquery tries a write --distributed_tls_max_attempts (3) times before the results are lost; a node_invalid
        // in between re-enrolls and the retry carries the new key.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(results, cancellation).ConfigureAwait(false);
                break;
            }
            catch (RemoteException e) when (attempt < client.Options.DistributedMaxAttempts)
            {
                warn($"farquery: distributed write failed (attempt {attempt}): {client.Redact(e.Message)}");
                await Task.Delay(client.Options.BackoffUnit * attempt * attempt, cancellation).ConfigureAwait(false);
            }
        }

        Answered += results.Count;
        return results.Count;
    }

    private Task WriteAsync(List<(string Id, List<Dictionary<string, string>> Rows, int Status, string Message, DistributedQueryStats Stats)> results, CancellationToken cancellation) =>
        client.WriteDistributedAsync(key =>
        {
            var request = new DistributedWriteRequest { NodeKey = key };
            foreach (var r in results)
            {
                request.Queries[r.Id] = r.Rows;
                request.Statuses[r.Id] = r.Status;
                request.Messages[r.Id] = r.Message;
                request.Stats[r.Id] = r.Stats;
            }

            return request;
        }, cancellation);

    private bool Discovered(string sql)
    {
        try
        {
            return host.Query(sql, TimeSpan.FromSeconds(30), 1).Rows.Count > 0;
        }
        catch (SqlQueryException)
        {
            // A discovery query that fails means "not applicable here", as in osquery.
            return false;
        }
    }

    private (string, List<Dictionary<string, string>>, int, string, DistributedQueryStats) Run(string id, string sql)
    {
        var memory = Environment.WorkingSet;
        var rows = new List<Dictionary<string, string>>();
        var status = 0;
        var message = "";
        TimeSpan elapsed = TimeSpan.Zero, user = TimeSpan.Zero, system = TimeSpan.Zero;
        try
        {
            QueryResult result;

            // A carve this query starts carries its id as osquery's request_id (docs/osquery-compat.md §2.6).
            using (CarveRequest.For(id))
            {
                result = host.Query(sql, TimeSpan.FromSeconds(60), 100_000);
            }

            (elapsed, user, system) = (result.Elapsed, result.UserTime, result.SystemTime);
            foreach (var row in result.Rows)
            {
                var map = new Dictionary<string, string>(result.Columns.Count, StringComparer.Ordinal);
                for (var i = 0; i < result.Columns.Count; i++)
                {
                    // Fleet decodes rows as map[string]string: a non-string value would void the whole result set.
                    map[result.Columns[i]] = Text(row[i]);
                }

                rows.Add(map);
            }
        }
        catch (SqlQueryException e)
        {
            status = 1;
            message = e.Message;
            rows.Clear();
        }

        return (id, rows, status, message, new DistributedQueryStats
        {
            WallTimeMs = (long)elapsed.TotalMilliseconds,
            UserTime = (long)user.TotalMilliseconds,
            SystemTime = (long)system.TotalMilliseconds,
            Memory = Math.Max(0, Environment.WorkingSet - memory),
        });
    }

    private static string Text(object? value) => ValueConvert.ToText(value);

    private static void ReadStrings(JsonElement root, string name, Dictionary<string, string> into)
    {
        if (!root.TryGetProperty(name, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var p in map.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } sql)
            {
                into[p.Name] = sql;
            }
        }
    }
}

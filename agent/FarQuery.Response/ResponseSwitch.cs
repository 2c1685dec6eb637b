// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;

namespace FarQuery.Response;

/// <summary>The response engine's stable place among the scheduler's log sinks: a config reload builds a whole new
/// <see cref="ResponseEngine"/> and <see cref="Swap"/>s it in atomically, so every result line goes to exactly one
/// engine, the old one or the new one (docs/response.md, "Reload"). The replaced engine's outputs get a grace period to
/// deliver what they buffered; what is still waiting then is counted as dropped, and those counts stay in
/// <see cref="Dropped"/>. A refused section (<see cref="Refused"/>) leaves the engine in force as it was.</summary>
public sealed class ResponseSwitch : ILogSink
{
    private readonly Lock swapGate = new();
    private volatile ResponseEngine? engine;
    private long retiredDropped;
    private long reloads;
    private long refusals;
    private string lastError = "";

    /// <summary>Creates the switch over the engine of the config read at start (null: none yet).</summary>
    public ResponseSwitch(ResponseEngine? initial = null) => engine = initial;

    /// <summary>How long a replaced engine's outputs get, at most, to deliver their buffers.</summary>
    public static TimeSpan RetireGrace { get; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public string Name => "response";

    /// <summary>The engine in force, or null.</summary>
    public ResponseEngine? Engine => engine;

    /// <summary>Response sections put in force after the first.</summary>
    public long Reloads => Interlocked.Read(ref reloads);

    /// <summary>Reloaded response sections refused (the previous one stayed in force).</summary>
    public long Refusals => Interlocked.Read(ref refusals);

    /// <summary>Why the last reloaded section was refused, or empty.</summary>
    public string LastError => Volatile.Read(ref lastError);

    /// <summary>Alerts lost by the engine in force and by every engine it replaced.</summary>
    public long Dropped => (engine?.Dropped ?? 0) + Interlocked.Read(ref retiredDropped);

    /// <inheritdoc/>
    public void Write(LogKind kind, string line) => engine?.Write(kind, line);

    /// <summary>Hands a tracer refusal to the engine in force (see <see cref="ResponseEngine.Denied"/>).</summary>
    public void Denied(Func<Alert> alert, string playbook, bool dryRun, bool enforced, string detail) =>
        engine?.Denied(alert(), playbook, dryRun, enforced, detail);

    /// <summary>Puts <paramref name="next"/> in force (null: no response) and closes the engine it replaces, giving its
    /// outputs up to <paramref name="grace"/> to deliver; returns how many of the old engine's alerts were dropped.
    /// <paramref name="reload"/>: counted in <see cref="Reloads"/> (false for the section read at start).</summary>
    public long Swap(ResponseEngine? next, TimeSpan grace, bool reload = true)
    {
        ResponseEngine? old;
        lock (swapGate)
        {
            old = engine;
            engine = next;
            if (reload)
            {
                Interlocked.Increment(ref reloads);
            }

            Volatile.Write(ref lastError, "");
        }

        if (old is null)
        {
            return 0;
        }

        // A scheduler thread that read the old engine just before the swap may still offer it a line: the closed
        // outputs count such an alert as dropped (AlertOutput.Offer), so it is never lost silently.
        var lost = old.Close(grace);
        Interlocked.Add(ref retiredDropped, old.Dropped);
        return lost;
    }

    /// <summary>Records that a reloaded section was refused: the engine in force stays.</summary>
    public void Refused(string error)
    {
        Interlocked.Increment(ref refusals);
        Volatile.Write(ref lastError, error);
    }

    /// <inheritdoc/>
    public void Flush(TimeSpan timeout) => engine?.Flush(timeout);

    /// <summary>Status for <c>farquery status</c>: the engine in force, and the reloads.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Status()
    {
        var list = new List<KeyValuePair<string, object?>>(engine?.Status() ?? []);
        list.Add(new("reloads", Reloads));
        list.Add(new("reloads_refused", Refusals));
        list.Add(new("retired_dropped", Interlocked.Read(ref retiredDropped)));
        if (LastError.Length > 0)
        {
            list.Add(new("last_error", LastError));
        }

        return list;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (swapGate)
        {
            engine?.Dispose();
            engine = null;
        }
    }
}

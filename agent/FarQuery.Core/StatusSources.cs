// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>The <see cref="IStatusSource"/>s of one agent, kept in <see cref="TableContext.Services"/> so that each
/// subsystem registers itself without the admin server knowing it.</summary>
public sealed class StatusSources
{
    // ServiceBag has no get-or-add; one process-wide lock makes the first registration race-free and costs nothing
    // after start-up.
    private static readonly Lock CreateGate = new();
    private readonly Lock gate = new();
    private readonly List<IStatusSource> sources = [];

    /// <summary>The registry of a context, created on first use.</summary>
    public static StatusSources Of(TableContext context)
    {
        lock (CreateGate)
        {
            var existing = context.Services.Get<StatusSources>();
            if (existing is null)
            {
                existing = new StatusSources();
                context.Services.Set(existing);
            }

            return existing;
        }
    }

    /// <summary>Adds a source; a later source with the same name replaces the earlier one.</summary>
    public void Add(IStatusSource source)
    {
        lock (gate)
        {
            sources.RemoveAll(s => s.Name == source.Name);
            sources.Add(source);
        }
    }

    /// <summary>Adds a source from a name and a callback.</summary>
    public void Add(string name, Func<IReadOnlyList<KeyValuePair<string, object?>>> status) => Add(new DelegateSource(name, status));

    /// <summary>The sources in registration order.</summary>
    public IReadOnlyList<IStatusSource> All
    {
        get
        {
            lock (gate)
            {
                return [.. sources];
            }
        }
    }

    private sealed class DelegateSource(string name, Func<IReadOnlyList<KeyValuePair<string, object?>>> status) : IStatusSource
    {
        public string Name => name;

        public IReadOnlyList<KeyValuePair<string, object?>> GetStatus() => status();
    }
}

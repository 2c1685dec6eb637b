// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>A subsystem (tracer, scheduler, backend client) that reports its state to <c>farquery status</c>. It adds
/// itself to <see cref="StatusSources.Of"/> of its <see cref="TableContext"/>; the admin server asks every source when a
/// client requests the status, so a source must answer quickly and from any thread.</summary>
public interface IStatusSource
{
    /// <summary>Section name shown to the operator (tracer, scheduler, backend).</summary>
    string Name { get; }

    /// <summary>The current values in display order. Values are null, bool, long, double or string.</summary>
    IReadOnlyList<KeyValuePair<string, object?>> GetStatus();
}

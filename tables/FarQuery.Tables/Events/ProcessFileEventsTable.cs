// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Reads the process_file_events buffer the ptrace tracer fills (see ProcessFileEventsSubscriber); a
/// constraint on <c>time</c> is applied to the buffer scan (docs/osquery-compat.md §5).</summary>
public sealed partial class ProcessFileEventsTable(TableContext context) : EventTableBase(context, Publisher)
{
    /// <summary>The publisher feeding this table.</summary>
    public const string Publisher = "ptrace";

    /// <summary>The generated row, with the column groups the ptrace tables share.</summary>
    public readonly partial struct Row : ITextCredentialColumns, IAncestryColumns;
}

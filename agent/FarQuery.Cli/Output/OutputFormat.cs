// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Cli.Output;

/// <summary>Result formats, named as osqueryi's <c>.mode</c> values and flags.</summary>
internal enum OutputFormat
{
    /// <summary>ASCII table with +---+ borders (osqueryi's default).</summary>
    Pretty,
    /// <summary>JSON array of objects with string values (osqueryi --json).</summary>
    Json,
    /// <summary>Comma-separated values with a header line.</summary>
    Csv,
    /// <summary>One "column = value" line per column, blank line between rows.</summary>
    Line,
    /// <summary>Values joined by a separator, header first.</summary>
    List,
}

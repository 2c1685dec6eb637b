// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>/proc/uptime (man 5 proc): "uptime_seconds idle_seconds".</summary>
internal static class ProcUptime
{
    /// <summary>The first number, the seconds since boot.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double seconds)
    {
        var space = text.IndexOfAny(" \n"u8);
        return Utf8Parser.TryParse(space < 0 ? text : text[..space], out seconds, out _) && seconds >= 0;
    }
}

// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Parsers;

/// <summary>Field splitting over bytes into a caller's <see cref="Range"/> buffer, so a line parses without allocating
/// (the BCL offers this overload for chars only).</summary>
internal static class ByteFields
{
    /// <summary>Splits <paramref name="line"/> at any of <paramref name="separators"/>. When the buffer is full, the last
    /// range holds the rest of the line (so a final field may contain separators, like a socket path).</summary>
    /// <returns>The number of ranges written.</returns>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields, ReadOnlySpan<byte> separators, bool removeEmpty)
    {
        var count = 0;
        var pos = 0;
        while (count < fields.Length)
        {
            if (removeEmpty)
            {
                while (pos < line.Length && separators.Contains(line[pos]))
                {
                    pos++;
                }

                if (pos >= line.Length)
                {
                    break;
                }
            }

            if (count == fields.Length - 1)
            {
                var end = line.Length;
                while (removeEmpty && end > pos && separators.Contains(line[end - 1]))
                {
                    end--;
                }

                fields[count++] = pos..end;
                break;
            }

            var next = line[pos..].IndexOfAny(separators);
            if (next < 0)
            {
                fields[count++] = pos..line.Length;
                break;
            }

            fields[count++] = pos..(pos + next);
            pos += next + 1;
        }

        return count;
    }
}

// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The fields of /proc/[pid]/status FarQuery uses (man 5 proc). Ids are -1 when absent.</summary>
internal readonly record struct ProcStatus(
    string Name, long Uid, long Euid, long Suid, long FsUid, long Gid, long Egid, long Sgid, long FsGid,
    long VmSizeKb, long VmRssKb, long Threads, int Parent)
{
    /// <summary>Parses "Key:\tvalue" lines; unknown keys are ignored, missing ones stay -1.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ProcStatus status)
    {
        string name = "";
        Span<long> uid = [-1, -1, -1, -1];
        Span<long> gid = [-1, -1, -1, -1];
        long vmSize = -1, vmRss = -1, threads = -1, ppid = -1;
        var any = false;
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            any = true;
            var key = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (key.SequenceEqual("Name"u8))
            {
                name = System.Text.Encoding.UTF8.GetString(value);
            }
            else if (key.SequenceEqual("Uid"u8))
            {
                ParseIds(value, uid);
            }
            else if (key.SequenceEqual("Gid"u8))
            {
                ParseIds(value, gid);
            }
            else if (key.SequenceEqual("VmSize"u8))
            {
                vmSize = LeadingNumber(value);
            }
            else if (key.SequenceEqual("VmRSS"u8))
            {
                vmRss = LeadingNumber(value);
            }
            else if (key.SequenceEqual("Threads"u8))
            {
                threads = LeadingNumber(value);
            }
            else if (key.SequenceEqual("PPid"u8))
            {
                ppid = LeadingNumber(value);
            }
        }

        status = new ProcStatus(name, uid[0], uid[1], uid[2], uid[3], gid[0], gid[1], gid[2], gid[3], vmSize, vmRss, threads, (int)ppid);
        return any;
    }

    private static void ParseIds(ReadOnlySpan<byte> value, Span<long> ids)
    {
        var i = 0;
        foreach (var r in value.Split((byte)'\t'))
        {
            if (i < ids.Length && Utf8Parser.TryParse(value[r].Trim((byte)' '), out long id, out _))
            {
                ids[i++] = id;
            }
        }
    }

    private static long LeadingNumber(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)' ');
        return Utf8Parser.TryParse(end < 0 ? value : value[..end], out long n, out _) ? n : -1;
    }
}

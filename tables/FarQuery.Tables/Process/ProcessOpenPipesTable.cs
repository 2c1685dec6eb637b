// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Tables;

/// <summary>Pipe ends of every process and their partners. A partner is another descriptor of the same pipe whose mode
/// differs (a reader for a writer) or any other descriptor when this one is read-write; a pipe only one descriptor
/// holds gives a row without partner. Every process is read even under <c>pid =</c>, because partners live in others.</summary>
[RowSource(typeof(PipeEnd))]
public sealed partial class ProcessOpenPipesTable(TableContext context) : Table(context)
{
    /// <summary>One descriptor that is a pipe end.</summary>
    internal sealed record PipeEnd(int Pid, long Fd, string Mode, long Inode, string Type);

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var ends = new List<PipeEnd>();
        var budget = WalkBudget.For(Schema.Name, query);
        foreach (var pid in Context.Fs.ListPids())
        {
            ends.AddRange(Ends(Context.Fs, pid, budget));
        }

        // Named and anonymous pipes live on different file systems, so their inode numbers may collide.
        var pipes = ends.ToLookup(e => (e.Type, e.Inode));
        foreach (var end in ends)
        {
            var group = pipes[(end.Type, end.Inode)].ToList();
            if (group.Count == 1)
            {
                yield return PipeRow(end, null);
                continue;
            }

            foreach (var partner in group.Where(p => (p.Pid, p.Fd) != (end.Pid, end.Fd) && (p.Mode != end.Mode || end.Mode == "rw")))
            {
                yield return PipeRow(end, partner);
            }
        }
    }

    private object?[] PipeRow(PipeEnd end, PipeEnd? partner)
    {
        var row = RowFrom(end);
        row.PartnerPid = partner?.Pid;
        row.PartnerFd = partner?.Fd;
        row.PartnerMode = partner?.Mode;
        return row;
    }

    /// <summary>The pipe ends among a process's descriptors; none when it exited or may not be read.</summary>
    private static IEnumerable<PipeEnd> Ends(HostFileSystem fs, int pid, WalkBudget budget)
    {
        var dir = fs.OpenProcess(pid);
        foreach (var entry in fs.ListEntries(dir + "/fd", budget))
        {
            if (!long.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var fd)
                || !fs.TryReadLink(dir + "/fd/" + entry.Name, out var target))
            {
                continue;
            }

            long inode;
            string type;
            if (target.StartsWith("pipe:[", StringComparison.Ordinal) && target.EndsWith(']'))
            {
                (type, inode) = ("anonymous", long.TryParse(target.AsSpan(6, target.Length - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0);
            }
            else if (target.StartsWith('/') && TryStatx(dir + "/fd/" + entry.Name, followSymlinks: true, out var st, out _) && (st.stx_mode & S_IFMT) == S_IFIFO)
            {
                // The descriptor link itself is followed, so a FIFO deleted or in another mount namespace still counts.
                (type, inode) = ("named", (long)st.stx_ino);
            }
            else
            {
                continue;
            }

            yield return new PipeEnd(pid, fd, Mode(fs, $"{dir}/fdinfo/{entry.Name}"), inode, type);
        }
    }

    /// <summary>r, w or rw from the O_ACCMODE bits of the "flags:" line of /proc/[pid]/fdinfo/[fd] (octal); "-" when the
    /// descriptor closed before it was read.</summary>
    private static string Mode(HostFileSystem fs, string fdinfo)
    {
        if (!fs.TryReadAllBytes(fdinfo, out var bytes))
        {
            return "-";
        }

        var at = bytes.AsSpan().IndexOf("flags:"u8);
        var rest = at < 0 ? [] : bytes.AsSpan(at + 6).TrimStart(" \t"u8);
        var end = rest.IndexOfAnyExcept("01234567"u8);
        var digits = rest[..(end < 0 ? rest.Length : end)];

        // O_ACCMODE is the low two bits, all inside the last octal digit.
        return digits.IsEmpty ? "-" : ((digits[^1] - '0') & 3) switch
        {
            0 => "r",
            1 => "w",
            _ => "rw",
        };
    }
}

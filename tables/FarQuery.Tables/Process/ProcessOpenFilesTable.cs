// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Open file descriptors of each process: the link targets of /proc/[pid]/fd (files, and the kernel's
/// "socket:[inode]", "pipe:[inode]" and "anon_inode:" names). <c>pid =</c> reads only those processes.</summary>
public sealed partial class ProcessOpenFilesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var pids = ProcessSelection.Pids(query, C.Pid, fs);
        foreach (var pid in pids)
        {
            var dir = fs.OpenProcess(pid) + "/fd";
            List<(long Fd, string Entry)> fds;
            try
            {
                fds = Directory.EnumerateFileSystemEntries(dir)
                    .Select(e => (Ok: long.TryParse(Path.GetFileName(e), NumberStyles.None, CultureInfo.InvariantCulture, out var fd), Fd: fd, Entry: e))
                    .Where(x => x.Ok).Select(x => (x.Fd, x.Entry)).OrderBy(x => x.Fd).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited (ENOENT) or belongs to another user without ptrace access (EACCES): no rows.
                continue;
            }

            foreach (var (fd, entry) in fds)
            {
                // A descriptor closed between the listing and readlink is skipped.
                if (!fs.TryReadLink(entry, out var target))
                {
                    continue;
                }

                var row = NewRow();
                row.Pid = pid;
                row.Fd = fd;
                row.Path = target;
                yield return row;
            }
        }
    }
}

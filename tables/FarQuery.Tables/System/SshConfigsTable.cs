// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>ssh client options: each local user's ~/.ssh/config, then /etc/ssh/ssh_config as uid 0 (see
/// <see cref="SshConfigLine"/>). <c>uid =</c> reads only those users' files (the system-wide file counts as uid 0).</summary>
public sealed partial class SshConfigsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var uids = query.IntegerEquals(C.Uid);
        var files = new List<(long Uid, string Path)>();
        if (Context.Fs.TryReadAllBytes("/etc/passwd", out var passwd))
        {
            foreach (var user in PasswdEntry.Parse(passwd))
            {
                if (user.Directory.Length > 0 && (uids is null || uids.Contains(user.Uid)))
                {
                    files.Add((user.Uid, user.Directory.TrimEnd('/') + "/.ssh/config"));
                }
            }
        }

        if (uids is null || uids.Contains(0))
        {
            files.Add((0, "/etc/ssh/ssh_config"));
        }

        foreach (var (uid, path) in files)
        {
            if (!Context.Fs.TryReadAllBytes(path, out var bytes))
            {
                continue;
            }

            foreach (var line in SshConfigLine.Parse(bytes))
            {
                var row = NewRow();
                row.Uid = uid;
                row.Block = line.Block;
                row.Option = line.Option;
                row.SshConfigFile = path;
                yield return row;
            }
        }
    }
}

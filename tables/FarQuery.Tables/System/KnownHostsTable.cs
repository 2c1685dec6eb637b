// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Host keys each local user has accepted: the non-blank, non-comment lines of ~/.ssh/known_hosts, trimmed and
/// otherwise as written (man 8 sshd, SSH_KNOWN_HOSTS FILE FORMAT: markers, host patterns or hashed names, key). <c>uid =</c>
/// reads only those users' files.</summary>
public sealed partial class KnownHostsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var user in LocalUsers.WithHome(Context, query, C.Uid))
        {
            var file = user.Directory.TrimEnd('/') + "/.ssh/known_hosts";
            if (!Context.Fs.TryReadAllBytes(file, out var bytes))
            {
                continue;
            }

            foreach (var raw in Encoding.UTF8.GetString(bytes).Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var row = NewRow();
                row.Uid = user.Uid;
                row.Key = line;
                row.KeyFile = file;
                yield return row;
            }
        }
    }
}

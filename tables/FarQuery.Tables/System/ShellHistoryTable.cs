// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Commands in the shell history files of each local user: bash (with "#epoch" timestamp lines when
/// HISTTIMEFORMAT is set), zsh extended history (": epoch:duration;command"), and the plain files of sh, ash and
/// others. <c>uid =</c> reads only that user's files.</summary>
public sealed partial class ShellHistoryTable(TableContext context) : Table(context)
{
    private static readonly string[] Files = [".bash_history", ".zsh_history", ".history", ".sh_history", ".ash_history"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/passwd", out var passwd))
        {
            yield break;
        }

        var uids = query.IntegerEquals(C.Uid);
        var homes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in PasswdEntry.Parse(passwd))
        {
            // Several accounts may share a home (/ for daemons); its files are reported once, for the first.
            if ((uids is not null && !uids.Contains(user.Uid)) || user.Directory.Length == 0 || !homes.Add(user.Directory))
            {
                continue;
            }

            foreach (var name in Files)
            {
                var file = user.Directory.TrimEnd('/') + "/" + name;
                if (!Context.Fs.TryReadAllBytes(file, out var bytes))
                {
                    continue;
                }

                long time = 0;
                foreach (var raw in Encoding.UTF8.GetString(bytes).Split('\n'))
                {
                    var line = raw.TrimEnd('\r');
                    if (line.Length > 1 && line[0] == '#' && long.TryParse(line.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var stamp))
                    {
                        time = stamp;
                        continue;
                    }

                    var command = line;
                    if (line.StartsWith(": ", StringComparison.Ordinal) && line.IndexOf(';') is var semi and > 2)
                    {
                        var colon = line.IndexOf(':', 2);
                        if (colon > 2 && colon < semi && long.TryParse(line.AsSpan(2, colon - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var zshTime))
                        {
                            time = zshTime;
                            command = line[(semi + 1)..];
                        }
                    }

                    if (command.Length == 0)
                    {
                        continue;
                    }

                    var row = NewRow();
                    row.Uid = user.Uid;
                    row.Time = time;
                    row.Command = command;
                    row.HistoryFile = file;
                    yield return row;
                    time = 0;
                }
            }
        }
    }
}

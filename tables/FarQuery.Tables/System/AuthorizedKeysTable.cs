// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>SSH keys allowed to log in as each local user: ~/.ssh/authorized_keys and authorized_keys2 (man 8 sshd,
/// AUTHORIZED_KEYS FILE FORMAT: [options] keytype base64-key [comment]). <c>uid =</c> reads only that user's files.</summary>
public sealed partial class AuthorizedKeysTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var user in LocalUsers.WithHome(Context, query, C.Uid))
        {
            foreach (var name in new[] { "authorized_keys", "authorized_keys2" })
            {
                var file = user.Directory.TrimEnd('/') + "/.ssh/" + name;
                if (!Context.Fs.TryReadAllBytes(file, out var bytes))
                {
                    continue;
                }

                foreach (var (fields, _) in ConfigLines.Parse(bytes, comments: false))
                {
                    if (fields[0].StartsWith('#') || !TryKey(fields, out var options, out var algorithm, out var key, out var comment))
                    {
                        continue;
                    }

                    var row = NewRow();
                    row.Uid = user.Uid;
                    row.Algorithm = algorithm;
                    row.Key = key;
                    row.Options = options;
                    row.Comment = comment;
                    row.KeyFile = file;
                    yield return row;
                }
            }
        }
    }

    /// <summary>Finds the key type: the first field that looks like one (ssh-*, ecdsa-*, sk-*); what comes before it is
    /// the options (which may hold quoted spaces), the field after is the key, the rest the comment.</summary>
    private static bool TryKey(string[] fields, out string options, out string algorithm, out string key, out string comment)
    {
        for (var i = 0; i + 1 < fields.Length; i++)
        {
            var f = fields[i];
            if (f.StartsWith("ssh-", StringComparison.Ordinal) || f.StartsWith("ecdsa-", StringComparison.Ordinal) || f.StartsWith("sk-", StringComparison.Ordinal))
            {
                options = string.Join(' ', fields[..i]);
                algorithm = f;
                key = fields[i + 1];
                comment = string.Join(' ', fields[(i + 2)..]);
                return true;
            }
        }

        options = algorithm = key = comment = "";
        return false;
    }
}

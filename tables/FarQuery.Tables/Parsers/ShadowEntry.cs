// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /etc/shadow (man 5 shadow): name:password:lastchg:min:max:warn:inactive:expire:flag. Day counts
/// are days since the epoch or day spans; an empty number is -1, as getspent(3) reports it.</summary>
/// <param name="Name">Login name.</param>
/// <param name="Password">The password field as written: a crypt(3) hash, or a lock marker ('!', '*', '!!').</param>
/// <param name="LastChange">Day of the last password change.</param>
/// <param name="Min">Minimum days between changes.</param>
/// <param name="Max">Maximum days between changes.</param>
/// <param name="Warning">Days of warning before expiry.</param>
/// <param name="Inactive">Days after expiry until the account is disabled.</param>
/// <param name="Expire">Day the account expires.</param>
/// <param name="Flag">Reserved field.</param>
internal sealed record ShadowEntry(string Name, string Password, long LastChange, long Min, long Max, long Warning, long Inactive, long Expire, long Flag)
{
    /// <summary>Every entry with a name. Like glibc's reader, a line of only name:password is an old-format entry with
    /// every number -1, and a line whose numbers are not numbers is skipped; comments, blank lines and NIS compat lines
    /// ('+'/'-') are skipped too; the rest of the file still parses.</summary>
    public static List<ShadowEntry> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ShadowEntry>();
        Span<Range> fields = stackalloc Range[10];
        Span<long> numbers = stackalloc long[7];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange].TrimEnd((byte)'\r');
            if (line.IsEmpty || line[0] is (byte)'#' or (byte)'+' or (byte)'-')
            {
                continue;
            }

            var n = ByteFields.Split(line, fields, ":"u8, removeEmpty: false);
            if (n < 2 || line[fields[0]].IsEmpty || (n > 2 && n < 9))
            {
                continue;
            }

            var valid = true;
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = -1;
                if (n > 2 && !TryNumber(line[fields[i + 2]], out numbers[i]))
                {
                    valid = false;
                    break;
                }
            }

            if (valid)
            {
                list.Add(new ShadowEntry(Encoding.UTF8.GetString(line[fields[0]]), Encoding.UTF8.GetString(line[fields[1]]),
                    numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6]));
            }
        }

        return list;
    }

    /// <summary>osquery's password_status: "!!" is a password never set, a leading '!', '*' or 'x' a locked account,
    /// an empty field no password at all, anything else an active hash.</summary>
    public string PasswordStatus => Password switch
    {
        "!!" => "not_set",
        "" => "empty",
        _ when Password[0] is '!' or '*' or 'x' => "locked",
        _ => "active",
    };

    /// <summary>The crypt(3) scheme id between the leading '$' signs ("6" SHA-512, "y" yescrypt, "1" MD5...), or null
    /// when the field does not start with "$id$" (a locked "!$6$..." hash included, as osquery reports it).</summary>
    public string? HashAlgorithm
    {
        get
        {
            if (Password.Length < 3 || Password[0] != '$')
            {
                return null;
            }

            var end = Password.IndexOf('$', 1);
            return end > 1 && !Password.AsSpan(1, end - 1).ContainsAnyExcept(WordChars) ? Password[1..end] : null;
        }
    }

    /// <summary>The characters of a regex \w in osquery's "^\$(\w+)\$" match.</summary>
    private static readonly System.Buffers.SearchValues<char> WordChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <summary>A day count or span: empty is -1 (unset), otherwise a whole signed number.</summary>
    private static bool TryNumber(ReadOnlySpan<byte> field, out long value)
    {
        value = -1;
        return field.IsEmpty || (Utf8Parser.TryParse(field, out value, out var used) && used == field.Length);
    }
}

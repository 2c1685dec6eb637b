// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Tables;

/// <summary>Extended attributes of the files a query names (<c>path</c>/<c>directory</c> with the file table's
/// pattern rules, see <see cref="FilePatterns"/>). Attributes are read with listxattr(2)/getxattr(2), which never open
/// the file, so a FIFO or device named here cannot block the query. A value is text when it ends in a NUL and every
/// byte before it is printable ASCII, else base64 (an empty value is base64 ""), as osquery decides;
/// security.capability is decoded to capability text when its layout is known.</summary>
public sealed partial class ExtendedAttributesTable(TableContext context) : Table(context)
{
    private const string CapabilityAttribute = "security.capability";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        foreach (var target in FilePatterns.Expand(fs, query, C.Path, C.Directory, Schema.Name))
        {
            // A file that vanished, may not be read, or lives on a file system without attributes gives no rows.
            if (!TryListXattr(fs.Resolve(target.Path), out var names, out _))
            {
                continue;
            }

            foreach (var name in names)
            {
                if (!TryGetXattr(fs.Resolve(target.Path), name, out var value, out _))
                {
                    continue;
                }

                var (text, base64) = Render(name, value);
                var row = NewRow();
                row.Path = target.Path;
                row.Directory = target.Directory;
                row.Key = name;
                row.Value = text;
                row.Base64 = base64 ? 1 : 0;
                yield return row;
            }
        }
    }

    /// <summary>The value column and whether it is base64.</summary>
    internal static (string Text, bool Base64) Render(string name, byte[] value)
    {
        if (name == CapabilityAttribute && FileCapabilities.TryFormat(value, out var caps))
        {
            return (caps, false);
        }

        if (value.Length == 0)
        {
            return ("", true);
        }

        if (value[^1] != 0)
        {
            return (Convert.ToBase64String(value), true);
        }

        // The terminating NUL is dropped either way; the rest is text only if it is all printable ASCII (isprint in
        // the C locale).
        var body = value.AsSpan(0, value.Length - 1);
        return body.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0 ? (Encoding.ASCII.GetString(body), false) : (Convert.ToBase64String(body), true);
    }
}

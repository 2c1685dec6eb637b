// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>libmagic's description, MIME type and encoding of the files a query names (path = or a pattern, as the
/// file table). Only the first <see cref="HeadBytes"/> of a file are read, through the bounded open, and handed to
/// magic_buffer: libmagic never opens the container's files itself, so a FIFO or a /proc file cannot hold the query.</summary>
public sealed partial class MagicTable(TableContext context) : Table(context)
{
    /// <summary>Bytes of each file libmagic sees: its default read limit.</summary>
    internal const int HeadBytes = 1 << 20;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        NativeLibraries.Require(NativeLibraries.Of(Context).Magic, Schema.Name);
        var databases = query.TextEquals(C.MagicDbFiles) is [var db, ..] ? db : null;
        using var magic = Interop.Magic.Cookie.Open(databases);
        foreach (var target in FilePatterns.Expand(Context.Fs, query, C.Path, -1, Schema.Name))
        {
            if (!NativeFiles.TryReadHead(Context.Fs, target.Path, HeadBytes, query.Cancellation, out var head))
            {
                continue;
            }

            var row = NewRow();
            row.Path = target.Path;
            row.MagicDbFiles = databases ?? "";
            row.Data = magic.Describe(head, Interop.Magic.MAGIC_NONE);
            row.MimeType = magic.Describe(head, Interop.Magic.MAGIC_MIME_TYPE);
            row.MimeEncoding = magic.Describe(head, Interop.Magic.MAGIC_MIME_ENCODING);
            yield return row;
        }
    }
}

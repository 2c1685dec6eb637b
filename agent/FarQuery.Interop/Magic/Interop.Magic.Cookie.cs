// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    internal static unsafe partial class Magic
    {
        /// <summary>One libmagic cookie (not thread safe, so one per query) with its database loaded.</summary>
        internal sealed class Cookie : IDisposable
        {
            private nint cookie;

            private Cookie(nint cookie) => this.cookie = cookie;

            /// <summary>Opens a cookie over <paramref name="databases"/> (colon-separated) or libmagic's default database;
            /// throws with libmagic's reason when the database cannot be loaded.</summary>
            public static Cookie Open(string? databases)
            {
                var cookie = magic_open(MAGIC_NONE);
                if (cookie == 0)
                {
                    throw new InvalidOperationException("magic: magic_open failed");
                }

                var result = new Cookie(cookie);
                var name = databases is null ? null : CString.Utf8Z(databases);
                fixed (byte* p = name)
                {
                    if (magic_load(cookie, p) != 0)
                    {
                        var error = CString.Text(magic_error(cookie));
                        result.Dispose();
                        throw new InvalidOperationException($"magic: cannot load the magic database {databases ?? "(default)"}: {error}");
                    }
                }

                return result;
            }

            /// <summary>libmagic's answer for <paramref name="data"/> with <paramref name="flags"/> (MAGIC_NONE for the
            /// description, MAGIC_MIME_TYPE, MAGIC_MIME_ENCODING), or null when it has none.</summary>
            public string? Describe(ReadOnlySpan<byte> data, int flags)
            {
                if (magic_setflags(cookie, flags) != 0)
                {
                    return null;
                }

                fixed (byte* p = data)
                {
                    return CString.Text(magic_buffer(cookie, p, (nuint)data.Length));
                }
            }

            /// <inheritdoc/>
            public void Dispose()
            {
                if (cookie != 0)
                {
                    magic_close(cookie);
                    cookie = 0;
                }
            }
        }
    }
}

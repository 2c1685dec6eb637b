// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    internal static unsafe partial class Augeas
    {
        /// <summary>One node of the tree: its path, value, label and the file it came from ("/etc/hosts").</summary>
        internal readonly record struct Node(string Path, string? Value, string? Label, string? Source);

        /// <summary>One augeas handle (not thread safe: one per query) over a root directory, loading nothing until
        /// asked. Strings libaugeas allocates are freed here; callers see managed copies only.</summary>
        internal sealed class Session : IDisposable
        {
            private nint aug;

            private Session(nint aug) => this.aug = aug;

            /// <summary>Opens a handle whose /files tree mirrors <paramref name="root"/>, with the lenses of
            /// <paramref name="lenses"/> only (AUG_NO_STDINC) or, when null, libaugeas's default load path. Throws with
            /// libaugeas's reason when it cannot start (a lens that does not compile, a missing directory).</summary>
            public static Session Open(string root, string? lenses)
            {
                var flags = AUG_NO_LOAD | AUG_NO_ERR_CLOSE | (lenses is null ? 0 : AUG_NO_STDINC);
                nint aug;
                fixed (byte* r = CString.Utf8Z(root), l = CString.Utf8Z(lenses))
                {
                    aug = aug_init(r, l, flags);
                }

                if (aug == 0)
                {
                    throw new InvalidOperationException("augeas: aug_init failed");
                }

                var session = new Session(aug);
                if (aug_error(aug) != AUG_NOERROR)
                {
                    var message = CString.Text(aug_error_message(aug));
                    session.Dispose();
                    throw new InvalidOperationException("augeas: " + message);
                }

                return session;
            }

            /// <summary>Loads one file (a path under the root) with the lens its name selects; false when no lens
            /// covers it or it cannot be read.</summary>
            public bool LoadFile(string path)
            {
                fixed (byte* p = CString.Utf8Z(path))
                {
                    return aug_load_file(aug, p) == 0;
                }
            }

            /// <summary>Loads every file the lenses' include lists name (files that fail to parse are reported under
            /// /augeas, not here).</summary>
            public void LoadAll() => aug_load(aug);

            /// <summary>The nodes matching a path expression that hold exactly one value slot.</summary>
            public List<Node> Match(string pattern)
            {
                var nodes = new List<Node>();
                byte** matches = null;
                int count;
                fixed (byte* p = CString.Utf8Z(pattern))
                {
                    count = aug_match(aug, p, &matches);
                }

                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        byte* value = null, label = null;
                        if (aug_get(aug, matches[i], &value) == 1)
                        {
                            aug_label(aug, matches[i], &label);
                            nodes.Add(new Node(CString.Text(matches[i])!, CString.Text(value), CString.Text(label), SourceOf(matches[i])));
                        }
                    }
                }
                finally
                {
                    for (var i = 0; i < count; i++)
                    {
                        Libc.free(matches[i]);
                    }

                    Libc.free(matches);
                }

                return nodes;
            }

            /// <inheritdoc/>
            public void Dispose()
            {
                if (aug != 0)
                {
                    aug_close(aug);
                    aug = 0;
                }
            }

            /// <summary>The file a node was read from: aug_source's "/files/etc/hosts" as "/etc/hosts".</summary>
            private string? SourceOf(byte* node)
            {
                byte* source = null;
                if (aug_source(aug, node, &source) < 0 || source is null)
                {
                    return null;
                }

                var text = CString.Text(source);
                Libc.free(source);
                return text is not null && text.StartsWith("/files/", StringComparison.Ordinal) ? text["/files".Length..] : text;
            }
        }
    }
}

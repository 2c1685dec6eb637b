// SPDX-License-Identifier: Apache-2.0

// C names are kept so augeas.h documents them (docs/conventions.md §7).
#pragma warning disable CS8981

internal static partial class Interop
{
    /// <summary>libaugeas's C API (augeas.h): a tree over configuration files parsed by lenses. The handle is opaque and
    /// not thread safe: one per query. Strings from aug_match and aug_source are malloc'd (free them with
    /// <see cref="Libc.free"/>); those from aug_get and aug_label belong to the tree.</summary>
    internal static unsafe partial class Augeas
    {
        /// <summary>The logical name the imports below use: never a file name, so only <see cref="OptionalLibrary"/>'s
        /// resolver binds it, to <see cref="Library"/>'s first candidate that loads.</summary>
        internal const string LibraryName = "farquery-optional-augeas";

        /// <summary>The library: Debian's libaugeas0 (the lenses are in augeas-lenses).</summary>
        internal static readonly OptionalLibrary Library = new(LibraryName, ["libaugeas.so.0"], "libaugeas0");

        /// <summary>AUG_NO_STDINC: do not search the built-in lens directory.</summary>
        internal const uint AUG_NO_STDINC = 1 << 3;

        /// <summary>AUG_NO_LOAD: do not load any file at init (aug_load or aug_load_file does).</summary>
        internal const uint AUG_NO_LOAD = 1 << 5;

        /// <summary>AUG_NO_ERR_CLOSE: keep the handle when init fails, so aug_error_message can say why.</summary>
        internal const uint AUG_NO_ERR_CLOSE = 1 << 8;

        /// <summary>AUG_NOERROR (aug_errcode_t).</summary>
        internal const int AUG_NOERROR = 0;

        /// <summary>aug_init: <paramref name="root"/> is the file-system root the /files tree mirrors.</summary>
        [LibraryImport(LibraryName)]
        internal static partial nint aug_init(byte* root, byte* loadpath, uint flags);

        /// <summary>aug_close.</summary>
        [LibraryImport(LibraryName)]
        internal static partial void aug_close(nint aug);

        /// <summary>aug_load: every file the lenses' include lists name; 0 on success.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int aug_load(nint aug);

        /// <summary>aug_load_file (augeas 1.13+): one file, with the lens its path selects; 0 on success.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int aug_load_file(nint aug, byte* file);

        /// <summary>aug_match: the number of nodes matching a path expression, or -1; <paramref name="matches"/> is a
        /// malloc'd array of malloc'd strings.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int aug_match(nint aug, byte* path, byte*** matches);

        /// <summary>aug_get: 1 when exactly one node matches (its value may be null), 0 for none, -1 for several.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int aug_get(nint aug, byte* path, byte** value);

        /// <summary>aug_label: like aug_get, for the node's label.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int aug_label(nint aug, byte* path, byte** label);

        /// <summary>aug_source: the /files path of the file the node came from (malloc'd), or null.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int aug_source(nint aug, byte* path, byte** file_path);

        /// <summary>aug_error: the last aug_errcode_t.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int aug_error(nint aug);

        /// <summary>aug_error_message: a human-readable form of aug_error.</summary>
        [LibraryImport(LibraryName)]
        internal static partial byte* aug_error_message(nint aug);
    }
}

// SPDX-License-Identifier: Apache-2.0
/// <summary>Raw native bindings, grouped by library; C names are kept so the man pages document them.</summary>
internal static partial class Interop
{
    /// <summary>Names of the native libraries FarQuery binds to, declared once.</summary>
    internal static class Libraries
    {
        /// <summary>The C library (glibc on the build machine; the bundled loader in /opt/farquery on musl images).</summary>
        internal const string Libc = "libc";

        /// <summary>SQLite as shipped by SQLitePCLRaw.bundle_e_sqlite3; the same copy Microsoft.Data.Sqlite uses.</summary>
        internal const string Sqlite3 = "e_sqlite3";

        /// <summary>libyara (Debian's libyara9), bound only through <see cref="OptionalLibrary"/>'s resolver.</summary>
        internal const string Yara = "farquery-optional-yara";

        /// <summary>libmagic (Debian's libmagic1), bound only through <see cref="OptionalLibrary"/>'s resolver.</summary>
        internal const string Magic = "farquery-optional-magic";

        /// <summary>libaugeas (Debian's libaugeas0), bound only through <see cref="OptionalLibrary"/>'s resolver.</summary>
        internal const string Augeas = "farquery-optional-augeas";
    }
}

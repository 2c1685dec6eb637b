// SPDX-License-Identifier: Apache-2.0
/// <summary>Raw native bindings, grouped by library; C names are kept so the man pages document them.</summary>
internal static partial class Interop
{
    /// <summary>Names of the native libraries FarQuery always binds to, declared once. The optional ones (libyara,
    /// libmagic, libaugeas) declare theirs next to their bindings and their <see cref="OptionalLibrary"/>.</summary>
    internal static class Libraries
    {
        /// <summary>The C library (glibc on the build machine; the bundled loader in /opt/farquery on musl images).</summary>
        internal const string Libc = "libc";

        /// <summary>SQLite as shipped by SQLitePCLRaw.bundle_e_sqlite3; the same copy Microsoft.Data.Sqlite uses.</summary>
        internal const string Sqlite3 = "e_sqlite3";

        /// <summary>The file of <see cref="Sqlite3"/>, beside the executable in the publish folder and the package.</summary>
        internal const string Sqlite3File = "libe_sqlite3.so";
    }
}

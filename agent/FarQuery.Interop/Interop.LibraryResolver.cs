// SPDX-License-Identifier: Apache-2.0
using System.Reflection;

internal static partial class Interop
{
    /// <summary>Binds import names to libraries already loaded, for the assemblies whose imports use them. The runtime's
    /// own search for a bare name such as <c>e_sqlite3</c> tries each prefix and suffix in the executable's folder and then
    /// through every directory of the loader's path (some ninety failed opens, docs/tracer.md, "The start path"); a name
    /// bound here resolves to its handle at once. Names not bound fall through to that search. One
    /// resolver per assembly is all the runtime allows, so every binding of an assembly goes through here.</summary>
    internal static class LibraryResolver
    {
        private static readonly Lock Gate = new();
        private static readonly Dictionary<string, nint> Handles = new(StringComparer.Ordinal);
        private static readonly HashSet<Assembly> Resolved = [];
        private static bool sqliteTried;

        /// <summary>Makes the imports of <paramref name="name"/> in <paramref name="assembly"/> bind to
        /// <paramref name="handle"/>.</summary>
        internal static void Bind(Assembly assembly, string name, nint handle)
        {
            lock (Gate)
            {
                Handles[name] = handle;
                if (Resolved.Add(assembly))
                {
                    NativeLibrary.SetDllImportResolver(assembly, Resolve);
                }
            }
        }

        /// <summary>Loads SQLite by its exact file beside the executable, where the publish folder and the package put it,
        /// and binds the <c>e_sqlite3</c> imports of these bindings and of <paramref name="provider"/> (the assembly
        /// of Microsoft.Data.Sqlite's provider) to it. Called once before the first SQLite call; where the file is not
        /// there (a test run from the build output), the runtime searches as before.</summary>
        internal static void BindSqlite3(Assembly provider)
        {
            lock (Gate)
            {
                if (sqliteTried)
                {
                    return;
                }

                sqliteTried = true;
                if (!NativeLibrary.TryLoad(Path.Combine(AppContext.BaseDirectory, Libraries.Sqlite3File), out var handle))
                {
                    return;
                }

                Bind(typeof(LibraryResolver).Assembly, Libraries.Sqlite3, handle);
                Bind(provider, Libraries.Sqlite3, handle);
            }
        }

        private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
        {
            lock (Gate)
            {
                return Handles.GetValueOrDefault(name);
            }
        }
    }
}

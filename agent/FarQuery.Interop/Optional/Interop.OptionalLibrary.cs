// SPDX-License-Identifier: Apache-2.0
using System.Reflection;

internal static partial class Interop
{
    /// <summary>A C library the agent can run without (libyara, libmagic, libaugeas): its imports name a logical library
    /// (<see cref="ImportName"/>) that the assembly's resolver maps to the first of <see cref="Candidates"/> that
    /// <c>dlopen</c> finds. Nothing is loaded until a table asks with <see cref="TryLoad"/>, so an image without the
    /// library still runs every other table, and the one that needs it fails its query with <see cref="Error"/>.</summary>
    internal sealed class OptionalLibrary
    {
        private static readonly Lock ResolverGate = new();
        private static readonly Dictionary<string, OptionalLibrary> Registered = new(StringComparer.Ordinal);
        private static bool resolverSet;

        private readonly Lock gate = new();
        private readonly Func<nint, string?>? initialize;
        private bool tried;
        private nint handle;
        private string? error;

        /// <summary>Describes a library; <paramref name="initialize"/> runs once after the first successful load (yara's
        /// global init) and returns an error, or null.</summary>
        internal OptionalLibrary(string importName, string[] candidates, string package, Func<nint, string?>? initialize = null)
        {
            ImportName = importName;
            Candidates = candidates;
            Package = package;
            this.initialize = initialize;
        }

        /// <summary>The name the <c>LibraryImport</c>s use; never a file name, so only the resolver can bind it.</summary>
        internal string ImportName { get; }

        /// <summary>File names tried in order (sonames whose struct layouts the layout tests check).</summary>
        internal string[] Candidates { get; }

        /// <summary>The Debian package that provides the library, named in the error.</summary>
        internal string Package { get; }

        /// <summary>The soname that loaded, or null.</summary>
        internal string? LoadedName { get; private set; }

        /// <summary>Why the library is unusable, or null when it loaded (or was not tried yet).</summary>
        internal string? Error => error;

        /// <summary>One line for <c>farquery status</c>: the loaded soname, the error, or "not loaded yet".</summary>
        internal string Status => LoadedName is { } n ? "loaded " + n : error ?? "not loaded yet";

        /// <summary>Loads the library once (later calls return the first answer); false with a message naming the
        /// package to install when no candidate loads or its initialisation fails.</summary>
        internal bool TryLoad(out string message)
        {
            lock (gate)
            {
                if (!tried)
                {
                    tried = true;
                    Load();
                }

                message = error ?? "";
                return error is null;
            }
        }

        private void Load()
        {
            foreach (var candidate in Candidates)
            {
                if (NativeLibrary.TryLoad(candidate, out var h))
                {
                    handle = h;
                    LoadedName = candidate;
                    Register(this);
                    error = initialize?.Invoke(h);
                    if (error is not null)
                    {
                        error = $"{candidate}: {error}";
                    }

                    return;
                }
            }

            error = $"{string.Join(" or ", Candidates)} not found; install the Debian package {Package} (apt-get install {Package})";
        }

        /// <summary>Makes the assembly's imports of <paramref name="library"/> bind to its loaded handle. The resolver is
        /// set once for the assembly and answers only for registered names (libc and e_sqlite3 fall through to the
        /// default search).</summary>
        private static void Register(OptionalLibrary library)
        {
            lock (ResolverGate)
            {
                Registered[library.ImportName] = library;
                if (!resolverSet)
                {
                    resolverSet = true;
                    NativeLibrary.SetDllImportResolver(typeof(OptionalLibrary).Assembly, Resolve);
                }
            }
        }

        private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
        {
            lock (ResolverGate)
            {
                return Registered.TryGetValue(name, out var library) ? library.handle : 0;
            }
        }
    }
}

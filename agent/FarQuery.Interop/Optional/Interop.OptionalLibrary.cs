// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>A C library the agent can run without (libyara, libmagic, libaugeas): its imports name a logical library
    /// (<see cref="ImportName"/>) that the assembly's resolver maps to the first of <see cref="Candidates"/> that
    /// <c>dlopen</c> finds. Nothing is loaded until a table asks with <see cref="TryLoad"/>, so an image without the
    /// library still runs every other table, and the one that needs it fails its query with <see cref="Error"/>.</summary>
    internal sealed class OptionalLibrary
    {
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
                    // The assembly's imports of this name bind to the loaded handle (never a search by file name).
                    LibraryResolver.Bind(typeof(OptionalLibrary).Assembly, ImportName, h);
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
    }
}

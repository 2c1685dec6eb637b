// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The optional C libraries behind the yara, yara_events, magic and augeas tables, kept in
/// <see cref="TableContext.Services"/> so a test can point one at a name that does not exist (the agent uses
/// <see cref="Default"/>). Each loads on the first query that needs it; without it that query fails with an error
/// naming the Debian package, and every other table runs as before.</summary>
internal sealed class NativeLibraries
{
    /// <summary>The real libraries: libyara.so.9, libmagic.so.1, libaugeas.so.0.</summary>
    public static NativeLibraries Default { get; } = new();

    /// <summary>libyara.</summary>
    public Interop.OptionalLibrary Yara { get; init; } = Interop.Yara.Library;

    /// <summary>libmagic.</summary>
    public Interop.OptionalLibrary Magic { get; init; } = Interop.Magic.Library;

    /// <summary>libaugeas.</summary>
    public Interop.OptionalLibrary Augeas { get; init; } = Interop.Augeas.Library;

    /// <summary>The libraries a context's tables use.</summary>
    public static NativeLibraries Of(TableContext context) => context.Services.Get<NativeLibraries>() ?? Default;

    /// <summary>Loads <paramref name="library"/> or throws the query's error, prefixed with the table's name.</summary>
    public static void Require(Interop.OptionalLibrary library, string table)
    {
        if (!library.TryLoad(out var message))
        {
            throw new InvalidOperationException($"{table}: {message}");
        }
    }
}

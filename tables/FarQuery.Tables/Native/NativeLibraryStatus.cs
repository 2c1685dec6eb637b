// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables;

/// <summary>What <c>farquery status</c> shows of the optional libraries behind the yara, magic and augeas tables.</summary>
public static class NativeLibraryStatus
{
    /// <summary>One line per library: loaded (with its soname), missing (with the package to install), or not loaded
    /// yet (no query needed it).</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Lines() =>
    [
        new("libyara", NativeLibraries.Default.Yara.Status),
        new("libmagic", NativeLibraries.Default.Magic.Status),
        new("libaugeas", NativeLibraries.Default.Augeas.Status),
    ];
}

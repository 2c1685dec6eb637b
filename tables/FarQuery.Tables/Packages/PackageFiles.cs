// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>Directory listings through the <see cref="HostFileSystem"/> seam, for the inventory tables that walk trees.</summary>
internal static class PackageFiles
{
    /// <summary>Container paths of the regular files (or of the subdirectories) directly under <paramref name="dir"/>,
    /// sorted; empty when the directory is missing or unreadable, which in a container is the usual case.</summary>
    public static List<string> List(HostFileSystem fs, string dir, bool directories = false)
    {
        try
        {
            var real = fs.Resolve(dir);
            var names = directories ? Directory.GetDirectories(real) : Directory.GetFiles(real);
            var list = names.Select(n => Path.Join(dir, Path.GetFileName(n))).ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    /// <summary>True when <paramref name="path"/> is an existing directory (following symlinks).</summary>
    public static bool IsDirectory(HostFileSystem fs, string path) => Directory.Exists(fs.Resolve(path));

    /// <summary>True when <paramref name="path"/> is an existing regular file (following symlinks).</summary>
    public static bool IsFile(HostFileSystem fs, string path) => File.Exists(fs.Resolve(path));
}

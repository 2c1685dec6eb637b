// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Remote.Tls;

/// <summary>The node key, kept for the task's life in memory and, when a writable path is configured, in a file with
/// mode 0600 (osquery keeps it in its database) so a restarted agent does not enroll again.</summary>
internal sealed class NodeKeyStore(string? path, Action<string> warn)
{
    private string? key;

    /// <summary>The current key, or null before enrollment.</summary>
    public string? Current => Volatile.Read(ref key);

    /// <summary>Loads a stored key (unless <paramref name="enrollAlways"/>).</summary>
    public void Load(bool enrollAlways)
    {
        if (path is null || enrollAlways)
        {
            return;
        }

        try
        {
            var text = BoundedFile.ReadAllText(path, BoundedFile.FlagFileMaxBytes).Trim();
            if (text.Length > 0)
            {
                Volatile.Write(ref key, text);
            }
        }
        catch (FileNotFoundException)
        {
            // First start: nothing stored yet.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn($"farquery: cannot read the node key from {path}: {e.Message}; enrolling again");
        }
    }

    /// <summary>Stores a new key: memory first, then the file (written aside and renamed, so a crash never leaves a
    /// truncated key; created 0600 so no other user reads it).</summary>
    public void Set(string newKey)
    {
        Volatile.Write(ref key, newKey);
        if (path is null)
        {
            return;
        }

        var temp = path + ".tmp";
        try
        {
            File.Delete(temp);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Created 0600 from the first byte: a chmod after writing would leave a window where others can read it.
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temp, create))
            {
                file.Write(Encoding.UTF8.GetBytes(newKey));
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn($"farquery: cannot store the node key in {path}: {e.Message}; it is kept in memory for this task");
        }
    }

    /// <summary>Forgets <paramref name="invalid"/> (if still current) so the next request enrolls again.</summary>
    public bool Clear(string invalid)
    {
        if (Interlocked.CompareExchange(ref key, null, invalid) != invalid)
        {
            return false;
        }

        if (path is not null)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warn($"farquery: cannot delete the invalid node key {path}: {e.Message}");
            }
        }

        return true;
    }
}

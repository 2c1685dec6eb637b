// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin;

/// <summary>Creates the listening socket so that it is never reachable with looser permissions than 0600: it is bound
/// inside a fresh 0700 staging directory next to the final path, chmod-ed to 0600 there, then renamed into place
/// (rename keeps the inode, and the bound socket with it). A umask change would do the same but is process-wide and
/// would race every other thread that creates files.</summary>
internal static class SocketBinder
{
    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode StagingMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Binds and listens on <paramref name="configured"/>, or on the first usable default path.</summary>
    public static (Socket Socket, string Path) Bind(string? configured)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the admin socket needs Linux (SO_PEERCRED, Unix file modes)");
        }

        string? staging = null;
        var path = configured is { Length: > 0 }
            ? Path.GetFullPath(configured)
            : AdminSocketPath.ForServer(candidate => TryStage(candidate, out staging));
        if (staging is null && !TryStage(path, out staging, createParent: true))
        {
            throw new AdminServerException($"cannot create the admin socket at {path}: its directory is missing or not writable");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            RemoveStale(path);
            var temporary = Path.Join(staging, "s");
            socket.Bind(new UnixDomainSocketEndPoint(temporary));
            File.SetUnixFileMode(temporary, SocketMode);
            socket.Listen(128);
            File.Move(temporary, path);
            return (socket, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SocketException)
        {
            socket.Dispose();
            throw new AdminServerException($"cannot listen on {path}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            TryDeleteDirectory(staging);
        }
    }

    /// <summary>Removes the socket file if it exists (shutdown).</summary>
    public static void Unlink(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone or its directory became read-only: nothing left to do.
        }
    }

    private static bool TryStage(string path, out string? staging, bool createParent = false)
    {
        staging = null;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null)
        {
            return false;
        }

        try
        {
            if (createParent && !Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, StagingMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            var candidate = Path.Join(directory, string.Create(CultureInfo.InvariantCulture, $".farquery-{Environment.ProcessId}-{Random.Shared.Next():x8}"));
            Directory.CreateDirectory(candidate, StagingMode);
            staging = candidate;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A socket file left by an agent that died is removed; one that still accepts belongs to a live agent and
    /// is an error, and anything that is not an empty file is left alone.</summary>
    private static void RemoveStale(string path)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new AdminServerException($"{path} is a directory");
        }

        if (!info.Exists)
        {
            return;
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new AdminServerException($"another agent is already listening on {path}");
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Stale: nobody listens behind it.
            }
        }

        if (info.Length != 0)
        {
            throw new AdminServerException($"{path} exists and is not a socket; remove it or choose another path");
        }

        File.Delete(path);
    }

    private static void TryDeleteDirectory(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover empty staging directory is harmless.
        }
    }
}

// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Inotify;

/// <summary>An inotify instance descriptor (man 7 inotify), closed exactly once whatever happens to its owner.</summary>
internal sealed class InotifyHandle : SafeHandle
{
    private InotifyHandle()
        : base(-1, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor number for raw calls; valid while a <c>DangerousAddRef</c> is held or the owner is alive.</summary>
    public int Fd => (int)handle;

    /// <summary>Creates a non-blocking, close-on-exec instance (the publisher polls it, and children of traced
    /// processes must not inherit it).</summary>
    public static bool TryCreate(out InotifyHandle handle, out Interop.Errno errno)
    {
        handle = new InotifyHandle();
        var fd = Interop.Libc.inotify_init1(Interop.Libc.IN_NONBLOCK | Interop.Libc.IN_CLOEXEC);
        if (fd < 0)
        {
            errno = Interop.LastErrno;
            return false;
        }

        handle.SetHandle(fd);
        errno = Interop.Errno.SUCCESS;
        return true;
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => Interop.Libc.close((int)handle) == 0;
}

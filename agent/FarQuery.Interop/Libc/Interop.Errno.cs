// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    /// <summary>errno values FarQuery reacts to (man 3 errno; asm-generic/errno-base.h, identical on x86_64 and arm64).</summary>
    internal enum Errno
    {
        SUCCESS = 0,
        EPERM = 1,
        ENOENT = 2,
        ESRCH = 3,
        EINTR = 4,
        EIO = 5,
        ENXIO = 6,
        EBADF = 9,
        ECHILD = 10,
        EAGAIN = 11,
        ENOMEM = 12,
        EACCES = 13,
        EFAULT = 14,
        EBUSY = 16,
        EEXIST = 17,
        ENOTDIR = 20,
        EISDIR = 21,
        EINVAL = 22,
        ENOSPC = 28,
        EPIPE = 32,
        ERANGE = 34,
        ENAMETOOLONG = 36,
        ENOSYS = 38,
        ELOOP = 40,
        ENODATA = 61,
        ENOPROTOOPT = 92,
        EOPNOTSUPP = 95,
        EAFNOSUPPORT = 97,
        ENOBUFS = 105,
    }

    /// <summary>The errno's name, as <c>ToString</c> gives it, without the runtime's reflection over the enum: the first
    /// <c>ToString</c> of an enum builds its name table from metadata, which a cold <c>farquery query</c> paid for one
    /// missing cgroup file (docs/tables-and-paths.md, <c>BoundedFile</c>).</summary>
    internal static string Name(Errno errno) => errno switch
    {
        Errno.SUCCESS => nameof(Errno.SUCCESS),
        Errno.EPERM => nameof(Errno.EPERM),
        Errno.ENOENT => nameof(Errno.ENOENT),
        Errno.ESRCH => nameof(Errno.ESRCH),
        Errno.EINTR => nameof(Errno.EINTR),
        Errno.EIO => nameof(Errno.EIO),
        Errno.ENXIO => nameof(Errno.ENXIO),
        Errno.EBADF => nameof(Errno.EBADF),
        Errno.ECHILD => nameof(Errno.ECHILD),
        Errno.EAGAIN => nameof(Errno.EAGAIN),
        Errno.ENOMEM => nameof(Errno.ENOMEM),
        Errno.EACCES => nameof(Errno.EACCES),
        Errno.EFAULT => nameof(Errno.EFAULT),
        Errno.EBUSY => nameof(Errno.EBUSY),
        Errno.EEXIST => nameof(Errno.EEXIST),
        Errno.ENOTDIR => nameof(Errno.ENOTDIR),
        Errno.EISDIR => nameof(Errno.EISDIR),
        Errno.EINVAL => nameof(Errno.EINVAL),
        Errno.ENOSPC => nameof(Errno.ENOSPC),
        Errno.EPIPE => nameof(Errno.EPIPE),
        Errno.ERANGE => nameof(Errno.ERANGE),
        Errno.ENAMETOOLONG => nameof(Errno.ENAMETOOLONG),
        Errno.ENOSYS => nameof(Errno.ENOSYS),
        Errno.ELOOP => nameof(Errno.ELOOP),
        Errno.ENODATA => nameof(Errno.ENODATA),
        Errno.ENOPROTOOPT => nameof(Errno.ENOPROTOOPT),
        Errno.EOPNOTSUPP => nameof(Errno.EOPNOTSUPP),
        Errno.EAFNOSUPPORT => nameof(Errno.EAFNOSUPPORT),
        Errno.ENOBUFS => nameof(Errno.ENOBUFS),
        _ => ((int)errno).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Typed access to the errno of the last LibraryImport call made with SetLastError.</summary>
    internal static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>The outcome of a call made with SetLastError that returns 0 on success and -1 with errno set:
    /// whether it succeeded, and SUCCESS or its errno. Call it on the call's result directly, before any other
    /// import can overwrite the saved errno.</summary>
    internal static bool Succeeded(int result, out Errno errno)
    {
        errno = result == 0 ? Errno.SUCCESS : LastErrno;
        return result == 0;
    }
}

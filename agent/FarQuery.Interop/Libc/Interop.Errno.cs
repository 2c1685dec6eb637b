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

// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Udev;

/// <summary>A <c>NETLINK_KOBJECT_UEVENT</c> socket bound to the kernel's uevent multicast group (man 7 netlink),
/// closed exactly once whatever happens to its owner.</summary>
internal sealed class UeventSocket : SafeHandle
{
    /// <summary>The multicast group the kernel sends uevents to (lib/kobject_uevent.c); udevd re-sends its processed
    /// events to group 2, which is not joined.</summary>
    public const uint KernelGroup = 1;

    private UeventSocket()
        : base(-1, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor number for raw calls; valid while a <c>DangerousAddRef</c> is held or the owner is alive.</summary>
    public int Fd => (int)handle;

    /// <summary>Opens a close-on-exec datagram socket (traced children must not inherit it) and binds it to the kernel
    /// group with a kernel-chosen port id. False with the failing call and its errno.</summary>
    public static unsafe bool TryOpen(out UeventSocket socket, out string failedCall, out Interop.Errno errno)
    {
        socket = new UeventSocket();
        var fd = Interop.Libc.socket(Interop.Libc.AF_NETLINK, Interop.Libc.SOCK_DGRAM | Interop.Libc.SOCK_CLOEXEC, Interop.Libc.NETLINK_KOBJECT_UEVENT);
        if (fd < 0)
        {
            errno = Interop.LastErrno;
            failedCall = "socket(AF_NETLINK, NETLINK_KOBJECT_UEVENT)";
            return false;
        }

        socket.SetHandle(fd);
        var address = new Interop.Libc.sockaddr_nl { nl_family = Interop.Libc.AF_NETLINK, nl_groups = KernelGroup };
        if (Interop.Libc.bind(fd, &address, (uint)sizeof(Interop.Libc.sockaddr_nl)) != 0)
        {
            errno = Interop.LastErrno;
            failedCall = "bind(nl_groups=1)";
            return false;
        }

        errno = Interop.Errno.SUCCESS;
        failedCall = "";
        return true;
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => Interop.Libc.close((int)handle) == 0;
}

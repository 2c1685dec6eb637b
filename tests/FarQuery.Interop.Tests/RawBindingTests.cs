// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Interop.Tests;

/// <summary>The raw bindings called with bad arguments return -1 and the errno the man pages document.</summary>
public sealed class RawBindingTests
{
    [Fact]
    public void Ptrace_NonexistentPid_IsEsrch()
    {
        Assert.Equal(-1, ptrace(PTRACE_CONT, int.MaxValue, 0, 0));
        Assert.Equal(global::Interop.Errno.ESRCH, global::Interop.LastErrno);
    }

    [Fact]
    public unsafe void Waitpid_NotOurChild_IsEchild()
    {
        int status;
        Assert.Equal(-1, waitpid(1, &status, WNOHANG));
        Assert.Equal(global::Interop.Errno.ECHILD, global::Interop.LastErrno);
    }

    [Fact]
    public void Kill_SignalZeroToSelf_Succeeds_AndToNobody_IsEsrch()
    {
        Assert.Equal(0, kill(Environment.ProcessId, 0));
        Assert.Equal(-1, kill(int.MaxValue, 0));
        Assert.Equal(global::Interop.Errno.ESRCH, global::Interop.LastErrno);
    }

    [Fact]
    public void Close_NegativeFd_IsEbadf()
    {
        Assert.Equal(-1, close(-1));
        Assert.Equal(global::Interop.Errno.EBADF, global::Interop.LastErrno);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void OpenWithMode_CreatesWithTheModeAndMissingFolder_IsEnoent()
    {
        var dir = Directory.CreateTempSubdirectory("fq-open-").FullName;
        try
        {
            var path = Path.Join(dir, "f");
            using (var h = open(path, O_WRONLY | O_CLOEXEC, 0x180, out var errno))
            {
                Assert.False(h.IsInvalid, errno.ToString());
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            using var missing = open(Path.Join(dir, "no", "f"), O_WRONLY | O_CLOEXEC, 0x180, out var missingErrno);
            Assert.True(missing.IsInvalid);
            Assert.Equal(global::Interop.Errno.ENOENT, missingErrno);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TryWriteAll_ReadOnlyDescriptor_IsEbadf()
    {
        using var h = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
        Assert.False(TryWriteAll(h, [1, 2, 3], out var errno));
        Assert.Equal(global::Interop.Errno.EBADF, errno);
    }

    [Fact]
    public unsafe void ProcessVmReadv_OwnMemory_Copies_AndNullAddress_IsEfault()
    {
        var source = 0x1122334455667788UL;
        ulong target = 0;
        var local = new iovec { iov_base = &target, iov_len = 8 };
        var remote = new iovec { iov_base = &source, iov_len = 8 };
        Assert.Equal(8, process_vm_readv(Environment.ProcessId, &local, 1, &remote, 1, 0));
        Assert.Equal(source, target);
        remote.iov_base = null;
        Assert.Equal(-1, process_vm_readv(Environment.ProcessId, &local, 1, &remote, 1, 0));
        Assert.Equal(global::Interop.Errno.EFAULT, global::Interop.LastErrno);
    }

    [Fact]
    public void Prctl_NoNewPrivs_IsReadable() => Assert.InRange(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0, 1);

    [Fact]
    public void PidfdOpen_Self_GivesADescriptor()
    {
        var fd = pidfd_open(Environment.ProcessId);
        Assert.True(fd >= 0, global::Interop.LastErrno.ToString());
        close(fd);
    }

    [Fact]
    public unsafe void UeventSocket_BindsToKernelGroup_GetsAPortId_AndEmptyQueueIsEagain()
    {
        var fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
        Assert.True(fd >= 0, global::Interop.LastErrno.ToString());
        try
        {
            var address = new sockaddr_nl { nl_family = AF_NETLINK, nl_groups = 1 };
            Assert.Equal(0, bind(fd, &address, (uint)sizeof(sockaddr_nl)));

            // The kernel fills in the family, a non-zero port id and the joined group.
            var bound = default(sockaddr_nl);
            var length = (uint)sizeof(sockaddr_nl);
            Assert.Equal(0, getsockname(fd, (byte*)&bound, &length));
            Assert.Equal((uint)sizeof(sockaddr_nl), length);
            Assert.Equal(AF_NETLINK, bound.nl_family);
            Assert.NotEqual(0u, bound.nl_pid);
            Assert.Equal(1u, bound.nl_groups);

            // An address shorter than struct sockaddr_nl is refused.
            Assert.Equal(-1, bind(fd, &address, 4));
            Assert.Equal(global::Interop.Errno.EINVAL, global::Interop.LastErrno);

            // Nothing was sent to this socket alone: a non-blocking receive finds the queue empty, or a uevent
            // that happened to arrive (from the kernel, port id 0).
            var buffer = stackalloc byte[64];
            var from = default(sockaddr_nl);
            var fromLength = (uint)sizeof(sockaddr_nl);
            var n = recvfrom(fd, buffer, 64, MSG_DONTWAIT, &from, &fromLength);
            if (n < 0)
            {
                Assert.Equal(global::Interop.Errno.EAGAIN, global::Interop.LastErrno);
            }
            else
            {
                Assert.Equal(0u, from.nl_pid);
            }
        }
        finally
        {
            close(fd);
        }
    }

    [Fact]
    public unsafe void NetlinkCalls_ClosedFdAndNullAddress_AreEbadfAndEfault()
    {
        var address = new sockaddr_nl { nl_family = AF_NETLINK, nl_groups = 1 };
        Assert.Equal(-1, bind(-1, &address, (uint)sizeof(sockaddr_nl)));
        Assert.Equal(global::Interop.Errno.EBADF, global::Interop.LastErrno);
        var b = stackalloc byte[8];
        Assert.Equal(-1, recvfrom(-1, b, 8, MSG_DONTWAIT, null, null));
        Assert.Equal(global::Interop.Errno.EBADF, global::Interop.LastErrno);
        Assert.Equal(-1, sendto(-1, b, 8, 0, null, 0));
        Assert.Equal(global::Interop.Errno.EBADF, global::Interop.LastErrno);

        var fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
        Assert.True(fd >= 0, global::Interop.LastErrno.ToString());
        try
        {
            Assert.Equal(-1, bind(fd, null, (uint)sizeof(sockaddr_nl)));
            Assert.Equal(global::Interop.Errno.EFAULT, global::Interop.LastErrno);
        }
        finally
        {
            close(fd);
        }
    }

    [Fact]
    public void Xattr_MissingFileAndMissingName_AreEnoentAndEnodata()
    {
        Assert.False(global::Interop.Libc.TryListXattr("/nonexistent/fq", out _, out var errno));
        Assert.Equal(global::Interop.Errno.ENOENT, errno);
        var path = Path.Join(AppContext.BaseDirectory, "fq-xattr-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "x");
        try
        {
            Assert.False(global::Interop.Libc.TryGetXattr(path, "user.fq.absent", out _, out errno));
            Assert.Equal(global::Interop.Errno.ENODATA, errno);
            Assert.True(global::Interop.Libc.TryListXattr(path, out var names, out _));
            Assert.DoesNotContain("user.fq.absent", names);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

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
}

// SPDX-License-Identifier: Apache-2.0
using S = Interop.Syscalls;

namespace FarQuery.Events.Tracing;

/// <summary>Names of the syscalls the tracer decodes, for the <c>syscall</c> columns.</summary>
internal static class SyscallNames
{
    private static readonly Dictionary<int, string> Names = Build();

    /// <summary>The name of syscall <paramref name="nr"/>, or its number as text.</summary>
    public static string Name(int nr) => Names.TryGetValue(nr, out var name) ? name : "syscall_" + nr.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<int, string> Build()
    {
        var d = new Dictionary<int, string>();
        void Add(int nr, string name)
        {
            if (nr >= 0)
            {
                d[nr] = name;
            }
        }

        Add(S.open, "open"); Add(S.openat, "openat"); Add(S.openat2, "openat2"); Add(S.creat, "creat");
        Add(S.mkdir, "mkdir"); Add(S.mkdirat, "mkdirat"); Add(S.rmdir, "rmdir");
        Add(S.unlink, "unlink"); Add(S.unlinkat, "unlinkat");
        Add(S.rename, "rename"); Add(S.renameat, "renameat"); Add(S.renameat2, "renameat2");
        Add(S.link, "link"); Add(S.linkat, "linkat"); Add(S.symlink, "symlink"); Add(S.symlinkat, "symlinkat");
        Add(S.chmod, "chmod"); Add(S.fchmod, "fchmod"); Add(S.fchmodat, "fchmodat"); Add(S.fchmodat2, "fchmodat2");
        Add(S.socket, "socket"); Add(S.connect, "connect"); Add(S.bind, "bind"); Add(S.listen, "listen");
        Add(S.accept, "accept"); Add(S.accept4, "accept4");
        Add(S.execve, "execve"); Add(S.execveat, "execveat");
        Add(S.ptrace, "ptrace"); Add(S.memfd_create, "memfd_create");
        Add(S.setuid, "setuid"); Add(S.setgid, "setgid"); Add(S.setreuid, "setreuid"); Add(S.setregid, "setregid");
        Add(S.setresuid, "setresuid"); Add(S.setresgid, "setresgid");
        Add(S.setns, "setns"); Add(S.unshare, "unshare");
        Add(S.init_module, "init_module"); Add(S.finit_module, "finit_module"); Add(S.mount, "mount");
        return d;
    }
}

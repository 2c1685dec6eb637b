// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>The child side of <see cref="TracedApp"/>: <c>farquery</c> re-executed in this stub mode waits until the
/// tracer has seized it, installs the seccomp filter on its own (seized) main thread, and execs the app. Doing this in a
/// fresh process avoids fork() in the multi-threaded runtime (ptrace.md §3.8).</summary>
public static class ExecStub
{
    /// <summary>The argv[1] that selects stub mode; checked first thing in Main.</summary>
    public const string Verb = "__farquery-exec";

    /// <summary>Byte the tracer sends once it has seized the stub: install the filter.</summary>
    internal const byte GoTraced = (byte)'T';

    /// <summary>Byte the tracer sends when ptrace was refused: exec untraced, no filter (an untraced filter would make every
    /// filtered syscall fail with ENOSYS, ptrace.md §3.6).</summary>
    internal const byte GoUntraced = (byte)'U';

    /// <summary>Builds the stub's argv: stub verb, control fd, flags, "--", app argv.</summary>
    internal static List<string> Arguments(string stub, int controlFd, TracerOptions options, IReadOnlyList<string> argv)
    {
        var list = new List<string> { stub, Verb, controlFd.ToString(CultureInfo.InvariantCulture), options.TraceReadOpens ? "r" : "-", "--" };
        list.AddRange(argv);
        return list;
    }

    /// <summary>Stub main: <paramref name="args"/> is everything after the verb. Returns only on failure (exit code 127 if
    /// the app was not found, 126 if it could not be executed, as a shell does).</summary>
    public static unsafe int Run(string[] args)
    {
        if (args.Length < 4 || args[2] != "--" || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var controlFd))
        {
            WriteError("farquery: internal exec stub called with bad arguments\n");
            return 2;
        }

        var traceReadOpens = args[1] == "r";
        byte go = 0;
        nint n;
        do
        {
            n = read(controlFd, &go, 1);
        }
        while (n < 0 && Interop.LastErrno == Interop.Errno.EINTR);
        close(controlFd);

        if (n != 1)
        {
            // The tracer vanished before deciding: run untraced rather than not at all.
            go = GoUntraced;
        }

        if (go == GoTraced)
        {
            InstallFilter(traceReadOpens);
        }

        // The runtime ignores SIGPIPE and may block signals; ignored dispositions and the mask survive execve, so put back
        // what a freshly started app expects.
        signal(SIGPIPE, SIG_DFL);
        var empty = stackalloc byte[SigsetSize];
        sigemptyset(empty);
        sigprocmask(SIG_SETMASK, empty, null);

        return Exec(args.AsSpan(3));
    }

    /// <summary>Installs the filter on the calling thread. Like strace, tries without no_new_privs first (keeps setuid
    /// binaries working when we hold CAP_SYS_ADMIN) and sets it only when the kernel requires it (EACCES).</summary>
    private static unsafe void InstallFilter(bool traceReadOpens)
    {
        var program = SeccompProgram.Build(traceReadOpens);
        fixed (sock_filter* filter = program)
        {
            var fprog = new sock_fprog { len = (ushort)program.Length, filter = filter };
            var rc = SetFilter(&fprog);
            if (rc != 0 && Interop.LastErrno == Interop.Errno.EACCES)
            {
                prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                rc = SetFilter(&fprog);
            }

            if (rc != 0)
            {
                WriteError($"farquery: warning: seccomp filter refused ({Interop.LastErrno}); processes are traced but file and socket events are off\n");
            }
        }
    }

    /// <summary>seccomp(2) with SECCOMP_FILTER_FLAG_SPEC_ALLOW: kernels before 5.16 (Fargate's 5.10 among them) otherwise
    /// force the speculative store bypass mitigation on every process under a filter, which slows the app down for a
    /// filter that only observes. Falls back to no flags (kernels before 4.17) and then to prctl.</summary>
    private static unsafe int SetFilter(sock_fprog* fprog)
    {
        var rc = syscall(Interop.Syscalls.seccomp, (nint)SECCOMP_SET_MODE_FILTER, (nint)SECCOMP_FILTER_FLAG_SPEC_ALLOW, (nint)fprog);
        if (rc != 0 && Interop.LastErrno == Interop.Errno.EINVAL)
        {
            rc = syscall(Interop.Syscalls.seccomp, (nint)SECCOMP_SET_MODE_FILTER, 0, (nint)fprog);
        }

        if (rc != 0 && Interop.LastErrno == Interop.Errno.ENOSYS)
        {
            rc = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, (nuint)fprog, 0, 0);
        }

        return (int)rc;
    }

    private static unsafe int Exec(ReadOnlySpan<string> argv)
    {
        var strings = new byte[argv.Length][];
        for (var i = 0; i < argv.Length; i++)
        {
            strings[i] = Encoding.UTF8.GetBytes(argv[i] + "\0");
        }

        var pointers = new byte*[argv.Length + 1];
        var handles = new System.Runtime.InteropServices.GCHandle[argv.Length];
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                handles[i] = System.Runtime.InteropServices.GCHandle.Alloc(strings[i], System.Runtime.InteropServices.GCHandleType.Pinned);
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            fixed (byte** p = pointers)
            {
                execvp(p[0], p);
            }

            var errno = Interop.LastErrno;
            WriteError($"farquery: cannot run '{argv[0]}': {errno}\n");
            return errno == Interop.Errno.ENOENT ? 127 : 126;
        }
        finally
        {
            foreach (var h in handles)
            {
                if (h.IsAllocated)
                {
                    h.Free();
                }
            }
        }
    }

    /// <summary>Writes straight to fd 2 (no System.Console: see <see cref="TracerOptions.Warn"/>).</summary>
    internal static unsafe void WriteError(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* b = bytes)
        {
            var off = 0;
            while (off < bytes.Length)
            {
                var n = write(2, b + off, (nuint)(bytes.Length - off));
                if (n <= 0)
                {
                    if (n < 0 && Interop.LastErrno == Interop.Errno.EINTR)
                    {
                        continue;
                    }

                    return;
                }

                off += (int)n;
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>The child side of <see cref="TracedApp"/> when the app is not spawned directly (a JIT host,
/// <c>--tracer_spawn=stub</c>, a deny playbook that refuses execs, or a failed direct spawn; docs/tracer.md §3.8):
/// <c>farquery</c> re-executed in this stub mode
/// waits until the tracer has seized it, installs the seccomp filter the tracer sends on its own (seized) main thread,
/// and execs the app. Doing this in a fresh process avoids fork() in the multi-threaded runtime. exec_stub.c holds the
/// same stub as an ELF constructor that runs before the .NET runtime starts (<c>farquery __farquery-exec</c> of a
/// NativeAOT binary); the protocol below is the same for both.</summary>
/// <remarks>Control pipe, tracer to stub: one byte, <see cref="GoTraced"/> or <see cref="GoUntraced"/>; after
/// <see cref="GoTraced"/>, the instruction count as a little-endian u16 and the program as struct sock_filter[].</remarks>
public static class ExecStub
{
    /// <summary>The argv[1] that selects stub mode; checked first thing in Main (and by exec_stub.c).</summary>
    public const string Verb = "__farquery-exec";

    /// <summary>Byte the tracer sends once it has seized the stub: a filter follows, install it.</summary>
    internal const byte GoTraced = (byte)'T';

    /// <summary>Byte the tracer sends when ptrace was refused: exec untraced, no filter (an untraced filter would make every
    /// filtered syscall fail with ENOSYS, docs/tracer.md §3.6).</summary>
    internal const byte GoUntraced = (byte)'U';

    /// <summary>Builds the stub's argv: stub verb, control fd, "--", app argv.</summary>
    internal static List<string> Arguments(string stub, int controlFd, IReadOnlyList<string> argv)
    {
        var list = new List<string> { stub, Verb, controlFd.ToString(CultureInfo.InvariantCulture), "--" };
        list.AddRange(argv);
        return list;
    }

    /// <summary>The message the tracer writes to the control pipe.</summary>
    internal static byte[] Message(sock_filter[]? program)
    {
        if (program is null)
        {
            return [GoUntraced];
        }

        var bytes = MemoryMarshal.AsBytes(program.AsSpan());
        var message = new byte[3 + bytes.Length];
        message[0] = GoTraced;
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(1), (ushort)program.Length);
        bytes.CopyTo(message.AsSpan(3));
        return message;
    }

    /// <summary>Stub main: <paramref name="args"/> is everything after the verb. Returns only on failure (exit code 127 if
    /// the app was not found, 126 if it could not be executed, as a shell does).</summary>
    public static unsafe int Run(string[] args)
    {
        if (args.Length < 3 || args[1] != "--" || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var controlFd))
        {
            WriteError("farquery: internal exec stub called with bad arguments\n");
            return 2;
        }

        byte go = 0;
        if (!Descriptor.ReadFull(controlFd, new Span<byte>(&go, 1)))
        {
            // The tracer vanished before deciding: run untraced rather than not at all.
            go = GoUntraced;
        }

        if (go == GoTraced)
        {
            ushort count = 0;
            sock_filter[]? program = null;
            if (Descriptor.ReadFull(controlFd, new Span<byte>(&count, 2)) && count is > 0 and <= BPF_MAXINSNS)
            {
                program = new sock_filter[count];
                if (!Descriptor.ReadFull(controlFd, MemoryMarshal.AsBytes(program.AsSpan())))
                {
                    program = null;
                }
            }

            if (program is null)
            {
                WriteError("farquery: warning: the tracer sent no seccomp filter; processes are traced but file and socket events are off\n");
            }
            else
            {
                InstallFilter(program);
            }
        }

        close(controlFd);
        TakeTerminal();

        // The runtime ignores SIGPIPE and may block signals; ignored dispositions and the mask survive execve, so put back
        // what a freshly started app expects.
        signal(SIGPIPE, SIG_DFL);
        var empty = stackalloc byte[SigsetSize];
        sigemptyset(empty);
        sigprocmask(SIG_SETMASK, empty, null);

        return Exec(args.AsSpan(2));
    }

    /// <summary>Gives the app a process group of its own and, when ours was the terminal's foreground group, the
    /// terminal. Keyboard signals (Ctrl-C, Ctrl-\) and SIGWINCH then reach the app once, from the kernel, instead of a
    /// second time through the agent, which sat in the same group and forwards what it receives (tini does the same).
    /// Without a terminal only the process group changes, which signals sent to the agent do not depend on.</summary>
    private static unsafe void TakeTerminal()
    {
        var previous = getpgrp();
        if (setpgid(0, 0) != 0 || isatty(0) != 1 || tcgetpgrp(0) != previous)
        {
            return;
        }

        // Now in a background group: tcsetpgrp would raise SIGTTOU unless it is blocked.
        var ttou = stackalloc byte[SigsetSize];
        var saved = stackalloc byte[SigsetSize];
        sigemptyset(ttou);
        sigaddset(ttou, SIGTTOU);
        sigprocmask(SIG_BLOCK, ttou, saved);
        tcsetpgrp(0, Environment.ProcessId);
        sigprocmask(SIG_SETMASK, saved, null);
    }

    /// <summary>Installs the filter on the calling thread. Like strace, tries without no_new_privs first (keeps setuid
    /// binaries working when we hold CAP_SYS_ADMIN) and sets it only when the kernel requires it (EACCES).</summary>
    private static unsafe void InstallFilter(sock_filter[] program)
    {
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

// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace FarQuery.Interop.Tests;

using Interop = global::Interop;

/// <summary>Every constant, struct size and field offset of the libc bindings, checked against the real C headers: a C
/// file with one static_assert per value is generated and compiled with gcc (style.md §9).</summary>
public sealed class LayoutTests
{
    // C# helpers that are not C macros, and handler values C spells as pointer casts.
    private static readonly HashSet<string> NotCMacros = ["SigsetSize", "PosixSpawnattrSize", "SIG_DFL", "SIG_IGN"];

    [Fact]
    public void Constants_And_Layouts_MatchTheCHeaders()
    {
        if (!File.Exists("/usr/bin/gcc"))
        {
            Xunit.Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "gcc is required on CI");
            Console.Error.WriteLine("LOUD SKIP: gcc is not installed; the Interop layout checks did not run");
            return;
        }

        // _GNU_SOURCE: statx and the AT_* flags other publishers bind live behind it.
        var c = new StringBuilder("#define _GNU_SOURCE\n");
        foreach (var h in new[]
                 {
                     "stddef.h", "signal.h", "spawn.h", "fcntl.h", "sys/wait.h", "sys/ptrace.h", "sys/prctl.h", "sys/socket.h",
                     "sys/uio.h", "sys/syscall.h", "sys/user.h", "linux/filter.h", "linux/seccomp.h", "linux/audit.h",
                     "sys/inotify.h", "poll.h", "sys/stat.h", "net/if.h", "ifaddrs.h", "sys/statfs.h", "unistd.h", "limits.h",
                     "sys/resource.h", "termios.h",
                 })
        {
            c.Append("#include <").Append(h).AppendLine(">");
        }

        var checkedCount = 0;
        foreach (var f in typeof(Interop.Libc).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral && !f.IsPrivate))
        {
            if (NotCMacros.Contains(f.Name))
            {
                continue;
            }

            Check(c, $"{f.Name} == {Literal(f.GetRawConstantValue()!)}", f.Name);
            checkedCount++;
        }

        foreach (var f in typeof(Interop.Syscalls).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral))
        {
            var value = f.GetRawConstantValue()!;
            switch (f.Name)
            {
                case "AUDIT_ARCH":
                    Check(c, $"AUDIT_ARCH_{(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "X86_64" : "AARCH64")} == {Literal(value)}", f.Name);
                    break;
                case "X32_SYSCALL_BIT":
                    c.AppendLine(CultureInfo.InvariantCulture, $"#ifdef __X32_SYSCALL_BIT\n_Static_assert(__X32_SYSCALL_BIT == {Literal(value)}, \"X32\");\n#endif");
                    break;
                default:
                    // -1 marks a syscall the architecture lacks: the header must not define it either.
                    c.AppendLine((int)value < 0
                        ? $"#ifdef SYS_{f.Name}\n#error SYS_{f.Name} exists\n#endif"
                        : $"#ifdef SYS_{f.Name}\n_Static_assert(SYS_{f.Name} == {value}, \"SYS_{f.Name}\");\n#endif");
                    break;
            }

            checkedCount++;
        }

        foreach (var (name, value) in new (string, object)[]
                 {
                     ("offsetof(struct seccomp_data, nr)", Interop.Libc.seccomp_data.nr),
                     ("offsetof(struct seccomp_data, arch)", Interop.Libc.seccomp_data.arch),
                     ("offsetof(struct seccomp_data, instruction_pointer)", Interop.Libc.seccomp_data.instruction_pointer),
                     ("offsetof(struct seccomp_data, args)", Interop.Libc.seccomp_data.args),
                     ("sizeof(struct seccomp_data)", Interop.Libc.seccomp_data.Size),
                     ("sizeof(sigset_t)", Interop.Libc.SigsetSize),
                 })
        {
            Check(c, $"{name} == {Literal(value)}", name);
        }

        c.AppendLine(CultureInfo.InvariantCulture, $"_Static_assert(sizeof(posix_spawnattr_t) <= {Interop.Libc.PosixSpawnattrSize}, \"posix_spawnattr_t\");");
        Struct<Interop.Libc.sock_filter>(c, "struct sock_filter", ["code", "jt", "jf", "k"]);
        Struct<Interop.Libc.sock_fprog>(c, "struct sock_fprog", ["len", "filter"]);
        Struct<Interop.Libc.iovec>(c, "struct iovec", ["iov_base", "iov_len"]);
        Struct<Interop.Libc.timeval>(c, "struct timeval", ["tv_sec", "tv_usec"]);
        Struct<Interop.Libc.rusage>(c, "struct rusage", ["ru_utime", "ru_stime"]);

        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            RegistersX64(c);
        }

        // glibc spells the uapi struct ptrace_syscall_info as struct __ptrace_syscall_info, with the union members named.
        var info = "struct __ptrace_syscall_info";
        Check(c, $"sizeof({info}) == {Marshal.SizeOf<Interop.Libc.ptrace_syscall_info>()}", "ptrace_syscall_info size");
        foreach (var (field, cField) in new[]
                 {
                     ("op", "op"), ("arch", "arch"), ("instruction_pointer", "instruction_pointer"), ("stack_pointer", "stack_pointer"),
                     ("nr", "entry.nr"), ("rval", "exit.rval"), ("is_error", "exit.is_error"), ("arg0", "entry.args"),
                     ("arg5", "entry.args[5]"), ("ret_data", "seccomp.ret_data"),
                 })
        {
            var offset = Marshal.OffsetOf<Interop.Libc.ptrace_syscall_info>(field);
            var expr = cField.Contains('[', StringComparison.Ordinal)
                ? $"offsetof({info}, entry.args) + 5 * sizeof(__u64)"
                : $"offsetof({info}, {cField})";
            Check(c, $"{expr} == {offset}", "ptrace_syscall_info." + field);
        }

        Xunit.Assert.True(checkedCount > 100, $"only {checkedCount} constants found");
        Compile(c.ToString());
    }

    // Looked up by name: the struct exists only in the x86_64 build of Interop. Tests are never AOT-compiled.
#pragma warning disable IL3050
    private static void RegistersX64(StringBuilder c)
    {
        var t = typeof(Interop.Libc).GetNestedType("user_regs_struct", BindingFlags.NonPublic)!;
        Check(c, $"sizeof(struct user_regs_struct) == {Marshal.SizeOf(t)}", "user_regs_struct");
        foreach (var f in new[] { "orig_rax", "rax", "rdi", "rsi", "rdx", "r10", "r8", "r9", "cs" })
        {
            Check(c, $"offsetof(struct user_regs_struct, {f}) == {Marshal.OffsetOf(t, f)}", "user_regs_struct." + f);
        }
    }
#pragma warning restore IL3050

    private static void Struct<T>(StringBuilder c, string cName, string[] fields)
        where T : struct
    {
        Check(c, $"sizeof({cName}) == {Marshal.SizeOf<T>()}", cName);
        foreach (var f in fields)
        {
            Check(c, $"offsetof({cName}, {f}) == {Marshal.OffsetOf<T>(f)}", cName + "." + f);
        }
    }

    private static void Check(StringBuilder c, string expression, string label) =>
        c.AppendLine(CultureInfo.InvariantCulture, $"_Static_assert({expression}, \"{label}\");");

    private static string Literal(object value) => value switch
    {
        uint u => u.ToString(CultureInfo.InvariantCulture) + "u",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "ul",
        long l => l.ToString(CultureInfo.InvariantCulture) + "l",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static void Compile(string source)
    {
        var dir = Directory.CreateTempSubdirectory("fq-layout-").FullName;
        try
        {
            var file = Path.Join(dir, "layout.c");
            File.WriteAllText(file, source);
            var psi = new ProcessStartInfo("gcc", ["-fsyntax-only", "-std=gnu11", file]) { RedirectStandardError = true, UseShellExecute = false };
            using var gcc = Process.Start(psi)!;
            var errors = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            Xunit.Assert.True(gcc.ExitCode == 0, "layout mismatch against the C headers:\n" + errors);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

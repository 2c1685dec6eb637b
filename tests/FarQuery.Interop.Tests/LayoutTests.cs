// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

// The bindings are read by reflection, from this build and from an arm64 build loaded from a file; tests are never
// trimmed or AOT-compiled.
#pragma warning disable IL2026, IL2070, IL2075, IL3050

namespace FarQuery.Interop.Tests;

using Interop = global::Interop;

/// <summary>Every constant, struct size and field offset of the libc bindings, checked against the real C headers: a C
/// file with one static_assert per value is generated and compiled with gcc (docs/conventions.md §9).</summary>
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

        Compile("gcc", Generate(typeof(Interop.Libc).Assembly, RuntimeInformation.ProcessArchitecture));
    }

    [Fact]
    public void Constants_And_Layouts_Arm64Build_MatchTheArm64Headers()
    {
        // Graviton Fargate runs the arm64 build: its per-architecture files (syscall numbers, O_* flags, user_pt_regs) are
        // compiled for linux-arm64 here (as AnyCPU IL, so this x64 test process can load it) and checked against the arm64
        // kernel and glibc headers of the cross compiler.
        const string Cross = "/usr/bin/aarch64-linux-gnu-gcc";
        if (!File.Exists(Cross))
        {
            Xunit.Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "aarch64-linux-gnu-gcc is required on CI (.ci/run installs gcc-aarch64-linux-gnu)");
            Console.Error.WriteLine("LOUD SKIP: aarch64-linux-gnu-gcc is not installed; the arm64 Interop layout checks did not run");
            return;
        }

        var output = Directory.CreateTempSubdirectory("fq-interop-arm64-").FullName;
        var context = new System.Runtime.Loader.AssemblyLoadContext("arm64", isCollectible: true);
        try
        {
            // Built from a copy of the sources: a restore for linux-arm64 in the project's own obj/ would replace the
            // linux-x64 assets file that builds and publishes running at the same time (the AOT tests) read.
            var project = CopyInteropSources(FindRoot(), Path.Join(output, "src"));
            var (code, log) = Run("dotnet", ["build", project, "-r", "linux-arm64", "-p:PlatformTarget=AnyCPU", "--no-incremental", "-c", "Debug", "-o", Path.Join(output, "bin"), "-nologo", "-v:q"]);
            Xunit.Assert.True(code == 0, "arm64 build of FarQuery.Interop failed:\n" + log);
            var arm64 = context.LoadFromAssemblyPath(Path.Join(output, "bin", "FarQuery.Interop.dll"));
            Xunit.Assert.NotNull(arm64.GetType("Interop+Libc")!.GetNestedType("user_pt_regs", BindingFlags.NonPublic));
            Compile(Cross, Generate(arm64, Architecture.Arm64));
        }
        finally
        {
            context.Unload();
            Directory.Delete(output, true);
        }
    }

    /// <summary>The C file: one static_assert per constant, struct size and field offset of <paramref name="interop"/>
    /// (an Interop build for <paramref name="arch"/>).</summary>
    // Types are looked up by name: the arm64 build is loaded from a file, and some structs exist for one architecture.
    private static string Generate(Assembly interop, Architecture arch)
    {
        var libc = interop.GetType("Interop+Libc", throwOnError: true)!;
        var syscalls = interop.GetType("Interop+Syscalls", throwOnError: true)!;

        // _GNU_SOURCE: statx and the AT_* flags other publishers bind live behind it.
        var c = new StringBuilder("#define _GNU_SOURCE\n");
        foreach (var h in new[]
                 {
                     "stddef.h", "signal.h", "spawn.h", "fcntl.h", "sys/wait.h", "sys/ptrace.h", "sys/prctl.h", "sys/socket.h",
                     "sys/uio.h", "sys/syscall.h", "sys/user.h", "linux/filter.h", "linux/seccomp.h", "linux/audit.h",
                     "sys/inotify.h", "poll.h", "sys/stat.h", "net/if.h", "ifaddrs.h", "sys/statfs.h", "unistd.h", "limits.h",
                     "sys/resource.h", "termios.h", "asm/ptrace.h", "elf.h", "sched.h", "netinet/in.h",
                     "linux/netfilter_ipv4/ip_tables.h", "linux/netlink.h", "linux/magic.h", "sys/ioctl.h", "sys/mman.h",
                 })
        {
            c.Append("#include <").Append(h).AppendLine(">");
        }

        var checkedCount = 0;
        foreach (var f in libc.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral && !f.IsPrivate))
        {
            if (NotCMacros.Contains(f.Name))
            {
                continue;
            }

            Check(c, $"{f.Name} == {Literal(f.GetRawConstantValue()!)}", f.Name);
            checkedCount++;
        }

        foreach (var f in syscalls.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral && !f.IsPrivate))
        {
            var value = f.GetRawConstantValue()!;
            switch (f.Name)
            {
                case "AUDIT_ARCH":
                    Check(c, $"AUDIT_ARCH_{(arch == Architecture.X64 ? "X86_64" : "AARCH64")} == {Literal(value)}", f.Name);
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

        var seccompData = libc.GetNestedType("seccomp_data", BindingFlags.NonPublic)!;
        foreach (var (name, field) in new[]
                 {
                     ("offsetof(struct seccomp_data, nr)", "nr"),
                     ("offsetof(struct seccomp_data, arch)", "arch"),
                     ("offsetof(struct seccomp_data, instruction_pointer)", "instruction_pointer"),
                     ("offsetof(struct seccomp_data, args)", "args"),
                     ("sizeof(struct seccomp_data)", "Size"),
                 })
        {
            Check(c, $"{name} == {Literal(seccompData.GetField(field, BindingFlags.Static | BindingFlags.NonPublic)!.GetRawConstantValue()!)}", name);
        }

        Check(c, $"sizeof(sigset_t) == {Const(libc, "SigsetSize")}", "sizeof(sigset_t)");
        c.AppendLine(CultureInfo.InvariantCulture, $"_Static_assert(sizeof(posix_spawnattr_t) <= {Const(libc, "PosixSpawnattrSize")}, \"posix_spawnattr_t\");");
        Struct(c, libc, "sock_filter", "struct sock_filter", ["code", "jt", "jf", "k"]);
        Struct(c, libc, "sock_fprog", "struct sock_fprog", ["len", "filter"]);
        Struct(c, libc, "iovec", "struct iovec", ["iov_base", "iov_len"]);
        Struct(c, libc, "timeval", "struct timeval", ["tv_sec", "tv_usec"]);
        Struct(c, libc, "rusage", "struct rusage", ["ru_utime", "ru_stime"]);
        Struct(c, libc, "sockaddr_nl", "struct sockaddr_nl", ["nl_family", "nl_pad", "nl_pid", "nl_groups"]);
        Struct(c, libc, "ipt_getinfo", "struct ipt_getinfo", ["name", "valid_hooks", "hook_entry", "underflow", "num_entries", "size"]);
        Struct(c, libc, "ipt_get_entries", "struct ipt_get_entries", ["name", "size"]);
        Struct(c, libc, "ipt_ip", "struct ipt_ip", ["src", "dst", "smsk", "dmsk", "iniface", "outiface", "iniface_mask", "outiface_mask", "proto", "flags", "invflags"]);
        Struct(c, libc, "xt_counters", "struct xt_counters", ["pcnt", "bcnt"]);
        Struct(c, libc, "ipt_entry", "struct ipt_entry", ["ip", "nfcache", "target_offset", "next_offset", "comefrom", "counters"]);
        Struct(c, libc, "xt_entry_target", "struct xt_entry_target", []);
        Check(c, "offsetof(struct xt_entry_target, u.user.name) == 2", "xt_entry_target.name");
        Check(c, "offsetof(struct xt_entry_target, u.user.revision) == 31", "xt_entry_target.revision");
        Check(c, "offsetof(struct ipt_get_entries, entrytable) == 40", "ipt_get_entries.entrytable");
        if (arch == Architecture.X64)
        {
            Struct(c, libc, "user_regs_struct", "struct user_regs_struct", ["orig_rax", "rax", "rdi", "rsi", "rdx", "r10", "r8", "r9", "cs"]);
        }
        else
        {
            Struct(c, libc, "user_pt_regs", "struct user_pt_regs", ["regs", "sp", "pc", "pstate"]);
        }

        // glibc spells the uapi struct ptrace_syscall_info as struct __ptrace_syscall_info, with the union members named.
        var infoType = libc.GetNestedType("ptrace_syscall_info", BindingFlags.NonPublic)!;
        var info = "struct __ptrace_syscall_info";
        Check(c, $"sizeof({info}) == {Marshal.SizeOf(infoType)}", "ptrace_syscall_info size");
        foreach (var (field, cField) in new[]
                 {
                     ("op", "op"), ("arch", "arch"), ("instruction_pointer", "instruction_pointer"), ("stack_pointer", "stack_pointer"),
                     ("nr", "entry.nr"), ("rval", "exit.rval"), ("is_error", "exit.is_error"), ("args", "entry.args"),
                     ("ret_data", "seccomp.ret_data"),
                 })
        {
            Check(c, $"offsetof({info}, {cField}) == {Marshal.OffsetOf(infoType, field)}", "ptrace_syscall_info." + field);
        }

        var argsType = libc.GetNestedType("syscall_args", BindingFlags.NonPublic)!;
        Check(c, $"sizeof((({info}*)0)->entry.args) == {Marshal.SizeOf(argsType)}", "ptrace_syscall_info.args size");

        Xunit.Assert.True(checkedCount > 100, $"only {checkedCount} constants found");
        return c.ToString();
    }

    /// <summary>Copies the root build files and FarQuery.Interop's sources (not its bin/ and obj/) under
    /// <paramref name="to"/>; returns the copied project file.</summary>
    private static string CopyInteropSources(string root, string to)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            Directory.CreateDirectory(to);
            File.Copy(Path.Join(root, file), Path.Join(to, file));
        }

        var from = Path.Join(root, "agent", "FarQuery.Interop");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Join(to, "agent", "FarQuery.Interop", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Path.Join(to, "agent", "FarQuery.Interop", "FarQuery.Interop.csproj");
    }

    private static object Const(Type libc, string name) => libc.GetField(name, BindingFlags.Static | BindingFlags.NonPublic)!.GetRawConstantValue()!;

    internal static void Struct(StringBuilder c, Type libc, string name, string cName, string[] fields)
    {
        var t = libc.GetNestedType(name, BindingFlags.NonPublic) ?? throw new InvalidOperationException(name + " not found");
        Check(c, $"sizeof({cName}) == {Marshal.SizeOf(t)}", cName);
        foreach (var f in fields)
        {
            Check(c, $"offsetof({cName}, {f}) == {Marshal.OffsetOf(t, f)}", cName + "." + f);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "FarQuery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FarQuery.sln not found");
    }

    private static (int Code, string Output) Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    internal static void Check(StringBuilder c, string expression, string label) =>
        c.AppendLine(CultureInfo.InvariantCulture, $"_Static_assert({expression}, \"{label}\");");

    internal static string Literal(object value) => value switch
    {
        uint u => u.ToString(CultureInfo.InvariantCulture) + "u",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "ul",
        long l => l.ToString(CultureInfo.InvariantCulture) + "l",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    internal static void Compile(string compiler, string source, params string[] flags)
    {
        var dir = Directory.CreateTempSubdirectory("fq-layout-").FullName;
        try
        {
            var file = Path.Join(dir, "layout.c");
            File.WriteAllText(file, source);
            var (code, errors) = Run(compiler, ["-fsyntax-only", "-std=gnu11", .. flags, file]);
            Xunit.Assert.True(code == 0, $"layout mismatch against the C headers ({compiler}):\n" + errors);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

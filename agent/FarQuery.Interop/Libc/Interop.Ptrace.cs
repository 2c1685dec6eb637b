// SPDX-License-Identifier: Apache-2.0
using System.Runtime.CompilerServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // Requests and options from linux/ptrace.h (identical on x86_64 and arm64). man 2 ptrace.
        internal const int PTRACE_TRACEME = 0;
        internal const int PTRACE_CONT = 7;
        internal const int PTRACE_KILL = 8;
        internal const int PTRACE_DETACH = 17;
        internal const int PTRACE_SYSCALL = 24;
        internal const int PTRACE_SETOPTIONS = 0x4200;
        internal const int PTRACE_GETEVENTMSG = 0x4201;
        internal const int PTRACE_SEIZE = 0x4206;
        internal const int PTRACE_INTERRUPT = 0x4207;
        internal const int PTRACE_LISTEN = 0x4208;
        internal const int PTRACE_SETSIGMASK = 0x420b;
        internal const int PTRACE_GET_SYSCALL_INFO = 0x420e;

        internal const int PTRACE_O_TRACESYSGOOD = 0x1;
        internal const int PTRACE_O_TRACEFORK = 0x2;
        internal const int PTRACE_O_TRACEVFORK = 0x4;
        internal const int PTRACE_O_TRACECLONE = 0x8;
        internal const int PTRACE_O_TRACEEXEC = 0x10;
        internal const int PTRACE_O_TRACEVFORKDONE = 0x20;
        internal const int PTRACE_O_TRACEEXIT = 0x40;
        internal const int PTRACE_O_TRACESECCOMP = 0x80;
        internal const int PTRACE_O_EXITKILL = 0x100000;

        internal const int PTRACE_EVENT_FORK = 1;
        internal const int PTRACE_EVENT_VFORK = 2;
        internal const int PTRACE_EVENT_CLONE = 3;
        internal const int PTRACE_EVENT_EXEC = 4;
        internal const int PTRACE_EVENT_VFORK_DONE = 5;
        internal const int PTRACE_EVENT_EXIT = 6;
        internal const int PTRACE_EVENT_SECCOMP = 7;
        internal const int PTRACE_EVENT_STOP = 128;

        internal const byte PTRACE_SYSCALL_INFO_NONE = 0;
        internal const byte PTRACE_SYSCALL_INFO_ENTRY = 1;
        internal const byte PTRACE_SYSCALL_INFO_EXIT = 2;
        internal const byte PTRACE_SYSCALL_INFO_SECCOMP = 3;

        /// <summary>man 2 ptrace. glibc declares it variadic; the four fixed integer-class arguments are passed in the same
        /// registers on x86_64 SysV and arm64, so a fixed signature is correct (docs/tracer.md §3.8).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial long ptrace(long request, int pid, nint addr, nint data);

        /// <summary>The <c>__u64 args[6]</c> of struct ptrace_syscall_info's entry and seccomp members.</summary>
        [InlineArray(6)]
        internal struct syscall_args
        {
            private ulong element;
        }

        /// <summary>struct ptrace_syscall_info (linux/ptrace.h, Linux ≥ 5.3): 88 bytes; the union starts at 24.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 88)]
        internal struct ptrace_syscall_info
        {
            [FieldOffset(0)] public byte op;
            [FieldOffset(4)] public uint arch;
            [FieldOffset(8)] public ulong instruction_pointer;
            [FieldOffset(16)] public ulong stack_pointer;

            /// <summary>entry.nr / seccomp.nr.</summary>
            [FieldOffset(24)] public ulong nr;

            /// <summary>exit.rval (the same bytes as nr).</summary>
            [FieldOffset(24)] public long rval;

            /// <summary>exit.is_error.</summary>
            [FieldOffset(32)] public byte is_error;

            /// <summary>entry.args / seccomp.args.</summary>
            [FieldOffset(32)] public syscall_args args;

            /// <summary>seccomp.ret_data: the 16 data bits of our SECCOMP_RET_TRACE.</summary>
            [FieldOffset(80)] public uint ret_data;
        }
    }
}

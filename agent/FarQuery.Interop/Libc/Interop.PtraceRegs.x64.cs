// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>PTRACE_GETREGS (x86_64 only; arm64 uses PTRACE_GETREGSET).</summary>
        internal const int PTRACE_GETREGS = 12;

        /// <summary>PTRACE_SETREGS (x86_64 only).</summary>
        internal const int PTRACE_SETREGS = 13;

        /// <summary>struct user_regs_struct (sys/user.h, x86_64): 27 eight-byte registers.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct user_regs_struct
        {
            public ulong r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi, orig_rax, rip, cs, eflags, rsp, ss, fs_base, gs_base, ds, es, fs, gs;
        }

        /// <summary>The syscall number, arguments and return register of a stopped tracee, for kernels older than 5.3
        /// without PTRACE_GET_SYSCALL_INFO (docs/tracer.md §3.3: nr in orig_rax, args rdi rsi rdx r10 r8 r9, result in rax).
        /// A 32-bit (int 0x80) syscall is reported as foreign through <paramref name="native"/> (cs is 0x23 then).</summary>
        internal static unsafe bool GetSyscallRegisters(int tid, out ulong nr, Span<ulong> args, out long rval, out bool native)
        {
            user_regs_struct regs;
            if (ptrace(PTRACE_GETREGS, tid, 0, (nint)(&regs)) != 0)
            {
                nr = 0;
                rval = 0;
                native = false;
                return false;
            }

            nr = regs.orig_rax;
            args[0] = regs.rdi;
            args[1] = regs.rsi;
            args[2] = regs.rdx;
            args[3] = regs.r10;
            args[4] = regs.r8;
            args[5] = regs.r9;
            rval = (long)regs.rax;
            native = regs.cs != 0x23;
            return true;
        }
    
        /// <summary>At a seccomp-stop, makes the syscall not run and return <paramref name="rval"/> (-EPERM): the number in
        /// orig_rax becomes -1, which the kernel skips, and rax is what the caller sees (docs/tracer.md §3.3).</summary>
        internal static unsafe bool SkipSyscall(int tid, long rval)
        {
            user_regs_struct regs;
            if (ptrace(PTRACE_GETREGS, tid, 0, (nint)(&regs)) != 0)
            {
                return false;
            }

            regs.orig_rax = ulong.MaxValue;
            regs.rax = (ulong)rval;
            return ptrace(PTRACE_SETREGS, tid, 0, (nint)(&regs)) == 0;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>PTRACE_GETREGSET (linux/ptrace.h).</summary>
        internal const int PTRACE_GETREGSET = 0x4204;

        /// <summary>NT_PRSTATUS (elf.h): the general registers.</summary>
        internal const int NT_PRSTATUS = 1;

        /// <summary>PTRACE_SETREGSET (linux/ptrace.h).</summary>
        internal const int PTRACE_SETREGSET = 0x4205;

        /// <summary>NT_ARM_SYSTEM_CALL (elf.h): the syscall number of a stopped arm64 tracee, an int.</summary>
        internal const int NT_ARM_SYSTEM_CALL = 0x404;

        /// <summary>struct user_pt_regs (asm/ptrace.h, arm64): x0..x30, sp, pc, pstate.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct user_pt_regs
        {
            public fixed ulong regs[31];
            public ulong sp;
            public ulong pc;
            public ulong pstate;
        }

        /// <summary>The syscall number (x8), arguments (x0..x5) and result (x0) of a stopped tracee, for kernels older
        /// than 5.3. At the exit stop x0 already holds the result, so callers keep the arguments read at entry.</summary>
        internal static unsafe bool GetSyscallRegisters(int tid, out ulong nr, Span<ulong> args, out long rval, out bool native)
        {
            user_pt_regs regs;
            var io = new iovec { iov_base = &regs, iov_len = (nuint)sizeof(user_pt_regs) };
            if (ptrace(PTRACE_GETREGSET, tid, NT_PRSTATUS, (nint)(&io)) != 0)
            {
                nr = 0;
                rval = 0;
                native = false;
                return false;
            }

            nr = regs.regs[8];
            for (var i = 0; i < 6; i++)
            {
                args[i] = regs.regs[i];
            }

            rval = (long)regs.regs[0];

            // A 32-bit (compat) tracee is reported with the PSR_MODE32_BIT (0x10) set in pstate.
            native = (regs.pstate & 0x10) == 0;
            return true;
        }
    
        /// <summary>At a seccomp-stop, makes the syscall not run and return <paramref name="rval"/> (-EPERM): x0 gets the
        /// result first, then the NT_ARM_SYSTEM_CALL regset gets -1, which the kernel skips (docs/tracer.md §3.3).</summary>
        internal static unsafe bool SkipSyscall(int tid, long rval)
        {
            user_pt_regs regs;
            var io = new iovec { iov_base = &regs, iov_len = (nuint)sizeof(user_pt_regs) };
            if (ptrace(PTRACE_GETREGSET, tid, NT_PRSTATUS, (nint)(&io)) != 0)
            {
                return false;
            }

            regs.regs[0] = (ulong)rval;
            if (ptrace(PTRACE_SETREGSET, tid, NT_PRSTATUS, (nint)(&io)) != 0)
            {
                return false;
            }

            var nr = -1;
            var sys = new iovec { iov_base = &nr, iov_len = sizeof(int) };
            return ptrace(PTRACE_SETREGSET, tid, NT_ARM_SYSTEM_CALL, (nint)(&sys)) == 0;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        // Signal numbers (asm-generic/signal.h; x86_64 uses the same values for these). man 7 signal.
        internal const int SIGHUP = 1;
        internal const int SIGINT = 2;
        internal const int SIGQUIT = 3;
        internal const int SIGTRAP = 5;
        internal const int SIGKILL = 9;
        internal const int SIGUSR1 = 10;
        internal const int SIGUSR2 = 12;
        internal const int SIGPIPE = 13;
        internal const int SIGTERM = 15;
        internal const int SIGCHLD = 17;
        internal const int SIGCONT = 18;
        internal const int SIGSTOP = 19;
        internal const int SIGTSTP = 20;
        internal const int SIGTTIN = 21;
        internal const int SIGTTOU = 22;
        internal const int SIGWINCH = 28;
        internal const int SIGSYS = 31;

        /// <summary>SIG_BLOCK for sigprocmask.</summary>
        internal const int SIG_BLOCK = 0;

        /// <summary>SIG_SETMASK for sigprocmask.</summary>
        internal const int SIG_SETMASK = 2;

        /// <summary>SIG_DFL as a handler value.</summary>
        internal const nint SIG_DFL = 0;

        /// <summary>SIG_IGN as a handler value.</summary>
        internal const nint SIG_IGN = 1;

        /// <summary>glibc's sigset_t is 1024 bits.</summary>
        internal const int SigsetSize = 128;

        /// <summary>man 2 kill.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int kill(int pid, int sig);

        /// <summary>man 2 signal; returns the previous handler.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint signal(int signum, nint handler);

        /// <summary>man 2 sigprocmask (glibc sigset_t, <see cref="SigsetSize"/> bytes).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int sigprocmask(int how, byte* set, byte* oldset);

        /// <summary>man 3 sigemptyset.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int sigemptyset(byte* set);

        /// <summary>man 3 sigfillset.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int sigfillset(byte* set);

        /// <summary>man 3 sigaddset.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int sigaddset(byte* set, int signum);

        /// <summary>man 3 sigdelset.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int sigdelset(byte* set, int signum);
    }
}

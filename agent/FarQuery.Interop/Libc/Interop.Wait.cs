// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        // linux/wait.h; man 2 waitpid.
        internal const int WNOHANG = 0x1;
        internal const int WUNTRACED = 0x2;
        internal const int __WALL = 0x40000000;

        /// <summary>man 2 waitpid.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int waitpid(int pid, int* wstatus, int options);

        /// <summary>WIFEXITED.</summary>
        internal static bool WIFEXITED(int status) => (status & 0x7f) == 0;

        /// <summary>WEXITSTATUS.</summary>
        internal static int WEXITSTATUS(int status) => (status >> 8) & 0xff;

        /// <summary>WIFSIGNALED.</summary>
        internal static bool WIFSIGNALED(int status) => ((sbyte)((status & 0x7f) + 1) >> 1) > 0;

        /// <summary>WTERMSIG.</summary>
        internal static int WTERMSIG(int status) => status & 0x7f;

        /// <summary>WIFSTOPPED.</summary>
        internal static bool WIFSTOPPED(int status) => (status & 0xff) == 0x7f;

        /// <summary>WSTOPSIG.</summary>
        internal static int WSTOPSIG(int status) => (status >> 8) & 0xff;
    }
}

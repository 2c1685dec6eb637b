// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 2 setpgid.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int setpgid(int pid, int pgid);

        /// <summary>man 2 getpgrp.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static partial int getpgrp();

        /// <summary>man 3 isatty: 1 when the descriptor is a terminal.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static partial int isatty(int fd);

        /// <summary>man 3 tcgetpgrp: the foreground process group of the terminal, or -1 (ENOTTY when it is not our
        /// controlling terminal).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int tcgetpgrp(int fd);

        /// <summary>man 3 tcsetpgrp.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int tcsetpgrp(int fd, int pgrp);
    }
}

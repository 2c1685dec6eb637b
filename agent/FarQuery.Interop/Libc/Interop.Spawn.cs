// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>What <see cref="farquery_spawn"/> reports besides its return value: the step that failed when no child
        /// is left (1 mmap, 2 pipe2, 3 clone, 4 PTRACE_SEIZE), and the errno of the filter and of the exec, 0 if they
        /// worked.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct farquery_spawn_result
        {
            public int failed_step;
            public int filter_errno;
            public int exec_errno;
        }

        /// <summary>Starts argv[0] (PATH search) as a child of the calling thread, seized with <paramref name="options"/>
        /// before it installs the filter and execs, without a second exec (exec_stub.c; docs/tracer.md §3.8). Returns the
        /// child's pid once it has exec'd or failed to, or -errno when no child is left; argv and envp end with
        /// null.</summary>
        /// <remarks>Not a C library function: the NativeAOT binary binds libc's imports at link time (DirectPInvoke in
        /// FarQuery.Cli.csproj), which binds this one to exec_stub.c, linked into the same executable. Elsewhere (a JIT
        /// host, the tests) the C library has no such symbol and the call throws EntryPointNotFoundException before
        /// anything runs.</remarks>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int farquery_spawn(byte** argv, byte** envp, sock_filter* filter, ushort count, int options, farquery_spawn_result* result);
    }
}

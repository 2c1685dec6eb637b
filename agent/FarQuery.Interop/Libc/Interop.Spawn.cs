// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>What the child of <see cref="farquery_spawn"/> reports: the errno of each step, 0 if it worked.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct farquery_spawn_result
        {
            public int traceme_errno;
            public int filter_errno;
            public int exec_errno;
        }

        /// <summary>Starts argv[0] (PATH search) as a traced child of the calling thread without a second exec
        /// (exec_stub.c; docs/tracer.md §3.8). Returns the child's pid, or -errno when no child was made; argv and envp end
        /// with null.</summary>
        /// <remarks>Not a C library function: the NativeAOT binary binds libc's imports at link time (DirectPInvoke in
        /// FarQuery.Cli.csproj), which binds this one to exec_stub.c, linked into the same executable. Elsewhere (a JIT
        /// host, the tests) the C library has no such symbol and the call throws EntryPointNotFoundException before
        /// anything runs.</remarks>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int farquery_spawn(byte** argv, byte** envp, sock_filter* filter, ushort count, farquery_spawn_result* result);
    }
}

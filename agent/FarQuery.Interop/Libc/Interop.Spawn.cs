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

        // exec_stub.c's farquery_spawn, linked into the NativeAOT binary and exported by name for this lookup (the link
        // adds it to the dynamic symbol table, FarQuery.Cli.csproj LinkExecStub); absent from a JIT host such as a test runner.
        private static readonly nint SpawnAddress =
            NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "farquery_spawn", out var address) ? address : 0;

        /// <summary>Whether this process carries <see cref="farquery_spawn"/> (the NativeAOT binary does).</summary>
        internal static bool HasFarquerySpawn => SpawnAddress != 0;

        /// <summary>Starts argv[0] (PATH search) as a traced child of the calling thread without a second exec
        /// (docs/tracer.md §3.8). Returns the child's pid, or -errno when no child was made; argv and envp end with null.</summary>
        internal static unsafe int farquery_spawn(byte** argv, byte** envp, sock_filter* filter, ushort count, farquery_spawn_result* result)
            => ((delegate* unmanaged<byte**, byte**, sock_filter*, ushort, farquery_spawn_result*, int>)SpawnAddress)(argv, envp, filter, count, result);
    }
}

// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>The architecture this build targets (the project compiles one of Interop.Arch.x64.cs and
    /// Interop.Arch.arm64.cs): tables listing both architectures pick their column with it.</summary>
    internal static class Arch
    {
        internal const bool IsX64 = false;
    }
}

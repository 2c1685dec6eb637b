// SPDX-License-Identifier: Apache-2.0
using BenchmarkDotNet.Running;

namespace FarQuery.Benchmarks;

/// <summary>Entry point: pass BenchmarkDotNet's arguments (e.g. <c>--filter '*ProcNet*'</c>).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

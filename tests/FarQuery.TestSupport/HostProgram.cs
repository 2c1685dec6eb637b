// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.TestSupport;

/// <summary>Runs a program of this machine (a probe compiled for the test, python3, a tool) to learn a fact the test
/// compares the agent's view with.</summary>
public static class HostProgram
{
    /// <summary>The trimmed standard output of <paramref name="program"/> run with <paramref name="args"/>; throws,
    /// with its standard error, when it exits with anything but 0, so a broken probe fails the test that needed it.</summary>
    public static string Output(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {p.ExitCode}: {error.Result.Trim()}");
    }
}

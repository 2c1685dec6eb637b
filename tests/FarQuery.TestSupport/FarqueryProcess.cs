// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.TestSupport;

/// <summary>Runs the built <c>farquery</c> executable to its end with its own admin socket, so that no other test's
/// <c>farquery query</c> reaches it.</summary>
public static class FarqueryProcess
{
    /// <summary>Runs <c>farquery <paramref name="args"/></c>; returns its exit code, stdout and stderr.</summary>
    public static (int Code, string Stdout, string Stderr) Run(IEnumerable<string> args, string? workingDirectory = null, string? binary = null, int timeoutSeconds = 90)
    {
        var start = new ProcessStartInfo(binary ?? RepoRoot.Farquery) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["FARQUERY_SOCKET"] = Path.Combine(Path.GetTempPath(), "fq-test-" + Guid.NewGuid().ToString("N") + ".sock");
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"farquery {string.Join(' ', args)} did not finish within {timeoutSeconds} s");
        }

        return (p.ExitCode, stdout, stderr.Result);
    }
}

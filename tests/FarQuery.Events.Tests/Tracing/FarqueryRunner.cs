// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text.Json;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Runs the built <c>farquery</c> binary (copied next to the tests) as a child process, the way a container
/// runtime starts it, and parses the rows <c>--print-events</c> writes to stderr.</summary>
internal static class FarqueryRunner
{
    /// <summary>The farquery apphost in the test output directory.</summary>
    public static string Binary => FarQuery.TestSupport.RepoRoot.Farquery;

    /// <summary>Runs <c>farquery run --print-events -- argv</c> (optionally through a wrapper) to completion.</summary>
    public static RunResult Run(IEnumerable<string> argv, string? cwd = null, string[]? wrapper = null, string[]? runOptions = null)
    {
        using var p = Start(argv, cwd, wrapper, runOptions);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(true);
            throw new TimeoutException("farquery run did not finish");
        }

        return new RunResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts farquery without waiting.</summary>
    public static Process Start(IEnumerable<string> argv, string? cwd = null, string[]? wrapper = null, string[]? runOptions = null)
    {
        var psi = new ProcessStartInfo(wrapper?[0] ?? Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Path.GetTempPath(),
        };
        // Each run its own admin socket: on the default path, a parallel test's `farquery query` would reach this agent.
        psi.Environment["FARQUERY_SOCKET"] = Path.Combine(Path.GetTempPath(), "fq-test-" + Guid.NewGuid().ToString("N") + ".sock");
        if (wrapper is not null)
        {
            foreach (var w in wrapper.Skip(1))
            {
                psi.ArgumentList.Add(w);
            }

            psi.ArgumentList.Add(Binary);
        }

        psi.ArgumentList.Add("run");
        psi.ArgumentList.Add("--print-events");
        foreach (var o in runOptions ?? [])
        {
            psi.ArgumentList.Add(o);
        }

        psi.ArgumentList.Add("--");
        foreach (var a in argv)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }
}

/// <summary>Exit code, output and the event rows of one run.</summary>
internal sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Every printed event row.</summary>
    public List<JsonElement> Events { get; } = Parse(Stderr);

    /// <summary>Rows of one table.</summary>
    public List<JsonElement> Rows(string table) => Events.Where(e => e.GetProperty("table").GetString() == table).ToList();

    /// <summary>Rows of a table whose column equals a value.</summary>
    public List<JsonElement> Rows(string table, string column, string value) =>
        Rows(table).Where(e => e.GetProperty(column).ValueKind == JsonValueKind.String && e.GetProperty(column).GetString() == value).ToList();

    /// <summary>Everything on stderr that is not an event row.</summary>
    public string Messages => string.Join('\n', Stderr.Split('\n').Where(l => !l.StartsWith("{\"table\"", StringComparison.Ordinal)));

    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

    private static List<JsonElement> Parse(string stderr) =>
        stderr.Split('\n')
            .Where(l => l.StartsWith("{\"table\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
}

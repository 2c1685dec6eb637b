// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Aot.Tests;

/// <summary>One NativeAOT publish shared by every test class of this project: two publishes of the same project at once
/// would fight over its obj/ folder.</summary>
[CollectionDefinition("aot")]
public sealed class AotCollection : ICollectionFixture<AotPublishTests.Published>;

/// <summary>Publishes the agent once with NativeAOT (the shape it ships in) and runs the binary without .NET.</summary>
[Collection("aot")]
public sealed class AotPublishTests
{
    private readonly Published published;

    public AotPublishTests(Published published) => this.published = published;

    /// <summary>One publish for the whole class: it takes tens of seconds.</summary>
    public sealed class Published : IDisposable
    {
        public Published()
        {
            // FARQUERY_AOT_DIR names a folder already published the same way (the command below): the tests then run
            // against it instead of publishing again, and leave it in place.
            if (Environment.GetEnvironmentVariable("FARQUERY_AOT_DIR") is { Length: > 0 } reuse && File.Exists(Path.Join(reuse, "farquery")))
            {
                (Directory, ExitCode, Output, owned) = (reuse, 0, "", false);
                return;
            }

            owned = true;
            Directory = Path.Join(Path.GetTempPath(), "farquery-aot-" + Guid.NewGuid().ToString("N")[..8]);
            var root = RepoRoot.Path;
            (ExitCode, Output) = Run("dotnet", ["publish", Path.Join(root, "agent", "FarQuery.Cli", "FarQuery.Cli.csproj"),
                "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-p:TreatWarningsAsErrors=true", "-o", Directory], null);
        }

        public string Directory { get; }

        public int ExitCode { get; }

        public string Output { get; }

        public string Binary => Path.Join(Directory, "farquery");

        private readonly bool owned;

        public void Dispose()
        {
            if (!owned)
            {
                return;
            }

            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

    }

    internal static (int ExitCode, string Output) Run(string file, string[] args, Dictionary<string, string>? cleanEnvironment)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (cleanEnvironment is not null)
        {
            psi.Environment.Clear();
            foreach (var (k, v) in cleanEnvironment)
            {
                psi.Environment[k] = v;
            }
        }

        // Its own admin socket, unless the caller chose one: on the default path, an agent started by a parallel test
        // would answer this binary's queries, or this one's agent would answer theirs.
        if (!psi.Environment.ContainsKey("FARQUERY_SOCKET"))
        {
            psi.Environment["FARQUERY_SOCKET"] = Path.Combine(Path.GetTempPath(), "fq-test-" + Guid.NewGuid().ToString("N") + ".sock");
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void Publish_NativeAot_SucceedsWithoutTrimOrAotWarnings()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        Assert.DoesNotContain("warning IL", published.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AOT analysis warning", published.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(published.Binary));

        // One native executable plus the SQLite library: no managed assemblies to load at run time.
        Assert.Empty(Directory.EnumerateFiles(published.Directory, "*.dll"));
    }

    [Fact]
    public void Binary_NoDotnetOnPath_AnswersCountOfProcesses()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var (code, output) = Run(published.Binary, ["query", "select count(*) as n from processes", "--csv"],
            new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
        Assert.True(code == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("n", lines[0]);
        Assert.True(int.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture) > 0, output);
    }

    [Fact]
    public void Binary_ColdQuery_LoadsNoLibraryBySearch()
    {
        Assert.True(published.ExitCode == 0, published.Output);

        // glibc's loader reports every library it looks for by name ("find library=") and every file it loads ("file=").
        // libc is bound at link time and SQLite loaded by its exact file (docs/tracer.md, "The start path"): after the
        // executable's own libraries, nothing is searched for.
        var (code, output) = Run(published.Binary, ["query", "--local", "select count(*) as n from processes"],
            new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["LD_DEBUG"] = "libs,files" });
        Assert.True(code == 0, output);
        Assert.Contains("file=" + Path.Join(published.Directory, "libe_sqlite3.so"), output, StringComparison.Ordinal);
        var searched = output.Split('\n').Where(l => l.Contains("find library=", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("find library=", StringComparison.Ordinal) + 13)..].Split(' ')[0]).ToList();
        Assert.All(searched, name => Assert.Contains(name, (string[])["libm.so.6", "libc.so.6", "ld-linux-x86-64.so.2"]));
    }

    [Fact]
    public void Binary_InvalidSql_ExitsNonZeroWithSqliteMessage()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var (code, output) = Run(published.Binary, ["query", "selec 1"], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
        Assert.NotEqual(0, code);
        Assert.Contains("near \"selec\": syntax error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_RegexFunctions_MatchAndSplitWithoutTheNonBacktrackingEngine()
    {
        Assert.True(published.ExitCode == 0, published.Output);

        // The NativeAOT build leaves out the engine of RegexOptions.NonBacktracking (agent/FarQuery.Cli/Trimming,
        // docs/tracer.md "Runtime data the binary carries"); osquery's regex functions use the backtracking one.
        var (code, output) = Run(published.Binary,
            ["query", "--local", "--csv", @"select regex_match('farquery-19-3', '([a-z]+)-(\d+)', 2) as m, regex_split('a1b22c', '[0-9]+', 1) as s"],
            new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
        Assert.True(code == 0, output);
        Assert.Equal(["m,s", "19,b"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

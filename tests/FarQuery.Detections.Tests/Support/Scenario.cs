// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Detections.Tests.Support;

/// <summary>A scratch working directory for one test, with fake tools (copies of real programs under a telling name,
/// since Falco's rules key on the kernel comm) and the C probe; system paths the test writes are removed on dispose.</summary>
internal sealed class Scenario : IDisposable
{
    private readonly List<string> cleanup = [];

    /// <summary>Creates an empty working directory.</summary>
    public Scenario()
    {
        Dir = Directory.CreateTempSubdirectory("fq-detect-").FullName;
        Id = Path.GetFileName(Dir)[10..];
    }

    /// <summary>The working directory the app runs in.</summary>
    public string Dir { get; }

    /// <summary>A short unique suffix for names the test creates in system directories.</summary>
    public string Id { get; }

    /// <summary>Copies <paramref name="source"/> into the working directory as <paramref name="name"/>, executable.</summary>
    public Scenario Tool(string name, string source = "/bin/true")
    {
        var path = Path.Join(Dir, name);
        // File.Copy keeps the source's permission bits on Unix, so the copy stays executable.
        File.Copy(source, path, overwrite: true);
        return this;
    }

    /// <summary>Puts the compiled C probe in the working directory as <paramref name="name"/>.</summary>
    public Scenario Probe(string name = "probe") => Tool(name, NativeProbe.Path);

    /// <summary>A system path the script creates: removed (file or directory tree) when the test ends, whatever happened.</summary>
    public string System(string path)
    {
        cleanup.Add(path);
        return path;
    }

    /// <summary>Variables set for farquery and the app on every run (e.g. a HOME of the test's own).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs the script under farquery in the working directory.</summary>
    public FarQueryRun Run(string script, params string[] options) => FarQueryRun.Shell(script, Dir, Environment, options);

    /// <summary>Runs the script and asserts that <paramref name="detection"/> raised at least one alert carrying its
    /// header's rule and priority and every alert column; returns its alerts.</summary>
    public IReadOnlyList<Alert> AssertFires(string detection, string script, params string[] options)
    {
        var header = Repository.Header(detection);
        var run = Run(script, options);
        var alerts = run.Of(detection);
        Assert.True(alerts.Count > 0, $"{detection} raised no alert.\n{run}");
        foreach (var a in alerts)
        {
            Assert.Equal("added", a.Action);
            Assert.Equal(header["rule"], a["rule"]);
            Assert.Equal(header["priority"], a["priority"]);
            Assert.False(string.IsNullOrEmpty(a["tags"]), a.ToString());
            foreach (var column in new[] { "pid", "name", "path", "cmdline", "parent", "parent_name", "parent_cmdline" })
            {
                Assert.True(a.Columns.ContainsKey(column), $"{detection}: alert has no '{column}' column: {a}");
            }
        }

        return alerts;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var path in cleanup)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not remove {path}: {e.Message}");
            }
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not remove {Dir}: {e.Message}");
        }
    }
}

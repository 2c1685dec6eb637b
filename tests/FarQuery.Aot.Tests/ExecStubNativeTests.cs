// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Aot.Tests;

/// <summary>exec_stub.c, the C exec stub linked into the NativeAOT binary: it must run before the .NET runtime starts
/// and behave as its C# twin (ExecStub.Run) does.</summary>
[Collection("aot")]
public sealed class ExecStubNativeTests
{
    private readonly AotPublishTests.Published published;

    public ExecStubNativeTests(AotPublishTests.Published published) => this.published = published;

    [StraceFact]
    public void Stub_Untraced_ExecsTheAppBeforeTheRuntimeStartsAnyThread()
    {
        Assert.True(published.ExitCode == 0, published.Output);

        // The .NET runtime starts threads as it initialises: none may appear between the stub's start and the app's exec.
        var log = Path.Join(Path.GetTempPath(), "fq-stub-" + Guid.NewGuid().ToString("N") + ".strace");
        try
        {
            var (code, output) = Stub("U", "strace", ["-f", "-e", "trace=clone,clone3,fork,vfork,execve", "-o", log, published.Binary, "__farquery-exec", "0", "--", "sh", "-c", "exit 5"]);
            Assert.True(code == 5, output);
            var lines = File.ReadAllLines(log);
            var appExec = lines.Select((l, i) => (l, i)).First(x => x.l.Contains("execve(\"/", StringComparison.Ordinal) && x.l.Contains("\"exit 5\"", StringComparison.Ordinal)).i;
            Assert.DoesNotContain(lines.Take(appExec), l => l.Contains("clone", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void Stub_MissingApp_Exits127WithTheErrno()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var (code, output) = Stub("U", published.Binary, ["__farquery-exec", "0", "--", "/nonexistent/app"]);
        Assert.Equal(127, code);
        Assert.Contains("farquery: cannot run '/nonexistent/app': ENOENT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stub_TracedWithoutAFilter_WarnsAndStillRunsTheApp()
    {
        // 'T' promises a filter; a tracer that dies before sending it must not keep the app from running.
        Assert.True(published.ExitCode == 0, published.Output);
        var (code, output) = Stub("T", published.Binary, ["__farquery-exec", "0", "--", "sh", "-c", "echo ran; exit 3"]);
        Assert.Equal(3, code);
        Assert.Contains("ran", output, StringComparison.Ordinal);
        Assert.Contains("sent no seccomp filter", output, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="file"/> with the control byte <paramref name="go"/> on fd 0, as the tracer would send it.</summary>
    private static (int Code, string Output) Stub(string go, string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Write(go);
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(30_000), "the stub did not finish");
        return (p.ExitCode, stdout + stderr.Result);
    }
}

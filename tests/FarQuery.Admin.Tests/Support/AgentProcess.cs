// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text;

namespace FarQuery.Admin.Tests.Support;

/// <summary>A real agent: the built <c>farquery serve</c> from the Cli project's output directory, in its own process,
/// stopped with SIGTERM.</summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stderr = new();
    private string? copiedBinary;

    private AgentProcess(Process process, string directory, string socketPath)
    {
        this.process = process;
        Directory = directory;
        SocketPath = socketPath;
    }

    public string Directory { get; }

    public string SocketPath { get; }

    public int Pid => process.Id;

    public string Errors
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>The farquery executable built next to these tests' configuration (Debug or Release).</summary>
    public static string Binary => FarQuery.TestSupport.RepoRoot.Farquery;

    public static AgentProcess Start(params string[] extraArgs) => Start(null, extraArgs);

    /// <summary>Starts the agent as uid 65534 (through setpriv) from a copy of the binary that user can read.</summary>
    public static AgentProcess StartAsNobody()
    {
        var binary = CopyBinaryForEveryone();
        var agent = Start(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary], []);
        agent.copiedBinary = Path.GetDirectoryName(binary);
        return agent;
    }

    private static AgentProcess Start(string[]? launcher, string[] extraArgs)
    {
        var directory = TempDirectory.Create();
        if (launcher is not null)
        {
            // The unprivileged agent must be able to create its socket here.
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }

        var socket = Path.Join(directory, "agent.sock");
        var psi = new ProcessStartInfo(launcher?[0] ?? Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])[.. launcher?[1..] ?? [], "serve", "--socket", socket, .. extraArgs])
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        var agent = new AgentProcess(process, directory, socket);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (agent.stderr)
            {
                agent.stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();

        // The socket file appears (renamed into place) only once the server listens.
        for (var i = 0; i < 600 && !File.Exists(socket) && !process.HasExited; i++)
        {
            Thread.Sleep(50);
        }

        Assert.True(File.Exists(socket), "farquery serve did not create its socket: " + agent.Errors);
        return agent;
    }

    /// <summary>SIGTERM, then the exit code.</summary>
    public int Terminate()
    {
        // The shell's builtin kill: no dependency on procps' /bin/kill.
        Run("/bin/sh", ["-c", "kill -TERM " + Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(process.WaitForExit(30_000), "farquery serve ignored SIGTERM");
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
        TempDirectory.Delete(Directory);
        if (copiedBinary is not null)
        {
            TempDirectory.Delete(copiedBinary);
        }
    }

    /// <summary>Runs a command to completion; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), $"{file} did not finish");
        return (p.ExitCode, output, err.Result);
    }

    /// <summary>A copy of the CLI's output folder in a world-readable temp folder, because the checkout itself may sit
    /// under a 0700 home that uid 65534 cannot enter.</summary>
    public static string CopyBinaryForEveryone()
    {
        var source = Path.GetDirectoryName(Binary)!;
        var target = TempDirectory.Create();
        File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Join(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        foreach (var dir in System.IO.Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        return Path.Join(target, "farquery");
    }
}

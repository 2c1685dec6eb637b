// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FarQuery.Response.Tests;

/// <summary>A real nats-server (Debian's package, which .ci/run installs) on a loopback port of its own.</summary>
internal sealed class NatsServer : IDisposable
{
    public const string Binary = "/usr/sbin/nats-server";

    private Process? process;

    public NatsServer(int? port = null, bool start = true)
    {
        Port = port ?? FarQuery.Remote.Tests.Support.TestHttpServer.FreePort();
        if (!start)
        {
            return;
        }

        // A free port found by binding and closing can be taken by a parallel test before the server binds it; nobody
        // has seen this server's URL yet, so a server that exits at once (address in use) is started again on others.
        for (var attempt = 1; !TryStart(out var why); attempt++)
        {
            if (port is not null || attempt == 3)
            {
                Assert.Fail("nats-server did not start: " + why);
            }

            Port = FarQuery.Remote.Tests.Support.TestHttpServer.FreePort();
            MonitorPort = FarQuery.Remote.Tests.Support.TestHttpServer.FreePort();
        }
    }

    public int Port { get; private set; }

    /// <summary>The monitoring port (<c>-m</c>): /varz counts the messages the server took in.</summary>
    public int MonitorPort { get; private set; } = FarQuery.Remote.Tests.Support.TestHttpServer.FreePort();

    /// <summary>Messages the server has received from publishers (its /varz <c>in_msgs</c>).</summary>
    public long InMessages()
    {
        using var http = new HttpClient();
        using var doc = System.Text.Json.JsonDocument.Parse(http.GetStringAsync($"http://127.0.0.1:{MonitorPort}/varz").GetAwaiter().GetResult());
        return doc.RootElement.GetProperty("in_msgs").GetInt64();
    }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>Whether the server can run here; on CI it must (the package is installed by .ci/run).</summary>
    public static bool Available()
    {
        if (File.Exists(Binary))
        {
            return true;
        }

        Assert.True(Environment.GetEnvironmentVariable("CI") != "true", Binary + " is missing on CI (.ci/run installs nats-server)");
        Console.Error.WriteLine("LOUD SKIP: " + Binary + " not installed (apt-get install nats-server); NATS tests not run");
        return false;
    }

    /// <summary>Starts the server on <see cref="Port"/> and waits until it accepts connections.</summary>
    public void Start()
    {
        if (!TryStart(out var why))
        {
            Assert.Fail("nats-server did not start: " + why);
        }
    }

    /// <summary>Starts the server and waits until it accepts connections; false, with its error output, when it exits
    /// first.</summary>
    private bool TryStart(out string why)
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", MonitorPort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var listening = false;
        Eventually.True(() => (listening = Accepts()) || process.HasExited, "nats-server listening on " + Port, 20);
        if (listening)
        {
            why = "";
            return true;
        }

        process.WaitForExit();
        why = $"exit code {process.ExitCode}; ports {Port} and {MonitorPort}; output: {string.Join(" | ", output)}";
        process.Dispose();
        process = null;
        return false;
    }

    private bool Accepts()
    {
        try
        {
            using var c = new TcpClient();
            c.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose() => Stop();

}

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
        if (start)
        {
            Start();
        }
    }

    public int Port { get; }

    /// <summary>The monitoring port (<c>-m</c>): /varz counts the messages the server took in.</summary>
    public int MonitorPort { get; } = FarQuery.Remote.Tests.Support.TestHttpServer.FreePort();

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

    public void Start()
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", MonitorPort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Eventually.True(() =>
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
        }, "nats-server listening on " + Port, 20);
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

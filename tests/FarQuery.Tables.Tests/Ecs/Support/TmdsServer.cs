// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FarQuery.Ecs.Testing;

/// <summary>A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) that plays the ECS task metadata endpoint: it serves
/// fixture bodies at <c>${uri}</c>, <c>${uri}/task</c>, <c>${uri}/taskWithTags</c>, <c>${uri}/stats</c> and
/// <c>${uri}/task/stats</c>, and can answer with an error status, stall past the client's timeout or drop the
/// connection. Shared by FarQuery.Ecs.Tests (linked) and the ECS table tests.</summary>
internal sealed class TmdsServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, Reply[]> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);
    private readonly Task acceptLoop;

    /// <summary>Starts listening.</summary>
    /// <param name="basePath">The opaque per-container path, as the agent puts in the variable.</param>
    public TmdsServer(string basePath = "/v4/bfa2636268144d039771334145e490c5-1117626119")
    {
        BasePath = basePath;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        acceptLoop = Task.Run(AcceptAsync);
    }

    /// <summary>The base path appended to the host.</summary>
    public string BasePath { get; }

    /// <summary>The value of ECS_CONTAINER_METADATA_URI_V4 for this server.</summary>
    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}{BasePath}";

    /// <summary>A closed port on loopback: bound, then released (nothing listens there afterwards).</summary>
    public static string ClosedPortUrl()
    {
        // Bound but never listening: the kernel refuses connections to it, and the port stays ours for the test run, so
        // no server or outgoing connection of a parallel test can take it between here and the request (a port picked
        // and closed again could be, and then the request reached that instead).
        var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        ReservedPorts.Add(reserved);
        return $"http://127.0.0.1:{((IPEndPoint)reserved.LocalEndPoint!).Port}/v4/closed";
    }

    /// <summary>The sockets behind <see cref="ClosedPortUrl"/>, kept open until the test process ends.</summary>
    private static readonly ConcurrentBag<Socket> ReservedPorts = [];

    /// <summary>A server with the fixture files of one scenario at their paths; null names are left unrouted (404).</summary>
    public static TmdsServer Scenario(string? container, string? task, string? taskStats = null, string? containerStats = null, string? taskWithTags = null)
    {
        var server = new TmdsServer();
        if (container is not null)
        {
            server.Route("", Reply.Fixture(container));
        }

        if (task is not null)
        {
            server.Route("/task", Reply.Fixture(task));
        }

        if (taskStats is not null)
        {
            server.Route("/task/stats", Reply.Fixture(taskStats));
        }

        if (containerStats is not null)
        {
            server.Route("/stats", Reply.Fixture(containerStats));
        }

        if (taskWithTags is not null)
        {
            server.Route("/taskWithTags", Reply.Fixture(taskWithTags));
        }

        return server;
    }

    /// <summary>Answers requests for <c>${uri}</c> + <paramref name="suffix"/> with the replies in order; the last one
    /// repeats.</summary>
    public void Route(string suffix, params Reply[] replies) => routes[BasePath + suffix] = replies;

    /// <summary>Requests received for <c>${uri}</c> + <paramref name="suffix"/>.</summary>
    public int Hits(string suffix) => hits.TryGetValue(BasePath + suffix, out var n) ? n : 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's exception; nothing to report.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var path = await ReadRequestPathAsync(stream);
                if (path is null)
                {
                    return;
                }

                var n = hits.AddOrUpdate(path, 1, (_, v) => v + 1);
                var reply = routes.TryGetValue(path, out var replies) ? replies[Math.Min(n, replies.Length) - 1] : Reply.Status(404, "not found");
                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay, stop.Token);
                }

                if (reply.DropConnection)
                {
                    // Closing without a byte of response: the client sees the connection end prematurely.
                    client.Client.Close(0);
                    return;
                }

                var head = $"HTTP/1.1 {reply.StatusCode} {Reason(reply.StatusCode)}\r\nContent-Type: application/json\r\nContent-Length: {reply.Body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
                await stream.WriteAsync(reply.Body, stop.Token);
                await stream.FlushAsync(stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up (timeout test) or the server is stopping.
            }
        }
    }

    private async Task<string?> ReadRequestPathAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), stop.Token);
            if (read == 0)
            {
                return null;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        var requestLine = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

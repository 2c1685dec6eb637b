// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin;

/// <summary>A blocking client of the admin socket, for the CLI: one connection, requests answered in order. Query
/// errors (SQL, time limit, size limit) throw <see cref="SqlQueryException"/> exactly as an in-process
/// <see cref="SqlHost"/> does, so callers print both the same way; transport problems throw
/// <see cref="AdminClientException"/>.</summary>
public sealed class AdminClient : IDisposable
{
    // Longer than the server's longest time limit (AdminServerOptions.MaxQueryTimeout), so a query the server will
    // still answer is not abandoned by the client first.
    private static readonly TimeSpan DefaultQueryWait = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ControlWait = TimeSpan.FromSeconds(15);
    private const int MaxResponseBytes = 256 << 20;

    private readonly Socket socket;
    private long nextId;

    private AdminClient(Socket socket, string path)
    {
        this.socket = socket;
        SocketPath = path;
    }

    /// <summary>The socket this client talks to.</summary>
    public string SocketPath { get; }

    /// <summary>Connects to the agent at <paramref name="path"/>.</summary>
    /// <exception cref="AdminClientException">No socket there, nobody listening, or no permission.</exception>
    public static AdminClient Connect(string path) => Connect(path, requireTrustedServer: false);

    /// <summary>Connects; with <paramref name="requireTrustedServer"/>, also checks with SO_PEERCRED that root or this
    /// user serves the socket. The default paths include one under the world-writable /tmp, where another user could
    /// listen first and collect our queries or feed us rows; a path named by the operator is taken as given.</summary>
    internal static AdminClient Connect(string path, bool requireTrustedServer)
    {
        if (!File.Exists(path))
        {
            throw new AdminClientException($"no agent socket at {path}") { BeforeRequest = true };
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            SendTimeout = (int)ControlWait.TotalMilliseconds,
        };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            if (requireTrustedServer
                && (!PeerCredentials.TryGet(socket, out var server) || (server.Uid != 0 && server.Uid != PeerCredentials.EffectiveUid)))
            {
                socket.Dispose();
                throw new AdminClientException($"not using {path}: it is served by uid {server.Uid}, neither root nor this user (pass --socket to use it anyway)") { BeforeRequest = true };
            }

            return new AdminClient(socket, path);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var why = e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "nobody is listening (the agent is not running?)",
                SocketError.AccessDenied => "permission denied (the socket is for root and the agent's user)",
                _ => e.Message,
            };
            throw new AdminClientException($"cannot connect to the agent at {path}: {why}", e) { BeforeRequest = true };
        }
    }

    /// <summary>Connects to the first default socket (<see cref="AdminSocketPath.Candidates"/>) that exists and accepts;
    /// null when none does. <paramref name="problem"/> tells why an existing socket could not be used.</summary>
    public static AdminClient? TryConnectDefault(out string? problem)
    {
        problem = null;
        var configured = Environment.GetEnvironmentVariable(AdminSocketPath.EnvironmentVariable) is { Length: > 0 };
        foreach (var path in AdminSocketPath.Candidates())
        {
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                return Connect(path, requireTrustedServer: !configured);
            }
            catch (AdminClientException e)
            {
                problem ??= e.Message;
            }
        }

        return null;
    }

    /// <summary>Runs one statement in the agent.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="timeout">Time limit; null for the server's default (10 s).</param>
    /// <param name="maxRows">Row limit; 0 for the server's default.</param>
    public QueryResult Query(string sql, TimeSpan? timeout = null, int maxRows = 0)
    {
        var response = Exchange(
            new AdminRequest
            {
                Type = RequestTypes.Query,
                Sql = sql,
                TimeoutMs = timeout is { } t ? (int)Math.Ceiling(t.TotalMilliseconds) : null,
                MaxRows = maxRows > 0 ? maxRows : null,
            },
            timeout is { } limit ? limit + Slack : DefaultQueryWait,
            queryAnswer: true);
        return new QueryResult(response.Columns ?? [], response.Rows ?? [], TimeSpan.FromMilliseconds(response.ElapsedMs ?? 0));
    }

    /// <summary>The agent's status.</summary>
    public StatusReport Status() =>
        Exchange(new AdminRequest { Type = RequestTypes.Status }, ControlWait).Status
        ?? throw new AdminClientException("the agent's status response had no status");

    /// <summary>The tables the agent serves.</summary>
    public IReadOnlyList<TableInfo> Tables() =>
        Exchange(new AdminRequest { Type = RequestTypes.Tables }, ControlWait).Tables
        ?? throw new AdminClientException("the agent's tables response had no tables");

    /// <inheritdoc/>
    public void Dispose() => socket.Dispose();

    private AdminResponse Exchange(AdminRequest request, TimeSpan wait, bool queryAnswer = false)
    {
        request.Id = ++nextId;
        AdminResponse? response;
        try
        {
            var frame = ClientFrameJson.EncodeRequest(request);
            SocketException? sendFailure = null;
            try
            {
                Frames.Write(socket, frame.WrittenSpan);
            }
            catch (SocketException e)
            {
                // The server may have refused us (peer check, client limit) and closed before our request went out:
                // its one frame is still queued for us to read, and says why, where EPIPE would not.
                sendFailure = e;
                wait = TimeSpan.FromSeconds(1);
            }

            socket.ReceiveTimeout = (int)Math.Min(int.MaxValue, wait.TotalMilliseconds);
            byte[]? payload;
            try
            {
                payload = Frames.Read(socket, MaxResponseBytes);
            }
            catch (Exception) when (sendFailure is not null)
            {
                throw sendFailure;
            }

            if (payload is null)
            {
                throw sendFailure ?? new AdminClientException($"the agent at {SocketPath} closed the connection without answering") as Exception;
            }

            // A query's answer is read without the generated serializer, whose first use costs a cold query more than
            // the rest of the client (ClientFrameJson); status and table lists keep it.
            response = queryAnswer ? ClientFrameJson.ReadQueryResponse(payload) : JsonSerializer.Deserialize(payload, AdminJsonContext.Default.AdminResponse);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
        {
            throw new AdminClientException($"the agent at {SocketPath} did not answer within {wait.TotalSeconds:0} s", e);
        }
        catch (SocketException e)
        {
            throw new AdminClientException($"lost the connection to the agent at {SocketPath}: {e.Message}", e);
        }
        catch (Exception e) when (e is JsonException or FrameException)
        {
            throw new AdminClientException($"the agent at {SocketPath} sent an invalid response: {e.Message}", e);
        }

        if (response is null)
        {
            throw new AdminClientException($"the agent at {SocketPath} sent an empty response");
        }

        if (response.Error is { } error)
        {
            if (response.Id == 0)
            {
                // Sent before or instead of reading our request: the peer check, the client limit, or a broken frame.
                throw new AdminClientException(error) { BeforeRequest = response.Code is ErrorCodes.PermissionDenied or ErrorCodes.Busy };
            }

            switch (response.Code)
            {
                case ErrorCodes.Timeout:
                    // The cause travels as the response's code, never in its words: callers branch on Kind alone.
                    throw new SqlQueryException(error, kind: SqlErrorKind.Timeout);
                case ErrorCodes.Sql or ErrorCodes.TooLarge or ErrorCodes.Busy:
                    throw new SqlQueryException(error);
                default:
                    throw new AdminClientException(error);
            }
        }

        if (response.Id != request.Id)
        {
            throw new AdminClientException($"the agent at {SocketPath} answered request {response.Id} instead of {request.Id}");
        }

        return response;
    }
}

// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin;

/// <summary>Serving one client: the peer check, then request frames answered in order until the client hangs up,
/// breaks the protocol or stops reading.</summary>
public sealed partial class AdminServer
{
    // How often a running query checks that its client is still connected.
    private static readonly TimeSpan HangupPoll = TimeSpan.FromMilliseconds(200);

    private async Task ServeAsync(Socket socket, long active)
    {
        try
        {
            if (!PeerCredentials.TryGet(socket, out var peer))
            {
                counters.Update(c => ++c.Refused);
                return;
            }

            if (peer.Uid != 0 && peer.Uid != PeerCredentials.EffectiveUid)
            {
                counters.Update(c => ++c.Refused);
                await TrySendAsync(socket, Error(0, ErrorCodes.PermissionDenied,
                    $"permission denied: uid {peer.Uid} (pid {peer.Pid}) may not use the agent's admin socket; only root and uid {PeerCredentials.EffectiveUid} may")).ConfigureAwait(false);
                return;
            }

            if (active > options.MaxClients)
            {
                // Full: the client that has waited longest for its own next request makes room; only when every slot
                // runs a query is the newcomer turned away.
                if (!idle.TryEvictOldest())
                {
                    counters.Update(c => ++c.RefusedBusy);
                    await TrySendAsync(socket, Error(0, ErrorCodes.Busy, $"the agent already runs queries for {options.MaxClients} admin clients; try again later")).ConfigureAwait(false);
                    return;
                }

                counters.Update(c => ++c.Evicted);
            }

            // A new client must send its first request soon; one that has been served may then stay connected and
            // silent for the idle limit, giving its slot to a newcomer only when all are taken.
            var wait = options.FirstRequestTimeout;
            while (!stopping.IsCancellationRequested)
            {
                byte[]? frame;
                idle.Waiting(socket);
                try
                {
                    frame = await Frames.ReadAsync(socket, options.MaxRequestBytes, wait, options.FrameTimeout, stopping.Token).ConfigureAwait(false);
                }
                catch (FrameException e)
                {
                    // The stream cannot be resynchronised after a bad length: answer once and hang up.
                    counters.Update(c => ++c.BadFrames);
                    await TrySendAsync(socket, Error(0, ErrorCodes.BadRequest, e.Message)).ConfigureAwait(false);
                    return;
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    counters.Update(c => ++c.DroppedClients);
                    return;
                }

                finally
                {
                    idle.Busy(socket);
                }

                wait = options.IdleTimeout;
                if (frame is null)
                {
                    return;
                }

                var response = await AnswerAsync(frame, socket).ConfigureAwait(false);
                if (response is null)
                {
                    // The client went away while its query ran.
                    return;
                }

                if (!await TrySendAsync(socket, response).ConfigureAwait(false))
                {
                    counters.Update(c => ++c.DroppedClients);
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset by the peer or closed by shutdown: the client is gone, the server is not affected.
        }
        finally
        {
            idle.Busy(socket);
            counters.Update(c => --c.ClientsActive);
            socket.Dispose();
        }
    }

    /// <summary>Parses and answers one frame; null when the client hung up before its answer was ready.</summary>
    private async Task<AdminResponse?> AnswerAsync(byte[] frame, Socket socket)
    {
        AdminRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(frame, AdminJsonContext.Default.AdminRequest);
        }
        catch (JsonException e)
        {
            counters.Update(c => ++c.BadFrames);
            return Error(0, ErrorCodes.BadRequest, "malformed request: " + e.Message);
        }

        if (request is null)
        {
            counters.Update(c => ++c.BadFrames);
            return Error(0, ErrorCodes.BadRequest, "malformed request: expected a JSON object");
        }

        switch (request.Type)
        {
            case RequestTypes.Query:
                return await QueryAsync(request, socket).ConfigureAwait(false);
            case RequestTypes.Status:
                return new AdminResponse { Id = request.Id, Status = BuildStatus() };
            case RequestTypes.Tables:
                return new AdminResponse { Id = request.Id, Tables = TableList() };
            default:
                counters.Update(c => ++c.BadFrames);
                return Error(request.Id, ErrorCodes.BadRequest, $"unknown request type '{request.Type}'; expected query, status or tables");
        }
    }

    private async Task<AdminResponse?> QueryAsync(AdminRequest request, Socket socket)
    {
        if (string.IsNullOrWhiteSpace(request.Sql))
        {
            counters.Update(c => ++c.BadFrames);
            return Error(request.Id, ErrorCodes.BadRequest, "a query request needs 'sql'");
        }

        // No check of the text here: the host's authorizer is the one SQL policy (SqlAuthorizer), and its refusals come
        // back below as a SqlQueryException with the reason, like any other SQL error.
        var started = Stopwatch.GetTimestamp();
        var timeout = request.TimeoutMs is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : options.QueryTimeout;
        if (timeout > options.MaxQueryTimeout)
        {
            timeout = options.MaxQueryTimeout;
        }

        var maxRows = request.MaxRows is > 0 and var rows ? Math.Min(rows, options.MaxRows) : options.MaxRows;
        using var hangup = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var job = new QueryJob(request.Sql, timeout, maxRows, started, hangup.Token);
        if (!workers.TryPost(job))
        {
            counters.Update(c => ++c.QueryErrors);
            return Error(request.Id, stopping.IsCancellationRequested ? ErrorCodes.ShuttingDown : ErrorCodes.Busy, "the agent's query queue is full; try again later");
        }

        while (!job.Completion.IsCompleted)
        {
            var wait = timeout - Stopwatch.GetElapsedTime(started);
            // WaitAsync drops its timer as soon as the job completes, so a busy server does not pile up timers.
            await ((Task)job.Completion).WaitAsync(wait > TimeSpan.Zero && wait < HangupPoll ? wait : HangupPoll, stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                // Still queued at its limit: answer now rather than when a worker frees up.
                job.TryWithdraw(new QueueTimeoutException(timeout));
            }

            if (!job.Completion.IsCompleted && HungUp(socket))
            {
                // Interrupt the query so the worker is free for others; nobody is left to read the answer.
                await hangup.CancelAsync().ConfigureAwait(false);
                await ((Task)job.Completion).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                counters.Update(c => ++c.Abandoned);
                return null;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            var result = await job.Completion.ConfigureAwait(false);
            counters.Update(c => ++c.Queries);
            return new AdminResponse { Id = request.Id, Columns = result.Columns, Rows = result.Rows, ElapsedMs = elapsed };
        }
        catch (SqlQueryException e) when (e.Kind == SqlErrorKind.Timeout && !stopping.IsCancellationRequested)
        {
            counters.Update(c => ++c.QueryErrors);
            counters.Update(c => ++c.Timeouts);
            return Error(request.Id, ErrorCodes.Timeout, $"query stopped: it ran past the time limit of {timeout.TotalSeconds:0.###} s", elapsed);
        }
        catch (QueueTimeoutException e)
        {
            counters.Update(c => ++c.QueryErrors);
            counters.Update(c => ++c.Timeouts);
            return Error(request.Id, ErrorCodes.Busy, e.Message, elapsed);
        }
        catch (SqlQueryException e)
        {
            counters.Update(c => ++c.QueryErrors);
            if (e.Kind == SqlErrorKind.MemoryBudget)
            {
                counters.Update(c => ++c.OverBudget);
            }

            var code = e.Kind is SqlErrorKind.RowLimit or SqlErrorKind.MemoryBudget ? ErrorCodes.TooLarge : ErrorCodes.Sql;
            return Error(request.Id, code, e.Message, elapsed);
        }
        catch (OperationCanceledException)
        {
            counters.Update(c => ++c.QueryErrors);
            return Error(request.Id, ErrorCodes.ShuttingDown, "the agent is shutting down", elapsed);
        }
        catch (Exception e)
        {
            // A bug in a table or the host must cost this query only, never the server.
            counters.Update(c => ++c.QueryErrors);
            return Error(request.Id, ErrorCodes.Sql, "internal error: " + e.Message, elapsed);
        }
    }

    /// <summary>A readable socket with nothing to read has reached end of stream: the peer closed it. A client that
    /// sent its next request early has bytes waiting and is not mistaken for gone.</summary>
    private static bool HungUp(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Sends a response within the write time limit; false when the client did not take it. A result too
    /// large for <see cref="AdminServerOptions.MaxResponseBytes"/> is replaced by an error.</summary>
    private async Task<bool> TrySendAsync(Socket socket, AdminResponse response)
    {
        var encoded = Frames.Encode(response, AdminJsonContext.Default.AdminResponse);
        var maxBytes = MaxResponseBytes;
        if (encoded.WrittenCount - Frames.HeaderSize > maxBytes)
        {
            counters.Update(c => ++c.QueryErrors);
            encoded = Frames.Encode(
                Error(response.Id, ErrorCodes.TooLarge, $"the result ({response.Rows?.Count ?? 0} rows, {encoded.WrittenCount - Frames.HeaderSize} bytes) exceeds the limit of {maxBytes} bytes; add a LIMIT or select fewer columns", response.ElapsedMs),
                AdminJsonContext.Default.AdminResponse);
        }

        try
        {
            await Frames.WriteAsync(socket, encoded.WrittenMemory, options.WriteTimeout, stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    private static AdminResponse Error(long id, string code, string message, double? elapsed = null) =>
        new() { Id = id, Code = code, Error = message, ElapsedMs = elapsed };
}

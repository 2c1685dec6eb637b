// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Scheduler.Logging;

/// <summary>JSON lines to a stream (stdout on Fargate, which the awslogs driver ships to CloudWatch). A bounded queue
/// and a writer thread keep a blocked pipe from stalling detections; lines that do not fit are dropped and counted.
/// Each line goes out in one write so it never interleaves with the app's own output mid-line.</summary>
public sealed class StreamSink : ILogSink
{
    private readonly WorkQueue<string> queue;
    private readonly Stream stream;
    private readonly Func<LogKind, bool> accepts;

    /// <summary>Creates a sink over a stream.</summary>
    public StreamSink(string name, Stream stream, int capacity = 10_000, Func<LogKind, bool>? accepts = null)
    {
        Name = name;
        this.stream = stream;
        this.accepts = accepts ?? (_ => true);
        queue = new WorkQueue<string>("farquery-log-" + name, capacity, WriteLine);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public long Dropped => queue.Dropped;

    /// <inheritdoc/>
    public void Write(LogKind kind, string line)
    {
        if (accepts(kind))
        {
            queue.Add(line);
        }
    }

    /// <inheritdoc/>
    public void Flush(TimeSpan timeout) => queue.Flush(timeout);

    /// <inheritdoc/>
    public void Dispose() => queue.Complete(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

    private bool WriteLine(string line)
    {
        try
        {
            stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
            stream.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // A closed stdout (the collector went away), or a stream disposed at exit while a write was stuck, must
            // not stop the agent (an exception here would end the process with the wrong exit code); the line is
            // counted as lost.
            return false;
        }
    }
}

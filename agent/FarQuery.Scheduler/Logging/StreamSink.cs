// SPDX-License-Identifier: Apache-2.0
using System.Threading.Channels;

namespace FarQuery.Scheduler.Logging;

/// <summary>JSON lines to a stream (stdout on Fargate, which the awslogs driver ships to CloudWatch). A bounded queue
/// and a writer thread keep a blocked pipe from stalling detections; lines that do not fit are dropped and counted.
/// Each line goes out in one write so it never interleaves with the app's own output mid-line.</summary>
public sealed class StreamSink : ILogSink
{
    private readonly Channel<string> queue;
    private readonly Stream stream;
    private readonly Thread writer;
    private readonly Func<LogKind, bool> accepts;
    private readonly object drained = new();
    private long dropped;
    private long pending;

    /// <summary>Creates a sink over a stream.</summary>
    public StreamSink(string name, Stream stream, int capacity = 10_000, Func<LogKind, bool>? accepts = null)
    {
        Name = name;
        this.stream = stream;
        this.accepts = accepts ?? (_ => true);
        queue = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        writer = new Thread(Pump) { IsBackground = true, Name = "farquery-log-" + name };
        writer.Start();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <inheritdoc/>
    public void Write(LogKind kind, string line)
    {
        if (!accepts(kind))
        {
            return;
        }

        Interlocked.Increment(ref pending);
        if (!queue.Writer.TryWrite(line))
        {
            Interlocked.Decrement(ref pending);
            Interlocked.Increment(ref dropped);
        }
    }

    /// <inheritdoc/>
    public void Flush(TimeSpan timeout)
    {
        // The writer pulses when the queue runs empty: at the app's exit this waits for the last lines, not for a poll.
        var until = DateTime.UtcNow + timeout;
        lock (drained)
        {
            while (Interlocked.Read(ref pending) > 0)
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return;
                }

                Monitor.Wait(drained, left);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Flush(TimeSpan.FromSeconds(2));
        queue.Writer.TryComplete();
        writer.Join(TimeSpan.FromSeconds(2));
    }

    private void Pump()
    {
        var reader = queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var line))
            {
                try
                {
                    stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
                    stream.Flush();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
                {
                    // A closed stdout (the collector went away), or a stream disposed at exit while a write was stuck, must
                    // not stop the agent (an exception here would end the process with the wrong exit code); the line is
                    // counted as lost.
                    Interlocked.Increment(ref dropped);
                }
                finally
                {
                    if (Interlocked.Decrement(ref pending) == 0)
                    {
                        lock (drained)
                        {
                            Monitor.PulseAll(drained);
                        }
                    }
                }
            }
        }
    }
}

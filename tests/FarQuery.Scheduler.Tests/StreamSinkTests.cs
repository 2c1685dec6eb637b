// SPDX-License-Identifier: Apache-2.0
using System.IO.Pipes;
using System.Text;
using FarQuery.Scheduler.Logging;

namespace FarQuery.Scheduler.Tests;

/// <summary>The stdout sink over real OS pipes: whole lines, a bounded queue whose overflow is counted, and a Flush that
/// returns when the last line is written.</summary>
public sealed class StreamSinkTests
{
    [Fact]
    public void Flush_AfterWrites_ReturnsWithEveryLineWritten()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
        var received = new StringBuilder();
        var reader = new Thread(() =>
        {
            using var text = new StreamReader(pipe);
            received.Append(text.ReadToEnd());
        });
        reader.Start();

        using (var sink = new StreamSink("test", client))
        {
            for (var i = 0; i < 500; i++)
            {
                sink.Write(LogKind.Result, "{\"n\":" + i + "}");
            }

            sink.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(0, sink.Dropped);
        }

        client.Dispose();
        pipe.DisposeLocalCopyOfClientHandle();
        reader.Join();
        var lines = received.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(500, lines.Length);
        Assert.Equal("{\"n\":499}", lines[^1]);
    }

    [Fact]
    public void Write_PipeNotRead_QueueOverflowIsDroppedAndCounted()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
        var sink = new StreamSink("test", client, capacity: 4);

        // Lines larger than the pipe's buffer: the writer thread blocks on the first it takes (if it took one yet), the
        // queue holds four, the rest drop.
        var line = new string('x', 100_000);
        for (var i = 0; i < 20; i++)
        {
            sink.Write(LogKind.Result, line);
        }

        Assert.InRange(sink.Dropped, 15, 16);

        // Flush gives up at its timeout instead of hanging on a stuck collector.
        sink.Flush(TimeSpan.FromMilliseconds(200));

        var drain = new Thread(() => pipe.CopyTo(Stream.Null));
        drain.Start();
        sink.Dispose();
        client.Dispose();
        pipe.DisposeLocalCopyOfClientHandle();
        drain.Join();
    }

    [Fact]
    public void Write_ReaderGone_LinesAreCountedAsLost()
    {
        var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
        pipe.Dispose();
        using var sink = new StreamSink("test", client);
        sink.Write(LogKind.Result, "{}");
        sink.Write(LogKind.Status, "{}");
        sink.Flush(TimeSpan.FromSeconds(30));
        Assert.Equal(2, sink.Dropped);
    }

    [Fact]
    public void Write_KindNotAccepted_IsNeitherWrittenNorDropped()
    {
        using var stream = new MemoryStream();
        using (var sink = new StreamSink("test", stream, accepts: k => k == LogKind.Result))
        {
            sink.Write(LogKind.Status, "status");
            sink.Write(LogKind.Result, "result");
            sink.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(0, sink.Dropped);
        }

        Assert.Equal("result\n", Encoding.UTF8.GetString(stream.ToArray()));
    }
}

// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Scheduler.Logging;

/// <summary>What a log line is, so sinks can route it (results and snapshots to different files, as osquery's
/// filesystem logger does).</summary>
public enum LogKind
{
    /// <summary>Differential or event result.</summary>
    Result,
    /// <summary>Snapshot result.</summary>
    Snapshot,
    /// <summary>Status (info, warning, error).</summary>
    Status,
}

/// <summary>A destination for log lines. Writes must not block the scheduler: a sink buffers and counts what it drops.</summary>
public interface ILogSink : IDisposable
{
    /// <summary>Sink name for status reporting.</summary>
    string Name { get; }

    /// <summary>Lines dropped because the sink's buffer was full or its target failed.</summary>
    long Dropped { get; }

    /// <summary>Queues one line.</summary>
    void Write(LogKind kind, string line);

    /// <summary>Waits until queued lines are written (or the timeout passes).</summary>
    void Flush(TimeSpan timeout);
}

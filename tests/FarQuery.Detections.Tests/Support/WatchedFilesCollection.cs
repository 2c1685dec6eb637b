// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Detections.Tests.Support;

/// <summary>Test classes that open the files every agent watches by default (/etc/shadow, /root/.ssh, credential files),
/// and those that assert a workload raises nothing. An inotify watch is on the file, not on a process tree: an open by a
/// test in another class would reach every agent running at that moment, and the agent of a "raises nothing" test would
/// name one of its own processes as the reader (docs/tracer.md §5, "The reader"). So these classes never run at the same
/// time; the others still run in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class WatchedFilesCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "files every agent watches";
}

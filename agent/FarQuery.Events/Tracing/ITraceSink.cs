// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>Receives the tracer's decoded events, on the tracer thread; implementations must be quick and must not throw
/// (the app is stopped while they run).</summary>
public interface ITraceSink
{
    /// <summary>An exec, fork/vfork/clone, exit, or one of the rarer process-level syscalls (ptrace, setuid, ...).</summary>
    void OnProcess(ProcessEvent e);

    /// <summary>A connect, bind, listen, accept, or AF_PACKET socket.</summary>
    void OnSocket(SocketEvent e);

    /// <summary>A file write-open, creat, rename, unlink, mkdir, rmdir, chmod, link or symlink.</summary>
    void OnFile(FileEvent e);
}

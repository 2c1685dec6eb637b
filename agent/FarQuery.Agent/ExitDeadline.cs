// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Agent;

/// <summary>The agent's promise once the app has exited: it exits with the app's code within
/// <see cref="AgentRuntime.ExitBound"/>, whatever is still running. The drain, the log flush and every disposal have
/// their own shorter bounds; this watchdog is what makes the promise hold when one of them is stuck in a system call
/// (a read on a dead mount, a write to a pipe nobody reads): past the deadline it calls _exit(2) with the app's code.
/// As the container's PID 1, a wedged agent would otherwise keep a finished task running.
/// The watchdog's thread is started while the app runs and waits there to be armed: starting a thread makes the caller
/// spin until the thread runs, which at the app's exit, with both CPUs still busy with the last detections, cost tens of
/// milliseconds of the exit (docs/tracer.md §6, "The exit path").</summary>
internal sealed class ExitDeadline : IDisposable
{
    private readonly ManualResetEventSlim armed = new();
    private readonly ManualResetEventSlim done = new();
    private int code;
    private TimeSpan bound;

    private ExitDeadline()
    {
        var thread = new Thread(Watch) { IsBackground = true, Name = "farquery-exit-deadline" };
        thread.Start();
    }

    /// <summary>Starts the watchdog's thread, not armed yet.</summary>
    public static ExitDeadline Start() => new();

    /// <summary>Arms the watchdog: unless disposed within <paramref name="limit"/>, the process exits with
    /// <paramref name="exitCode"/>. Returns this, for a using statement around the exit work.</summary>
    public ExitDeadline Arm(int exitCode, TimeSpan limit)
    {
        code = exitCode;
        bound = limit;
        armed.Set();
        return this;
    }

    /// <summary>Disarms the watchdog (the agent finished its exit work in time, or never armed it).</summary>
    public void Dispose()
    {
        done.Set();
        armed.Set();
    }

    private void Watch()
    {
        armed.Wait();
        // ManualResetEventSlim's Set is a full fence: code and bound written before it are seen here.
        if (!done.IsSet && !done.Wait(bound))
        {
            Interop.Libc._exit(code);
        }
    }
}

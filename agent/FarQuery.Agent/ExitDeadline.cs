// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Agent;

/// <summary>The agent's promise once the app has exited: it exits with the app's code within
/// <see cref="AgentRuntime.ExitBound"/>, whatever is still running. The drain, the log flush and every disposal have
/// their own shorter bounds; this watchdog is what makes the promise hold when one of them is stuck in a system call
/// (a read on a dead mount, a write to a pipe nobody reads): past the deadline it calls _exit(2) with the app's code.
/// As the container's PID 1, a wedged agent would otherwise keep a finished task running.</summary>
internal sealed class ExitDeadline : IDisposable
{
    private readonly ManualResetEventSlim done = new();

    private ExitDeadline(int code, TimeSpan bound)
    {
        var thread = new Thread(() =>
        {
            if (!done.Wait(bound))
            {
                Interop.Libc._exit(code);
            }
        })
        { IsBackground = true, Name = "farquery-exit-deadline" };
        thread.Start();
    }

    /// <summary>Arms the watchdog: unless disposed within <paramref name="bound"/>, the process exits with
    /// <paramref name="code"/>.</summary>
    public static ExitDeadline Arm(int code, TimeSpan bound) => new(code, bound);

    /// <summary>Disarms the watchdog (the agent finished its exit work in time).</summary>
    public void Dispose() => done.Set();
}
